import type { Localizer } from '../i18n/pane-i18n.js';

// Meeting times for people: the pane's own zone (what Outlook shows the user) and, when a room's
// building is elsewhere, the room's local time beside it. Intl does the zone arithmetic and the words of
// the pane's locale (a 12-hour clock where the locale has one, as Outlook shows: en-US), so the pane
// carries no time-zone or locale library.

export const paneTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

const dayFormat = (timeZone: string, locale?: string) =>
  new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short' });
/** The locale's own clock: '9:00 AM' (en-US), '09:00' (en-GB, fr-FR, nl-NL, de-DE). */
const timeFormat = (timeZone: string, locale?: string) => {
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  const isTwelveHour = cycle === 'h11' || cycle === 'h12';
  return new Intl.DateTimeFormat(locale, { timeZone, hour: isTwelveHour ? 'numeric' : '2-digit', minute: '2-digit' });
};

/** 'Mon 2 Mar, 10:00–11:00' (en-GB; the end's date is added when it is another day). */
export function formatTimeRange(start: Date, end: Date, timeZone: string = paneTimeZone(), locale?: string): string {
  const days = dayFormat(timeZone, locale);
  const times = timeFormat(timeZone, locale);
  const startDay = days.format(start);
  const endDay = days.format(end);
  const endText = startDay === endDay ? times.format(end) : `${endDay}, ${times.format(end)}`;
  return `${startDay}, ${times.format(start)}–${endText}`;
}

/** 'Mon 2 Mar, 10:00' (en-GB). */
export function formatDayTime(instant: Date, timeZone: string = paneTimeZone(), locale?: string): string {
  return `${dayFormat(timeZone, locale).format(instant)}, ${timeFormat(timeZone, locale).format(instant)}`;
}

/** '10:15' (en-GB). */
export function formatTime(instant: Date, timeZone: string = paneTimeZone(), locale?: string): string {
  return timeFormat(timeZone, locale).format(instant);
}

export function formatDay(instant: Date, timeZone: string = paneTimeZone(), locale?: string): string {
  return dayFormat(timeZone, locale).format(instant);
}

/** Minutes east of UTC of `timeZone` at `instant`. */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    value('year'),
    value('month') - 1,
    value('day'),
    value('hour'),
    value('minute'),
    value('second'),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** 'New York' from 'America/New_York'. */
export const placeOfZone = (timeZone: string): string => (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');

/**
 * The room's local time when its building's clock differs from the pane's at that moment, e.g.
 * '04:00–05:00 New York time'; null when both read the same.
 */
export function roomLocalTime(
  start: Date,
  end: Date,
  roomTimeZone: string,
  timeZone: string = paneTimeZone(),
  { t, locale }: Localizer,
): string | null {
  if (offsetMinutes(start, roomTimeZone) === offsetMinutes(start, timeZone)) return null;
  const times = timeFormat(roomTimeZone, locale);
  const sameDay = dayFormat(roomTimeZone, locale).format(start) === dayFormat(timeZone, locale).format(start);
  const day = sameDay ? '' : `${dayFormat(roomTimeZone, locale).format(start)}, `;
  return t('time.roomLocal', {
    times: `${day}${times.format(start)}–${times.format(end)}`,
    place: placeOfZone(roomTimeZone),
  });
}
