import { Temporal } from 'temporal-polyfill';
import { toInstant, toWallClock, wallClock } from '../time/wall-clock.js';
import type { WallClockTime } from '../time/wall-clock.js';
import { weekdayOf } from './calendar-days.js';
import { RecurrenceError, WEEKDAYS, assertValidRule } from './recurrence-rule.js';
import type { RecurrenceRule, SetPosition, Weekday } from './recurrence-rule.js';

// RFC 5545 §3.3.10 RRULE text for the subset in RecurrenceRule. The series start is the DTSTART (with a
// TZID), so UNTIL is written as a UTC date-time, as the RFC requires for zoned starts.

const FREQUENCIES = { DAILY: 'daily', WEEKLY: 'weekly', MONTHLY: 'monthly', YEARLY: 'yearly' } as const;
const SUPPORTED_PARTS = new Set([
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'BYDAY',
  'BYMONTHDAY',
  'BYSETPOS',
  'BYMONTH',
  'WKST',
]);

const unsupported = (message: string): never => {
  throw new RecurrenceError('UNSUPPORTED_RULE', message);
};
const invalid = (message: string): never => {
  throw new RecurrenceError('INVALID_RULE', message);
};

/**
 * Day 29–31 "or the month's last day when shorter" (Outlook's rule) in RRULE terms: the last existing
 * day of 28…d. Plain BYMONTHDAY=31 would skip short months instead.
 */
const clampedMonthDayParts = (day: number): string =>
  day <= 28
    ? `BYMONTHDAY=${day}`
    : `BYMONTHDAY=${Array.from({ length: day - 27 }, (_, i) => 28 + i).join(',')};BYSETPOS=-1`;

function untilAsUtc(untilDate: string, timeZone: string): string {
  const endOfDay = toInstant({ dateTime: `${untilDate}T23:59:59`, timeZone });
  return endOfDay
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function toRRule(rule: RecurrenceRule, seriesStart: WallClockTime): string {
  assertValidRule(rule);
  const parts = [`FREQ=${rule.freq.toUpperCase()}`, `INTERVAL=${rule.interval}`];
  if (rule.freq === 'yearly') parts.push(`BYMONTH=${rule.byMonth}`);
  if (rule.byMonthDay !== undefined) parts.push(clampedMonthDayParts(rule.byMonthDay));
  if (rule.byDay?.length) parts.push(`BYDAY=${rule.byDay.join(',')}`);
  if (rule.bySetPos !== undefined) parts.push(`BYSETPOS=${rule.bySetPos}`);
  parts.push(`WKST=${rule.weekStart}`);
  if (rule.end.type === 'count') parts.push(`COUNT=${rule.end.count}`);
  if (rule.end.type === 'until') parts.push(`UNTIL=${untilAsUtc(rule.end.until, seriesStart.timeZone)}`);
  return parts.join(';');
}

function parseParts(text: string): Map<string, string> {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (body.includes('\n')) invalid('expected one RRULE line, not a whole recurrence set');
  const parts = new Map<string, string>();
  for (const part of body.split(';').filter(Boolean)) {
    const [key, value, extra] = part.split('=');
    if (!key || value === undefined || extra !== undefined || value === '') invalid(`malformed RRULE part '${part}'`);
    const name = key!.toUpperCase();
    if (!SUPPORTED_PARTS.has(name)) unsupported(`RRULE part ${name} is not supported by Exchange`);
    if (parts.has(name)) invalid(`RRULE part ${name} appears twice`);
    parts.set(name, value!.toUpperCase());
  }
  return parts;
}

const parseInteger = (value: string, part: string): number =>
  /^[+-]?\d+$/.test(value) ? Number(value) : invalid(`${part} must be an integer, got '${value}'`);

const parseWeekday = (value: string): Weekday =>
  (WEEKDAYS as readonly string[]).includes(value) ? (value as Weekday) : invalid(`unknown weekday '${value}'`);

/** BYDAY=MO,TU or a single ordinal day such as BYDAY=-1FR (last Friday) or 2TU. */
function parseByDay(value: string): { days: Weekday[]; position?: SetPosition } {
  const items = value.split(',');
  const ordinal = /^([+-]?\d+)([A-Z]{2})$/.exec(items[0]!);
  if (ordinal) {
    if (items.length > 1) unsupported('several ordinal days in one BYDAY have no Exchange equivalent');
    return { days: [parseWeekday(ordinal[2]!)], position: parsePosition(ordinal[1]!) };
  }
  return { days: items.map(parseWeekday) };
}

function parsePosition(value: string): SetPosition {
  const position = parseInteger(value, 'BYSETPOS');
  if (![1, 2, 3, 4, -1].includes(position)) unsupported(`position ${position} has no Exchange equivalent`);
  return position as SetPosition;
}

/** BYMONTHDAY forms with Outlook's clamping: d ≤ 28, "28,…,d;BYSETPOS=-1", or -1 (last day = 31 clamped). */
function parseMonthDay(value: string, setPos: string | undefined): number {
  const days = value.split(',').map((day) => parseInteger(day, 'BYMONTHDAY'));
  if (days.length === 1 && days[0] === -1 && setPos === undefined) return 31;
  const last = days[days.length - 1]!;
  const isClampedForm = days.length > 1 && days.every((day, i) => day === 28 + i) && setPos === '-1';
  if (isClampedForm && last <= 31) return last;
  if (days.length === 1 && last >= 1 && last <= 28 && setPos === undefined) return last;
  if (days.length === 1 && last >= 29 && last <= 31) {
    return unsupported(`BYMONTHDAY=${last} skips shorter months; Exchange moves it to their last day instead`);
  }
  return unsupported(`BYMONTHDAY=${value} has no Exchange equivalent`);
}

function parseUntil(value: string, seriesStart: WallClockTime): string {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value);
  if (!match) return invalid(`UNTIL must be a date or date-time, got '${value}'`);
  const [, year, month, day, hour, minute, second, utc] = match;
  const date = `${year}-${month}-${day}`;
  if (hour === undefined) return Temporal.PlainDate.from(date).toString();
  const dateTime = `${date}T${hour}:${minute}:${second}`;
  const local = utc
    ? toWallClock(new Date(`${dateTime}Z`), seriesStart.timeZone)
    : wallClock(dateTime, seriesStart.timeZone);
  // An occurrence on the UNTIL date is included only if it starts by the UNTIL time.
  const untilLocal = Temporal.PlainDateTime.from(local.dateTime);
  const startTime = Temporal.PlainDateTime.from(seriesStart.dateTime).toPlainTime();
  const lastDate = untilLocal.toPlainDate();
  return (
    Temporal.PlainTime.compare(startTime, untilLocal.toPlainTime()) > 0 ? lastDate.subtract({ days: 1 }) : lastDate
  ).toString();
}

