// Dates, times and numbers through Intl in the console's locale (useLocalizer's `locale`: 'fr-BE' writes
// "7 déc. 2026, 12:30 UTC+1"), so they read as the words around them.

/** An instant for people: the browser's local date and time, to the minute, with its zone ("7 Dec 2026, 12:30 CET"). */
export const formatDateTime = (iso: string | null, locale: string): string =>
  iso
    ? new Date(iso).toLocaleString(locale, {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZoneName: 'short',
      })
    : '—';

/** An error for a message bar. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * A wall-clock time as the booking has it, with its zone: `2030-03-04T10:00:00 Europe/Brussels` →
 * "Mon 4 Mar 2030, 10:00 (Europe/Brussels)". The time is shown as written, not converted.
 */
export function formatWallClock(text: string | null, locale: string): string {
  if (!text) return '—';
  const [dateTime, zone] = text.split(' ');
  const asIfUtc = new Date(`${dateTime}Z`);
  if (Number.isNaN(asIfUtc.getTime())) return text;
  const shown = asIfUtc.toLocaleString(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  });
  return zone ? `${shown} (${zone})` : shown;
}

/** A count with the locale's digit grouping ("1,000", "1 000", "1.000"). */
export const formatNumber = (value: number, locale: string): string => value.toLocaleString(locale);
