import type { RecurrenceRule, Weekday } from '@workplace-sync/shared';

const DAY_NAMES: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
const POSITIONS: Record<number, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', [-1]: 'last' };
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** 'Weekly on Monday and Wednesday, until 2026-04-06'. */
export function describeRecurrence(rule: RecurrenceRule): string {
  const every = (unit: string, plural: string) => (rule.interval === 1 ? unit : `Every ${rule.interval} ${plural}`);
  const days = list((rule.byDay ?? []).map((day) => DAY_NAMES[day]));
  const onDay =
    rule.byMonthDay !== undefined ? `on day ${rule.byMonthDay}` : `on the ${POSITIONS[rule.bySetPos ?? 1]} ${days}`;
  let text: string;
  switch (rule.freq) {
    case 'daily':
      text = every('Daily', 'days');
      break;
    case 'weekly':
      text = `${every('Weekly', 'weeks')} on ${days}`;
      break;
    case 'monthly':
      text = `${every('Monthly', 'months')} ${onDay}`;
      break;
    case 'yearly':
      text = `${every('Yearly', 'years')} in ${MONTH_NAMES[(rule.byMonth ?? 1) - 1]} ${onDay}`;
      break;
  }
  if (rule.end.type === 'until') return `${text}, until ${rule.end.until}`;
  if (rule.end.type === 'count') return `${text}, ${rule.end.count} times`;
  return `${text}, no end date`;
}
