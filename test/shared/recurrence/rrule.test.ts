import { describe, expect, test } from 'vitest';
import { fromRRule, toRRule } from '@workplace-sync/shared';
import type { RecurrenceRule, WallClockTime } from '@workplace-sync/shared';

const berlinStart: WallClockTime = { dateTime: '2026-01-05T09:00:00', timeZone: 'Europe/Berlin' };

const cases: Array<[string, RecurrenceRule, string]> = [
  [
    'daily every 3 days',
    { freq: 'daily', interval: 3, weekStart: 'MO', end: { type: 'none' } },
    'FREQ=DAILY;INTERVAL=3;WKST=MO',
  ],
  [
    'weekly on Monday and Wednesday, weeks from Sunday, 10 times',
    { freq: 'weekly', interval: 1, byDay: ['MO', 'WE'], weekStart: 'SU', end: { type: 'count', count: 10 } },
    'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE;WKST=SU;COUNT=10',
  ],
  [
    // The last day of 2026-12-31 in Berlin (23:59:59 CET) is 22:59:59 UTC.
    'weekly until the end of a date in the series zone',
    { freq: 'weekly', interval: 2, byDay: ['FR'], weekStart: 'MO', end: { type: 'until', until: '2026-12-31' } },
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;WKST=MO;UNTIL=20261231T225959Z',
  ],
  [
    'monthly on the 15th',
    { freq: 'monthly', interval: 1, byMonthDay: 15, weekStart: 'MO', end: { type: 'none' } },
    'FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=15;WKST=MO',
  ],
  [
    'monthly on the 31st or the last day of shorter months',
    { freq: 'monthly', interval: 1, byMonthDay: 31, weekStart: 'MO', end: { type: 'none' } },
    'FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=28,29,30,31;BYSETPOS=-1;WKST=MO',
  ],
  [
    'first Thursday or Friday every other month',
    { freq: 'monthly', interval: 2, byDay: ['TH', 'FR'], bySetPos: 1, weekStart: 'SU', end: { type: 'none' } },
    'FREQ=MONTHLY;INTERVAL=2;BYDAY=TH,FR;BYSETPOS=1;WKST=SU',
  ],
  [
    'yearly on April 15',
    { freq: 'yearly', interval: 1, byMonth: 4, byMonthDay: 15, weekStart: 'MO', end: { type: 'count', count: 5 } },
    'FREQ=YEARLY;INTERVAL=1;BYMONTH=4;BYMONTHDAY=15;WKST=MO;COUNT=5',
  ],
  [
    'yearly on the last Wednesday of November',
    { freq: 'yearly', interval: 1, byMonth: 11, byDay: ['WE'], bySetPos: -1, weekStart: 'MO', end: { type: 'none' } },
    'FREQ=YEARLY;INTERVAL=1;BYMONTH=11;BYDAY=WE;BYSETPOS=-1;WKST=MO',
  ],
];

describe('toRRule / fromRRule', () => {
  test.each(cases)('%s', (_name, rule, rrule) => {
    expect(toRRule(rule, berlinStart)).toBe(rrule);
    expect(fromRRule(rrule, berlinStart)).toEqual(rule);
    expect(fromRRule(`RRULE:${rrule}`, berlinStart)).toEqual(rule);
  });
});

describe('fromRRule reads other spellings of the same rule', () => {
  test.each<[string, string, Partial<RecurrenceRule>]>([
    ['an ordinal BYDAY is a set position', 'FREQ=MONTHLY;BYDAY=-1FR', { byDay: ['FR'], bySetPos: -1 }],
    ['2TU is the second Tuesday', 'FREQ=MONTHLY;BYDAY=2TU', { byDay: ['TU'], bySetPos: 2 }],
    ['BYMONTHDAY=-1 is the last day', 'FREQ=MONTHLY;BYMONTHDAY=-1', { byMonthDay: 31 }],
    ['INTERVAL defaults to 1 and WKST to Monday', 'FREQ=DAILY', { interval: 1, weekStart: 'MO' }],
    ['weekly without BYDAY repeats on the start weekday', 'FREQ=WEEKLY', { byDay: ['MO'] }],
    ['monthly without BYDAY/BYMONTHDAY repeats on the start day', 'FREQ=MONTHLY', { byMonthDay: 5 }],
    ['yearly without BYMONTH uses the start month', 'FREQ=YEARLY;BYMONTHDAY=5', { byMonth: 1, byMonthDay: 5 }],
    ['lower case is accepted', 'freq=weekly;byday=mo,tu', { byDay: ['MO', 'TU'] }],
    ['a DATE UNTIL is the last date', 'FREQ=DAILY;UNTIL=20260131', { end: { type: 'until', until: '2026-01-31' } }],
    // 08:59:59 Berlin on Jan 31 is before the 09:00 start, so Jan 31 itself is excluded.
    [
      'a UTC UNTIL before the start time excludes that day',
      'FREQ=DAILY;UNTIL=20260131T075959Z',
      { end: { type: 'until', until: '2026-01-30' } },
    ],
    [
      'a UTC UNTIL at the start time includes that day',
      'FREQ=DAILY;UNTIL=20260131T080000Z',
      { end: { type: 'until', until: '2026-01-31' } },
    ],
  ])('%s', (_name, rrule, expected) => {
    expect(fromRRule(rrule, berlinStart)).toMatchObject(expected);
  });
});

describe('fromRRule refuses what Exchange cannot express', () => {
  test.each([
    ['FREQ=HOURLY', 'UNSUPPORTED_RULE'],
    ['FREQ=WEEKLY;BYHOUR=9', 'UNSUPPORTED_RULE'],
    ['FREQ=MONTHLY;BYMONTHDAY=31', 'UNSUPPORTED_RULE'],
    ['FREQ=MONTHLY;BYDAY=MO,TU', 'UNSUPPORTED_RULE'],
    ['FREQ=MONTHLY;BYDAY=5MO', 'UNSUPPORTED_RULE'],
    ['FREQ=DAILY;BYDAY=MO', 'UNSUPPORTED_RULE'],
    ['INTERVAL=2', 'INVALID_RULE'],
    ['FREQ=DAILY;COUNT=3;UNTIL=20260101', 'INVALID_RULE'],
    ['FREQ=DAILY;INTERVAL=0', 'INVALID_RULE'],
    ['FREQ=DAILY;COUNT=x', 'INVALID_RULE'],
    ['FREQ=WEEKLY;BYDAY=XX', 'INVALID_RULE'],
    ['FREQ=DAILY;;INTERVAL', 'INVALID_RULE'],
  ])('%s → %s', (rrule, code) => {
    expect(() => fromRRule(rrule, berlinStart)).toThrow(expect.objectContaining({ name: 'RecurrenceError', code }));
  });
});
