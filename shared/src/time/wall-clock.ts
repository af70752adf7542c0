import { Temporal } from 'temporal-polyfill';
import { TimeError } from './time-error.js';

/** A local date-time without offset, read in an IANA zone: '2025-03-03T09:00:00' in 'Europe/Berlin'. */
export type WallClockTime = { dateTime: string; timeZone: string };

/**
 * How to read a local time that a DST change skips or repeats.
 * 'compatible' (the default) is what RFC 5545 and Exchange do: a skipped time moves forward by the
 * length of the gap (02:30 → 03:30 on a spring-forward day) and a repeated time takes the earlier offset.
 */
export type Disambiguation = 'compatible' | 'earlier' | 'later' | 'reject';

export type LocalTimeKind = 'regular' | 'skipped' | 'ambiguous';

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;

function toPlainDateTime(dateTime: string): Temporal.PlainDateTime {
  if (!LOCAL_DATE_TIME.test(dateTime)) {
    throw new TimeError('INVALID_DATE_TIME', `Not a local date-time without offset: '${dateTime}'`);
  }
  try {
    return Temporal.PlainDateTime.from(dateTime, { overflow: 'reject' });
  } catch {
    throw new TimeError('INVALID_DATE_TIME', `Not a valid date-time: '${dateTime}'`);
  }
}

/** The zone's canonical IANA id ('europe/berlin' → 'Europe/Berlin'); throws for anything that is not an IANA zone. */
export function canonicalTimeZone(timeZone: string): string {
  try {
    return Temporal.Now.zonedDateTimeISO(timeZone).timeZoneId;
  } catch {
    throw new TimeError('UNKNOWN_TIME_ZONE', `Unknown IANA time zone: '${timeZone}'`);
  }
}

export function isIanaTimeZone(timeZone: string): boolean {
  try {
    canonicalTimeZone(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Validates and normalises to seconds precision ('2017-09-04T12:00:00.0000000' → '2017-09-04T12:00:00'). */
export function wallClock(dateTime: string, timeZone: string): WallClockTime {
  const local = toPlainDateTime(dateTime);
  return { dateTime: formatLocal(local), timeZone: canonicalTimeZone(timeZone) };
}

function formatLocal(local: Temporal.PlainDateTime): string {
  return local.toString({ smallestUnit: 'second' });
}

export function toInstant(time: WallClockTime, disambiguation: Disambiguation = 'compatible'): Date {
  const local = toPlainDateTime(time.dateTime);
  const timeZone = canonicalTimeZone(time.timeZone);
  if (disambiguation === 'reject') {
    const kind = localTimeKind(time);
    if (kind === 'skipped') throw new TimeError('SKIPPED_LOCAL_TIME', `${time.dateTime} does not exist in ${timeZone}`);
    if (kind === 'ambiguous')
      throw new TimeError('AMBIGUOUS_LOCAL_TIME', `${time.dateTime} occurs twice in ${timeZone}`);
  }
  const zoned = local.toZonedDateTime(timeZone, {
    disambiguation: disambiguation === 'reject' ? 'compatible' : disambiguation,
  });
  return new Date(zoned.epochMilliseconds);
}

export function toWallClock(instant: Date | number, timeZone: string): WallClockTime {
  const epochMilliseconds = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(epochMilliseconds)) throw new TimeError('INVALID_DATE_TIME', 'Invalid instant');
  const zoned = Temporal.Instant.fromEpochMilliseconds(epochMilliseconds).toZonedDateTimeISO(
    canonicalTimeZone(timeZone),
  );
  return { dateTime: formatLocal(zoned.toPlainDateTime()), timeZone: zoned.timeZoneId };
}

/** Whether a local time exists once, never (spring-forward gap) or twice (fall-back overlap) in its zone. */
export function localTimeKind(time: WallClockTime): LocalTimeKind {
  const local = toPlainDateTime(time.dateTime);
  const timeZone = canonicalTimeZone(time.timeZone);
  const earlier = local.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  const later = local.toZonedDateTime(timeZone, { disambiguation: 'later' });
  if (Temporal.PlainDateTime.compare(later.toPlainDateTime(), local) !== 0) return 'skipped';
  return earlier.epochNanoseconds === later.epochNanoseconds ? 'regular' : 'ambiguous';
}

/** Instant as an ISO string in UTC with millisecond precision: the one textual form of an instant we store and hash. */
export function toUtcIso(instant: Date | number): string {
  return new Date(instant).toISOString();
}
