import { toWallClock } from '@workplace-sync/shared';

/** Graph's Edm.DateTimeOffset rendering: seven fractional digits and 'Z' ('2017-10-07T04:59:12.9698856Z'). */
export function toGraphDateTimeOffset(instant: Date | number): string {
  return `${new Date(instant).toISOString().slice(0, 23)}0000Z`;
}

/** The `dateTime` of a dateTimeTimeZone: local time with seven fractional digits, no offset. */
export function toGraphLocalDateTime(instant: Date | number, ianaZone: string): string {
  return `${toWallClock(instant, ianaZone).dateTime}.0000000`;
}

/** The placeholder Exchange uses for "never" in responseStatus.time and similar fields. */
export const GRAPH_NEVER = '0001-01-01T00:00:00Z';

/** The `date` inside error bodies: seconds precision, no zone ('2019-11-12T08:51:04'). */
export function toGraphErrorDate(instant: Date | number): string {
  return new Date(instant).toISOString().slice(0, 19);
}
