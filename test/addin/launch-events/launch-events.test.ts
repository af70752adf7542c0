import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { toInstant, toWallClock } from '@workplace-sync/shared';
import type { BookingIntent } from '@workplace-sync/shared';
import { createAddinApiClient } from '../../../addin/src/api/addin-api-client.js';
import { createHarnessTokenSource } from '../../../addin/src/auth/harness-token-source.js';
import { launchEventMessages } from '../../../addin/src/i18n/messages/launch-events.js';
import { createLaunchEventHandlers, randomUuid } from '../../../addin/src/launch-events/launch-event-handlers.js';
import type { LaunchEventHandlers } from '../../../addin/src/launch-events/launch-event-handlers.js';
import { LAUNCH_EVENT_HANDLERS, associateLaunchEvents } from '../../../addin/src/office/launch-event-host.js';
import type { LaunchEventType } from '../../../addin/src/office/launch-event-host.js';
import { announcePaneOpen } from '../../../addin/src/office/pane-presence.js';
import { startPaneStack } from '../../support/pane-stack.js';
import { aMeeting, installOutlookMock, uninstallOutlookMock } from '../pane/support/outlook-mock.js';

// The event handlers with the pane closed, in Node (no DOM, like Outlook's JavaScript-only runtime):
// Office is office-addin-mock around the simulated mailbox; the API, Workplace and Graph are the real
// add-in API on both emulators (test/support/pane-stack.ts).

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ORGANIZER = { email: 'adele.vance@contoso.com', name: 'Adele Vance' };
const ATRIUM = { id: 'a-bru-0.01', email: 'room-brussels-0.01@contoso.com', name: 'Atrium' };
const ZONE = 'Europe/Brussels';

/** A Monday at least two days ahead, `hour`:00 for an hour in Brussels. */
function monday(hour: number, weeksLater = 0): { start: Date; end: Date } {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() + 2 + weeksLater * 7);
  while (day.getUTCDay() !== 1) day.setUTCDate(day.getUTCDate() + 1);
  const date = day.toISOString().slice(0, 10);
  const at = (h: number) => toInstant({ dateTime: `${date}T${String(h).padStart(2, '0')}:00:00`, timeZone: ZONE });
  return { start: at(hour), end: at(hour + 1) };
}

let stack: Awaited<ReturnType<typeof startPaneStack>>;
let emptyDist: string;

beforeAll(async () => {
  emptyDist = mkdtempSync(path.join(tmpdir(), 'launch-events-dist-'));
  stack = await startPaneStack(emptyDist);
});
afterAll(async () => {
  await stack?.close();
  rmSync(emptyDist, { recursive: true, force: true });
});
afterEach(uninstallOutlookMock);

const apiAs = (user: string) =>
  createAddinApiClient({
    baseUrl: stack.url,
    getToken: createHarnessTokenSource({ tokenPath: '/harness/token', user, baseUrl: stack.url }),
  });

/** What the pane does on Book: hold the room, add it to the meeting, tag the item. */
async function bookAsThePane(time: { start: Date; end: Date }) {
  const intent = await apiAs(ORGANIZER.email).createBookingIntent({
    clientRequestId: crypto.randomUUID(),
    subject: currentSubject,
    start: time.start.toISOString(),
    end: time.end.toISOString(),
    timeZone: ZONE,
    roomId: ATRIUM.id,
    lines: [{ kind: 'catering', objectId: 'ci-coffee', quantity: 4 }],
  });
  await new Promise<void>((resolve) =>
    (Office.context.mailbox.item as Office.AppointmentCompose).enhancedLocation.addAsync(
      [{ id: ATRIUM.email, type: Office.MailboxEnums.LocationType.Room }],
      () => resolve(),
    ),
  );
  await new Promise<void>((resolve) =>
    (Office.context.mailbox.item as Office.AppointmentCompose).loadCustomPropertiesAsync((result) => {
      result.value.set(
        'workplaceBooking',
        JSON.stringify({ intentId: intent.intentId, reservationIds: intent.holds.map((held) => held.reservationId) }),
      );
      result.value.saveAsync(() => resolve());
    }),
  );
  return intent;
}

let currentSubject = '';

/** Outlook: the organizer composes `subject` (each test its own, to tell its reservations apart). */
function openCompose(subject: string, time: { start: Date; end: Date }, displayLanguage = 'en-US') {
  currentSubject = subject;
  return installOutlookMock({
    user: ORGANIZER,
    meeting: aMeeting({ subject, start: time.start, end: time.end }),
    displayLanguage,
  });
}

