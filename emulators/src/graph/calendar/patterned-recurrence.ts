import { WEEKDAYS } from '@workplace-sync/shared';
import type { RecurrenceRule, SetPosition, Weekday } from '@workplace-sync/shared';
import { invalidRequest } from '../odata/graph-error.js';
import { readGraphEnum as readEnum } from '../odata/graph-enum.js';

// The emulator's own reading of Graph's patternedRecurrence (resources/recurrencepattern.md,
// recurrencerange.md, concepts/outlook-schedule-recurring-events.md). It is deliberately separate from
// the production adapter's mapping: an emulator that shared the client's code would agree with its bugs.

const PATTERN_TYPES = [
  'daily',
  'weekly',
  'absoluteMonthly',
  'relativeMonthly',
  'absoluteYearly',
  'relativeYearly',
] as const;
const RANGE_TYPES = ['endDate', 'noEnd', 'numbered'] as const;
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const WEEK_INDEXES = ['first', 'second', 'third', 'fourth', 'last'] as const;

type GraphDay = (typeof DAYS)[number];

/** patternedRecurrence as Graph returns it: lowercase enums and defaults echoed for unused fields. */
export type GraphRecurrence = {
  pattern: {
    type: (typeof PATTERN_TYPES)[number];
    interval: number;
    month: number;
    dayOfMonth: number;
    daysOfWeek: GraphDay[];
    firstDayOfWeek: GraphDay;
    index: (typeof WEEK_INDEXES)[number];
  };
  range: {
    type: (typeof RANGE_TYPES)[number];
    startDate: string;
    endDate: string;
    recurrenceTimeZone: string;
    numberOfOccurrences: number;
  };
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NO_DATE = '0001-01-01';

function readInteger(input: unknown, field: string, fallback: number): number {
  if (input === undefined || input === null) return fallback;
  if (typeof input !== 'number' || !Number.isInteger(input)) throw invalidRequest(`${field} must be an integer.`);
  return input;
}

function asRecord(input: unknown, field: string): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw invalidRequest(`${field} must be an object.`);
  return input as Record<string, unknown>;
}

/** Validates a request's recurrence and returns the normalised form Graph stores and echoes. */
export function readRecurrence(input: unknown, startTimeZone: string): GraphRecurrence {
  const recurrence = asRecord(input, 'recurrence');
  const pattern = asRecord(recurrence.pattern, 'recurrence.pattern');
  const range = asRecord(recurrence.range, 'recurrence.range');
  const type = readEnum(PATTERN_TYPES, pattern.type, 'recurrence.pattern.type');
  const interval = readInteger(pattern.interval, 'recurrence.pattern.interval', 1);
  if (interval < 1 || interval > 999) throw invalidRequest('recurrence.pattern.interval must be between 1 and 999.');
  const daysOfWeek = Array.isArray(pattern.daysOfWeek)
    ? pattern.daysOfWeek.map((day) => readEnum(DAYS, day, 'recurrence.pattern.daysOfWeek'))
    : [];
  const normalized: GraphRecurrence = {
    pattern: {
      type,
      interval,
      month: readInteger(pattern.month, 'recurrence.pattern.month', 0),
      dayOfMonth: readInteger(pattern.dayOfMonth, 'recurrence.pattern.dayOfMonth', 0),
      daysOfWeek: [...new Set(daysOfWeek)],
      firstDayOfWeek:
        pattern.firstDayOfWeek === undefined ? 'sunday' : readEnum(DAYS, pattern.firstDayOfWeek, 'firstDayOfWeek'),
      index: pattern.index === undefined ? 'first' : readEnum(WEEK_INDEXES, pattern.index, 'recurrence.pattern.index'),
    },
    range: {
      type: readEnum(RANGE_TYPES, range.type, 'recurrence.range.type'),
      startDate: typeof range.startDate === 'string' ? range.startDate : '',
      endDate: typeof range.endDate === 'string' && range.endDate ? range.endDate : NO_DATE,
      recurrenceTimeZone:
        typeof range.recurrenceTimeZone === 'string' && range.recurrenceTimeZone
          ? range.recurrenceTimeZone
          : startTimeZone,
      numberOfOccurrences: readInteger(range.numberOfOccurrences, 'recurrence.range.numberOfOccurrences', 0),
    },
  };
  validateFieldsForType(normalized);
  return normalized;
}

