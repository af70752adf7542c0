import { z } from 'zod';
import { assertValidRule, RecurrenceError, wallClock, windowsFromIana } from '@workplace-sync/shared';
import type { RecurrenceEnd, RecurrenceRule, SetPosition, Weekday, WallClockTime } from '@workplace-sync/shared';

const GRAPH_DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const GRAPH_WEEK_INDEXES = ['first', 'second', 'third', 'fourth', 'last'] as const;
const GRAPH_PATTERN_TYPES = [
  'daily',
  'weekly',
  'absoluteMonthly',
  'relativeMonthly',
  'absoluteYearly',
  'relativeYearly',
] as const;
const GRAPH_RANGE_TYPES = ['endDate', 'noEnd', 'numbered'] as const;

type GraphDayOfWeek = (typeof GRAPH_DAYS)[number];
type GraphWeekIndex = (typeof GRAPH_WEEK_INDEXES)[number];

/**
 * Requests may spell Graph's enum members in any case (the docs send "Monday"); responses use the CSDL
 * spelling ("monday"). Parsing maps every spelling to the CSDL one.
 */
function graphEnum<const Values extends readonly [string, ...string[]]>(values: Values) {
  const byLowerCase = new Map<string, string>(values.map((value) => [value.toLowerCase(), value]));
  return z.preprocess(
    (input) => (typeof input === 'string' ? (byLowerCase.get(input.toLowerCase()) ?? input) : input),
    z.enum(values),
  );
}

/**
 * Graph's `patternedRecurrence` as Graph sends and accepts it. Only the shape is checked here; whether
 * the fields fit the pattern type is `fromGraphRecurrence`'s job, because responses echo defaults for
 * fields the type does not use (`dayOfMonth: 0`, `month: 0`, `index: "first"`, `numberOfOccurrences: 0`,
 * `endDate: "0001-01-01"`) and those must not be mistaken for values.
 */
export const GraphPatternedRecurrence = z.object({
  pattern: z.object({
    type: graphEnum(GRAPH_PATTERN_TYPES),
    interval: z.number().int(),
    daysOfWeek: z.array(graphEnum(GRAPH_DAYS)).nullish(),
    firstDayOfWeek: graphEnum(GRAPH_DAYS).nullish(),
    index: graphEnum(GRAPH_WEEK_INDEXES).nullish(),
    dayOfMonth: z.number().int().nullish(),
    month: z.number().int().nullish(),
  }),
  range: z.object({
    type: graphEnum(GRAPH_RANGE_TYPES),
    startDate: z.iso.date(),
    endDate: z.iso.date().nullish(),
    numberOfOccurrences: z.number().int().nullish(),
    recurrenceTimeZone: z.string().nullish(),
  }),
});
export type GraphPatternedRecurrence = z.infer<typeof GraphPatternedRecurrence>;
type GraphPattern = GraphPatternedRecurrence['pattern'];
type GraphRange = GraphPatternedRecurrence['range'];

const WEEKDAY_OF_GRAPH_DAY: Record<GraphDayOfWeek, Weekday> = {
  sunday: 'SU',
  monday: 'MO',
  tuesday: 'TU',
  wednesday: 'WE',
  thursday: 'TH',
  friday: 'FR',
  saturday: 'SA',
};
const GRAPH_DAY_OF_WEEKDAY: Record<Weekday, GraphDayOfWeek> = {
  SU: 'sunday',
  MO: 'monday',
  TU: 'tuesday',
  WE: 'wednesday',
  TH: 'thursday',
  FR: 'friday',
  SA: 'saturday',
};
const SET_POSITION_OF_INDEX: Record<GraphWeekIndex, SetPosition> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  last: -1,
};
const INDEX_OF_SET_POSITION: Record<SetPosition, GraphWeekIndex> = {
  1: 'first',
  2: 'second',
  3: 'third',
  4: 'fourth',
  [-1]: 'last',
};

