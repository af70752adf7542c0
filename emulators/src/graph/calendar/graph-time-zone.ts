import { ianaFromGraphZone, TimeError, toInstant } from '@workplace-sync/shared';
import { GraphError } from '../odata/graph-error.js';

const unsupportedZone = (name: string) =>
  new GraphError(
    400,
    'TimeZoneNotSupportedException',
    `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${name}'.`,
  );

/** A Graph zone name (Windows, IANA, UTC or a custom-zone marker) as an IANA zone; custom zones read as `fallback`. */
export function ianaZoneOf(name: string, fallback = 'UTC'): string {
  try {
    return ianaFromGraphZone(name, { customZoneFallback: fallback });
  } catch (error) {
    if (error instanceof TimeError) throw unsupportedZone(name);
    throw error;
  }
}

/** Whether `name` is a zone Graph would accept in `Prefer: outlook.timezone` or a dateTimeTimeZone. */
export function isKnownZone(name: string): boolean {
  try {
    ianaFromGraphZone(name);
    return true;
  } catch {
    return false;
  }
}

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Reads a request's dateTimeTimeZone. `dateTime` is wall-clock time in `timeZone` (default UTC);
 * Graph tolerates up to seven fractional digits and, in practice, a trailing 'Z'.
 */
export function readDateTimeTimeZone(
  input: unknown,
  field: string,
  fallbackZone: string,
): { instant: Date; timeZone: string } {
  const value = (input ?? {}) as { dateTime?: unknown; timeZone?: unknown };
  if (typeof value.dateTime !== 'string') {
    throw new GraphError(400, 'ErrorInvalidRequest', `${field}.dateTime is required.`);
  }
  const timeZone = typeof value.timeZone === 'string' && value.timeZone ? value.timeZone : 'UTC';
  const match = LOCAL_DATE_TIME.exec(value.dateTime.trim());
  if (!match)
    throw new GraphError(
      400,
      'ErrorInvalidRequest',
      `Cannot convert the literal '${value.dateTime}' to the expected type 'Edm.DateTime'.`,
    );
  const [, local, fraction = '', offset] = match;
  if (offset) {
    const instant = new Date(`${local}${fraction.slice(0, 4)}${offset}`);
    return { instant, timeZone };
  }
  const instant = toInstant({
    dateTime: `${local}${fraction.slice(0, 4)}`.replace(/\.$/, ''),
    timeZone: ianaZoneOf(timeZone, fallbackZone),
  });
  return { instant, timeZone };
}
