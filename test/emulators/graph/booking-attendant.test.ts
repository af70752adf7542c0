import { describe, expect, test } from 'vitest';
import { DEFAULT_ROOM_BOOKING_SETTINGS } from '../../../emulators/src/graph/index.js';
import type { RoomBookingSettings } from '../../../emulators/src/graph/index.js';
import { decideBooking } from '../../../emulators/src/graph/meetings/booking-attendant.js';
import type { BookingRequest, Interval } from '../../../emulators/src/graph/meetings/booking-attendant.js';

const NOW = new Date('2027-03-01T08:00:00Z');
const hour = (day: number, hourOfDay: number): Interval => ({
  start: new Date(Date.UTC(2027, 2, day, hourOfDay)),
  end: new Date(Date.UTC(2027, 2, day, hourOfDay + 1)),
});
const single = (interval: Interval, durationMinutes = 60): BookingRequest => ({
  instances: [{ key: null, ...interval }],
  isSeries: false,
  seriesEnd: interval.end,
  durationMinutes,
});
const weekly = (count: number, seriesEnd: Date | null = hour(1 + 7 * (count - 1), 10).end): BookingRequest => ({
  instances: Array.from({ length: count }, (_, week) => ({
    key: `2027-03-${String(1 + 7 * week).padStart(2, '0')}`,
    ...hour(1 + 7 * week, 10),
  })),
  isSeries: true,
  seriesEnd,
  durationMinutes: 60,
});
const settings = (overrides: Partial<RoomBookingSettings> = {}) => ({ ...DEFAULT_ROOM_BOOKING_SETTINGS, ...overrides });

// Set-CalendarProcessing semantics, one row per rule (reference/graph.md §c5).
const cases: Array<[string, Partial<RoomBookingSettings>, BookingRequest, Interval[], string, string[]]> = [
  ['free slot: accepted', {}, single(hour(2, 10)), [], 'accept', []],
  ['conflict on a single meeting: declined', {}, single(hour(2, 10)), [hour(2, 10)], 'decline', []],
  ['touching meetings do not conflict', {}, single(hour(2, 10)), [hour(2, 9), hour(2, 11)], 'accept', []],
  ['AllowConflicts: accepted anyway', { allowConflicts: true }, single(hour(2, 10)), [hour(2, 10)], 'accept', []],
  ['one conflict in a series: declined whole', {}, weekly(4), [hour(15, 10)], 'decline', []],
  [
    'tolerated conflicts: accepted, the conflict declined',
    { conflictPercentageAllowed: 25, maximumConflictInstances: 1 },
    weekly(4),
    [hour(15, 10)],
    'accept',
    ['2027-03-15'],
  ],
  [
    'too many conflicts for the tolerance',
    { conflictPercentageAllowed: 25, maximumConflictInstances: 1 },
    weekly(4),
    [hour(8, 10), hour(15, 10)],
    'decline',
    [],
  ],
  ['beyond the booking window', { bookingWindowInDays: 10 }, single(hour(20, 10)), [], 'decline', []],
  ['series past the window with EnforceSchedulingHorizon', { bookingWindowInDays: 10 }, weekly(4), [], 'decline', []],
  [
    'series past the window without EnforceSchedulingHorizon',
    { bookingWindowInDays: 10, enforceSchedulingHorizon: false },
    weekly(4),
    [],
    'accept',
    [],
  ],
  ['endless series', {}, weekly(4, null), [], 'decline', []],
  ['too long', { maximumDurationInMinutes: 30 }, single(hour(2, 10), 60), [], 'decline', []],
  ['recurring meetings not allowed', { allowRecurringMeetings: false }, weekly(2), [], 'decline', []],
  ['AutoUpdate: tentative', { automateProcessing: 'AutoUpdate' }, single(hour(2, 10)), [], 'tentative', []],
  // AutoUpdate: only the Calendar Attendant runs, so nothing is declined; a delegate decides.
  [
    'AutoUpdate: a conflict stays tentative',
    { automateProcessing: 'AutoUpdate' },
    single(hour(2, 10)),
    [hour(2, 10)],
    'tentative',
    [],
  ],
  [
    'AutoUpdate: a conflicting series stays tentative, no occurrence declined',
    { automateProcessing: 'AutoUpdate', conflictPercentageAllowed: 25, maximumConflictInstances: 1 },
    weekly(4),
    [hour(15, 10)],
    'tentative',
    [],
  ],
  [
    'AutoUpdate: beyond the booking window stays tentative',
    { automateProcessing: 'AutoUpdate', bookingWindowInDays: 10 },
    single(hour(20, 10)),
    [],
    'tentative',
    [],
  ],
  [
    'AutoUpdate: an endless series stays tentative',
    { automateProcessing: 'AutoUpdate' },
    weekly(4, null),
    [],
    'tentative',
    [],
  ],
  [
    'AutoUpdate: too long stays tentative',
    { automateProcessing: 'AutoUpdate', maximumDurationInMinutes: 30 },
    single(hour(2, 10), 60),
    [],
    'tentative',
    [],
  ],
  [
    'AutoUpdate: recurring meetings not allowed stays tentative',
    { automateProcessing: 'AutoUpdate', allowRecurringMeetings: false },
    weekly(2),
    [],
    'tentative',
    [],
  ],
  ['None: no decision', { automateProcessing: 'None' }, single(hour(2, 10)), [hour(2, 10)], 'tentative', []],
];

describe('decideBooking (the room booking attendant)', () => {
  for (const [name, overrides, request, busy, outcome, declinedKeys] of cases) {
    test(name, () => {
      const decision = decideBooking(settings(overrides), request, busy, NOW);
      expect([decision.outcome, decision.declinedKeys]).toEqual([outcome, declinedKeys]);
    });
  }
});