// Graph's documented defaults for a pattern that leaves them out.
const DEFAULT_FIRST_DAY_OF_WEEK: GraphDayOfWeek = 'sunday';
const DEFAULT_INDEX: GraphWeekIndex = 'first';
// Edm.Date has no null in Graph's responses: an unused endDate comes back as the minimum date.
const GRAPH_NULL_DATE = '0001-01-01';

function invalid(message: string): never {
  throw new RecurrenceError('INVALID_RULE', message);
}

/** The calendar date of the series start, which is also the date Graph's `range.startDate` must carry. */
function dateOf(seriesStart: WallClockTime): string {
  return wallClock(seriesStart.dateTime, seriesStart.timeZone).dateTime.slice(0, 10);
}

/**
 * Exchange moves a series whose `startDate` does not fit the pattern to the first date that does; the
 * master's `start` is reported to become that first occurrence while `startDate` keeps the requested
 * date. So a `startDate` before the series start is that shift, and the rule, anchored at the start,
 * describes the same occurrences. A `startDate` after it would leave the start outside its own series:
 * that happens when the start was read in another zone than the recurrence's, and guessing would invent
 * an occurrence.
 */
function checkRangeStart(range: GraphRange, seriesStart: WallClockTime): void {
  const startDate = dateOf(seriesStart);
  if (range.startDate > startDate) {
    invalid(
      `range.startDate ${range.startDate} is after the series start ${startDate}; is the start in the recurrence's zone?`,
    );
  }
}

function fromGraphDays(pattern: GraphPattern): Weekday[] {
  return (pattern.daysOfWeek ?? []).map((day) => WEEKDAY_OF_GRAPH_DAY[day]);
}

/** `byDay` + `bySetPos` for the relative types; Graph's "first Thursday or Friday" is byDay [TH, FR] at position 1. */
function fromGraphRelativeDays(pattern: GraphPattern): Pick<RecurrenceRule, 'byDay' | 'bySetPos'> {
  const byDay = fromGraphDays(pattern);
  if (byDay.length === 0) invalid(`a ${pattern.type} pattern needs daysOfWeek`);
  return { byDay, bySetPos: SET_POSITION_OF_INDEX[pattern.index ?? DEFAULT_INDEX] };
}

function fromGraphDayOfMonth(pattern: GraphPattern): number {
  const { dayOfMonth } = pattern;
  if (dayOfMonth === null || dayOfMonth === undefined || dayOfMonth < 1 || dayOfMonth > 31) {
    invalid(`a ${pattern.type} pattern needs dayOfMonth 1–31, got ${dayOfMonth}`);
  }
  return dayOfMonth;
}

function fromGraphMonth(pattern: GraphPattern): number {
  const { month } = pattern;
  if (month === null || month === undefined || month < 1 || month > 12) {
    invalid(`a ${pattern.type} pattern needs month 1–12, got ${month}`);
  }
  return month;
}

/** Reads only the fields the type uses, so Graph's echoed defaults for the others drop out. */
function fromGraphPattern(pattern: GraphPattern): Omit<RecurrenceRule, 'end'> {
  const base = {
    interval: pattern.interval,
    weekStart: WEEKDAY_OF_GRAPH_DAY[pattern.firstDayOfWeek ?? DEFAULT_FIRST_DAY_OF_WEEK],
  };
  switch (pattern.type) {
    case 'daily':
      return { freq: 'daily', ...base };
    case 'weekly': {
      const byDay = fromGraphDays(pattern);
      if (byDay.length === 0) invalid('a weekly pattern needs daysOfWeek');
      return { freq: 'weekly', ...base, byDay };
    }
    case 'absoluteMonthly':
      return { freq: 'monthly', ...base, byMonthDay: fromGraphDayOfMonth(pattern) };
    case 'relativeMonthly':
      return { freq: 'monthly', ...base, ...fromGraphRelativeDays(pattern) };
    case 'absoluteYearly':
      return { freq: 'yearly', ...base, byMonthDay: fromGraphDayOfMonth(pattern), byMonth: fromGraphMonth(pattern) };
    case 'relativeYearly':
      return { freq: 'yearly', ...base, ...fromGraphRelativeDays(pattern), byMonth: fromGraphMonth(pattern) };
    default:
      return invalid(`unknown pattern type '${String((pattern as { type: unknown }).type)}'`);
  }
}

