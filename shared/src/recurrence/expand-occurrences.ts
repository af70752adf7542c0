import { Temporal } from 'temporal-polyfill';
import { toInstant, wallClock } from '../time/wall-clock.js';
import type { WallClockTime } from '../time/wall-clock.js';
import { clampedMonthDay, nthWeekdayOfMonth, startOfWeek } from './calendar-days.js';
import { WEEKDAYS, assertValidRule } from './recurrence-rule.js';
import type { RecurrenceRule } from './recurrence-rule.js';

export type OccurrenceWindow = {
  from: Date;
  to: Date;
  /** With a duration, occurrences that overlap the window count, not only those starting in it. */
  durationMs?: number;
};

/** The candidate dates of the `index`-th period (day, week, month or year) after the series start, in order. */
function periodDates(rule: RecurrenceRule, first: Temporal.PlainDate, index: number): Temporal.PlainDate[] {
  const step = index * rule.interval;
  switch (rule.freq) {
    case 'daily':
      return [first.add({ days: step })];
    case 'weekly': {
      const weekStart = startOfWeek(first, rule.weekStart).add({ weeks: step });
      const order = (day: (typeof WEEKDAYS)[number]) =>
        (WEEKDAYS.indexOf(day) - WEEKDAYS.indexOf(rule.weekStart) + 7) % 7;
      return [...(rule.byDay ?? [])]
        .sort((a, b) => order(a) - order(b))
        .map((day) => weekStart.add({ days: order(day) }));
    }
    case 'monthly':
    case 'yearly': {
      const month =
        rule.freq === 'monthly'
          ? first.toPlainYearMonth().add({ months: step })
          : Temporal.PlainYearMonth.from({ year: first.year + step, month: rule.byMonth! });
      const date =
        rule.byMonthDay !== undefined
          ? clampedMonthDay(month, rule.byMonthDay)
          : nthWeekdayOfMonth(month, rule.byDay ?? [], rule.bySetPos!);
      return date ? [date] : [];
    }
  }
}

/** Periods that can be skipped without changing the result: only when no COUNT needs every occurrence counted. */
function firstUsefulPeriod(rule: RecurrenceRule, first: Temporal.PlainDate, from: Temporal.PlainDate): number {
  if (rule.end.type === 'count' || Temporal.PlainDate.compare(from, first) <= 0) return 0;
  const unit = { daily: 'days', weekly: 'weeks', monthly: 'months', yearly: 'years' } as const;
  const anchor = rule.freq === 'weekly' ? startOfWeek(first, rule.weekStart) : first;
  const elapsed = anchor.until(from, { largestUnit: unit[rule.freq] })[unit[rule.freq]];
  return Math.max(0, Math.floor(elapsed / rule.interval) - 1);
}

/**
 * The one expander (add-in preview, availability per occurrence, sync). Returns occurrence starts as
 * wall-clock values in the series' zone, so a weekly 09:00 Berlin meeting stays at 09:00 local across DST.
 * A start that falls in a DST gap keeps its nominal local time; `toInstant` gives its real instant.
 * Occurrences before the series start date never count, as in Exchange and RFC 5545 implementations.
 */
export function expandOccurrences(
  rule: RecurrenceRule,
  seriesStart: WallClockTime,
  window: OccurrenceWindow,
): WallClockTime[] {
  assertValidRule(rule);
  const start = wallClock(seriesStart.dateTime, seriesStart.timeZone);
  const startDateTime = Temporal.PlainDateTime.from(start.dateTime);
  const first = startDateTime.toPlainDate();
  const time = startDateTime.toPlainTime();
  const until = rule.end.type === 'until' ? Temporal.PlainDate.from(rule.end.until) : null;
  const limit = rule.end.type === 'count' ? rule.end.count : Infinity;
  const fromMs = window.from.getTime() - (window.durationMs ?? 0);
  const toMs = window.to.getTime();
  const fromDate = Temporal.Instant.fromEpochMilliseconds(fromMs).toZonedDateTimeISO(start.timeZone).toPlainDate();

  const occurrences: WallClockTime[] = [];
  let counted = 0;
  for (let period = firstUsefulPeriod(rule, first, fromDate.subtract({ days: 1 })); ; period++) {
    for (const date of periodDates(rule, first, period)) {
      if (Temporal.PlainDate.compare(date, first) < 0) continue;
      if (until && Temporal.PlainDate.compare(date, until) > 0) return occurrences;
      if (counted >= limit) return occurrences;
      counted++;
      const occurrence = {
        dateTime: date.toPlainDateTime(time).toString({ smallestUnit: 'second' }),
        timeZone: start.timeZone,
      };
      const instant = toInstant(occurrence).getTime();
      if (instant >= toMs) return occurrences;
      if (instant > fromMs || (instant === fromMs && !window.durationMs)) occurrences.push(occurrence);
    }
  }
}
