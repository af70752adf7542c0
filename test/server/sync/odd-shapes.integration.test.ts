import { afterAll, beforeAll, expect, test } from 'vitest';
import type { OutlookMeeting } from '../../../emulators/src/graph/index.js';
import { listFailedItems } from '../../../server/src/admin/failed-items.js';
import type { Database } from '../../../server/src/storage/create-db.js';
import { syncLog } from '../../../server/src/storage/schema.js';
import { NO_SUBJECT } from '../../../server/src/sync/fit-booking.js';
import { syncReservations } from '../../../server/src/sync/sync-reservations.js';
import { syncRoom } from '../../../server/src/sync/sync-room.js';
import { createTestPglite } from '../../support/test-db.js';
import { startTwoWayHarness } from './support/two-way-harness.js';
import type { TwoWayHarness } from './support/two-way-harness.js';

// A corpus of odd but real meetings (all-day events and series in several zones, zone names Graph
// returns, empty and over-long subjects, 600 attendees, private and online meetings, a room list as the
// location, cancelled occurrences outside the window, exceptions across DST…) booked into rooms beside
// ordinary bookings. Every ordinary booking syncs; each odd one syncs, is declined with a reason by
// Exchange or Workplace, or is quarantined with its reason — never lost, never holding up its room.

const ARDENNES = 'room-brussels-1.01@contoso.com'; // Workplace: weekdays 07:00–20:00
const MEUSE = 'room-brussels-1.02@contoso.com'; // weekdays 07:00–20:00
const FOCUS = 'room-brussels-2.02@contoso.com'; // Workplace: always open (all-day meetings fit)
const SENNE = 'room-brussels-1.04@contoso.com'; // RemovePrivateProperty $false here
const ROOMS = [ARDENNES, MEUSE, FOCUS, SENNE];
const ADELE = 'adele.vance@contoso.com';
const at = (dateTime: string, timeZone = 'Europe/Brussels') => ({ dateTime, timeZone });
const hour = (date: string, from: number, to = from + 1, timeZone?: string) => ({
  start: at(`${date}T${String(from).padStart(2, '0')}:00:00`, timeZone),
  end: at(`${date}T${String(to).padStart(2, '0')}:00:00`, timeZone),
});
const allDay = (from: string, to: string, timeZone?: string) => ({
  isAllDay: true,
  start: at(`${from}T00:00:00`, timeZone),
  end: at(`${to}T00:00:00`, timeZone),
});
const weekly = (startDate: string, day: string, count: number, recurrenceTimeZone?: string) => ({
  recurrence: {
    pattern: { type: 'weekly', interval: 1, daysOfWeek: [day] },
    range: {
      type: 'numbered',
      startDate,
      numberOfOccurrences: count,
      ...(recurrenceTimeZone ? { recurrenceTimeZone } : {}),
    },
  },
});
const people = (count: number) => Array.from({ length: count }, (_, index) => `guest-${index}@fabrikam.com`);

type Outcome = 'synced' | 'declined' | 'quarantined';
type Shape = {
  name: string;
  room: string;
  meeting: OutlookMeeting;
  expected: Outcome;
  /** What the reservation must look like when it synced. */
  check?: (reservation: Reservation) => void;
  /** Done in Outlook after it was sent (an occurrence moved or cancelled). */
  then?: (organizerEventId: string) => Promise<void>;
};
type Reservation = ReturnType<TwoWayHarness['reservations']>[number];

let database: Database;
let h: TwoWayHarness;

const occurrenceOf = (seriesId: string, index: number) =>
  h.graphEmulator.control
    .mailboxEvents(ADELE, { start: '2030-01-01T00:00:00Z', end: '2030-12-31T00:00:00Z' })
    .filter((event) => event['seriesMasterId'] === seriesId)[index]!;

