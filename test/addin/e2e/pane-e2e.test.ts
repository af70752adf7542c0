import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { toInstant } from '@workplace-sync/shared';
import { describeIfAvailable } from '../../support/system-requirements.js';
import { CHROMIUM_PATH, chromiumRequirement } from '../../support/addin-requirements.js';
import { buildPane, startPaneStack } from '../../support/pane-stack.js';

// The harness page against the add-in API and both emulators, in headless Chromium: the production
// build of the pane, the real office.js from @microsoft/office-js with the simulated mailbox around it.

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const artifacts = path.join(repositoryRoot, 'test-results/addin');
const ORGANIZER = 'adele.vance@contoso.com';
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** A Monday at least two days ahead, 10:00–11:00 in Brussels (inside every Brussels room's opening hours). */
function nextMonday(weeksLater = 0): { start: string; end: string } {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() + 2);
  while (day.getUTCDay() !== 1) day.setUTCDate(day.getUTCDate() + 1);
  day.setUTCDate(day.getUTCDate() + weeksLater * 7);
  const date = day.toISOString().slice(0, 10);
  return {
    start: toInstant({ dateTime: `${date}T10:00:00`, timeZone: 'Europe/Brussels' }).toISOString(),
    end: toInstant({ dateTime: `${date}T11:00:00`, timeZone: 'Europe/Brussels' }).toISOString(),
  };
}

const harnessUrl = (base: string, meeting: Record<string, unknown>, extra = '') =>
  `${base}/harness.html?${new URLSearchParams({ meeting: JSON.stringify({ user: ORGANIZER, ...meeting }) })}${extra}`;

