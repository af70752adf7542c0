import { findIana, findWindows } from 'windows-iana';
import { TimeError } from './time-error.js';
import { canonicalTimeZone, isIanaTimeZone } from './wall-clock.js';

// Graph reports a zone the organizer customised in Outlook as one of these names, with no rules attached
// to the event. The only honest reading is the mailbox's own zone, which the caller must supply.
const CUSTOM_ZONE_NAMES = new Set(['tzone://microsoft/custom', 'customized time zone']);
const UTC_NAMES = new Set(['utc', 'etc/utc', 'tzone://microsoft/utc', 'gmt', 'z']);

export type GraphZoneOptions = {
  /** IANA zone to use when Graph names a custom zone (typically the mailbox's zone). */
  customZoneFallback?: string;
};

/**
 * Maps a zone name as Graph uses it (Windows name such as 'W. Europe Standard Time', an IANA name,
 * 'UTC', or one of the custom-zone forms) to a canonical IANA id.
 */
export function ianaFromGraphZone(name: string, options: GraphZoneOptions = {}): string {
  const trimmed = name.trim();
  const lower = trimmed.toLowerCase();
  if (UTC_NAMES.has(lower)) return 'UTC';
  if (CUSTOM_ZONE_NAMES.has(lower)) {
    if (options.customZoneFallback) return canonicalTimeZone(options.customZoneFallback);
    throw new TimeError('CUSTOM_TIME_ZONE', `Graph zone '${trimmed}' is a custom zone and no fallback zone was given`);
  }
  // findIana lists the zone for territory 001 (the primary mapping) first.
  const [primary] = findIana(trimmed);
  if (primary) return canonicalTimeZone(primary);
  if (isIanaTimeZone(trimmed)) return canonicalTimeZone(trimmed);
  throw new TimeError('UNKNOWN_TIME_ZONE', `Unknown time zone '${trimmed}': neither a Windows nor an IANA zone`);
}

/** The Windows zone name Exchange prefers for an IANA zone ('Europe/Berlin' → 'W. Europe Standard Time'). */
export function windowsFromIana(ianaZone: string): string {
  const canonical = canonicalTimeZone(ianaZone);
  if (canonical === 'UTC') return 'UTC';
  const [windowsName] = findWindows(canonical);
  if (!windowsName) throw new TimeError('UNKNOWN_TIME_ZONE', `No Windows zone maps to '${canonical}'`);
  return windowsName;
}
