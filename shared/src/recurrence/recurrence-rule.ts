/** RFC 5545 weekday codes; the model's one spelling of a day. */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Which of the matching days in a month (1 = first … 4 = fourth, -1 = last), as Graph's `index` allows. */
export type SetPosition = 1 | 2 | 3 | 4 | -1;

export type RecurrenceEnd =
  | { type: 'none' }
  | { type: 'count'; count: number }
  /** Last date (inclusive) on which an occurrence may start, in the series' zone. */
  | { type: 'until'; until: string };

/**
 * The recurrence subset that both Exchange (patternedRecurrence) and Workplace (RRULE) express.
 * It is anchored at the series start (a WallClockTime in an IANA zone) that every function takes beside it.
 *
 * - daily:   every `interval` days.
 * - weekly:  on `byDay` every `interval` weeks, weeks starting on `weekStart`.
 * - monthly: on day `byMonthDay` (clamped to the month's last day, as Outlook does for 29–31), or on the
 *            `bySetPos`-th of the days in `byDay` (e.g. first Thursday, last weekday).
 * - yearly:  in `byMonth`, with the monthly forms.
 */
export type RecurrenceRule = {
  freq: 'daily' | 'weekly' | 'monthly' | 'yearly';
  interval: number;
  byDay?: Weekday[];
  byMonthDay?: number;
  bySetPos?: SetPosition;
  byMonth?: number;
  weekStart: Weekday;
  end: RecurrenceEnd;
};

export class RecurrenceError extends Error {
  override readonly name = 'RecurrenceError';
  constructor(
    readonly code: 'INVALID_RULE' | 'UNSUPPORTED_RULE',
    message: string,
  ) {
    super(message);
  }
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function invalid(message: string): never {
  throw new RecurrenceError('INVALID_RULE', message);
}

/** Throws a RecurrenceError describing the first problem; returns the rule for chaining. */
export function assertValidRule(rule: RecurrenceRule): RecurrenceRule {
  if (!Number.isInteger(rule.interval) || rule.interval < 1 || rule.interval > 999) {
    invalid(`interval must be an integer from 1 to 999, got ${rule.interval}`);
  }
  if (!WEEKDAYS.includes(rule.weekStart)) invalid(`weekStart must be a weekday code, got ${String(rule.weekStart)}`);
  for (const day of rule.byDay ?? []) if (!WEEKDAYS.includes(day)) invalid(`unknown weekday '${String(day)}'`);
  if (rule.byDay && new Set(rule.byDay).size !== rule.byDay.length) invalid('byDay lists a day twice');
  const hasDays = (rule.byDay?.length ?? 0) > 0;
  switch (rule.freq) {
    case 'daily':
      if (hasDays || rule.byMonthDay !== undefined || rule.bySetPos !== undefined || rule.byMonth !== undefined) {
        invalid('a daily rule takes only interval and end');
      }
      break;
    case 'weekly':
      if (!hasDays) invalid('a weekly rule needs at least one day in byDay');
      if (rule.byMonthDay !== undefined || rule.bySetPos !== undefined || rule.byMonth !== undefined) {
        invalid('a weekly rule takes only byDay and weekStart');
      }
      break;
    case 'monthly':
    case 'yearly': {
      const isAbsolute = rule.byMonthDay !== undefined;
      if (isAbsolute === hasDays) invalid(`a ${rule.freq} rule needs either byMonthDay or byDay with bySetPos`);
      if (isAbsolute) {
        if (!Number.isInteger(rule.byMonthDay) || rule.byMonthDay! < 1 || rule.byMonthDay! > 31) {
          invalid(`byMonthDay must be 1–31, got ${rule.byMonthDay}`);
        }
        if (rule.bySetPos !== undefined) invalid('bySetPos goes with byDay, not byMonthDay');
      } else if (rule.bySetPos === undefined || ![1, 2, 3, 4, -1].includes(rule.bySetPos)) {
        invalid(`bySetPos must be 1, 2, 3, 4 or -1, got ${rule.bySetPos}`);
      }
      if (rule.freq === 'yearly') {
        if (!Number.isInteger(rule.byMonth) || rule.byMonth! < 1 || rule.byMonth! > 12) {
          invalid(`a yearly rule needs byMonth 1–12, got ${rule.byMonth}`);
        }
      } else if (rule.byMonth !== undefined) {
        invalid('byMonth goes with yearly rules only');
      }
      break;
    }
    default:
      invalid(`unknown frequency '${String((rule as { freq: unknown }).freq)}'`);
  }
  const { end } = rule;
  if (end.type === 'count' && (!Number.isInteger(end.count) || end.count < 1 || end.count > 999)) {
    invalid(`count must be 1–999, got ${end.count}`);
  }
  if (end.type === 'until' && !DATE_ONLY.test(end.until))
    invalid(`until must be a date YYYY-MM-DD, got '${end.until}'`);
  if (!['none', 'count', 'until'].includes(end.type)) invalid(`unknown end type '${String(end.type)}'`);
  return rule;
}

/**
 * The one normal form: days sorted Monday-first, weekStart reset where it cannot change the result
 * (it only matters for weekly rules with an interval above 1), so two spellings of one rule compare equal.
 */
export function normalizeRule(rule: RecurrenceRule): RecurrenceRule {
  assertValidRule(rule);
  const normalized: RecurrenceRule = {
    freq: rule.freq,
    interval: rule.interval,
    weekStart: 'MO',
    end: { ...rule.end },
  };
  if (rule.byDay?.length) normalized.byDay = [...rule.byDay].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
  if (rule.byMonthDay !== undefined) normalized.byMonthDay = rule.byMonthDay;
  if (rule.bySetPos !== undefined) normalized.bySetPos = rule.bySetPos;
  if (rule.byMonth !== undefined) normalized.byMonth = rule.byMonth;
  if (rule.freq === 'weekly' && rule.interval > 1) normalized.weekStart = rule.weekStart;
  return normalized;
}
