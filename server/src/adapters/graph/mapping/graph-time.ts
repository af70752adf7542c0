import {
  canonicalTimeZone,
  isIanaTimeZone,
  parseGraphZone,
  TimeError,
  toUtcIso,
  wallClock,
  windowsFromIana,
} from '@workplace-sync/shared';
import type { WallClockTime } from '@workplace-sync/shared';
import type { GraphDateTimeTimeZone } from '../schemas/graph-date-time.js';

/**
 * Graph named a zone without rules we can read, and the room mailbox's zone was read in its place: a
 * custom zone ("tzone://Microsoft/Custom", "Customized Time Zone 1": the organizer's own definition,
 * which Graph does not return) or a name that is no Windows, IANA or Windows display name.
 */
export type ZoneFallback = {
  /** The name as Graph wrote it. */
  graphZone: string;
  reason: 'custom-zone' | 'unknown-zone';
  /** The IANA zone read instead: the room mailbox's. */
  timeZone: string;
  /** Where Graph wrote the name: `start.timeZone`, `recurrence.range.recurrenceTimeZone`, `instances[{id}].end.timeZone`, … */
  fields: string[];
};

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
 * mailbox zone's Windows zone, the mailbox zone is the one meant. Custom and unknown zones read as the
 * mailbox's zone, with a note saying so. Never throws for the name.
 */
export function readGraphZone(
  name: string,
  mailboxTimeZone: string,
  field: string,
): { timeZone: string; fallback: ZoneFallback | null } {
  const mailboxZone = canonicalTimeZone(mailboxTimeZone);
  const zone = parseGraphZone(name);
  if (zone.kind !== 'zone') {
    const reason = zone.kind === 'custom' ? 'custom-zone' : 'unknown-zone';
    return { timeZone: mailboxZone, fallback: { graphZone: name, reason, timeZone: mailboxZone, fields: [field] } };
  }
  const windowsName = zone.windowsName?.toLowerCase() ?? windowsNameOf(zone.timeZone);
  const isMailboxZone = windowsName !== null && windowsName === windowsNameOf(mailboxZone);
  return { timeZone: isMailboxZone ? mailboxZone : zone.timeZone, fallback: null };
}

/** resolveGraphZone's answers by name and mailbox zone; bounded, as the names come from Graph. */
const resolvedZones = new Map<string, string>();
const MAX_RESOLVED_ZONES = 1_000;

/**
 * readGraphZone without the note, for callers that have nowhere to report it (free/busy). Custom zones
 * read as the mailbox's zone; a name that is no zone still throws a TimeError ('UNKNOWN_TIME_ZONE').
 */
export function resolveGraphZone(name: string, mailboxTimeZone: string): string {
  const key = `${name}\n${mailboxTimeZone}`;
  const known = resolvedZones.get(key);
  if (known) return known;
  const reading = readGraphZone(name, mailboxTimeZone, 'timeZone');
  if (reading.fallback?.reason === 'unknown-zone') {
    throw new TimeError('UNKNOWN_TIME_ZONE', `Unknown time zone '${name.trim()}': neither a Windows nor an IANA zone`);
  }
  // A free/busy answer names the same few zones thousands of times (every item, every room's working
  // hours), and reading one through CLDR's tables costs about 30 µs: 500 rooms spent 30 ms on it.
  if (resolvedZones.size >= MAX_RESOLVED_ZONES) resolvedZones.clear();
  resolvedZones.set(key, reading.timeZone);
  return reading.timeZone;
}

/**
 * Graph's local date-time (seven fraction digits) in its zone, as a wall-clock time in an IANA zone, for
 * callers without a fallback note (free/busy; events are read through event-times.ts).
 */
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
