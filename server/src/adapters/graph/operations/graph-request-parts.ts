import { windowsFromIana } from '@workplace-sync/shared';

/** `/users/{address}`: room mailboxes are ordinary mailboxes for Graph. */
export function mailboxPath(address: string): string {
  return `/users/${encodeURIComponent(address)}`;
}

export function eventPath(address: string, eventId: string): string {
  return `${mailboxPath(address)}/events/${encodeURIComponent(eventId)}`;
}

export type PreferOptions = {
  /** IANA zone start/end are rendered in (Graph's default is UTC); sent as its Windows name. */
  timeZone?: string;
  maxPageSize?: number;
};

/**
 * `Prefer` for calendar requests. `IdType="ImmutableId"` keeps event ids stable when Exchange moves an
 * item between folders (outlook-immutable-id), so ids stored in the link table stay valid.
 */
export function preferHeader({ timeZone, maxPageSize }: PreferOptions = {}): Record<string, string> {
  const preferences = ['IdType="ImmutableId"'];
  if (timeZone) preferences.push(`outlook.timezone="${windowsFromIana(timeZone)}"`);
  if (maxPageSize) preferences.push(`odata.maxpagesize=${maxPageSize}`);
  return { Prefer: preferences.join(', ') };
}

/** An instant as calendarView and instances take it: ISO 8601 in UTC (a value without offset is read as UTC). */
export function queryInstant(instant: Date): string {
  return encodeURIComponent(instant.toISOString());
}
