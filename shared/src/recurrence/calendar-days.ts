import type { Temporal } from 'temporal-polyfill';
import { WEEKDAYS } from './recurrence-rule.js';
import type { SetPosition, Weekday } from './recurrence-rule.js';

// Calendar arithmetic on plain dates, shared by the expander and the RRULE mapping.

export const weekdayOf = (date: Temporal.PlainDate): Weekday => WEEKDAYS[date.dayOfWeek - 1]!;

/** The first day of the week containing `date`, for weeks that start on `weekStart`. */
export function startOfWeek(date: Temporal.PlainDate, weekStart: Weekday): Temporal.PlainDate {
  const offset = (date.dayOfWeek - 1 - WEEKDAYS.indexOf(weekStart) + 7) % 7;
  return date.subtract({ days: offset });
}

/** Day `day` of the month, or the month's last day when the month is shorter (Outlook's rule for 29–31). */
export function clampedMonthDay(month: Temporal.PlainYearMonth, day: number): Temporal.PlainDate {
  return month.toPlainDate({ day: Math.min(day, month.daysInMonth) });
}

/** The `position`-th (or last, for -1) day of the month whose weekday is in `days`; null when there is none. */
export function nthWeekdayOfMonth(
  month: Temporal.PlainYearMonth,
  days: readonly Weekday[],
  position: SetPosition,
): Temporal.PlainDate | null {
  const matches: Temporal.PlainDate[] = [];
  for (let day = 1; day <= month.daysInMonth; day++) {
    const date = month.toPlainDate({ day });
    if (days.includes(weekdayOf(date))) matches.push(date);
  }
  return (position === -1 ? matches[matches.length - 1] : matches[position - 1]) ?? null;
}
