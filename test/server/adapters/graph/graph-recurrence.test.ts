import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  assertValidRule,
  fromRRule,
  ianaFromGraphZone,
  RecurrenceError,
  toRRule,
  wallClock,
  windowsFromIana,
} from '@workplace-sync/shared';
import type { RecurrenceRule, WallClockTime } from '@workplace-sync/shared';
import {
  fromGraphRecurrence,
  GraphPatternedRecurrence,
  toGraphRecurrence,
} from '../../../../server/src/adapters/graph/recurrence.js';
import { arbDate, arbRecurrenceRule, arbWallClockStart } from '../../../support/arbitraries.js';

const readFixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/graph/${name}`, import.meta.url), 'utf8'));

type GraphEventFixture = { start: { dateTime: string; timeZone: string }; recurrence: unknown };
type DocExample = { recurrence?: unknown; pattern?: unknown; range?: unknown };

const docExamples = readFixture('recurrence-doc-examples.json') as Record<string, DocExample>;
const createRequest = readFixture('event-create-request-weekly-recurring.json') as GraphEventFixture;
const createResponse = readFixture('event-create-response-weekly-recurring-seriesmaster.json') as GraphEventFixture;

const doc = (key: string): DocExample => {
  const example = docExamples[key];
  if (!example) throw new Error(`no doc example '${key}'`);
  return example;
};
const docRecurrence = (key: string) => doc(key).recurrence;
/** A pattern-only or range-only doc example completed into a whole recurrence. */
const combined = (pattern: unknown, range: unknown) => ({ pattern, range });

/** The series start as the adapter gets it: Graph's start, its zone already mapped to IANA. */
const startOf = (event: GraphEventFixture): WallClockTime =>
  wallClock(event.start.dateTime, ianaFromGraphZone(event.start.timeZone));
const at = (date: string, timeZone = 'Europe/Berlin'): WallClockTime => ({ dateTime: `${date}T09:30:00`, timeZone });

const mapGraph = (raw: unknown, start: WallClockTime) =>
  fromGraphRecurrence(GraphPatternedRecurrence.parse(raw), start);

const aRule = (
  rule: Omit<RecurrenceRule, 'weekStart'> & Partial<Pick<RecurrenceRule, 'weekStart'>>,
): RecurrenceRule => ({
  weekStart: 'SU',
  ...rule,
});

const weeklyMondayUntilYearEnd = aRule({
  freq: 'weekly',
  interval: 1,
  byDay: ['MO'],
  end: { type: 'until', until: '2017-12-31' },
});

// Every recurrence of the docs page and of the create fixtures. Pattern-only examples get a range whose
// startDate fits the pattern, range-only examples a pattern that fits their startDate.
const fixtureCases: Array<[string, unknown, WallClockTime, RecurrenceRule]> = [
  [
    'weeklyEveryMondayUntilEndOfYear',
    docRecurrence('weeklyEveryMondayUntilEndOfYear'),
    at('2017-09-04'),
    weeklyMondayUntilYearEnd,
  ],
  [
    'relativeMonthlyFirstThursdayEveryOtherMonthNoEnd',
    docRecurrence('relativeMonthlyFirstThursdayEveryOtherMonthNoEnd'),
    at('2017-08-29'),
    aRule({ freq: 'monthly', interval: 2, byDay: ['TH'], bySetPos: 1, end: { type: 'none' } }),
  ],
  [
    'patternRelativeMonthlySecondWednesday, 5 times',
    combined(doc('patternRelativeMonthlySecondWednesday').pattern, {
      type: 'numbered',
      startDate: '2017-09-13',
      numberOfOccurrences: 5,
    }),
    at('2017-09-13'),
    aRule({ freq: 'monthly', interval: 1, byDay: ['WE'], bySetPos: 2, end: { type: 'count', count: 5 } }),
  ],
  [
    'patternRelativeMonthlyFirstThursdayOrFriday, until a date',
    combined(doc('patternRelativeMonthlyFirstThursdayOrFriday').pattern, {
      type: 'endDate',
      startDate: '2017-09-01',
      endDate: '2017-12-31',
    }),
    at('2017-09-01'),
    aRule({
      freq: 'monthly',
      interval: 1,
      byDay: ['TH', 'FR'],
      bySetPos: 1,
      end: { type: 'until', until: '2017-12-31' },
    }),
  ],
  [
    'patternWeeklyEveryOtherMondayTuesday + rangeNoEnd',
    combined(doc('patternWeeklyEveryOtherMondayTuesday').pattern, doc('rangeNoEnd').range),
    at('2017-05-15'),
    aRule({ freq: 'weekly', interval: 2, byDay: ['MO', 'TU'], end: { type: 'none' } }),
  ],
  [
    'patternAbsoluteMonthly15th + rangeNoEnd',
    combined(doc('patternAbsoluteMonthly15th').pattern, doc('rangeNoEnd').range),
    at('2017-05-15', 'Asia/Kolkata'),
    aRule({ freq: 'monthly', interval: 1, byMonthDay: 15, end: { type: 'none' } }),
  ],
  [
    'patternAbsoluteYearlyApril15, no end',
    combined(doc('patternAbsoluteYearlyApril15').pattern, { type: 'noEnd', startDate: '2018-04-15' }),
    at('2018-04-15', 'America/New_York'),
    aRule({ freq: 'yearly', interval: 1, byMonthDay: 15, byMonth: 4, end: { type: 'none' } }),
  ],
  [
    'patternRelativeYearlyLastWednesdayNovember, 3 times',
    combined(doc('patternRelativeYearlyLastWednesdayNovember').pattern, {
      type: 'numbered',
      startDate: '2017-11-29',
      numberOfOccurrences: 3,
    }),
    at('2017-11-29', 'Australia/Sydney'),
    aRule({ freq: 'yearly', interval: 1, byDay: ['WE'], bySetPos: -1, byMonth: 11, end: { type: 'count', count: 3 } }),
  ],
  [
    'patternDailyEveryThreeDays + rangeNumbered10',
    combined(doc('patternDailyEveryThreeDays').pattern, doc('rangeNumbered10').range),
    at('2017-04-02', 'UTC'),
    aRule({ freq: 'daily', interval: 3, end: { type: 'count', count: 10 } }),
  ],
  [
    'every other Saturday, weeks from Monday + rangeEndDate',
    combined(
      { type: 'weekly', interval: 2, daysOfWeek: ['Saturday'], firstDayOfWeek: 'Monday' },
      doc('rangeEndDate').range,
    ),
    at('2017-07-01'),
    aRule({ freq: 'weekly', interval: 2, byDay: ['SA'], weekStart: 'MO', end: { type: 'until', until: '2017-07-31' } }),
  ],
  ['event-create-request-weekly-recurring', createRequest.recurrence, startOf(createRequest), weeklyMondayUntilYearEnd],
  [
    'event-create-response-weekly-recurring-seriesmaster',
    createResponse.recurrence,
    startOf(createResponse),
    weeklyMondayUntilYearEnd,
  ],
];

/**
 * What Graph returns for a recurrence it was sent (fx:event-create-response-weekly-recurring-seriesmaster):
 * lower-case names and a default for every field the request left out.
 */
function echoLikeGraph({ pattern, range }: GraphPatternedRecurrence, recurrenceTimeZone: string) {
  return {
    pattern: {
      type: pattern.type,
      interval: pattern.interval,
      month: pattern.month ?? 0,
      dayOfMonth: pattern.dayOfMonth ?? 0,
      daysOfWeek: pattern.daysOfWeek ?? [],
      firstDayOfWeek: pattern.firstDayOfWeek ?? 'sunday',
      index: pattern.index ?? 'first',
    },
    range: {
      type: range.type,
      startDate: range.startDate,
      endDate: range.endDate ?? '0001-01-01',
      recurrenceTimeZone: range.recurrenceTimeZone ?? recurrenceTimeZone,
      numberOfOccurrences: range.numberOfOccurrences ?? 0,
    },
  };
}

const isInvalidRule = expect.objectContaining({ name: 'RecurrenceError', code: 'INVALID_RULE' });

describe('fromGraphRecurrence', () => {
  test.each(fixtureCases)('%s', (_name, raw, start, expected) => {
    expect(mapGraph(raw, start)).toStrictEqual(expected);
  });

  test.each(fixtureCases)("%s in Graph's echoed response form gives the same rule", (_name, raw, start, expected) => {
    const echoed = echoLikeGraph(GraphPatternedRecurrence.parse(raw), windowsFromIana(start.timeZone));
    expect(mapGraph(echoed, start)).toStrictEqual(expected);
  });

  test('the create request and the echoed seriesMaster response of one series give the same rule', () => {
    const request = GraphPatternedRecurrence.parse(createRequest.recurrence);
    const response = GraphPatternedRecurrence.parse(createResponse.recurrence);
    expect(request).not.toEqual(response);
    // The echo model used above is what the real response shows.
    expect(echoLikeGraph(request, 'Pacific Standard Time')).toStrictEqual(response);
    expect(fromGraphRecurrence(response, startOf(createResponse))).toStrictEqual(
      fromGraphRecurrence(request, startOf(createRequest)),
    );
  });

  test('reads a start in Graph notation (seven fractional digits)', () => {
    const start = { dateTime: '2017-09-04T12:00:00.0000000', timeZone: 'America/Los_Angeles' };
    expect(mapGraph(createResponse.recurrence, start)).toStrictEqual(weeklyMondayUntilYearEnd);
  });

  test('a startDate before the start is the first matching date Exchange moved the series to', () => {
    // Requested from Tuesday 2017-08-29; the first "first Thursday" of an every-other-month series is 2017-10-05.
    const raw = docRecurrence('relativeMonthlyFirstThursdayEveryOtherMonthNoEnd');
    expect(mapGraph(raw, at('2017-10-05'))).toStrictEqual(mapGraph(raw, at('2017-08-29')));
  });

  test('a startDate after the start is rejected: the start lies outside its own series', () => {
    const raw = docRecurrence('weeklyEveryMondayUntilEndOfYear');
    // Monday 00:30 in Berlin is Sunday 22:30 in UTC: the start was read in another zone than the recurrence's.
    expect(() => mapGraph(raw, { dateTime: '2017-09-03T22:30:00', timeZone: 'UTC' })).toThrow(isInvalidRule);
  });

  test('ignores recurrenceTimeZone: the series zone is the zone of the start', () => {
    const range = { ...(doc('rangeNoEnd').range as object), recurrenceTimeZone: 'Tokyo Standard Time' };
    const raw = combined(doc('patternDailyEveryThreeDays').pattern, range);
    expect(mapGraph(raw, at('2017-05-15'))).toStrictEqual(aRule({ freq: 'daily', interval: 3, end: { type: 'none' } }));
  });

  test("a relative pattern without index means Graph's default, the first", () => {
    const raw = combined({ type: 'relativeMonthly', interval: 1, daysOfWeek: ['Saturday'] }, doc('rangeEndDate').range);
    expect(mapGraph(raw, at('2017-07-01'))).toStrictEqual(
      aRule({ freq: 'monthly', interval: 1, byDay: ['SA'], bySetPos: 1, end: { type: 'until', until: '2017-07-31' } }),
    );
  });

  const weeklyMonday = { type: 'weekly', interval: 1, daysOfWeek: ['Monday'] };
  const noEnd = { type: 'noEnd', startDate: '2017-09-04' };
  const invalidCases: Array<[string, object, object]> = [
    ['weekly without daysOfWeek', { type: 'weekly', interval: 1 }, noEnd],
    ['weekly with empty daysOfWeek', { ...weeklyMonday, daysOfWeek: [] }, noEnd],
    ['weekly with daysOfWeek null', { ...weeklyMonday, daysOfWeek: null }, noEnd],
    ['a day listed twice', { ...weeklyMonday, daysOfWeek: ['Monday', 'monday'] }, noEnd],
    ['interval 0', { ...weeklyMonday, interval: 0 }, noEnd],
    ['negative interval', { type: 'daily', interval: -1 }, noEnd],
    ['interval above 999', { type: 'daily', interval: 1000 }, noEnd],
    ['absoluteMonthly without dayOfMonth', { type: 'absoluteMonthly', interval: 1 }, noEnd],
    ['absoluteMonthly with the echoed dayOfMonth 0', { type: 'absoluteMonthly', interval: 1, dayOfMonth: 0 }, noEnd],
    ['absoluteMonthly on day 32', { type: 'absoluteMonthly', interval: 1, dayOfMonth: 32 }, noEnd],
    ['absoluteYearly with the echoed month 0', { type: 'absoluteYearly', interval: 1, dayOfMonth: 4, month: 0 }, noEnd],
    ['absoluteYearly in month 13', { type: 'absoluteYearly', interval: 1, dayOfMonth: 4, month: 13 }, noEnd],
    ['relativeMonthly without daysOfWeek', { type: 'relativeMonthly', interval: 1, index: 'first' }, noEnd],
    [
      'relativeYearly without month',
      { type: 'relativeYearly', interval: 1, daysOfWeek: ['monday'], index: 'last' },
      noEnd,
    ],
    ['endDate range without endDate', weeklyMonday, { type: 'endDate', startDate: '2017-09-04' }],
    ['endDate range with endDate null', weeklyMonday, { type: 'endDate', startDate: '2017-09-04', endDate: null }],
    [
      'endDate range with the echoed 0001-01-01',
      weeklyMonday,
      { type: 'endDate', startDate: '2017-09-04', endDate: '0001-01-01' },
    ],
    ['numbered range without numberOfOccurrences', weeklyMonday, { type: 'numbered', startDate: '2017-09-04' }],
    [
      'numbered range with the echoed 0',
      weeklyMonday,
      { type: 'numbered', startDate: '2017-09-04', numberOfOccurrences: 0 },
    ],
    ['numbered range with -1', weeklyMonday, { type: 'numbered', startDate: '2017-09-04', numberOfOccurrences: -1 }],
    [
      'numbered range above 999',
      weeklyMonday,
      { type: 'numbered', startDate: '2017-09-04', numberOfOccurrences: 1000 },
    ],
    ['startDate after the series start', weeklyMonday, { type: 'noEnd', startDate: '2017-09-05' }],
  ];
  test.each(invalidCases)('%s is a RecurrenceError INVALID_RULE', (_name, pattern, range) => {
    expect(() => mapGraph({ pattern, range }, at('2017-09-04'))).toThrow(isInvalidRule);
  });

  // The schema already rejects these; the mapper must not trust its static type either.
  test.each([
    ['unknown pattern type', { ...weeklyMonday, type: 'hourly' }, noEnd],
    ['unknown range type', { ...weeklyMonday, daysOfWeek: ['monday'] }, { ...noEnd, type: 'forever' }],
  ])('%s is a RecurrenceError INVALID_RULE', (_name, pattern, range) => {
    const unchecked = { pattern, range } as unknown as GraphPatternedRecurrence;
    expect(() => fromGraphRecurrence(unchecked, at('2017-09-04'))).toThrow(isInvalidRule);
  });
});

describe('GraphPatternedRecurrence', () => {
  test('accepts any capitalisation of Graph enum members and nulls in unused fields', () => {
    const parsed = GraphPatternedRecurrence.parse({
      pattern: {
        type: 'RelativeYearly',
        interval: 1,
        daysOfWeek: ['WEDNESDAY', 'Thursday'],
        firstDayOfWeek: 'Monday',
        index: 'Last',
        month: 11,
        dayOfMonth: null,
        '@odata.type': 'microsoft.graph.recurrencePattern',
      },
      range: {
        type: 'NoEnd',
        startDate: '2017-11-29',
        endDate: null,
        numberOfOccurrences: null,
        recurrenceTimeZone: null,
      },
    });
    expect(parsed).toStrictEqual({
      pattern: {
        type: 'relativeYearly',
        interval: 1,
        daysOfWeek: ['wednesday', 'thursday'],
        firstDayOfWeek: 'monday',
        index: 'last',
        month: 11,
        dayOfMonth: null,
      },
      range: {
        type: 'noEnd',
        startDate: '2017-11-29',
        endDate: null,
        numberOfOccurrences: null,
        recurrenceTimeZone: null,
      },
    });
  });

  const valid = {
    pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] },
    range: { type: 'noEnd', startDate: '2017-09-04' },
  };
  test.each([
    ['an unknown pattern type', { ...valid, pattern: { ...valid.pattern, type: 'hourly' } }],
    ['an unknown day name', { ...valid, pattern: { ...valid.pattern, daysOfWeek: ['funday'] } }],
    ['an unknown index', { ...valid, pattern: { ...valid.pattern, index: 'fifth' } }],
    ['a fractional interval', { ...valid, pattern: { ...valid.pattern, interval: 1.5 } }],
    ['a missing startDate', { ...valid, range: { type: 'noEnd' } }],
    ['an impossible startDate', { ...valid, range: { ...valid.range, startDate: '2017-02-30' } }],
    [
      'a date-time as endDate',
      { ...valid, range: { type: 'endDate', startDate: '2017-09-04', endDate: '2017-12-31T00:00:00Z' } },
    ],
  ])('rejects %s', (_name, raw) => {
    expect(GraphPatternedRecurrence.safeParse(raw).success).toBe(false);
  });
});

describe('toGraphRecurrence', () => {
  const berlin = at('2026-01-05');
  const request = (pattern: object, range: object) => ({
    pattern,
    range: { startDate: '2026-01-05', recurrenceTimeZone: 'W. Europe Standard Time', ...range },
  });
  test.each<[string, RecurrenceRule, object]>([
    [
      'daily, 10 times',
      aRule({ freq: 'daily', interval: 3, weekStart: 'MO', end: { type: 'count', count: 10 } }),
      request({ type: 'daily', interval: 3, firstDayOfWeek: 'monday' }, { type: 'numbered', numberOfOccurrences: 10 }),
    ],
    [
      'weekly, until a date',
      aRule({ freq: 'weekly', interval: 2, byDay: ['TU', 'MO'], end: { type: 'until', until: '2026-12-31' } }),
      request(
        { type: 'weekly', interval: 2, daysOfWeek: ['tuesday', 'monday'], firstDayOfWeek: 'sunday' },
        { type: 'endDate', endDate: '2026-12-31' },
      ),
    ],
    [
      'absoluteMonthly',
      aRule({ freq: 'monthly', interval: 1, byMonthDay: 31, end: { type: 'none' } }),
      request({ type: 'absoluteMonthly', interval: 1, dayOfMonth: 31, firstDayOfWeek: 'sunday' }, { type: 'noEnd' }),
    ],
    [
      'relativeMonthly',
      aRule({ freq: 'monthly', interval: 1, byDay: ['TH', 'FR'], bySetPos: 4, end: { type: 'none' } }),
      request(
        {
          type: 'relativeMonthly',
          interval: 1,
          daysOfWeek: ['thursday', 'friday'],
          index: 'fourth',
          firstDayOfWeek: 'sunday',
        },
        { type: 'noEnd' },
      ),
    ],
    [
      'absoluteYearly',
      aRule({ freq: 'yearly', interval: 1, byMonthDay: 29, byMonth: 2, end: { type: 'none' } }),
      request(
        { type: 'absoluteYearly', interval: 1, dayOfMonth: 29, month: 2, firstDayOfWeek: 'sunday' },
        { type: 'noEnd' },
      ),
    ],
    [
      'relativeYearly',
      aRule({ freq: 'yearly', interval: 1, byDay: ['WE'], bySetPos: -1, byMonth: 11, end: { type: 'none' } }),
      request(
        {
          type: 'relativeYearly',
          interval: 1,
          daysOfWeek: ['wednesday'],
          index: 'last',
          month: 11,
          firstDayOfWeek: 'sunday',
        },
        { type: 'noEnd' },
      ),
    ],
  ])('%s', (_name, rule, expected) => {
    expect(toGraphRecurrence(rule, berlin)).toStrictEqual(expected);
  });

  test('the create fixture maps back to its request form, with the zone Graph echoes', () => {
    const rule = mapGraph(createResponse.recurrence, startOf(createResponse));
    expect(toGraphRecurrence(rule, startOf(createResponse))).toStrictEqual({
      pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'], firstDayOfWeek: 'sunday' },
      range: {
        type: 'endDate',
        startDate: '2017-09-04',
        endDate: '2017-12-31',
        recurrenceTimeZone: 'Pacific Standard Time',
      },
    });
  });

  test('rejects an invalid rule', () => {
    expect(() => toGraphRecurrence(aRule({ freq: 'weekly', interval: 1, end: { type: 'none' } }), berlin)).toThrow(
      isInvalidRule,
    );
  });
});

// Fields that the canonical form carries for each type; all others are irrelevant to it.
const PATTERN_FIELDS: Record<string, string[]> = {
  daily: ['firstDayOfWeek', 'interval', 'type'],
  weekly: ['daysOfWeek', 'firstDayOfWeek', 'interval', 'type'],
  absoluteMonthly: ['dayOfMonth', 'firstDayOfWeek', 'interval', 'type'],
  relativeMonthly: ['daysOfWeek', 'firstDayOfWeek', 'index', 'interval', 'type'],
  absoluteYearly: ['dayOfMonth', 'firstDayOfWeek', 'interval', 'month', 'type'],
  relativeYearly: ['daysOfWeek', 'firstDayOfWeek', 'index', 'interval', 'month', 'type'],
};
const RANGE_FIELDS: Record<string, string[]> = {
  noEnd: ['recurrenceTimeZone', 'startDate', 'type'],
  numbered: ['numberOfOccurrences', 'recurrenceTimeZone', 'startDate', 'type'],
  endDate: ['endDate', 'recurrenceTimeZone', 'startDate', 'type'],
};

const GRAPH_DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const GRAPH_INDEXES = ['first', 'second', 'third', 'fourth', 'last'];
const GRAPH_PATTERN_TYPES = Object.keys(PATTERN_FIELDS);
const GRAPH_RANGE_TYPES = Object.keys(RANGE_FIELDS);

const capitalise = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
const arbSpelling = fc.constantFrom(
  (name: string) => name,
  capitalise,
  (name: string) => name.toUpperCase(),
);
/** A field the type does not use: absent, null, Graph's echoed default, or any value Graph would accept. */
const arbUnused = <T>(echoedDefault: T, arbValue: fc.Arbitrary<T>) =>
  fc.oneof(fc.constant(undefined), fc.constant(null), fc.constant(echoedDefault), arbValue);
const daysBefore = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/**
 * The same recurrence as Graph may spell it: any capitalisation, defaults left out or echoed, unused
 * fields filled with anything, another recurrenceTimeZone, a startDate Exchange shifted away from.
 */
function arbGraphSpellingOf(rule: RecurrenceRule, start: WallClockTime): fc.Arbitrary<unknown> {
  const canonical = toGraphRecurrence(rule, start);
  const unused = {
    daysOfWeek: arbUnused([], fc.uniqueArray(fc.constantFrom(...GRAPH_DAYS), { maxLength: 7 })),
    index: arbUnused('first', fc.constantFrom(...GRAPH_INDEXES)),
    dayOfMonth: arbUnused(0, fc.integer({ min: 1, max: 31 })),
    month: arbUnused(0, fc.integer({ min: 1, max: 12 })),
    endDate: arbUnused('0001-01-01', arbDate(2000, 2040)),
    numberOfOccurrences: arbUnused(0, fc.integer({ min: 1, max: 999 })),
  };
  return fc
    .record({
      spell: arbSpelling,
      omitDefaults: fc.boolean(),
      fill: fc.record(unused),
      recurrenceTimeZone: fc.constantFrom(undefined, null, 'Tokyo Standard Time', canonical.range.recurrenceTimeZone),
      shiftedDays: fc.oneof(
        { arbitrary: fc.constant(0), weight: 3 },
        { arbitrary: fc.integer({ min: 1, max: 400 }), weight: 1 },
      ),
    })
    .map(({ spell, omitDefaults, fill, recurrenceTimeZone, shiftedDays }) => {
      const pattern: Record<string, unknown> = { ...canonical.pattern };
      const range: Record<string, unknown> = { ...canonical.range };
      for (const [field, value] of Object.entries(fill)) {
        const target = field === 'endDate' || field === 'numberOfOccurrences' ? range : pattern;
        if (!(field in target) && value !== undefined) target[field] = value;
      }
      if (omitDefaults && pattern.firstDayOfWeek === 'sunday') delete pattern.firstDayOfWeek;
      if (omitDefaults && pattern.index === 'first') delete pattern.index;
      for (const field of ['type', 'firstDayOfWeek', 'index'] as const) {
        if (typeof pattern[field] === 'string') pattern[field] = spell(pattern[field]);
      }
      if (Array.isArray(pattern.daysOfWeek)) pattern.daysOfWeek = pattern.daysOfWeek.map(spell);
      range.type = spell(String(range.type));
      range.recurrenceTimeZone = recurrenceTimeZone;
      range.startDate = daysBefore(String(range.startDate), shiftedDays);
      return { pattern, range };
    });
}

const arbRuleAndStart = fc.tuple(arbRecurrenceRule, arbWallClockStart);
const arbSpelledRecurrence = arbRuleAndStart.chain(([rule, start]) =>
  arbGraphSpellingOf(rule, start).map((raw) => ({ rule, start, raw })),
);

/** Anything the schema accepts, most of it nonsense as a recurrence. */
const arbAnyGraphRecurrence = fc.record({
  start: arbWallClockStart,
  shiftedDays: fc.integer({ min: -2, max: 40 }),
  pattern: fc.record(
    {
      type: fc.constantFrom(...GRAPH_PATTERN_TYPES),
      interval: fc.integer({ min: -1, max: 1000 }),
      daysOfWeek: fc.option(fc.array(fc.constantFrom(...GRAPH_DAYS), { maxLength: 8 })),
      firstDayOfWeek: fc.option(fc.constantFrom(...GRAPH_DAYS)),
      index: fc.option(fc.constantFrom(...GRAPH_INDEXES)),
      dayOfMonth: fc.option(fc.integer({ min: -1, max: 32 })),
      month: fc.option(fc.integer({ min: -1, max: 13 })),
    },
    { requiredKeys: ['type', 'interval'] },
  ),
  range: fc.record(
    {
      type: fc.constantFrom(...GRAPH_RANGE_TYPES),
      endDate: fc.option(fc.oneof(fc.constant('0001-01-01'), arbDate(2019, 2040))),
      numberOfOccurrences: fc.option(fc.integer({ min: -1, max: 1000 })),
    },
    { requiredKeys: ['type'] },
  ),
});

const PROPERTY_RUNS = { numRuns: 1000 };

describe('Graph ↔ rule round trips', () => {
  test('fromGraph(toGraph(rule)) is the rule, for any valid rule', () => {
    fc.assert(
      fc.property(arbRuleAndStart, ([rule, start]) => {
        expect(fromGraphRecurrence(toGraphRecurrence(rule, start), start)).toStrictEqual(rule);
      }),
      PROPERTY_RUNS,
    );
  });

  test('toGraph gives the canonical request form: only the fields the type uses, parsing to itself', () => {
    fc.assert(
      fc.property(arbRuleAndStart, ([rule, start]) => {
        const graph = toGraphRecurrence(rule, start);
        expect(Object.keys(graph.pattern).sort()).toEqual(PATTERN_FIELDS[graph.pattern.type]);
        expect(Object.keys(graph.range).sort()).toEqual(RANGE_FIELDS[graph.range.type]);
        expect(graph.range.startDate).toBe(start.dateTime.slice(0, 10));
        expect(graph.range.recurrenceTimeZone).toBe(windowsFromIana(start.timeZone));
        expect(GraphPatternedRecurrence.parse(graph)).toStrictEqual(graph);
      }),
      PROPERTY_RUNS,
    );
  });

  test('every spelling Graph may use of a recurrence gives the same rule, and toGraph(fromGraph(x)) is a fixed point', () => {
    fc.assert(
      fc.property(arbSpelledRecurrence, ({ rule, start, raw }) => {
        const mapped = mapGraph(raw, start);
        expect(mapped).toStrictEqual(rule);
        const once = toGraphRecurrence(mapped, start);
        expect(once).toStrictEqual(toGraphRecurrence(rule, start));
        expect(toGraphRecurrence(fromGraphRecurrence(once, start), start)).toStrictEqual(once);
      }),
      PROPERTY_RUNS,
    );
  });

  test('any recurrence the schema accepts either is a RecurrenceError or maps to a valid rule with a stable Graph form', () => {
    let mappedCount = 0;
    fc.assert(
      fc.property(arbAnyGraphRecurrence, ({ start, shiftedDays, pattern, range }) => {
        const raw = { pattern, range: { ...range, startDate: daysBefore(start.dateTime.slice(0, 10), shiftedDays) } };
        let rule: RecurrenceRule;
        try {
          rule = mapGraph(raw, start);
        } catch (error) {
          expect(error).toBeInstanceOf(RecurrenceError);
          expect((error as RecurrenceError).code).toBe('INVALID_RULE');
          return;
        }
        mappedCount++;
        assertValidRule(rule);
        const once = toGraphRecurrence(rule, start);
        expect(toGraphRecurrence(fromGraphRecurrence(once, start), start)).toStrictEqual(once);
      }),
      PROPERTY_RUNS,
    );
    // Guards against a generator that only ever produces errors.
    expect(mappedCount).toBeGreaterThan(PROPERTY_RUNS.numRuns / 10);
  });

  test('Graph → rule → RRULE → rule → Graph is stable', () => {
    fc.assert(
      fc.property(arbSpelledRecurrence, ({ start, raw }) => {
        const rule = mapGraph(raw, start);
        const viaRRule = fromRRule(toRRule(rule, start), start);
        expect(viaRRule).toStrictEqual(rule);
        expect(toGraphRecurrence(viaRRule, start)).toStrictEqual(toGraphRecurrence(rule, start));
      }),
      PROPERTY_RUNS,
    );
  });
});
