import { normalizeForSync } from '@workplace-sync/shared';
import type { Booking } from '@workplace-sync/shared';

// Whether the rooms of one meeting still agree on its occurrences. A Workplace reservation's lines share
// its occurrences (exceptions belong to the reservation, not to a line), while in Exchange each room's
// booking attendant answers every occurrence for itself: a room that was taken when the organizer moved
// one occurrence declines that occurrence only, and its copy of the series loses it while the other
// rooms' copies keep it (the room's copy looks the same when the organizer cancels the occurrence).
// Rooms that disagree therefore cannot share one reservation: a write of one room's copy would move or
// drop the occurrence for the others too, or Workplace refuses it for another room's line (taken then).

type Normalized = ReturnType<typeof normalizeForSync>;

/** Occurrences are keyed by their original start, which only names the same date in the same series. */
function isSameSeries(a: Normalized, b: Normalized): boolean {
  const seriesOf = ({ start, end, timeZone, recurrence }: Normalized) =>
    JSON.stringify({ start, end, timeZone, recurrence });
  return a.recurrence !== null && seriesOf(a) === seriesOf(b);
}

/** Each changed occurrence's state (cancelled, or moved to a time): an occurrence not named is as the series has it. */
const statesOf = (booking: Normalized) =>
  new Map(booking.exceptions.map((exception) => [exception.originalStart, JSON.stringify(exception)]));
const AS_SERIES = 'as the series has it';
const stateOf = (states: Map<string, string>, key: string) => states.get(key) ?? AS_SERIES;

/**
 * Occurrences (original starts, UTC ISO) that a room's copy of a series and its reservation hold
 * differently: one holds it and the other not, or at another time. Empty for single meetings and for
 * different series (an edit of the series itself is an ordinary change).
 */
export function occurrencesInDispute(copy: Booking, reservation: Booking): string[] {
  const [here, there] = [normalizeForSync(copy), normalizeForSync(reservation)];
  if (!isSameSeries(here, there)) return [];
  const [inCopy, inReservation] = [statesOf(here), statesOf(there)];
  return [...new Set([...inCopy.keys(), ...inReservation.keys()])]
    .filter((key) => stateOf(inCopy, key) !== stateOf(inReservation, key))
    .sort();
}

/**
 * Whether this room's copy must leave the reservation its meeting's other rooms share: written there,
 * it would impose on another room an occurrence that room's copy holds differently (one room declined
 * a moved occurrence the others accepted; a room whose booking attendant has not yet taken the
 * organizer's change counts as differing too, which at worst books the rooms apart). When every other
 * room agrees with this copy, this room is just the first to tell (the organizer moved or cancelled an
 * occurrence), and the shared reservation follows it. Copies of another series (not yet updated) say
 * nothing about these dates, and neither does an occurrence `released` for this room.
 */
export function needsOwnReservation(
  copy: Booking,
  reservation: Booking,
  otherRoomCopies: readonly Booking[],
  released: ReadonlySet<string> = new Set(),
): boolean {
  // A released occurrence is history: each room's calendar lost it on its own terms (plan-release.ts).
  const disputed = occurrencesInDispute(copy, reservation).filter((key) => !released.has(key));
  if (disputed.length === 0) return false;
  const here = normalizeForSync(copy);
  const inCopy = statesOf(here);
  return otherRoomCopies
    .map(normalizeForSync)
    .filter((other) => isSameSeries(other, here))
    .some((other) => {
      const inOther = statesOf(other);
      return disputed.some((key) => stateOf(inOther, key) !== stateOf(inCopy, key));
    });
}

/**
 * The `externalRef` of a reservation a room holds on its own because it disagreed with the meeting's
 * other rooms: the meeting's iCalUId and the room, so that finding the meeting's shared reservation
 * again after a crash (by the bare iCalUId) never finds this one, nor the other way round.
 */
export const ownReservationRef = (iCalUId: string, mailbox: string) => `${iCalUId} room:${mailbox.toLowerCase()}`;

/** The meeting (iCalUId) a reservation's `externalRef` names, whether shared or a room's own. */
export const meetingOfExternalRef = (externalRef: string) => externalRef.split(' room:')[0]!;
