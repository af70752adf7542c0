import { findIana, findWindows, WINDOWS_TO_IANA_MAP } from 'windows-iana';
import { TimeError } from './time-error.js';
import { canonicalTimeZone, isIanaTimeZone } from './wall-clock.js';
import { windowsZoneOfDisplayName } from './windows-display-names.js';

// Graph reports a zone the organizer customised (or a client defined without a Windows id) as one of
// these names, with no rules attached to the event: "tzone://Microsoft/Custom", "Customized Time Zone",
// and, when a mailbox holds several such definitions, "Customized Time Zone 1", "… 2". The only honest
// reading is the mailbox's own zone, which the caller must supply.
const CUSTOM_ZONE = /^(tzone:\/\/microsoft\/custom|customized time zone( \d+)?)$/;
const UTC_NAMES = new Set(['utc', 'etc/utc', 'tzone://microsoft/utc', 'gmt', 'z', 'coordinated universal time']);

// CLDR's windowsZones (the windows-iana package), keyed case-insensitively: Graph writes the ids as
// Windows spells them ("Turks And Caicos Standard Time"), other writers do not always.
const WINDOWS_ID_BY_LOWER_CASE = new Map(
  WINDOWS_TO_IANA_MAP.map(({ windowsName }) => [windowsName.toLowerCase(), windowsName]),
);

/** A zone name as Graph writes it, read: an IANA zone (with its Windows id when Graph named one), a custom zone, or unknown. */
export type GraphZone =
  { kind: 'zone'; timeZone: string; windowsName: string | null } | { kind: 'custom' } | { kind: 'unknown' };

function fromWindowsName(windowsName: string): GraphZone | null {
  // findIana lists the zone for territory 001 (the primary mapping) first.
  const [primary] = findIana(windowsName as Parameters<typeof findIana>[0]);
  if (!primary) return null;
  const timeZone = canonicalTimeZone(primary);
  return { kind: 'zone', timeZone: timeZone === 'Etc/UTC' ? 'UTC' : timeZone, windowsName };
}

/**
 * Reads a zone name as Graph uses it in `start`/`end.timeZone`, `originalStartTimeZone` and
 * `recurrence.range.recurrenceTimeZone`: a Windows id ("W. Europe Standard Time"), an IANA name, UTC in
 * its spellings ("tzone://Microsoft/Utc"), a Windows display name ("(UTC+01:00) Brussels, Copenhagen,
 * Madrid, Paris"), or a custom-zone marker. Never throws.
 */
export function parseGraphZone(name: string): GraphZone {
  const trimmed = name.trim();
  const lower = trimmed.toLowerCase();
  if (UTC_NAMES.has(lower)) return { kind: 'zone', timeZone: 'UTC', windowsName: 'UTC' };
  if (CUSTOM_ZONE.test(lower)) return { kind: 'custom' };
  const windowsName = WINDOWS_ID_BY_LOWER_CASE.get(lower) ?? windowsZoneOfDisplayName(trimmed);
  const windowsZone = windowsName ? fromWindowsName(windowsName) : null;
  if (windowsZone) return windowsZone;
  if (trimmed !== '' && isIanaTimeZone(trimmed))
    return { kind: 'zone', timeZone: canonicalTimeZone(trimmed), windowsName: null };
  return { kind: 'unknown' };
}

export type GraphZoneOptions = {
  /** IANA zone to use when Graph names a custom zone (typically the mailbox's zone). */
  customZoneFallback?: string;
};

/**
 * Maps a zone name as Graph uses it (see parseGraphZone) to a canonical IANA id. Throws a TimeError for
 * a custom zone without `customZoneFallback` and for a name that is no zone.
 */
export function ianaFromGraphZone(name: string, options: GraphZoneOptions = {}): string {
  const zone = parseGraphZone(name);
  if (zone.kind === 'zone') return zone.timeZone;
  if (zone.kind === 'custom') {
    if (options.customZoneFallback) return canonicalTimeZone(options.customZoneFallback);
    throw new TimeError(
      'CUSTOM_TIME_ZONE',
      `Graph zone '${name.trim()}' is a custom zone and no fallback zone was given`,
    );
  }
  throw new TimeError('UNKNOWN_TIME_ZONE', `Unknown time zone '${name.trim()}': neither a Windows nor an IANA zone`);
}

/** windowsFromIana's answers: CLDR's table is searched from the top (≈ 0.1 ms), and every Graph write and free/busy call names zones. */
const windowsNameByIana = new Map<string, string>();

/** The Windows zone name Exchange prefers for an IANA zone ('Europe/Berlin' → 'W. Europe Standard Time'). */
export function windowsFromIana(ianaZone: string): string {
  const known = windowsNameByIana.get(ianaZone);
  if (known) return known;
  const canonical = canonicalTimeZone(ianaZone);
  const [windowsName] = canonical === 'UTC' ? ['UTC'] : findWindows(canonical);
  if (!windowsName) throw new TimeError('UNKNOWN_TIME_ZONE', `No Windows zone maps to '${canonical}'`);
  // Only names that are zones get here (canonicalTimeZone throws for others): a few hundred at most.
  windowsNameByIana.set(ianaZone, windowsName);
  return windowsName;
}
