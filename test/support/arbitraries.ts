import fc from 'fast-check';
import { WEEKDAYS } from '@workplace-sync/shared';
import type { RecurrenceEnd, RecurrenceRule, SetPosition, WallClockTime } from '@workplace-sync/shared';

const DAY_MS = 86_400_000;

/** Zones with and without DST, on both hemispheres, with a half-hour offset, and UTC. */
export const SERIES_TIME_ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Kolkata',
  'Australia/Sydney',
  'UTC',
] as const;

/** A calendar date 'YYYY-MM-DD' from `fromYear`-01-01 to `toYear`-12-31. */
export function arbDate(fromYear: number, toYear: number): fc.Arbitrary<string> {
  const first = Date.UTC(fromYear, 0, 1) / DAY_MS;
  const last = Date.UTC(toYear, 11, 31) / DAY_MS;
  return fc.integer({ min: first, max: last }).map((day) => new Date(day * DAY_MS).toISOString().slice(0, 10));
}

/**
 * A series start between 2020 and 2030 on a 15-minute grid. Local times that a DST change skips or
 * repeats are included on purpose: Outlook lets a series start there.
 */
export const arbWallClockStart: fc.Arbitrary<WallClockTime> = fc
  .record({
    date: arbDate(2020, 2030),
    hour: fc.integer({ min: 0, max: 23 }),
    quarter: fc.integer({ min: 0, max: 3 }),
    timeZone: fc.constantFrom(...SERIES_TIME_ZONES),
  })
  .map(({ date, hour, quarter, timeZone }) => ({
    dateTime: `${date}T${String(hour).padStart(2, '0')}:${String(quarter * 15).padStart(2, '0')}:00`,
    timeZone,
  }));

// Mostly the small intervals people use, sometimes anything the rule allows.
const arbInterval = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 4 }), weight: 3 },
  { arbitrary: fc.integer({ min: 1, max: 999 }), weight: 1 },
);
const arbWeekday = fc.constantFrom(...WEEKDAYS);
// Any order: a rule keeps the order its source gave, and only normalizeRule sorts.
const arbByDay = fc.uniqueArray(arbWeekday, { minLength: 1, maxLength: 7 });
const arbSetPosition = fc.constantFrom<SetPosition>(1, 2, 3, 4, -1);
const arbMonthDay = fc.integer({ min: 1, max: 31 });
const arbMonth = fc.integer({ min: 1, max: 12 });

const arbEnd: fc.Arbitrary<RecurrenceEnd> = fc.oneof(
  fc.constant<RecurrenceEnd>({ type: 'none' }),
  fc.integer({ min: 1, max: 999 }).map((count): RecurrenceEnd => ({ type: 'count', count })),
  arbDate(2020, 2035).map((until): RecurrenceEnd => ({ type: 'until', until })),
);

const common = { interval: arbInterval, weekStart: arbWeekday, end: arbEnd };
// fc.record builds null-prototype objects by default, which toStrictEqual tells apart from the mapper's.
const plainObject = { noNullPrototype: true };

/**
 * Any rule that passes assertValidRule: every frequency, the absolute and relative monthly/yearly
 * forms, all three ends and every weekStart. `until` is independent of any series start, so it may
 * precede the start a test pairs it with.
 */
export const arbRecurrenceRule: fc.Arbitrary<RecurrenceRule> = fc.oneof(
  fc.record({ freq: fc.constant('daily' as const), ...common }, plainObject),
  fc.record({ freq: fc.constant('weekly' as const), byDay: arbByDay, ...common }, plainObject),
  fc.record({ freq: fc.constant('monthly' as const), byMonthDay: arbMonthDay, ...common }, plainObject),
  fc.record(
    { freq: fc.constant('monthly' as const), byDay: arbByDay, bySetPos: arbSetPosition, ...common },
    plainObject,
  ),
  fc.record(
    { freq: fc.constant('yearly' as const), byMonthDay: arbMonthDay, byMonth: arbMonth, ...common },
    plainObject,
  ),
  fc.record(
    {
      freq: fc.constant('yearly' as const),
      byDay: arbByDay,
      bySetPos: arbSetPosition,
      byMonth: arbMonth,
      ...common,
    },
    plainObject,
  ),
);
