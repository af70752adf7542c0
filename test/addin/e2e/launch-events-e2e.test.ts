import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { toInstant, toWallClock } from '@workplace-sync/shared';
import { describeIfAvailable } from '../../support/system-requirements.js';
import { CHROMIUM_PATH, chromiumRequirement } from '../../support/addin-requirements.js';
import { buildPane, startPaneStack } from '../../support/pane-stack.js';

// The event-based handlers in the harness, in headless Chromium: the production build's launch-events.js
// runs in the harness's event runtime (a frame of its own, as Outlook keeps it apart from the pane), on
// the same simulated item, against the add-in API and both emulators. The pane books; then it is closed
// and the organizer edits the meeting or presses Send.

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const artifacts = path.join(repositoryRoot, 'test-results/addin');
const ORGANIZER = 'adele.vance@contoso.com';
const ZONE = 'Europe/Brussels';
const ATRIUM = 'a-bru-0.01';

/** A Monday at least two days ahead (weeks later), on that day `at(hour)` in Brussels. */
function monday(weeksLater: number) {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() + 2);
  while (day.getUTCDay() !== 1) day.setUTCDate(day.getUTCDate() + 1);
  day.setUTCDate(day.getUTCDate() + weeksLater * 7);
  const date = day.toISOString().slice(0, 10);
  const at = (hour: number) => ({
    start: toInstant({ dateTime: `${date}T${String(hour).padStart(2, '0')}:00:00`, timeZone: ZONE }),
    end: toInstant({ dateTime: `${date}T${String(hour + 1).padStart(2, '0')}:00:00`, timeZone: ZONE }),
    /** The harness's Start field (datetime-local, the browser's zone: Brussels here). */
    input: `${date}T${String(hour).padStart(2, '0')}:00`,
  });
  return at;
}