/** Parses RRULE text (with or without the 'RRULE:' prefix) for a series starting at `seriesStart`. */
export function fromRRule(text: string, seriesStart: WallClockTime): RecurrenceRule {
  const parts = parseParts(text);
  const start = Temporal.PlainDateTime.from(wallClock(seriesStart.dateTime, seriesStart.timeZone).dateTime);
  const freqText = parts.get('FREQ') ?? invalid('RRULE needs FREQ');
  const freq = FREQUENCIES[freqText as keyof typeof FREQUENCIES] ?? unsupported(`FREQ=${freqText} is not supported`);
  const rule: RecurrenceRule = {
    freq,
    interval: parts.has('INTERVAL') ? parseInteger(parts.get('INTERVAL')!, 'INTERVAL') : 1,
    weekStart: parts.has('WKST') ? parseWeekday(parts.get('WKST')!) : 'MO',
    end: { type: 'none' },
  };
  if (parts.has('COUNT') && parts.has('UNTIL')) invalid('COUNT and UNTIL cannot both be set');
  if (parts.has('COUNT')) rule.end = { type: 'count', count: parseInteger(parts.get('COUNT')!, 'COUNT') };
  if (parts.has('UNTIL')) rule.end = { type: 'until', until: parseUntil(parts.get('UNTIL')!, seriesStart) };

  const byDay = parts.has('BYDAY') ? parseByDay(parts.get('BYDAY')!) : null;
  const setPos = parts.get('BYSETPOS');
  if (freq === 'daily') {
    if (byDay || parts.has('BYMONTHDAY') || parts.has('BYMONTH') || setPos) {
      unsupported('a daily RRULE with BY… parts has no Exchange equivalent (use WEEKLY with BYDAY)');
    }
  } else if (freq === 'weekly') {
    if (byDay?.position !== undefined || parts.has('BYMONTHDAY') || parts.has('BYMONTH') || setPos) {
      unsupported('a weekly RRULE takes only BYDAY and WKST');
    }
    // RFC 5545: without BYDAY, a weekly rule repeats on the start's weekday.
    rule.byDay = byDay?.days ?? [weekdayOf(start.toPlainDate())];
  } else {
    if (freq === 'yearly')
      rule.byMonth = parts.has('BYMONTH') ? parseInteger(parts.get('BYMONTH')!, 'BYMONTH') : start.month;
    else if (parts.has('BYMONTH')) unsupported('BYMONTH in a monthly RRULE has no Exchange equivalent');
    if (parts.has('BYMONTHDAY')) {
      if (byDay) unsupported('BYMONTHDAY together with BYDAY has no Exchange equivalent');
      rule.byMonthDay = parseMonthDay(parts.get('BYMONTHDAY')!, setPos);
    } else if (byDay) {
      rule.byDay = byDay.days;
      if (byDay.position !== undefined && setPos !== undefined)
        invalid('an ordinal BYDAY cannot take BYSETPOS as well');
      rule.bySetPos =
        byDay.position ??
        (setPos !== undefined
          ? parsePosition(setPos)
          : unsupported('every listed weekday of a month (BYDAY without a position) has no Exchange equivalent'));
    } else {
      // RFC 5545: without BYDAY or BYMONTHDAY, the rule repeats on the start's day of the month.
      rule.byMonthDay = parseMonthDay(String(start.day), undefined);
    }
  }
  return assertValidRule(rule);
}