const SHAPES: Shape[] = [
  { name: 'all-day', room: FOCUS, meeting: allDay('2030-03-06', '2030-03-07'), expected: 'synced' },
  {
    name: 'all-day written in the New York zone',
    room: FOCUS,
    meeting: allDay('2030-03-08', '2030-03-09', 'Eastern Standard Time'),
    expected: 'synced',
    check: (reservation) =>
      expect(reservation).toMatchObject({ start: '2030-03-08T00:00:00', end: '2030-03-09T00:00:00' }),
  },
  {
    name: 'all-day weekly series, recurrence zone west of the room',
    room: FOCUS,
    meeting: {
      ...allDay('2030-03-11', '2030-03-12', 'Pacific Standard Time'),
      ...weekly('2030-03-11', 'monday', 3, 'Pacific Standard Time'),
    },
    expected: 'synced',
  },
  {
    name: 'all-day weekly series in the room zone',
    room: FOCUS,
    meeting: { ...allDay('2030-03-14', '2030-03-15'), ...weekly('2030-03-14', 'thursday', 2) },
    expected: 'synced',
  },
  {
    name: 'all-day in a room open 07:00–20:00 (Workplace refuses: opening hours)',
    room: ARDENNES,
    meeting: allDay('2030-03-13', '2030-03-14'),
    expected: 'declined',
  },
  {
    name: 'zone "Coordinated Universal Time"',
    room: ARDENNES,
    meeting: hour('2030-03-04', 8, 9, 'Coordinated Universal Time'),
    expected: 'synced',
  },
  { name: 'zone "UTC"', room: ARDENNES, meeting: hour('2030-03-04', 10, 11, 'UTC'), expected: 'synced' },
  {
    name: 'zone "Customized Time Zone 1"',
    room: ARDENNES,
    meeting: hour('2030-03-04', 13, 14, 'Customized Time Zone 1'),
    expected: 'synced',
  },
  {
    name: 'zone "tzone://Microsoft/Custom"',
    room: MEUSE,
    meeting: hour('2030-03-04', 13, 14, 'tzone://Microsoft/Custom'),
    expected: 'synced',
  },
  {
    name: 'zone "W. Europe Standard Time"',
    room: MEUSE,
    meeting: hour('2030-03-04', 9, 10, 'W. Europe Standard Time'),
    expected: 'synced',
  },
  {
    name: 'zone "Eastern Standard Time" in a Brussels room',
    room: MEUSE,
    meeting: hour('2030-03-04', 5, 6, 'Eastern Standard Time'),
    expected: 'synced',
    check: (reservation) =>
      expect(reservation).toMatchObject({ start: '2030-03-04T11:00:00', timeZone: 'Europe/Brussels' }),
  },
  {
    // Workplace keeps a series in its building's zone; the US changes clocks three weeks before Belgium.
    name: 'a series in America/New_York across the DST gap, in a Brussels room (declined with the reason)',
    room: SENNE,
    meeting: {
      ...hour('2030-03-04', 4, 5, 'America/New_York'),
      ...weekly('2030-03-04', 'monday', 3, 'Eastern Standard Time'),
    },
    expected: 'declined',
  },
  {
    name: 'a series in America/New_York after both DST changes, in a Brussels room',
    room: SENNE,
    meeting: {
      ...hour('2030-04-08', 4, 5, 'America/New_York'),
      ...weekly('2030-04-08', 'monday', 2, 'Eastern Standard Time'),
    },
    expected: 'synced',
    check: (reservation) =>
      expect(reservation).toMatchObject({ start: '2030-04-08T10:00:00', timeZone: 'Europe/Brussels' }),
  },
  {
    name: 'empty subject',
    room: SENNE,
    meeting: { ...hour('2030-03-05', 8), subject: '' },
    expected: 'synced',
    check: (r) => expect(r.subject).toBe(NO_SUBJECT),
  },
  {
    name: 'blank subject',
    room: SENNE,
    meeting: { ...hour('2030-03-05', 9), subject: '   ' },
    expected: 'synced',
    check: (r) => expect(r.subject).toBe(NO_SUBJECT),
  },
  {
    name: '300-character subject',
    room: SENNE,
    meeting: { ...hour('2030-03-05', 10), subject: `Quarterly review ${'x'.repeat(284)}` },
    expected: 'synced',
    check: (reservation) => {
      expect(reservation.subject).toHaveLength(255);
      expect(reservation.subject.endsWith('…')).toBe(true);
    },
  },
  {
    name: '600 attendees',
    room: ARDENNES,
    meeting: { ...hour('2030-03-05', 9), attendees: people(550), optionalAttendees: people(50).map((a) => `o-${a}`) },
    expected: 'synced',
    check: (reservation) => {
      expect(reservation.participants).toHaveLength(500);
      expect(reservation.participants.every((participant) => participant.kind === 'required')).toBe(true);
    },
  },
  {
    name: 'private, the room clears the flag (default)',
    room: MEUSE,
    meeting: {
      ...hour('2030-03-05', 9),
      subject: 'Salary review',
      sensitivity: 'private',
      attendees: ['alex.wilber@contoso.com'],
    },
    expected: 'synced',
    check: (r) => expect(r.subject).toBe('Salary review'),
  },
  {
    name: 'private, the room keeps the flag (RemovePrivateProperty $false)',
    room: SENNE,
    meeting: {
      ...hour('2030-03-05', 11),
      subject: 'Salary review',
      sensitivity: 'private',
      attendees: ['alex.wilber@contoso.com'],
    },
    expected: 'synced',
    check: (reservation) => expect(reservation).toMatchObject({ subject: 'Private meeting', participants: [] }),
  },
  {
    name: 'online meeting',
    room: ARDENNES,
    meeting: {
      ...hour('2030-03-05', 11),
      body: 'Join Microsoft Teams Meeting https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc',
    },
    expected: 'synced',
  },
  {
    name: 'a room list as the location',
    room: MEUSE,
    meeting: { ...hour('2030-03-05', 13), location: 'brussels@contoso.com' },
    expected: 'synced',
  },
  {
    name: 'a free-text location beside the room',
    room: MEUSE,
    meeting: { ...hour('2030-03-05', 15), location: 'Projector cart, 2nd floor' },
    expected: 'synced',
  },
  {
    name: 'a series whose first occurrence, outside the window, was cancelled',
    room: ARDENNES,
    meeting: { ...hour('2030-02-27', 14), ...weekly('2030-02-27', 'wednesday', 4) },
    expected: 'synced',
    then: async (id) => void (await h.outlook(ADELE, { action: 'cancel', eventId: String(occurrenceOf(id, 0)['id']) })),
  },
  {
    name: 'a series with an occurrence moved across the DST change',
    room: SENNE,
    meeting: { ...hour('2030-03-19', 14), ...weekly('2030-03-19', 'tuesday', 4) },
    expected: 'synced',
    then: async (id) =>
      void (await h.outlook(ADELE, {
        action: 'update',
        eventId: String(occurrenceOf(id, 2)['id']),
        changes: hour('2030-04-02', 16),
      })),
    check: (reservation) =>
      expect(reservation.exceptions).toEqual([
        expect.objectContaining({ status: 'modified', start: '2030-04-02T16:00:00' }),
      ]),
  },
  {
    name: 'first Monday of the month',
    room: ARDENNES,
    meeting: {
      ...hour('2030-04-01', 9),
      recurrence: {
        pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['monday'], index: 'first' },
        range: { type: 'numbered', startDate: '2030-04-01', numberOfOccurrences: 3 },
      },
    },
    expected: 'synced',
  },
  {
    name: 'yearly',
    room: FOCUS,
    meeting: {
      ...hour('2030-03-15', 10),
      recurrence: {
        pattern: { type: 'absoluteYearly', interval: 1, month: 3, dayOfMonth: 15 },
        range: { type: 'numbered', startDate: '2030-03-15', numberOfOccurrences: 2 },
      },
    },
    expected: 'declined', // the second occurrence lies past both booking windows (180 days)
  },
  {
    name: 'every other day',
    room: FOCUS,
    meeting: {
      ...hour('2030-03-26', 10),
      recurrence: {
        pattern: { type: 'daily', interval: 2 },
        range: { type: 'numbered', startDate: '2030-03-26', numberOfOccurrences: 3 },
      },
    },
    expected: 'synced',
  },
  {
    name: 'crossing midnight',
    room: FOCUS,
    meeting: { start: at('2030-03-27T23:30:00'), end: at('2030-03-28T00:30:00') },
    expected: 'synced',
  },
  {
    name: '12 hours, from 06:00 (Workplace opens at 07:00)',
    room: ARDENNES,
    meeting: hour('2030-03-07', 6, 18),
    expected: 'declined',
  },
  {
    name: 'the organizer and one attendee twice, in other case',
    room: SENNE,
    meeting: { ...hour('2030-03-07', 10), attendees: ['ALEX.WILBER@contoso.com', 'alex.wilber@contoso.com', ADELE] },
    expected: 'synced',
  },
  {
    name: 'only optional attendees',
    room: SENNE,
    meeting: { ...hour('2030-03-07', 13), optionalAttendees: ['megan.bowen@contoso.com'] },
    expected: 'synced',
  },
  {
    name: 'a series of one',
    room: ARDENNES,
    meeting: { ...hour('2030-03-08', 10), ...weekly('2030-03-08', 'friday', 1) },
    expected: 'synced',
  },
  {
    name: 'non-ASCII subject',
    room: ARDENNES,
    meeting: { ...hour('2030-03-08', 13), subject: 'Réunion — 会议 📅' },
    expected: 'synced',
    check: (r) => expect(r.subject).toBe('Réunion — 会议 📅'),
  },
];