describeIfAvailable('add-in e2e: event-based handlers and Smart Alerts in the harness', chromiumRequirement(), () => {
  let pane: Awaited<ReturnType<typeof buildPane>>;
  let stack: Awaited<ReturnType<typeof startPaneStack>>;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    pane = await buildPane();
    stack = await startPaneStack(pane.dir);
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    pane?.remove();
  });

  async function openHarness(subject: string, time: { start: Date; end: Date }) {
    const context = await browser.newContext({
      viewport: { width: 1100, height: 900 },
      timezoneId: ZONE,
      locale: 'en-GB',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
    const meeting = { user: ORGANIZER, subject, start: time.start.toISOString(), end: time.end.toISOString() };
    await page.goto(`${stack.url}/harness.html?${new URLSearchParams({ meeting: JSON.stringify(meeting) })}`);
    return { page, context, errors };
  }

  /** Choose and Book the Atrium in the pane, then close the pane (Outlook keeps the meeting open). */
  async function bookAtriumThenClosePane(page: Page) {
    await page.getByRole('button', { name: 'Choose Atrium' }).click({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Book Atrium' }).click();
    await page.getByRole('heading', { name: 'Atrium is held for this meeting' }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Close task pane' }).click();
    await page.getByRole('button', { name: 'Open task pane' }).waitFor();
    expect(await page.getByRole('list', { name: 'Rooms' }).count()).toBe(0);
  }

  async function moveMeetingTo(page: Page, input: string) {
    await page.getByLabel('Start').fill(input);
    await page.getByRole('button', { name: 'Update meeting' }).click();
  }

  const heldFor = (subject: string) =>
    stack.workplace
      .snapshot()
      .reservations.filter((reservation) => reservation.subject === subject && reservation.status === 'tentative');

  /** Someone at the kiosk takes the Atrium at this time. */
  async function kioskTakesAtrium(time: { start: Date; end: Date }) {
    await stack.workplaceClient.createReservation(
      {
        subject: 'Kiosk',
        start: toWallClock(time.start, ZONE).dateTime,
        end: toWallClock(time.end, ZONE).dateTime,
        timeZone: ZONE,
        responsible: { email: 'nestor.wilke@contoso.com' },
        participants: [],
        recurrence: null,
        exceptions: [],
        lines: [{ type: 'area', objectId: ATRIUM }],
        source: 'kiosk',
      },
      { idempotencyKey: `kiosk-e2e-${time.start.toISOString()}` },
    );
  }

  const notifications = (page: Page) => page.getByRole('region', { name: 'Outlook notifications' });

  test('the built launch-events.js loads as one classic script with no DOM (classic Outlook on Windows)', () => {
    const script = readFileSync(path.join(pane.dir, 'launch-events.js'), 'utf8');
    expect(script).not.toMatch(/^\s*(import|export)\s/m);
    const associated: string[] = [];
    // Only the language's own globals and Office: no window, document, location or module loader.
    const runtime = vm.createContext({
      Office: { actions: { associate: (name: string) => associated.push(name) } },
      console,
    });
    vm.runInContext(script, runtime);
    expect(associated.sort()).toEqual([
      'onAppointmentAttendeesChanged',
      'onAppointmentRecurrenceChanged',
      'onAppointmentSend',
      'onAppointmentTimeChanged',
    ]);
  });

  test('pane closed: a moved meeting takes its hold along; moved where the room is taken, it is released with a notice', async () => {
    const at = monday(3);
    const subject = 'Quarterly planning';
    const { page, context, errors } = await openHarness(subject, at(10));
    await bookAtriumThenClosePane(page);
    const booked = heldFor(subject);
    expect(booked).toHaveLength(1);

    await moveMeetingTo(page, at(14).input);
    await notifications(page).getByText('Workplace: Atrium is held for the new time.').waitFor({ timeout: 15_000 });
    const moved = heldFor(subject);
    expect(moved).toHaveLength(1);
    expect(moved[0]!.id).not.toBe(booked[0]!.id);
    expect(moved[0]!.start).toBe(toWallClock(at(14).start, ZONE).dateTime);
    expect(moved[0]!.lines[0]!.objectId).toBe(ATRIUM);
    expect(await page.getByText('Locations: room-brussels-0.01@contoso.com').count()).toBe(1);
    await page.screenshot({ path: path.join(artifacts, 'launch-event-moved.png') });

    await kioskTakesAtrium(at(16));
    await moveMeetingTo(page, at(16).input);
    await notifications(page)
      .getByText('Workplace: Atrium is taken at the new time. It was released and removed; pick another room.')
      .waitFor({ timeout: 15_000 });
    expect(heldFor(subject)).toEqual([]);
    await expect.poll(() => page.getByText('Locations: none').count()).toBe(1);
    await page.screenshot({ path: path.join(artifacts, 'launch-event-released.png') });
    expect(errors).toEqual([]);
    await context.close();
  });

  test('Send with a lost hold and the room taken: the Smart Alert stops it; its button opens the pane', async () => {
    const at = monday(4);
    const subject = 'Board prep';
    const { page, context, errors } = await openHarness(subject, at(9));
    await bookAtriumThenClosePane(page);
    // The hold is lost (cancelled in Workplace), then someone else takes the room.
    const [lost] = heldFor(subject);
    await stack.workplaceClient.cancelReservation(lost!.id, { idempotencyKey: `lost-${lost!.id}` });
    await kioskTakesAtrium(at(9));

    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const alert = page.getByRole('alertdialog', { name: 'Workplace rooms' });
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toContain(
      'Atrium is not reserved for this meeting: someone else has it at this time. The room would get an invitation that Workplace has not reserved. Pick another room, or send anyway.',
    );
    await page.screenshot({ path: path.join(artifacts, 'smart-alert.png') });
    expect(
      (stack.graph.control.mailboxEvents(ORGANIZER) as Array<{ subject?: string }>).map((e) => e.subject),
    ).not.toContain(subject);
    // Mailbox 1.14 in the harness: the button has the add-in's label and runs the pane's command.
    await alert.getByRole('button', { name: 'Pick another room' }).click();
    await page.getByRole('list', { name: 'Rooms' }).waitFor({ timeout: 20_000 });
    expect(
      (stack.graph.control.mailboxEvents(ORGANIZER) as Array<{ subject?: string }>).map((e) => e.subject),
    ).not.toContain(subject);
    expect(errors).toEqual([]);
    await context.close();
  });
});
