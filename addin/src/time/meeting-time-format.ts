// Meeting times for people: the pane's own zone (what Outlook shows the user) and, when a room's
// building is elsewhere, the room's local time beside it. Intl does the zone arithmetic, so the pane
// carries no time-zone library.

export const paneTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

const dayFormat = (timeZone: string, locale?: string) =>
  new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short' });
const timeFormat = (timeZone: string, locale?: string) =>
  new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** 'Mon 2 Mar, 10:00–11:00' (the end's date is added when it is another day). */
export function formatTimeRange(start: Date, end: Date, timeZone: string = paneTimeZone(), locale?: string): string {
  const days = dayFormat(timeZone, locale);
  const times = timeFormat(timeZone, locale);
  const startDay = days.format(start);
  const endDay = days.format(end);
  const endText = startDay === endDay ? times.format(end) : `${endDay}, ${times.format(end)}`;
  return `${startDay}, ${times.format(start)}–${endText}`;
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
  locale?: string,
): string | null {
  if (offsetMinutes(start, roomTimeZone) === offsetMinutes(start, timeZone)) return null;
  const times = timeFormat(roomTimeZone, locale);
  const sameDay = dayFormat(roomTimeZone, locale).format(start) === dayFormat(timeZone, locale).format(start);
  const day = sameDay ? '' : `${dayFormat(roomTimeZone, locale).format(start)}, `;
  return `${day}${times.format(start)}–${times.format(end)} ${placeOfZone(roomTimeZone)} time`;
}