function validateFieldsForType({ pattern, range }: GraphRecurrence): void {
  const needsDays = ['weekly', 'relativeMonthly', 'relativeYearly'].includes(pattern.type);
  if (needsDays && pattern.daysOfWeek.length === 0) {
    throw invalidRequest(`recurrence.pattern.daysOfWeek is required for a ${pattern.type} pattern.`);
  }
  if (
    ['absoluteMonthly', 'absoluteYearly'].includes(pattern.type) &&
    (pattern.dayOfMonth < 1 || pattern.dayOfMonth > 31)
  ) {
    throw invalidRequest(`recurrence.pattern.dayOfMonth must be between 1 and 31 for a ${pattern.type} pattern.`);
  }
  if (pattern.type.endsWith('Yearly') && (pattern.month < 1 || pattern.month > 12)) {
    throw invalidRequest(`recurrence.pattern.month must be between 1 and 12 for a ${pattern.type} pattern.`);
  }
  if (!DATE.test(range.startDate)) throw invalidRequest('recurrence.range.startDate must be a date (yyyy-MM-dd).');
  if (range.type === 'endDate' && (!DATE.test(range.endDate) || range.endDate < range.startDate)) {
    throw invalidRequest('recurrence.range.endDate must be a date on or after startDate for an endDate range.');
  }
  if (range.type === 'numbered' && (range.numberOfOccurrences < 1 || range.numberOfOccurrences > 999)) {
    throw invalidRequest('recurrence.range.numberOfOccurrences must be between 1 and 999 for a numbered range.');
  }
  if (range.type !== 'endDate') range.endDate = NO_DATE;
  if (range.type !== 'numbered') range.numberOfOccurrences = 0;
}

const WEEKDAY_OF: Record<GraphDay, Weekday> = {
  monday: 'MO',
  tuesday: 'TU',
  wednesday: 'WE',
  thursday: 'TH',
  friday: 'FR',
  saturday: 'SA',
  sunday: 'SU',
};
const SET_POSITION_OF: Record<GraphRecurrence['pattern']['index'], SetPosition> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  last: -1,
};

/** The same series as a RecurrenceRule, so the shared expander can list its occurrences. */
export function toRecurrenceRule({ pattern, range }: GraphRecurrence): RecurrenceRule {
  const byDay = pattern.daysOfWeek
    .map((day) => WEEKDAY_OF[day])
    .sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
  const end: RecurrenceRule['end'] =
    range.type === 'numbered'
      ? { type: 'count', count: range.numberOfOccurrences }
      : range.type === 'endDate'
        ? { type: 'until', until: range.endDate }
        : { type: 'none' };
  const base = { interval: pattern.interval, weekStart: WEEKDAY_OF[pattern.firstDayOfWeek], end };
  switch (pattern.type) {
    case 'daily':
      return { ...base, freq: 'daily' };
    case 'weekly':
      return { ...base, freq: 'weekly', byDay };
    case 'absoluteMonthly':
      return { ...base, freq: 'monthly', byMonthDay: pattern.dayOfMonth };
    case 'relativeMonthly':
      return { ...base, freq: 'monthly', byDay, bySetPos: SET_POSITION_OF[pattern.index] };
    case 'absoluteYearly':
      return { ...base, freq: 'yearly', byMonth: pattern.month, byMonthDay: pattern.dayOfMonth };
    case 'relativeYearly':
      return { ...base, freq: 'yearly', byMonth: pattern.month, byDay, bySetPos: SET_POSITION_OF[pattern.index] };
  }
}
