import type { RecurrenceRule, SetPosition, Weekday } from '@workplace-sync/shared';

// Outlook's recurrence (Office.Recurrence, Mailbox 1.7) in our model. Outlook has no "after N
// occurrences" end: it turns a count into an end date, which arrives here as `until`.

const WEEKDAY_OF: Record<string, Weekday> = {
  mon: 'MO',
  tue: 'TU',
  wed: 'WE',
  thu: 'TH',
  fri: 'FR',
  sat: 'SA',
  sun: 'SU',
};
const WORKDAYS: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR'];
/** `dayOfWeek` of the relative monthly/yearly forms may also name a set of days. */
const DAY_SETS: Record<string, Weekday[]> = {
  weekday: WORKDAYS,
  weekendday: ['SA', 'SU'],
  day: [...WORKDAYS, 'SA', 'SU'],
};
const SET_POSITION: Record<string, SetPosition> = { first: 1, second: 2, third: 3, fourth: 4, last: -1 };
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export class UnsupportedRecurrenceError extends Error {
  override readonly name = 'UnsupportedRecurrenceError';
}

const unsupported = (message: string): never => {
  throw new UnsupportedRecurrenceError(message);
};

function weekdayOf(day: string): Weekday {
  return WEEKDAY_OF[day.toLowerCase()] ?? unsupported(`Unknown day '${day}' in the recurrence`);
}

function daysOf(day: string): Weekday[] {
  return DAY_SETS[day.toLowerCase()] ?? [weekdayOf(day)];
}

/** Only what we read of Office.Recurrence: the series dates come from its SeriesTime. */
export type OfficeRecurrence = Pick<
  Office.Recurrence,
  'recurrenceType' | 'recurrenceProperties' | 'recurrenceTimeZone'
> & {
  seriesTime: Pick<Office.SeriesTime, 'getEndDate'>;
};

export type MeetingRecurrence = {
  rule: RecurrenceRule;
  /** The zone Outlook anchors the series in (usually a Windows name, e.g. 'W. Europe Standard Time'). */
  timeZone: string | null;
};

function relativeOrAbsolute(
  properties: Office.RecurrenceProperties,
): Pick<RecurrenceRule, 'byMonthDay' | 'byDay' | 'bySetPos'> {
  if (properties.dayOfMonth !== undefined && properties.dayOfMonth !== null) {
    return { byMonthDay: properties.dayOfMonth };
  }
  if (!properties.dayOfWeek || !properties.weekNumber) {
    return unsupported('A monthly or yearly recurrence needs a day of the month or a day and week number');
  }
  const bySetPos =
    SET_POSITION[properties.weekNumber.toLowerCase()] ?? unsupported(`Unknown week '${properties.weekNumber}'`);
  return { byDay: daysOf(properties.dayOfWeek), bySetPos };
}

export function fromOfficeRecurrence(recurrence: OfficeRecurrence): MeetingRecurrence {
  const properties = recurrence.recurrenceProperties ?? { interval: 1 };
  const interval = properties.interval && properties.interval > 0 ? properties.interval : 1;
  const weekStart = properties.firstDayOfWeek ? weekdayOf(properties.firstDayOfWeek) : 'MO';
  const endDate = recurrence.seriesTime.getEndDate();
  const end: RecurrenceRule['end'] = endDate ? { type: 'until', until: endDate.slice(0, 10) } : { type: 'none' };
  const base = { interval, weekStart, end };
  let rule: RecurrenceRule;
  switch (String(recurrence.recurrenceType).toLowerCase()) {
    case 'daily':
      rule = { freq: 'daily', ...base };
      break;
    case 'weekday':
      // "Every weekday" has no interval of its own in Outlook.
      rule = { freq: 'weekly', ...base, interval: 1, byDay: WORKDAYS };
      break;
    case 'weekly': {
      const days = (properties.days ?? []).map((day) => weekdayOf(String(day)));
      if (days.length === 0) unsupported('A weekly recurrence needs at least one day');
      rule = { freq: 'weekly', ...base, byDay: [...new Set(days)] };
      break;
    }
    case 'monthly':
      rule = { freq: 'monthly', ...base, ...relativeOrAbsolute(properties) };
      break;
    case 'yearly': {
      const month = MONTHS.indexOf(String(properties.month ?? '').toLowerCase()) + 1;
      if (month === 0) unsupported(`Unknown month '${String(properties.month)}'`);
      rule = { freq: 'yearly', ...base, byMonth: month, ...relativeOrAbsolute(properties) };
      break;
    }
    default:
      return unsupported(`Unknown recurrence type '${String(recurrence.recurrenceType)}'`);
  }
  return { rule, timeZone: recurrence.recurrenceTimeZone?.name ?? null };
}
