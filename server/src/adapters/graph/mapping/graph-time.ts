import {
  canonicalTimeZone,
  ianaFromGraphZone,
  isIanaTimeZone,
  toUtcIso,
  wallClock,
  windowsFromIana,
} from '@workplace-sync/shared';
import type { WallClockTime } from '@workplace-sync/shared';
import type { GraphDateTimeTimeZone } from '../schemas/graph-date-time.js';

function windowsNameOf(zone: string): string | null {
  try {
    return (isIanaTimeZone(zone) ? windowsFromIana(zone) : zone.trim()).toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The IANA zone for a zone name as Graph writes it, with the mailbox's zone as the tie-breaker: Graph
 * speaks Windows zones, and one Windows zone stands for several IANA zones ("W. Europe Standard Time":
 * Berlin, Amsterdam, …; "India Standard Time": Asia/Calcutta and Asia/Kolkata). When the name is the
 * mailbox zone's Windows zone, the mailbox zone is the one meant. Custom zones fall back to it too.
 */
export function resolveGraphZone(name: string, mailboxTimeZone: string): string {
  const mailboxZone = canonicalTimeZone(mailboxTimeZone);
  const mailboxWindowsName = windowsNameOf(mailboxZone);
  if (mailboxWindowsName !== null && windowsNameOf(name) === mailboxWindowsName) return mailboxZone;
  return ianaFromGraphZone(name, { customZoneFallback: mailboxZone });
}

/** Graph's local date-time (seven fraction digits) in its zone, as a wall-clock time in an IANA zone. */
export function fromGraphDateTime(value: GraphDateTimeTimeZone, mailboxTimeZone: string): WallClockTime {
  return wallClock(value.dateTime, resolveGraphZone(value.timeZone, mailboxTimeZone));
}

/**
 * Written with the Windows zone name: every Windows zone is accepted by create/update, while only a
 * subset of IANA names is ("Methods such as create or update might not support all dateTimeTimeZone
 * time zones", dateTimeTimeZone docs). Graph reads `dateTime` as wall-clock time in that zone, so a
 * series keeps its local time across DST.
 */
export function toGraphDateTime(time: WallClockTime): GraphDateTimeTimeZone {
  return { dateTime: wallClock(time.dateTime, time.timeZone).dateTime, timeZone: windowsFromIana(time.timeZone) };
}

/** An `Edm.DateTimeOffset` (up to seven fraction digits, `Z` or an offset) as our UTC ISO form. */
export function instantFromGraph(value: string): string {
  const millis = value.replace(/(\.\d{3})\d+/, '$1');
  const instant = new Date(millis);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Not a date-time: '${value}'`);
  return toUtcIso(instant);
}
