import { describe, expect, test } from 'vitest';
import {
  ADELE,
  aMeeting,
  at,
  encode,
  ROOM_A,
  ROOM_B,
  SYNC_APP,
  testSeed,
  useEmulator,
} from './support/emulator-harness.js';

// Microsoft Places auto-release (Set-CalendarProcessing -EnableAutoRelease,
// -PostReservationMaxClaimTimeInMinutes; docs/emulators-graph.md, "Auto-release"): a meeting nobody
// checked in to within the claim time after its start is declined by the room, one occurrence only.

type Event = Record<string, unknown> & {
  id: string;
  type: string;
  start: { dateTime: string };
  attendees: Array<{ emailAddress: { address: string }; status: { response: string } }>;
};

const harness = useEmulator({}, () =>
  testSeed({
    rooms: testSeed().rooms!.map((room) =>
      room.email === ROOM_A
        ? { ...room, bookingSettings: { enableAutoRelease: true, postReservationMaxClaimTimeInMinutes: 10 } }
        : room,
    ),
  }),
);

const eventsOf = (mailbox: string) => `/v1.0/users/${encode(mailbox)}/events`;
const daily = {
  recurrence: {
    pattern: { type: 'daily', interval: 1 },
    range: { type: 'numbered', startDate: '2027-03-02', numberOfOccurrences: 3 },
  },
};

/** Moves the clock (a day ahead, tokens expire) and signs the sync app in again. */
async function setClock(instant: string) {
  await harness.control.clock.set(instant);
  harness.graph = harness.anonymous.withToken(await harness.control.issueAppToken(SYNC_APP.clientId));
}

async function book(room: string, overrides: Record<string, unknown> = {}) {
  const created = await harness.graph.post<Event>(eventsOf(ADELE), aMeeting(overrides, [room]));
  expect(created.status).toBe(201);
  await harness.control.idle();
  return created.body;
}
/** The room's occurrences (UTC starts) that still hold it. */
const roomHolds = (room: string) =>
  harness.control
    .mailboxEvents(room, { start: '2027-03-01T00:00:00Z', end: '2027-03-10T00:00:00Z' })
    .filter((item) => item['isCancelled'] !== true)
    .map((item) => (item['start'] as { dateTime: string }).dateTime.slice(0, 16));
const roomOccurrenceOn = (room: string, date: string) =>
  harness.control
    .mailboxEvents(room, { start: `${date}T00:00:00Z`, end: `${date}T23:59:00Z` })
    .find((item) => item['type'] !== 'seriesMaster')!;

describe('auto-release', () => {
  test('an occurrence nobody checked in to is released 10 minutes after its start; the rest of the series stays', async () => {
    await book(ROOM_A, daily);
    await setClock('2027-03-03T09:05:00Z'); // 10:05 in Brussels: within the claim time
    expect(roomHolds(ROOM_A)).toHaveLength(3);
    await setClock('2027-03-03T09:11:00Z');
    expect(roomHolds(ROOM_A)).toEqual(['2027-03-02T09:00', '2027-03-04T09:00']);
  });

  test('a checked-in meeting is kept; a room without auto-release never releases', async () => {
    await book(ROOM_A);
    await book(ROOM_B);
    await setClock('2027-03-02T09:02:00Z');
    harness.control.rooms.checkIn(ROOM_A, String(roomOccurrenceOn(ROOM_A, '2027-03-02')['id']));
    await setClock('2027-03-02T09:30:00Z');
    expect(roomHolds(ROOM_A)).toHaveLength(1);
    expect(roomHolds(ROOM_B)).toHaveLength(1);
  });

  test('a released single meeting leaves the room, and the organizer receives the room’s decline', async () => {
    const meeting = await book(ROOM_A);
    await setClock('2027-03-02T09:15:00Z');
    expect(roomHolds(ROOM_A)).toEqual([]);
    const organizers = harness.control.mailboxEvents(ADELE).find((item) => item['id'] === meeting.id) as Event;
    expect(organizers.attendees.find((a) => a.emailAddress.address === ROOM_A)?.status.response).toBe('declined');
  });

  test('a panel releases a started meeting now (control API), and refuses one that has not started', async () => {
    await book(ROOM_B);
    const id = String(roomOccurrenceOn(ROOM_B, '2027-03-02')['id']);
    const early = await harness.anonymous.post(`/_emulator/rooms/${encode(ROOM_B)}/events/${encode(id)}/release`, {});
    expect(early.status).toBe(400);
    await setClock('2027-03-02T09:20:00Z');
    const released = await harness.anonymous.post(
      `/_emulator/rooms/${encode(ROOM_B)}/events/${encode(id)}/release`,
      {},
    );
    expect(released.status).toBe(204);
    expect(roomHolds(ROOM_B)).toEqual([]);
    // Events themselves stay in the past: a booking in the freed half hour is accepted.
    const next = await book(ROOM_B, { start: at('2027-03-02T10:30:00'), end: at('2027-03-02T11:00:00') });
    const copy = await harness.graph.get<Event>(`${eventsOf(ADELE)}/${encode(next.id)}`);
    expect(copy.body.attendees[0]?.status.response).toBe('accepted');
  });
});