function fromGraphRange(range: GraphRange): RecurrenceEnd {
  switch (range.type) {
    case 'noEnd':
      return { type: 'none' };
    case 'numbered': {
      const count = range.numberOfOccurrences;
      if (count === null || count === undefined || count < 1) {
        invalid(`a numbered range needs numberOfOccurrences ≥ 1, got ${count}`);
      }
      return { type: 'count', count };
    }
    case 'endDate':
      if (!range.endDate || range.endDate === GRAPH_NULL_DATE) invalid('an endDate range needs endDate');
      return { type: 'until', until: range.endDate };
    default:
      return invalid(`unknown range type '${String((range as { type: unknown }).type)}'`);
  }
}

/**
 * Graph's recurrence as our rule, anchored at `seriesStart`: the master's `start`, expressed in the
 * recurrence's zone (`range.recurrenceTimeZone`), because Graph matches weekdays and `endDate` in that
 * zone and the rule reads them in `seriesStart.timeZone`. `recurrenceTimeZone` itself is not read.
 * Throws a RecurrenceError ('INVALID_RULE') when the recurrence has no meaning as a rule.
 */
export function fromGraphRecurrence(recurrence: GraphPatternedRecurrence, seriesStart: WallClockTime): RecurrenceRule {
  checkRangeStart(recurrence.range, seriesStart);
  return assertValidRule({ ...fromGraphPattern(recurrence.pattern), end: fromGraphRange(recurrence.range) });
}

function toGraphDays(days: Weekday[] = []): GraphDayOfWeek[] {
  return days.map((day) => GRAPH_DAY_OF_WEEKDAY[day]);
}

function toGraphPattern(rule: RecurrenceRule): GraphPattern {
  // firstDayOfWeek goes with every type so that weekStart survives the round trip even where it has no effect.
  const base = { interval: rule.interval, firstDayOfWeek: GRAPH_DAY_OF_WEEKDAY[rule.weekStart] };
  const { bySetPos } = rule;
  switch (rule.freq) {
    case 'daily':
      return { type: 'daily', ...base };
    case 'weekly':
      return { type: 'weekly', ...base, daysOfWeek: toGraphDays(rule.byDay) };
    case 'monthly':
      return bySetPos === undefined
        ? { type: 'absoluteMonthly', ...base, dayOfMonth: rule.byMonthDay }
        : {
            type: 'relativeMonthly',
            ...base,
            daysOfWeek: toGraphDays(rule.byDay),
            index: INDEX_OF_SET_POSITION[bySetPos],
          };
    case 'yearly':
      return bySetPos === undefined
        ? { type: 'absoluteYearly', ...base, dayOfMonth: rule.byMonthDay, month: rule.byMonth }
        : {
            type: 'relativeYearly',
            ...base,
            daysOfWeek: toGraphDays(rule.byDay),
            index: INDEX_OF_SET_POSITION[bySetPos],
            month: rule.byMonth,
          };
  }
}

function toGraphRange(end: RecurrenceEnd, seriesStart: WallClockTime): GraphRange {
  const base = { startDate: dateOf(seriesStart), recurrenceTimeZone: windowsFromIana(seriesStart.timeZone) };
  switch (end.type) {
    case 'none':
      return { type: 'noEnd', ...base };
    case 'count':
      return { type: 'numbered', ...base, numberOfOccurrences: end.count };
    case 'until':
      return { type: 'endDate', ...base, endDate: end.until };
  }
}

/**
 * The canonical request form of a rule: lower-case day names, only the fields the pattern type uses plus
 * `firstDayOfWeek`, `startDate` = the series start's date and `recurrenceTimeZone` = its zone's Windows name.
 */
export function toGraphRecurrence(rule: RecurrenceRule, seriesStart: WallClockTime): GraphPatternedRecurrence {
  assertValidRule(rule);
  return { pattern: toGraphPattern(rule), range: toGraphRange(rule.end, seriesStart) };
}