describeIfAvailable(
  'add-in e2e: the harness in Chromium against the API and both emulators',
  chromiumRequirement(),
  () => {
    let pane: Awaited<ReturnType<typeof buildPane>>;
    let stack: Awaited<ReturnType<typeof startPaneStack>>;
    let browser: Browser;

    beforeAll(async () => {
      mkdirSync(artifacts, { recursive: true });
      pane = await buildPane();
      stack = await startPaneStack(pane.dir);
      browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await stack?.close();
      pane?.remove();
    });

    async function openHarness(meeting: Record<string, unknown>, options: { width?: number; extra?: string } = {}) {
      const context: BrowserContext = await browser.newContext({
        viewport: { width: options.width ?? 1100, height: 900 },
        timezoneId: 'Europe/Brussels',
        locale: 'en-GB',
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      // The pane's chunks (loaded up front or lazily) all come from the server, offline. (office.js's own
      // telemetry frame, elsewhere, fails offline: not ours.)
      const network = { scripts: [] as string[], failed: [] as string[] };
      page.on('request', (request) => {
        if (request.resourceType() === 'script') network.scripts.push(request.url());
      });
      page.on('requestfailed', (request) => {
        if (new URL(request.url()).origin === new URL(stack.url).origin) network.failed.push(request.url());
      });
      // The CDN must never be needed (the harness serves office.js itself); fail loudly if it is.
      await page.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
      await page.goto(harnessUrl(stack.url, meeting, options.extra));
      return { page, context, errors, network };
    }

    const roomList = (page: Page, name = 'Rooms') => page.getByRole('list', { name });

    /** Moves focus with Tab only until the element with this accessible name (or label) has it. */
    async function tabTo(page: Page, name: string, maxPresses = 60) {
      for (let press = 0; press < maxPresses; press++) {
        await page.keyboard.press('Tab');
        // Runs in the page (DOM types are not in this Node project's lib).
        const focused = await page.evaluate(
          '(() => { const e = document.activeElement; if (!e) return ""; const label = e.labels && e.labels[0];' +
            ' return e.getAttribute("aria-label") ?? (label ? label.textContent.trim() : e.textContent.trim()); })()',
        );
        if (focused === name) return;
      }
      throw new Error(`Tab never reached “${name}”`);
    }

    type HitTarget = {
      getBoundingClientRect(): { x: number; y: number; width: number; height: number };
      ownerDocument: { elementFromPoint(x: number, y: number): unknown };
      contains(other: unknown): boolean;
    };
    /** Whether a pointer at the control's centre reaches the control itself (nothing painted over it). */
    async function isReachableByPointer(control: Locator) {
      await control.scrollIntoViewIfNeeded();
      return control.evaluate((element: HitTarget) => {
        const box = element.getBoundingClientRect();
        const hit = element.ownerDocument.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
        return hit !== null && element.contains(hit);
      });
    }

    /** Every quantity input and Remove button of the line editor, at the pane's current width. */
    async function expectLineControlsReachable(page: Page, what: string) {
      const controls = [
        ...(await page.getByRole('spinbutton', { name: /^Quantity of / }).all()),
        ...(await page.getByRole('button', { name: /^Remove (?!.* and release$)/ }).all()),
      ];
      expect(controls.length).toBeGreaterThan(0);
      for (const control of controls) {
        const name = (await control.getAttribute('aria-label')) ?? (await control.getAttribute('id'));
        expect([what, name, await isReachableByPointer(control)]).toEqual([what, name, true]);
      }
    }

    async function expectNoAxeViolations(page: Page, what: string) {
      const result = await new AxeBuilder({ page }).include('#pane-frame').withTags(WCAG_22_AA).analyze();
      const violations = result.violations.map(
        (violation) => `${what}: ${violation.id} (${violation.nodes.length}) ${violation.help}`,
      );
      expect(violations).toEqual([]);
    }

    test('a single meeting, keyboard only: choose, book, the hold is in Workplace with its lines; then Send', async () => {
      const meeting = nextMonday();
      const { page, context, errors } = await openHarness({ ...meeting, subject: 'Budget review' });
      await roomList(page).waitFor({ timeout: 20_000 });
      await expectNoAxeViolations(page, 'room list');
      await page.getByRole('button', { name: 'Choose Atrium' }).waitFor();
      await page
        .locator('#pane-frame')
        .focus()
        .catch(() => undefined);
      await tabTo(page, 'Choose Atrium');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Atrium', level: 2 }).waitFor();
      await expectNoAxeViolations(page, 'booking panel');
      // Catering by keyboard: type-ahead in the native select, then the Add button.
      await tabTo(page, 'Add equipment or catering');
      await page.keyboard.type('Coffee');
      await tabTo(page, 'Add');
      await page.keyboard.press('Enter');
      await page.getByRole('spinbutton', { name: 'Quantity of Coffee and tea' }).waitFor();
      await tabTo(page, 'Book Atrium');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Atrium is held for this meeting' }).waitFor({ timeout: 15_000 });
      await expectNoAxeViolations(page, 'booked');
      await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Atrium is held');

      const held = stack.workplace
        .snapshot()
        .reservations.filter((reservation) => reservation.responsible.email === ORGANIZER);
      expect(held).toHaveLength(1);
      expect(held[0]).toMatchObject({
        status: 'tentative',
        source: 'outlook',
        subject: 'Budget review',
        timeZone: 'Europe/Brussels',
      });
      expect(held[0]!.lines.map((line) => [line.type, line.objectId, line.quantity ?? null, line.status])).toEqual([
        ['area', 'a-bru-0.01', null, 'tentative'],
        ['catalogItem', 'ci-coffee', 1, 'tentative'],
      ]);
      await expect.poll(() => page.getByText('Locations: room-brussels-0.01@contoso.com').count()).toBe(1);

      await page.getByRole('button', { name: 'Send' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText(/^Sent \(event/).waitFor({ timeout: 15_000 });
      const sent = stack.graph.control.mailboxEvents(ORGANIZER) as Array<Record<string, unknown>>;
      expect(sent.some((event) => event.subject === 'Budget review')).toBe(true);

      // The organizer opens the sent meeting: the pane finds the hold by the tag it left on the item.
      await page.getByRole('link', { name: 'Open the sent meeting' }).click();
      await page.getByRole('list', { name: 'Reservation lines' }).waitFor({ timeout: 15_000 });
      expect(await page.getByText(/Waiting for the meeting from Exchange/).count()).toBe(1);
      await expectNoAxeViolations(page, 'read');
      // Read mode's line editor, at Outlook's narrow and wide pane widths.
      await page.getByRole('button', { name: 'Edit equipment and catering' }).click();
      // The line editor is a chunk of its own, loaded on first use.
      await page
        .getByRole('spinbutton', { name: /^Quantity of / })
        .first()
        .waitFor();
      for (const width of [320, 450]) {
        await page.setViewportSize({ width, height: 900 });
        await expectLineControlsReachable(page, `read mode at ${width} px`);
      }
      await page.getByRole('button', { name: 'Cancel' }).click();
      expect(errors).toEqual([]);
      await context.close();
    });

    test('a weekly series with one taken date: an alternative room for it, both holds in Workplace', async () => {
      const first = nextMonday(1);
      const taken = nextMonday(2);
      await stack.workplaceClient.createReservation(
        {
          subject: 'Kiosk',
          start: new Date(taken.start).toLocaleString('sv-SE', { timeZone: 'Europe/Brussels' }).replace(' ', 'T'),
          end: new Date(taken.end).toLocaleString('sv-SE', { timeZone: 'Europe/Brussels' }).replace(' ', 'T'),
          timeZone: 'Europe/Brussels',
          responsible: { email: 'nestor.wilke@contoso.com' },
          participants: [],
          recurrence: null,
          exceptions: [],
          lines: [{ type: 'area', objectId: 'a-bru-0.01' }],
          source: 'kiosk',
        },
        { idempotencyKey: `kiosk-${taken.start}` },
      );
      const { page, context, errors } = await openHarness({
        ...first,
        subject: 'Weekly planning',
        repeat: { kind: 'weekly', count: 4 },
      });
      const atrium = page
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name: 'Atrium', level: 3 }) });
      await atrium.getByText('Free for 3 of 4 dates').waitFor({ timeout: 20_000 });
      await atrium.getByRole('button', { name: 'Choose Atrium' }).click();
      await page.getByRole('heading', { name: /Dates \(4\): Atrium is taken on 1/ }).waitFor();
      const alternative = page.getByRole('combobox', { name: /^Room on / });
      // The suggestion: the smallest free room that fits, nearest first (Meuse); the user picks Ardennes.
      expect(await alternative.inputValue()).toBe('a-bru-1.02');
      await alternative.selectOption('a-bru-1.01');
      await page.getByText('Atrium is taken: Ardennes instead').waitFor();
      await expectNoAxeViolations(page, 'series plan');
      await page.getByRole('button', { name: 'Book Atrium and 1 other' }).click();
      await page.getByRole('heading', { name: 'Atrium is held for this meeting' }).waitFor({ timeout: 15_000 });
      expect(await page.getByText(/^Ardennes: /).count()).toBe(1);

      const mine = stack.workplace
        .snapshot()
        .reservations.filter(
          (reservation) => reservation.subject === 'Weekly planning' && reservation.status === 'tentative',
        );
      const series = mine.find((reservation) => reservation.recurrence !== null)!;
      const single = mine.find((reservation) => reservation.recurrence === null)!;
      expect(series.lines[0]!.objectId).toBe('a-bru-0.01');
      expect(series.exceptions.map((exception) => [Date.parse(exception.originalStart), exception.status])).toEqual([
        [Date.parse(taken.start), 'cancelled'],
      ]);
      expect(single.lines[0]!.objectId).toBe('a-bru-1.01');
      expect(toInstant({ dateTime: single.start, timeZone: single.timeZone }).toISOString()).toBe(taken.start);
      expect(errors).toEqual([]);
      await context.close();
    });

    test('rooms that cannot be booked have no button to tab to; a room that needs approval is requested', async () => {
      const morning = nextMonday(10);
      const tenHours = 10 * 3_600_000;
      const evening = {
        start: new Date(Date.parse(morning.start) + tenHours).toISOString(),
        end: new Date(Date.parse(morning.end) + tenHours).toISOString(),
      };
      const { page, context, errors } = await openHarness(evening);
      const list = roomList(page);
      await list.waitFor({ timeout: 20_000 });
      const rooms = await list.locator(':scope > li').count();
      const unavailable = await list.getByText('Unavailable', { exact: true }).count();
      expect(unavailable).toBeGreaterThan(0);
      expect(await list.getByRole('button', { name: /^(Choose|Request) / }).count()).toBe(rooms - unavailable);
      expect(await list.locator('[aria-disabled="true"], [disabled]').count()).toBe(0);
      await context.close();

      const second = await openHarness(morning);
      await roomList(second.page).getByRole('button', { name: 'Request Board room' }).waitFor({ timeout: 20_000 });
      expect(await second.page.getByRole('button', { name: 'Choose Board room' }).count()).toBe(0);
      expect([...errors, ...second.errors]).toEqual([]);
      await second.context.close();
    });

    test.each([320, 450])(
      '%i px wide, compose: every control of the line editor is reachable by pointer (the quantity covers no button)',
      async (width) => {
        const { page, context, errors } = await openHarness({ ...nextMonday(9) }, { width });
        await page.getByRole('button', { name: 'Choose Atrium' }).click({ timeout: 20_000 });
        await page.getByRole('heading', { name: 'Atrium', level: 2 }).waitFor();
        const add = page.getByRole('combobox', { name: 'Add equipment or catering' });
        for (const label of ['Coffee and tea', 'Beamer 1']) {
          await add.selectOption({ label });
          await page.getByRole('button', { name: 'Add', exact: true }).click();
        }
        await page.getByRole('spinbutton', { name: 'Quantity of Beamer 1' }).waitFor();
        await expectLineControlsReachable(page, `compose at ${width} px`);
        await page.getByRole('button', { name: 'Remove Coffee and tea' }).click();
        expect(await page.getByRole('spinbutton', { name: 'Quantity of Coffee and tea' }).count()).toBe(0);
        expect(errors).toEqual([]);
        await context.close();
      },
      60_000,
    );

    // The same views in French (Outlook's display language fr-FR): longer words must fit 320 px too.
    const LANGUAGES = {
      'en-US': { suffix: '', rooms: 'Rooms', choose: 'Choose Atrium' },
      'fr-FR': { suffix: '-fr', rooms: 'Salles', choose: 'Choisir Atrium' },
    };
    test.each([
      ['light', 'en-US'],
      ['dark', 'en-US'],
      ['light', 'fr-FR'],
      ['dark', 'fr-FR'],
    ] as const)(
      '320 px wide, %s, %s: no overflow, no WCAG 2.2 AA violations, screenshots saved',
      async (theme, language) => {
        const words = LANGUAGES[language];
        const { page, context, errors, network } = await openHarness(
          { ...nextMonday(8), theme },
          { width: 320, extra: `&lang=${language}` },
        );
        await roomList(page, words.rooms).waitFor({ timeout: 20_000 });
        expect(await page.evaluate('document.documentElement.lang')).toBe(language);
        const frame = page.locator('#pane-frame');
        const overflow = () =>
          frame.evaluate(
            (element: { scrollWidth: number; clientWidth: number }) => element.scrollWidth - element.clientWidth,
          );
        /** What the user sees of the pane: its first 640 px (Outlook on the web: 320 × 570). */
        const shoot = async (name: string) => {
          const box = (await frame.boundingBox())!;
          await page.screenshot({
            path: path.join(artifacts, name),
            fullPage: true,
            clip: { ...box, height: Math.min(box.height, 640) },
          });
        };
        expect(await overflow()).toBeLessThanOrEqual(0);
        // A compact list: each room two lines or so (full cards were about 190 px each at 320 px).
        const list = roomList(page, words.rooms);
        const rooms = await list.locator(':scope > li').count();
        const perRoom = (await list.boundingBox())!.height / rooms;
        expect(perRoom).toBeLessThanOrEqual(80);
        await expectNoAxeViolations(page, `${theme} ${language} at 320 px`);
        // Details open under a room's name, and stay clean for axe.
        await list.getByRole('button', { name: 'Atrium', exact: true }).click();
        await expectNoAxeViolations(page, `${theme} ${language} with details open at 320 px`);
        await shoot(`pane-320-${theme}${words.suffix}.png`);
        await page.getByRole('button', { name: words.choose }).click();
        await page.getByRole('heading', { name: 'Atrium', level: 2 }).waitFor();
        expect(await overflow()).toBeLessThanOrEqual(0);
        await expectNoAxeViolations(page, `${theme} ${language} booking panel at 320 px`);
        await shoot(`pane-320-${theme}${words.suffix}-booking.png`);
        expect(errors).toEqual([]);
        // The lazily loaded parts (room list, booking panel, a language other than English) came from the
        // server like the rest: no request elsewhere, none failed.
        const chunks = network.scripts.map((url) => new URL(url).pathname);
        expect(chunks).toEqual(expect.arrayContaining([expect.stringMatching(/^\/assets\/room-list-.*\.js$/)]));
        expect(chunks).toEqual(expect.arrayContaining([expect.stringMatching(/^\/assets\/booking-panel-.*\.js$/)]));
        if (language === 'fr-FR')
          expect(chunks).toEqual(expect.arrayContaining([expect.stringMatching(/^\/assets\/fr-.*\.js$/)]));
        expect(network.scripts.filter((url) => new URL(url).origin !== new URL(stack.url).origin)).toEqual([]);
        expect(network.failed).toEqual([]);
        await context.close();
      },
      60_000,
    );
  },
);