beforeAll(async () => {
  database = await createTestPglite();
  h = await startTwoWayHarness(database, { roomSettings: { [SENNE]: { removePrivateProperty: false } } });
  for (const room of ROOMS) await syncRoom(room, h.deps);
  await syncReservations(h.deps);
});
afterAll(async () => {
  await h.close();
  await database.close();
});

async function settle() {
  for (let pass = 0; pass < 3; pass++) {
    await Promise.all([...ROOMS.map((room) => syncRoom(room, h.deps)), syncReservations(h.deps)]);
  }
  await h.graphEmulator.control.idle();
}

const ordinary = (room: string, dateTime: string) =>
  h.outlook('alex.wilber@contoso.com', {
    action: 'create',
    meeting: { subject: `Ordinary ${room.slice(14, 18)} ${dateTime}`, ...hour(dateTime, 10), rooms: [room] },
  });

test(`${SHAPES.length} odd meetings beside ordinary ones: every ordinary booking syncs, each odd one has its outcome`, async () => {
  expect(SHAPES.length).toBeGreaterThanOrEqual(30);
  for (const room of ROOMS) await ordinary(room, '2030-04-22');
  const sent: Array<{ shape: Shape; id: string; iCalUId: string }> = [];
  for (const [index, shape] of SHAPES.entries()) {
    const event = await h.outlook(ADELE, {
      action: 'create',
      meeting: { subject: `Odd ${index}: ${shape.name}`, ...shape.meeting, rooms: [shape.room] },
    });
    sent.push({ shape, id: event!.id, iCalUId: String(event!['iCalUId']) });
  }
  await settle();
  for (const { shape, id } of sent) await shape.then?.(id);
  for (const room of ROOMS) await ordinary(room, '2030-04-23');
  await settle();

  // Every ordinary booking made it, the later ones too: no room fell behind an odd meeting.
  const active = h.reservations().filter((reservation) => reservation.status !== 'cancelled');
  for (const room of ROOMS) {
    for (const date of ['2030-04-22', '2030-04-23']) {
      expect(active.map((reservation) => reservation.subject)).toContain(`Ordinary ${room.slice(14, 18)} ${date}`);
    }
  }
  const quarantined = await listFailedItems(database.db, 'open');
  const declines = (await database.db.select().from(syncLog)).filter((entry) => entry.action === 'declined');
  const outcomes = sent.map(({ shape, iCalUId }) => {
    const reservation = active.find((candidate) => candidate.externalRef === iCalUId);
    const copy = h.roomEvents(shape.room).find((event) => event['iCalUId'] === iCalUId);
    const organizerCopy = h.roomEvents(ADELE).find((event) => event['iCalUId'] === iCalUId);
    const roomAnswer = (
      organizerCopy?.['attendees'] as Array<{ emailAddress: { address: string }; status: { response: string } }>
    ).find((attendee) => attendee.emailAddress.address === shape.room)?.status.response;
    const outcome: Outcome | 'lost' = reservation
      ? 'synced'
      : quarantined.some((item) => item.booking?.eventId === copy?.['id'])
        ? 'quarantined'
        : roomAnswer === 'declined' && (!copy || declines.some((entry) => entry.details?.['eventId'] === copy['id']))
          ? 'declined'
          : 'lost';
    if (outcome === 'synced') shape.check?.(reservation!);
    return { name: shape.name, outcome };
  });
  console.log('DEBUG', JSON.stringify(declines.map((entry) => [entry.mailbox, entry.reason])));
  expect(outcomes).toEqual(SHAPES.map((shape) => ({ name: shape.name, outcome: shape.expected })));
});
