/** An instant for people: local date and time, to the minute. */
export const formatDateTime = (iso: string | null): string =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';

/** An error for a message bar. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
