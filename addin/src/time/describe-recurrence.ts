import type { RecurrenceRule, Weekday } from '@workplace-sync/shared';
import type { Localizer } from '../i18n/pane-i18n.js';

// Day and month names and the list ('Monday and Wednesday') come from Intl in the pane's locale; the
// sentence around them from the pane's messages.

/** 2024-01-01 was a Monday: the day of the month of each weekday in that week. */
const WEEKDAY_DATE: Record<Weekday, number> = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 7 };
const POSITIONS: Record<number, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', [-1]: 'last' };

const inUtc = (locale: string, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });

/** 'Weekly on Monday and Wednesday, until April 6, 2026' (en-US). */
export function describeRecurrence(rule: RecurrenceRule, { t, locale }: Localizer): string {
  const weekday = inUtc(locale, { weekday: 'long' });
  const days = new Intl.ListFormat(locale, { type: 'conjunction' }).format(
    (rule.byDay ?? []).map((day) => weekday.format(Date.UTC(2024, 0, WEEKDAY_DATE[day]))),
  );
  const on =
    rule.byMonthDay !== undefined
      ? t('recurrence.onDay', { day: rule.byMonthDay })
      : t('recurrence.onPosition', { position: t(`recurrence.${POSITIONS[rule.bySetPos ?? 1]}`), days });
  const count = rule.interval;
  const isEvery = count !== 1;
  let text: string;
  switch (rule.freq) {
    case 'daily':
      text = isEvery ? t('recurrence.everyDays', { count }) : t('recurrence.daily');
      break;
    case 'weekly':
      text = isEvery ? t('recurrence.everyWeeks', { count, days }) : t('recurrence.weekly', { days });
      break;
    case 'monthly':
      text = isEvery ? t('recurrence.everyMonths', { count, on }) : t('recurrence.monthly', { on });
      break;
    case 'yearly': {
      const month = inUtc(locale, { month: 'long' }).format(Date.UTC(2024, (rule.byMonth ?? 1) - 1, 1));
      text = isEvery ? t('recurrence.everyYears', { count, month, on }) : t('recurrence.yearly', { month, on });
      break;
    }
  }
  if (rule.end.type === 'until') {
    const [year, month, day] = rule.end.until.split('-').map(Number);
    const date = inUtc(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(
      Date.UTC(year!, month! - 1, day),
    );
    return t('recurrence.until', { rule: text, date });
  }
  if (rule.end.type === 'count') return t('recurrence.times', { rule: text, count: rule.end.count });
  return t('recurrence.noEnd', { rule: text });
}
