import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { normalizeRule } from '../recurrence/recurrence-rule.js';
import { canonicalTimeZone, toInstant, toUtcIso } from '../time/wall-clock.js';
import type { WallClockTime } from '../time/wall-clock.js';
import type { Booking, OccurrenceException } from './booking.js';

const normalizeEmail = (email: string): string => email.trim().toLowerCase();
const instantOf = (time: WallClockTime): string => toUtcIso(toInstant(time));
const normalizeInstant = (iso: string): string => toUtcIso(new Date(iso));

function normalizeException(exception: OccurrenceException) {
  const originalStart = normalizeInstant(exception.originalStart);
  if (exception.kind === 'cancelled') return { originalStart, kind: exception.kind };
  return {
    originalStart,
    kind: exception.kind,
    subject: exception.subject?.trim() ?? null,
    start: instantOf(exception.start),
    end: instantOf(exception.end),
  };
}

/**
 * The synced fields of a booking in one normal form: emails lower-case, participant and room sets
 * sorted and de-duplicated, instants in UTC, the recurrence normalised. Display names are not part
 * of it: both systems rewrite them, and the email is the identity.
 */
export function normalizeForSync(booking: Booking) {
  const participants = new Map<string, string>();
  for (const participant of booking.participants) {
    const email = normalizeEmail(participant.email);
    // Someone listed as both required and optional counts as required, as Exchange shows them.
    if (participants.get(email) !== 'required') participants.set(email, participant.kind);
  }
  return {
    subject: booking.subject.trim(),
    start: instantOf(booking.start),
    end: instantOf(booking.end),
    // A series keeps its local time across DST only in its own zone, so the zone is part of a series' identity.
    timeZone: booking.recurrence ? canonicalTimeZone(booking.start.timeZone) : null,
    organizer: normalizeEmail(booking.organizer.email),
    participants: [...participants.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    rooms: [...new Set(booking.rooms.map(normalizeEmail))].sort(),
    recurrence: booking.recurrence ? normalizeRule(booking.recurrence) : null,
    exceptions: booking.exceptions
      .map(normalizeException)
      .sort((a, b) => (a.originalStart < b.originalStart ? -1 : a.originalStart > b.originalStart ? 1 : 0)),
    isCancelled: booking.isCancelled,
  };
}

/** JSON with object keys sorted, so the hash does not depend on the order in which properties were set. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Equal hashes mean there is nothing to sync between two bookings. */
export function syncHash(booking: Booking): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(normalizeForSync(booking)))));
}
