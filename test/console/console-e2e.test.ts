import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { recordFailedJob } from '../../server/src/failed-items/failed-job-items.js';
import { bookingLinks, changeLatencies } from '../../server/src/storage/schema.js';
import { createSyncStore } from '../../server/src/storage/sync-store.js';
import { CHROMIUM_PATH, chromiumRequirement } from '../support/addin-requirements.js';
import { describeIfAvailable } from '../support/system-requirements.js';
import { buildConsole } from './support/build-console.js';
import { prepareCutoverRoom } from '../support/cutover-scenario.js';
import { NOT_AN_ADMIN, startEmbeddedAdminServer, weekdayAhead } from '../support/embedded-admin-server.js';
import type { EmbeddedAdminServer } from '../support/embedded-admin-server.js';

// The admin console's production build, served by the real server in the embedded default (both
// emulators, the queue and the sync), in headless Chromium.

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = path.join(repositoryRoot, 'test-results/admin');
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

describeIfAvailable('admin console e2e: Chromium against the embedded default', chromiumRequirement(), () => {
  let built: Awaited<ReturnType<typeof buildConsole>>;
  let admin: EmbeddedAdminServer;
  let browser: Browser;
  let areaNames: Map<string, string>;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    built = await buildConsole();
    admin = await startEmbeddedAdminServer({ consoleRoot: built.dir });
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-sync',
      ],
    });
    const links = (await admin.call('GET', '/admin/api/room-links')).json() as {
      areas: Array<{ areaId: string; name: string }>;
    };
    areaNames = new Map(links.areas.map((area) => [area.areaId, area.name]));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await admin?.close();
    built?.remove();
  });

  async function openConsole({
    search = '',
    colorScheme = 'light',
    locale = 'en-GB',
    signedIn = 'Signed in as Megan Bowen (megan.bowen@contoso.com)',
  }: {
    search?: string;
    colorScheme?: 'light' | 'dark';
    /** The browser's language (navigator.languages), which the console speaks when it can. */
    locale?: string;
    /** The header's "signed in" text in that language. */
    signedIn?: string;
  } = {}): Promise<{
    page: Page;
    context: BrowserContext;
    errors: string[];
  }> {
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      viewport: { width: 1400, height: 1000 },
      locale,
      colorScheme,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) errors.push(message.text());
    });
    await page.goto(`https://localhost:${admin.config.port}/admin/${search}`);
    await page.getByText(signedIn).waitFor({ timeout: 20_000 });
    return { page, context, errors };
  }

  const openTab = (page: Page, name: string) =>
    page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name }).click();

  async function expectNoAxeViolations(page: Page, what: string) {
    // Tabster's focus sentinels (in Fluent's charts) are focusable and aria-hidden by design: they only pass
    // focus on, and a screen reader must not announce them (microsoft/tabster#288).
    const result = await new AxeBuilder({ page }).withTags(WCAG_22_AA).exclude('[data-tabster-dummy]').analyze();
    const violations = result.violations.map(
      (violation) =>
        `${what}: ${violation.id} (${violation.nodes.length}) ${violation.help}: ${violation.nodes[0]?.target}`,
    );
    expect(violations).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, `${what.replace(/\W+/g, '-')}.png`), fullPage: true });
  }

  test('signs in as the demo admin and shows Workplace areas and Exchange rooms side by side', async () => {
    const { page, context, errors } = await openConsole();
    await page.getByRole('heading', { name: /^Workplace areas \(\d+\)$/ }).waitFor();
    await page.getByRole('heading', { name: /^Exchange rooms \(\d+\)$/ }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: /^Unlink / }).count()).toBeGreaterThan(20);
    await expectNoAxeViolations(page, 'room links');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('unlink a room, link it again and see its first sync finish', async () => {
    const { page, context, errors } = await openConsole();
    const name = areaNames.get('a-nyc-5.01')!;
    // Unlinking asks first; Cancel leaves the link as it is.
    await page.getByRole('button', { name: `Unlink ${name}` }).click();
    const confirm = page.getByRole('group', { name: `Unlink ${name}?` });
    await confirm.getByText('room-newyork-5.01@contoso.com', { exact: false }).waitFor();
    await expectNoAxeViolations(page, 'unlink confirmation');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: `Unlink ${name}` }).click();
    await confirm.getByRole('button', { name: 'Unlink', exact: true }).click();
    const select = page.getByRole('combobox', { name: `Exchange room for ${name}` });
    await select.waitFor();
    await expect.poll(() => select.inputValue()).toBe('room-newyork-5.01@contoso.com');
    await page.getByRole('status').filter({ hasText: 'unlinked' }).waitFor({ state: 'attached' });
    // The picker offers only rooms in the area's own city: no Brussels room for a New York area (its
    // options are filled in when it gets focus).
    await select.focus();
    await expect.poll(() => select.locator('option').count()).toBeGreaterThan(2);
    const offered = await select.locator('option').allTextContents();
    expect(offered.some((text) => text.includes('room-newyork-'))).toBe(true);
    expect(offered.some((text) => text.includes('room-brussels-'))).toBe(false);
    await page.getByRole('button', { name: `Link ${name}`, exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: name });
    await row.getByText(/^First sync finished · \d+ of \d+ bookings? synced$/).waitFor({ timeout: 30_000 });
    await row.getByRole('button', { name: `Unlink ${name}` }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  test('bulk link: a proposal by email for the unlinked rooms, then applied', async () => {
    const mailboxes = ['room-newyork-5.02@contoso.com', 'room-newyork-5.03@contoso.com'];
    for (const mailbox of mailboxes) await admin.call('DELETE', `/admin/api/room-links/${mailbox}`);
    const { page, context, errors } = await openConsole();
    await page.getByRole('button', { name: 'Propose links' }).click();
    const proposals = page.getByRole('table', { name: 'Proposed links' });
    for (const mailbox of mailboxes) await proposals.getByText(mailbox, { exact: false }).waitFor();
    await expectNoAxeViolations(page, 'bulk link proposals');
    await page.getByRole('button', { name: /^Link \d+ selected$/ }).click();
    await page.getByText(/^\d+ linked, 0 failed\.$/).waitFor();
    // One bar for the bulk's first syncs, to the end.
    await page
      .getByText(/^First syncs: (\d+) of \1 rooms finished · \d+ of \d+ bookings? synced$/)
      .waitFor({ timeout: 60_000 });
    for (const mailbox of mailboxes) await admin.syncFinished(mailbox);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('health per room, with the mailbox settings that disagree with Workplace', async () => {
    const { page, context, errors } = await openConsole();
    await openTab(page, 'Health');
    const warnings = page.getByRole('list', { name: 'Warnings for room-newyork-6.04@contoso.com' });
    await warnings.getByText(/Booking window: Exchange 30 days/).waitFor();
    await expectNoAxeViolations(page, 'health');
    expect(errors).toEqual([]);
    await context.close();
  });

  // The little of the DOM the layout check reads (the tests are typed without the DOM library).
  type Cell = {
    textContent: string | null;
    scrollWidth: number;
    clientWidth: number;
    getBoundingClientRect(): { left: number; right: number };
  };
  type TableElement = { querySelectorAll(selector: string): Iterable<{ children: Iterable<Cell> }> };

  /** Cells whose content runs past their box or over the next cell: none, at any width. */
  const overprintedCells = (page: Page, table: string) =>
    page.getByRole('table', { name: table }).evaluate((element: TableElement) => {
      const problems: string[] = [];
      for (const row of Array.from(element.querySelectorAll('tr'))) {
        const cells = Array.from(row.children);
        cells.forEach((cell, index) => {
          if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`${cell.textContent} overflows its cell`);
          // A column squeezed to a few letters a line is no better than overprinting.
          if (cell.clientWidth < 72) problems.push(`${cell.textContent} is squeezed to ${cell.clientWidth} px`);
          const next = cells[index + 1];
          if (next && cell.getBoundingClientRect().right > next.getBoundingClientRect().left + 1) {
            problems.push(`${cell.textContent} runs into ${next.textContent}`);
          }
        });
      }
      return problems;
    });

  test('search the sync log for a booking just made in Outlook: room names, zones, housekeeping, CSV, 800 and 1,280 px', async () => {
    const day = weekdayAhead(8);
    admin.emulators.graph.actAsUser('alex.wilber@contoso.com', {
      action: 'create',
      meeting: {
        subject: 'Found in the console, with a subject long enough to wrap in a narrow column of the sync log',
        start: { dateTime: `${day}T14:00:00`, timeZone: 'Europe/Brussels' },
        end: { dateTime: `${day}T14:30:00`, timeZone: 'Europe/Brussels' },
        rooms: ['room-brussels-2.04@contoso.com'],
      },
    });
    const { page, context, errors } = await openConsole();
    await openTab(page, 'Sync log');
    // The newest entries show as the tab opens, before any search.
    const entries = page.getByRole('table', { name: 'Sync log entries' });
    await entries.getByRole('row').nth(1).waitFor({ timeout: 15_000 });
    await page.getByLabel('Organizer').fill('alex.wilber');
    await page.getByLabel('Room', { exact: true }).fill(areaNames.get('a-bru-2.04')!);
    const found = entries.getByRole('row').filter({ hasText: 'Found in the console' }).filter({ hasText: 'created' });
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Search' }).click();
          await page.waitForTimeout(300);
          return found.count();
        },
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0);
    // The room by its name (not its mailbox), the time with its zone.
    await found
      .first()
      .getByRole('cell', { name: areaNames.get('a-bru-2.04')!, exact: true })
      .waitFor();
    expect(await found.first().getByRole('cell').first().textContent()).toMatch(/\d{2}:\d{2} (UTC|GMT|[A-Z]{3,4})/);
    // The search is in the URL.
    expect(page.url()).toContain('organizer=alex.wilber');
    await expectNoAxeViolations(page, 'sync log');

    // Housekeeping (our own writes coming back) is hidden until asked for.
    const actions = async () => (await entries.getByRole('row').allTextContents()).join(' ');
    await page.getByLabel('Organizer').fill('');
    await page.getByLabel('Room', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForTimeout(500);
    expect(await actions()).not.toMatch(/echo-ignored|skipped/);
    await page.getByRole('switch', { name: 'Show housekeeping (echoes, skipped)' }).check();
    await expect.poll(actions, { timeout: 10_000 }).toMatch(/echo-ignored|skipped/);

    // CSV of the current search.
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = await new Promise<string>((resolve, reject) => {
      void file.createReadStream().then((stream) => {
        let text = '';
        stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        stream.on('end', () => resolve(text));
        stream.on('error', reject);
      });
    });
    expect(csv.split('\r\n')[0]).toBe(
      'time (UTC),room,mailbox,subject,organizer,direction,action,reason,drift repaired,reservation,event',
    );
    expect(csv).toContain('Found in the console');
    expect(csv).toMatch(/echo-ignored|skipped/);

    // Columns never overprint, at 800 and 1,280 px.
    for (const width of [800, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(200);
      expect(await overprintedCells(page, 'Sync log entries'), `${width} px`).toEqual([]);
      await page.screenshot({ path: path.join(artifacts, `sync-log-${width}.png`), fullPage: true });
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  test('retry a failed item', async () => {
    await recordFailedJob(admin.server.database.db, {
      queue: 'room-changed',
      key: 'room-brussels-1.02@contoso.com',
      data: { mailbox: 'room-brussels-1.02@contoso.com' },
      attempts: 25,
      error: new Error('Graph 503 ServiceUnavailable (test)'),
      now: new Date(),
    });
    const { page, context, errors } = await openConsole();
    await openTab(page, 'Failed items');
    await page.getByText('Graph 503 ServiceUnavailable (test)').waitFor();
    await page
      .getByText(/^A room’s latest changes could not be synced after 25 attempts: the other side was busy/)
      .waitFor();
    await expectNoAxeViolations(page, 'failed items');
    await page.getByRole('button', { name: 'Retry job:room-changed room-brussels-1.02@contoso.com' }).click();
    const retried = page.getByRole('region', { name: 'Closed (retried, dismissed or synced)' });
    await retried.getByText('Graph 503 ServiceUnavailable (test)').waitFor();
    await page.getByRole('status').filter({ hasText: 'sent back to the queue' }).waitFor({ state: 'attached' });
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a quarantined booking: who and what it is, the reason, and Dismiss', async () => {
    await createSyncStore(admin.server.database.db).quarantine({
      direction: 'exchange-to-workplace',
      key: 'room-brussels-1.02@contoso.com AAMk-quarantined',
      mailbox: 'room-brussels-1.02@contoso.com',
      eventId: 'AAMk-quarantined',
      reservationId: null,
      booking: {
        room: 'room-brussels-1.02@contoso.com',
        organizer: 'adele.vance@contoso.com',
        subject: 'Board offsite',
        start: '2030-03-04T10:00:00 Europe/Brussels',
      },
      reason: 'Workplace does not take this booking: Workplace 400 INVALID_REQUEST (test)',
      raw: { subject: 'Board offsite', seenBy: 'the e2e test' },
    });
    const { page, context, errors } = await openConsole();
    // The tab carries the number of open items.
    const tabButton = page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: /^Failed items \(\d+ open\)$/ });
    await tabButton.waitFor();
    await tabButton.click();
    const open = page.getByRole('region', { name: /^Failed items/ });
    const row = open.getByRole('row').filter({ hasText: 'Board offsite' });
    await row.getByText('Workplace 400 INVALID_REQUEST (test)').waitFor();
    // The room by its name, the organizer, the time with its zone, the reason in plain words.
    await row.getByText(`adele.vance@contoso.com · ${areaNames.get('a-bru-1.02')}`).waitFor();
    await row.getByText(/^Mon,? 4 Mar 2030, 10:00 \(Europe\/Brussels\)$/).waitFor();
    await row.getByText(/^This Outlook meeting is not in Workplace: Workplace refused it\./).waitFor();
    await expectNoAxeViolations(page, 'quarantined booking');
    await row.getByRole('button', { name: /^Raw payload of / }).click();
    await row.getByText('the e2e test', { exact: false }).waitFor();
    await expectNoAxeViolations(page, 'quarantined booking raw payload');
    await page.getByRole('button', { name: /^Dismiss Booking not synced .*Board offsite/ }).click();
    const closed = page.getByRole('region', { name: 'Closed (retried, dismissed or synced)' });
    await closed
      .getByText(/Dismissed/)
      .first()
      .waitFor();
    await page.getByRole('status').filter({ hasText: 'dismissed' }).waitFor({ state: 'attached' });
    expect(errors).toEqual([]);
    await context.close();
  });

  test('cutover: dry run, then switch; the first sync finishes', async () => {
    const areaId = 'a-nyc-6.01';
    const mailbox = 'room-newyork-6.01@contoso.com';
    await prepareCutoverRoom(admin, { areaId, mailbox, daysAhead: 16, tag: 'Cutover UI' });
    const { page, context, errors } = await openConsole();
    await openTab(page, 'Cutover');
    await page.getByLabel('Workplace area').selectOption(areaId);
    // A room of another size is flagged before anything runs.
    const links = (await admin.call('GET', '/admin/api/room-links')).json() as {
      areas: Array<{ areaId: string; capacity: number }>;
      exchangeRooms: Array<{ mailbox: string; capacity: number | null; isEnabled: boolean }>;
    };
    const seats = links.areas.find((area) => area.areaId === areaId)!.capacity;
    const otherSize = links.exchangeRooms.find(
      (room) => !room.isEnabled && room.capacity !== null && room.capacity !== seats,
    )!;
    await page.getByLabel('Exchange room').selectOption(otherSize.mailbox);
    await page.getByText(/^Capacity mismatch: Workplace seats \d+ in .*, Exchange says .* seats \d+\./).waitFor();
    await page.getByLabel('Exchange room').selectOption(mailbox);
    await page.getByText(/^Capacity mismatch/).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Dry run' }).click();
    // Names, not internal ids.
    await page.getByText(`the Workplace area ${areaNames.get(areaId)} (New York Office)`, { exact: false }).waitFor();
    await page.getByRole('heading', { name: 'On both sides: linked, not duplicated (1)' }).waitFor();
    await page.getByRole('heading', { name: 'Only in Exchange: created in Workplace (1)' }).waitFor();
    await page.getByRole('heading', { name: 'Only in Workplace: written into the room calendar (1)' }).waitFor();
    await expectNoAxeViolations(page, 'cutover dry run');
    await page.getByRole('button', { name: 'Switch' }).click();
    await page.getByText(`(${mailbox}) is linked; 1 booking recorded as linked.`, { exact: false }).waitFor();
    await page.getByText(/^First sync finished/).waitFor({ timeout: 30_000 });
    const subjects = (await admin.reservations())
      .filter((r) => r.status !== 'cancelled' && r.subject.startsWith('Cutover UI'))
      .map((r) => r.subject);
    expect(subjects.sort()).toEqual([
      'Cutover UI: on both sides',
      'Cutover UI: only in Exchange',
      'Cutover UI: only in Workplace',
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('deep links: a link opens its tab and filter, and Back goes to the previous one', async () => {
    const { page, context, errors } = await openConsole({ search: '?view=log&organizer=nestor.wilke' });
    const views = page.getByRole('navigation', { name: 'Views' });
    await views
      .getByRole('button', { name: 'Sync log', exact: true })
      .and(page.locator('[aria-current="page"]'))
      .waitFor();
    await expect.poll(() => page.getByLabel('Organizer').inputValue()).toBe('nestor.wilke');
    await page.getByLabel('Organizer').fill('alex.wilber');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.url()).toContain('organizer=alex.wilber');
    await openTab(page, 'Failed items');
    await expect.poll(() => page.url()).toContain('view=failed');
    await page.goBack();
    await expect.poll(() => page.getByLabel('Organizer').inputValue()).toBe('alex.wilber');
    await page.goBack();
    await expect.poll(() => page.getByLabel('Organizer').inputValue()).toBe('nestor.wilke');
    // Room links: its search and page in the URL too.
    await openTab(page, 'Room links');
    await page.getByRole('searchbox', { name: 'Search rooms' }).fill('new york');
    await expect.poll(() => page.url()).toContain('q=new+york');
    await page.getByText(/^\d+ areas? and \d+ rooms? match$/).waitFor();
    await page.reload();
    await expect.poll(() => page.getByRole('searchbox', { name: 'Search rooms' }).inputValue()).toBe('new york');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('in French from the browser’s language, then Dutch from the picker, remembered and in the URL', async () => {
    const { page, context, errors } = await openConsole({
      locale: 'fr-FR',
      signedIn: 'Connecté en tant que Megan Bowen (megan.bowen@contoso.com)',
    });
    // Screen readers pronounce the page in its language.
    expect(await page.locator('html').getAttribute('lang')).toBe('fr-FR');
    await page.getByRole('heading', { name: /^Espaces Workplace \(\d+\)$/ }).waitFor();
    await page.getByRole('columnheader', { name: 'Bâtiment' }).first().waitFor();
    await page.screenshot({ path: path.join(artifacts, 'french-room-links.png'), fullPage: true });
    await expectNoAxeViolations(page, 'French room links');
    const views = page.getByRole('navigation', { name: 'Vues' });
    await views.getByRole('button', { name: 'Journal de synchronisation' }).click();
    await page.getByRole('table', { name: 'Entrées du journal de synchronisation' }).waitFor();
    await page.getByRole('columnheader', { name: 'Ce qui s’est passé' }).waitFor();
    await page.screenshot({ path: path.join(artifacts, 'french-sync-log.png'), fullPage: true });
    await expectNoAxeViolations(page, 'French sync log');
    await views.getByRole('button', { name: 'État' }).click();
    await page.getByRole('heading', { name: 'État par salle' }).waitFor();
    await page.screenshot({ path: path.join(artifacts, 'french-health.png'), fullPage: true });
    await expectNoAxeViolations(page, 'French health');

    await page.getByRole('combobox', { name: 'Langue' }).selectOption('nl');
    await page.getByRole('heading', { name: 'Status per zaal' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('nl');
    // The language stays in the URL from view to view, and this browser remembers it without one.
    await page.getByRole('navigation', { name: 'Weergaven' }).getByRole('button', { name: 'Zaalkoppelingen' }).click();
    await page.getByRole('heading', { name: /^Workplace-ruimten \(\d+\)$/ }).waitFor();
    expect(new URL(page.url()).searchParams.get('lang')).toBe('nl');
    await page.goto(`https://localhost:${admin.config.port}/admin/`);
    await page.getByText('Aangemeld als Megan Bowen (megan.bowen@contoso.com)').waitFor({ timeout: 20_000 });
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the system’s dark theme', async () => {
    const { page, context, errors } = await openConsole({ colorScheme: 'dark' });
    await page.getByRole('heading', { name: /^Workplace areas \(\d+\)$/ }).waitFor();
    const background = await page
      .getByRole('banner')
      .evaluate(
        (element: { ownerDocument: { defaultView: { getComputedStyle(e: unknown): { backgroundColor: string } } } }) =>
          element.ownerDocument.defaultView.getComputedStyle(element).backgroundColor,
      );
    const [red, green, blue] = (background.match(/\d+/g) ?? []).map(Number);
    expect(red! + green! + blue!, background).toBeLessThan(3 * 80);
    await expectNoAxeViolations(page, 'dark theme');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('activity charts: 24 hours and 7 days, each with its numbers as a table', async () => {
    const { db } = admin.server.database;
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
    // Samples in an hour and a day of their own: nothing else the sync measured lands there.
    await db.insert(changeLatencies).values([
      { at: hoursAgo(3), direction: 'exchange-to-workplace', seconds: 7.25 },
      { at: hoursAgo(3), direction: 'exchange-to-workplace', seconds: 7.25 },
      { at: hoursAgo(72), direction: 'workplace-to-exchange', seconds: 12 },
    ]);
    const busiest = areaNames.get('a-bru-1.04')!;
    // 70 bookings two days ago: links to reservations of their own (nothing in Workplace or Exchange).
    await db.insert(bookingLinks).values(
      Array.from({ length: 70 }, (_, index) => ({
        mailbox: 'room-brussels-1.04@contoso.com',
        graphEventId: `e2e-busy-${index}`,
        iCalUId: `e2e-busy-${index}`,
        workplaceReservationId: `e2e-busy-${index}`,
        workplaceLineId: 'e2e-line',
        graphChangeKey: 'e2e',
        workplaceVersion: '1',
        graphHash: 'e2e',
        workplaceHash: 'e2e',
        origin: 'exchange' as const,
        endsAt: hoursAgo(47),
        createdAt: hoursAgo(48),
      })),
    );
    const { page, context, errors } = await openConsole();
    await openTab(page, 'Health');
    const latency = page.getByRole('figure', { name: 'Change latency per hour' });
    await latency.locator('svg').first().waitFor();
    await expectNoAxeViolations(page, 'activity charts 24 hours');

    await latency.getByRole('switch', { name: 'Show as table' }).check();
    const hourly = latency.getByRole('table', { name: 'Change latency per hour' });
    await expect.poll(() => hourly.getByRole('row').count()).toBe(25);
    const measured = hourly.getByRole('row').filter({ hasText: '7.25 s' });
    expect((await measured.getByRole('cell').allTextContents()).slice(1)).toEqual([
      '7.25 s',
      '7.25 s',
      '2',
      '—',
      '—',
      '0',
    ]);
    await expectNoAxeViolations(page, 'activity table 24 hours');

    // The share of opening hours booked: the rooms the server measured (the same answer, cached), as bars
    // and then as a table that says what each room is measured against.
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const bookedHours = (
      await admin.call('GET', `/admin/api/activity/booked-hours?range=24h&timeZone=${timeZone}`)
    ).json() as {
      rooms: Array<{ displayName: string; share: number | null; openHours: number }>;
    };
    const booked = page.getByRole('figure', { name: 'Share of opening hours booked' });
    if (bookedHours.rooms.some((room) => room.share !== null)) await booked.locator('svg').first().waitFor();
    else await booked.getByText('None of these rooms is open in this period', { exact: false }).waitFor();
    await expectNoAxeViolations(page, 'share of opening hours booked, chart');
    await booked.getByRole('switch', { name: 'Show as table' }).check();
    const bookedTable = booked.getByRole('table', { name: 'Share of opening hours booked' });
    await expect.poll(() => bookedTable.getByRole('row').count()).toBe(bookedHours.rooms.length + 1);
    expect(await bookedTable.getByRole('columnheader').allTextContents()).toEqual([
      'Room',
      'Booked',
      'Booked hours',
      'Opening hours',
      'Measured against',
    ]);
    const firstRoom = await bookedTable.getByRole('row').nth(1).getByRole('cell').allTextContents();
    expect(firstRoom[0]).toBe(bookedHours.rooms[0]!.displayName);
    expect(firstRoom[3]).toBe(`${bookedHours.rooms[0]!.openHours.toLocaleString('en-GB')} h`);
    expect(
      (await bookedTable.getByRole('row').getByRole('cell').allTextContents()).filter((text) =>
        /^(Its opening hours in Workplace|All 24 hours \(no opening hours in Workplace\)|Closed over this period)$/.test(
          text,
        ),
      ),
    ).toHaveLength(bookedHours.rooms.length);
    await expectNoAxeViolations(page, 'share of opening hours booked, table');

    await page.getByRole('radio', { name: '7 days' }).check();
    const daily = page.getByRole('figure', { name: 'Change latency per day' });
    await daily.getByRole('switch', { name: 'Show as table' }).check();
    const days = daily.getByRole('table', { name: 'Change latency per day' });
    await expect.poll(() => days.getByRole('row').count()).toBe(8);
    const threeDaysAgo = days.getByRole('row').filter({ hasText: '12 s' });
    expect((await threeDaysAgo.getByRole('cell').allTextContents()).slice(4)).toEqual(['12 s', '12 s', '1']);

    const rooms = page.getByRole('figure', { name: 'Bookings per day, by room' });
    await rooms.getByRole('switch', { name: 'Show as table' }).check();
    const first = rooms.getByRole('table', { name: 'Bookings per day, by room' }).getByRole('row').nth(1);
    const [name, bookings, perDay] = await first.getByRole('cell').allTextContents();
    expect(name).toBe(busiest);
    expect(Number(bookings)).toBeGreaterThanOrEqual(70);
    expect(Number(perDay)).toBeCloseTo(Number(bookings) / 7, 2);
    await expectNoAxeViolations(page, 'activity tables 7 days');
    expect(errors).toEqual([]);
    await context.close();
    // Six axe runs over a page of charts: more than the default budget on a busy machine.
  }, 90_000);

  test('a user who is not an admin gets 403 and the console says so', async () => {
    const token = await admin.tokenOf(NOT_AN_ADMIN);
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    // The embedded default signs in the demo admin; here the sign-in hands out a non-admin's token instead.
    await page.route('**/admin/token', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ accessToken: token, expiresAt: new Date(Date.now() + 3_600_000).toISOString() }),
      }),
    );
    await page.goto(`https://localhost:${admin.config.port}/admin/`);
    await page
      .getByText(
        `${NOT_AN_ADMIN} is not a room-sync administrator. Ask to be added to the room-sync administrators (ADMIN_GROUP_ID or ADMIN_USERS).`,
      )
      .waitFor({ timeout: 20_000 });
    const status = await page.evaluate(
      async (bearer) => (await fetch('/admin/api/rooms', { headers: { authorization: `Bearer ${bearer}` } })).status,
      token,
    );
    expect(status).toBe(403);
    await context.close();
  });

  // Last: it adds 1,000 rooms on both sides (and the Workplace emulator's reset drops its reservations).
  test('1,000 rooms: bulk link with one progress request a second, and Room links searched and paged', async () => {
    const COUNT = 1000;
    const testStarted = Date.now();
    const took = (what: string) => console.log(`${what}: ${Date.now() - testStarted} ms into the test`);
    const label = (index: number) => String(index).padStart(4, '0');
    const mailboxOf = (index: number) => `room-amsterdam-${label(index)}@contoso.com`;
    const state = (await admin.emulators.workplace.inject({ url: '/_emulator/state' })).json();
    const template = state.areas.find((area: { id: string }) => area.id === 'a-nyc-5.01');
    await admin.emulators.workplace.inject({
      method: 'POST',
      url: '/_emulator/seed',
      payload: {
        buildings: [
          ...state.buildings,
          {
            id: 'b-ams',
            name: 'Amsterdam Zuid',
            address: 'Gustav Mahlerplein 1, 1082 Amsterdam',
            timeZone: 'Europe/Amsterdam',
          },
        ],
        floors: [...state.floors, { id: 'f-ams-1', buildingId: 'b-ams', name: 'Floor 1', level: 1 }],
        areas: [
          ...state.areas,
          ...Array.from({ length: COUNT }, (_, index) => ({
            ...template,
            id: `a-ams-${label(index)}`,
            name: `Amsterdam ${label(index)}`,
            buildingId: 'b-ams',
            floorId: 'f-ams-1',
            capacity: 6,
            exchangeMailbox: mailboxOf(index),
          })),
        ],
        assets: state.assets,
        catalogItems: state.catalogItems,
      },
    });
    admin.emulators.graph.seed({
      rooms: Array.from({ length: COUNT }, (_, index) => ({
        email: mailboxOf(index),
        displayName: `Amsterdam ${label(index)}`,
        timeZone: 'Europe/Amsterdam',
        capacity: 6,
        building: 'Amsterdam Zuid',
        address: {
          street: 'Gustav Mahlerplein 1',
          city: 'Amsterdam',
          postalCode: '1082',
          countryOrRegion: 'Netherlands',
        },
      })),
    });

    took(`${COUNT} rooms seeded on both sides`);
    const { page, context, errors } = await openConsole();
    took('console open');
    const progressRequests: Array<{ url: string; rooms: number }> = [];
    page.on('request', (request) => {
      if (!/\/progress$/.test(request.url())) return;
      const body = request.postData();
      progressRequests.push({ url: request.url(), rooms: body ? (JSON.parse(body).mailboxes as string[]).length : 1 });
    });

    // Paged and searched: 50 rows a page, whatever the number of rooms.
    const loadStarted = Date.now();
    await page.getByRole('heading', { name: /^Workplace areas \((1,0\d\d)\)$/ }).waitFor({ timeout: 30_000 });
    console.log(`room links with ${COUNT}+ rooms on each side shown in ${Date.now() - loadStarted} ms`);
    const areaPages = page.getByRole('navigation', { name: 'Workplace areas pages' });
    await areaPages.getByText(/^Showing 1–50 of 1,0\d\d$/).waitFor();
    expect(
      await page
        .getByRole('table', { name: /^Workplace areas/ })
        .getByRole('row')
        .count(),
    ).toBe(51);
    await areaPages.getByRole('button', { name: 'Next' }).click();
    await areaPages.getByText(/^Showing 51–100 of 1,0\d\d$/).waitFor();
    await page.getByRole('searchbox', { name: 'Search rooms' }).fill('amsterdam 0777');
    await page.getByText('1 area and 1 room match').waitFor();
    await page.getByRole('searchbox', { name: 'Search rooms' }).fill('');

    // The bulk link: 1,000 proposals by email, linked 200 at a time, followed by one request a second.
    await page.getByRole('button', { name: 'Propose links' }).click();
    await page
      .getByRole('navigation', { name: 'Proposed links pages' })
      .getByText(/of 1,0\d\d$/)
      .waitFor({ timeout: 30_000 });
    took('proposals shown');
    await expectNoAxeViolations(page, '1,000 proposals');
    took('axe checked the proposals');
    const linkStarted = Date.now();
    await page.getByRole('button', { name: /^Link 1,?0\d\d selected$/ }).click();
    await page.getByText(/^1,?0\d\d linked, 0 failed\.$/).waitFor({ timeout: 120_000 });
    console.log(`${COUNT}+ rooms linked in ${Date.now() - linkStarted} ms`);
    const bar = page.getByRole('progressbar', { name: /^First syncs: / });
    await bar.waitFor();
    await page.screenshot({ path: path.join(artifacts, 'bulk-1000-progress.png') });
    await page
      .getByText(/^First syncs: (1,?0\d\d) of \1 rooms finished · \d+ of \d+ bookings? synced$/)
      .waitFor({ timeout: 240_000 });
    console.log(`${COUNT}+ first syncs finished ${Date.now() - linkStarted} ms after the link was asked for`);
    await expectNoAxeViolations(page, '1,000 first syncs finished');
    took('axe checked the finished bar');

    // Never a request per room: each poll asked about every room still syncing at once.
    expect(progressRequests.some((request) => !request.url.endsWith('/admin/api/room-links/progress'))).toBe(false);
    expect(progressRequests[0]!.rooms).toBeGreaterThanOrEqual(COUNT);
    console.log(`${progressRequests.length} progress requests for ${COUNT}+ rooms`);
    expect(errors).toEqual([]);
    await context.close();
  }, 420_000);
});