/** Outlook calls the associated handler with its event object and waits for completed(). */
async function fire(handlers: LaunchEventHandlers, type: LaunchEventType) {
  const completed = vi.fn();
  const done = new Promise<void>((resolve) => completed.mockImplementation(() => resolve()));
  handlers[type]({ type, completed } as unknown as Office.AddinCommands.Event);
  await done;
  expect(completed).toHaveBeenCalledTimes(1);
  return completed.mock.calls[0]![0] as Office.SmartAlertsEventCompletedOptions | undefined;
}

const reservationsOf = (subject: string) =>
  stack.workplace.snapshot().reservations.filter((reservation) => reservation.subject === subject);
const tagOf = (simulated: ReturnType<typeof installOutlookMock>) =>
  simulated.meeting().customProperties.workplaceBooking
    ? (JSON.parse(simulated.meeting().customProperties.workplaceBooking!) as { intentId: string })
    : null;

/** Someone else takes the Atrium at this time, at the kiosk. */
async function kioskTakes(time: { start: Date; end: Date }) {
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
      lines: [{ type: 'area', objectId: ATRIUM.id }],
      source: 'kiosk',
    },
    { idempotencyKey: `kiosk-${time.start.toISOString()}` },
  );
}

describe('launch events: the runtime', () => {
  test('associates a handler under each FunctionName of the manifest, without a DOM', () => {
    const associated = new Map<string, unknown>();
    installOutlookMock();
    (Office as unknown as { actions: unknown }).actions = {
      associate: (name: string, handler: unknown) => associated.set(name, handler),
    };
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
    expect(associateLaunchEvents(createLaunchEventHandlers({ baseUrl: stack.url }))).toBe(true);
    expect([...associated.keys()].sort()).toEqual(Object.values(LAUNCH_EVENT_HANDLERS).sort());
    // …the names manifest.xml gives its LaunchEvent entries.
    const manifest = readFileSync(path.join(repositoryRoot, 'manifest.xml'), 'utf8');
    const declared = Object.fromEntries(
      [...manifest.matchAll(/<LaunchEvent Type="(\w+)" FunctionName="(\w+)"/g)].map(([, type, name]) => [type, name]),
    );
    expect(declared).toEqual(LAUNCH_EVENT_HANDLERS);
  });

  test('request ids are version 4 UUIDs, also where the runtime has no Web Crypto', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(randomUuid()).toMatch(uuid);
    vi.stubGlobal('crypto', undefined);
    try {
      const ids = new Set(Array.from({ length: 50 }, () => randomUuid()));
      expect(ids.size).toBe(50);
      for (const id of ids) expect(id).toMatch(uuid);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  test('notifications fit Outlook’s 150 characters in every language, with a long room name', () => {
    const room = 'Salle de conférence 4.12';
    for (const [language, words] of Object.entries(launchEventMessages)) {
      for (const key of ['moved', 'heldAgain', 'releasedTaken', 'releasedNotBookable', 'notUpdated'] as const) {
        expect(words[key].replaceAll('{{room}}', room).length, `${language}.${key}`).toBeLessThanOrEqual(150);
      }
    }
  });
});

describe('launch events with the pane closed: the hold follows the meeting', () => {
  test('moved: the old hold is released, the room (with its catering) held at the new time, the item says so', async () => {
    const before = monday(10);
    const simulated = openCompose('Budget review', before);
    const first: BookingIntent = await bookAsThePane(before);
    const handlers = createLaunchEventHandlers({ baseUrl: stack.url });

    const after = monday(14);
    simulated.editMeeting(after);
    expect(await fire(handlers, 'OnAppointmentTimeChanged')).toBeUndefined();

    const held = reservationsOf(currentSubject).filter((reservation) => reservation.status === 'tentative');
    expect(held).toHaveLength(1);
    expect(held[0]!.id).not.toBe(first.holds[0]!.reservationId);
    expect(held[0]!.start).toBe(toWallClock(after.start, ZONE).dateTime);
    expect(held[0]!.lines.map((line) => [line.type, line.objectId, line.quantity ?? null])).toEqual([
      ['area', ATRIUM.id, null],
      ['catalogItem', 'ci-coffee', 4],
    ]);
    expect(
      reservationsOf(currentSubject).find((reservation) => reservation.id === first.holds[0]!.reservationId)!.status,
    ).toBe('cancelled');
    expect(tagOf(simulated)!.intentId).not.toBe(first.intentId);
    expect(simulated.meeting().rooms.map((room) => room.email)).toEqual([ATRIUM.email]);
    expect(simulated.notifications()).toEqual([
      expect.objectContaining({
        type: 'informationalMessage',
        message: 'Workplace: Atrium is held for the new time.',
        icon: 'Icon.16',
      }),
    ]);
    // Nothing changed since: the next event re-checks and leaves the hold alone.
    simulated.editMeeting({ requiredAttendees: [{ email: 'megan.bowen@contoso.com', name: 'Megan' }] });
    await fire(handlers, 'OnAppointmentAttendeesChanged');
    expect(reservationsOf(currentSubject).filter((reservation) => reservation.status === 'tentative')).toEqual(held);
  });

  test('taken at the new time: released, taken off the meeting, an error on the item in French', async () => {
    const before = monday(10, 1);
    const simulated = openCompose('Design sync', before, 'fr-FR');
    await bookAsThePane(before);
    const after = monday(15, 1);
    await kioskTakes(after);

    simulated.editMeeting(after);
    await fire(createLaunchEventHandlers({ baseUrl: stack.url }), 'OnAppointmentTimeChanged');

    expect(reservationsOf(currentSubject).filter((reservation) => reservation.status === 'tentative')).toEqual([]);
    expect(simulated.meeting().rooms).toEqual([]);
    expect(tagOf(simulated)).toBeNull();
    expect(simulated.notifications()).toEqual([
      expect.objectContaining({
        type: 'errorMessage',
        message: launchEventMessages.fr.releasedTaken.replace('{{room}}', 'Atrium'),
      }),
    ]);
  });

  test('the pane is open (it announced itself on the item): the handler leaves the hold to the pane', async () => {
    const before = monday(9, 2);
    const simulated = openCompose('Pane open', before);
    const first = await bookAsThePane(before);
    const stop = announcePaneOpen(Office.context.mailbox.item);
    await vi.waitFor(() => expect(simulated.sessionData().workplacePaneOpenAt).toBeTruthy());

    simulated.editMeeting(monday(13, 2));
    await fire(createLaunchEventHandlers({ baseUrl: stack.url }), 'OnAppointmentTimeChanged');
    expect(tagOf(simulated)!.intentId).toBe(first.intentId);
    expect(simulated.notifications()).toEqual([]);
    stop();
  });
});

describe('Smart Alerts: OnAppointmentSend', () => {
  test('the hold is in place: the meeting goes', async () => {
    const time = monday(11, 3);
    openCompose('Hold in place', time);
    await bookAsThePane(time);
    expect(await fire(createLaunchEventHandlers({ baseUrl: stack.url }), 'OnAppointmentSend')).toEqual({
      allowEvent: true,
    });
  });

  test('the hold was lost and someone took the room: send stopped, in German, with the pane button', async () => {
    const time = monday(12, 3);
    openCompose('Lost and taken', time, 'de-DE');
    const intent = await bookAsThePane(time);
    await apiAs(ORGANIZER.email).releaseBookingIntent(intent.intentId);
    await kioskTakes(time);

    const options = await fire(createLaunchEventHandlers({ baseUrl: stack.url }), 'OnAppointmentSend');
    const de = launchEventMessages.de;
    expect(options).toEqual({
      allowEvent: false,
      errorMessage: de.sendBlocked.replace('{{room}}', 'Atrium').replace('{{reason}}', de.sendReason.taken),
      // Mailbox 1.14 (the mock's): the button's own label, and it opens the pane.
      cancelLabel: de.pickAnotherRoom,
      commandId: 'Rooms.OrganizerButton',
    });
  });

  test('the hold was lost but the room is free: held again, the meeting goes', async () => {
    const time = monday(16, 3);
    const simulated = openCompose('Lost but free', time);
    const intent = await bookAsThePane(time);
    await apiAs(ORGANIZER.email).releaseBookingIntent(intent.intentId);

    expect(await fire(createLaunchEventHandlers({ baseUrl: stack.url }), 'OnAppointmentSend')).toEqual({
      allowEvent: true,
    });
    expect(tagOf(simulated)!.intentId).not.toBe(intent.intentId);
    const held = reservationsOf(currentSubject).filter(
      (reservation) =>
        reservation.status === 'tentative' && reservation.start === toWallClock(time.start, ZONE).dateTime,
    );
    expect(held).toHaveLength(1);
  });

  test('the server cannot be reached: completed anyway, and the meeting goes (PromptUser)', async () => {
    const time = monday(17, 3);
    const simulated = openCompose('Offline', time);
    await bookAsThePane(time);
    const handlers = createLaunchEventHandlers({ baseUrl: 'http://127.0.0.1:9' });
    expect(await fire(handlers, 'OnAppointmentSend')).toEqual({ allowEvent: true });
    simulated.editMeeting(monday(18, 3));
    expect(await fire(handlers, 'OnAppointmentTimeChanged')).toBeUndefined();
  });
});
