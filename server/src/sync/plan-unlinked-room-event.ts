import { syncHash } from '@workplace-sync/shared';
import { matchIntent } from './booking-intent-match.js';
import { fittingNotes } from './fit-booking.js';
import { workplaceBookingFor } from './workplace-booking.js';
import { ownReservationRef } from './occurrence-agreement.js';
import { roomBookingFor } from './plan-reservation-change.js';
import { isActiveLine } from './plan-room-leaving.js';
import type { SyncLogEntry, SyncPlan } from './sync-plan.js';
import type { Booking } from '@workplace-sync/shared';
import type { BookingIntent, BookingLink, ReservationView, RoomEvent } from './sync-model.js';

// The half of planRoomEventChange for a room copy with no live link: a meeting this room has not
// synced yet (or synced before it was released). It joins the meeting's reservation, confirms an
// add-in hold, lets go of an event a crash left behind, or books a new reservation.

/** What a planner says of an entry; the direction and the booking's organizer and subject are added for it. */
export type LogFields = Omit<SyncLogEntry, 'direction' | 'organizer' | 'subject'>;

/**
 * A log reason, with what reading the meeting assumed (a zone) and what fitting it to Workplace changed
 * (an empty subject, 600 attendees).
 */
export const withFitting = (reason: string, event: RoomEvent): string => {
  const notes = [...event.readingNotes, ...fittingNotes(event.booking)];
  return notes.length === 0 ? reason : `${reason} (${notes.join('; ')})`;
};

export const OWN_RESERVATION_REASON =
  "This room and the meeting's other rooms disagree on its occurrences (one declined a moved occurrence " +
  'the others accepted): Workplace books this room in a reservation of its own';

export type UnlinkedRoomEvent = {
  /** The room's copy as planned: occurrences released in Workplace read as the reservation holds them. */
  event: RoomEvent;
  /** The sync hash of the copy as read, before released occurrences were set aside. */
  rawGraphHash: string;
  graphHash: string;
  /** This room's released link, if it had one. */
  link: BookingLink | null;
  meetingLinks: BookingLink[];
  reservation: ReservationView | null;
  intents: BookingIntent[];
  linkedMailboxes: ReadonlySet<string>;
  now: Date;
  /** This room's copy cannot share `shared` (occurrence-agreement.ts): it needs a reservation of its own. */
  disagreesWithOtherRooms: (shared: ReservationView) => boolean;
  /** That reservation of its own. */
  ownBooking: (shared: ReservationView) => Booking;
};

/** Plans a room copy with no live link into `plan`. Pure. */
export function planUnlinkedRoomEvent(
  unlinked: UnlinkedRoomEvent,
  plan: SyncPlan,
  log: (entry: LogFields) => void,
): SyncPlan {
  const { event, rawGraphHash, graphHash, link, meetingLinks, reservation, intents, linkedMailboxes, now } = unlinked;
  const { disagreesWithOtherRooms, ownBooking } = unlinked;
  const ids = { mailbox: event.mailbox, eventId: event.eventId };
  // The meeting's reservation, made for another room's copy (or for this room before it was
  // released): this room joins it.
  const isMeetingReservation =
    reservation !== null &&
    (reservation.reservationId === event.reservationMarker ||
      reservation.reservationId === link?.reservationId ||
      meetingLinks.some(
        (other) => other.iCalUId === event.iCalUId && other.reservationId === reservation.reservationId,
      ));
  if (reservation && isMeetingReservation && reservation.status !== 'cancelled') {
    const line = reservation.lines.find(
      (candidate) => candidate.kind === 'room' && candidate.mailbox === event.mailbox && isActiveLine(candidate),
    );
    const wanted = roomBookingFor(reservation, event.mailbox);
    if (line && event.reservationMarker === reservation.reservationId && syncHash(wanted) !== rawGraphHash) {
      // Our own event whose link a crash lost, and the reservation changed since we wrote it: bring the
      // event up to date (linking it as it is would record a sync that never happened).
      plan.actions.push({
        kind: 'update-event',
        mailbox: event.mailbox,
        eventId: event.eventId,
        booking: wanted,
        reservationId: reservation.reservationId,
        lineId: line.lineId,
      });
      log({
        ...ids,
        action: 'updated',
        reservationId: reservation.reservationId,
        reason: 'Our event in this room was behind its reservation (an interrupted sync)',
      });
    } else if (line) {
      plan.actions.push({ kind: 'adopt-link', event, reservationId: reservation.reservationId, lineId: line.lineId });
      log({
        ...ids,
        action: 'linked',
        reservationId: reservation.reservationId,
        reason: 'This room copy belongs to a reservation already synced',
      });
    } else if (disagreesWithOtherRooms(reservation)) {
      plan.actions.push({
        kind: 'create-reservation',
        booking: ownBooking(reservation),
        idempotencyKey: `exchange-${event.iCalUId}-${event.mailbox}-${syncHash(event.booking).slice(0, 16)}`,
        externalRef: ownReservationRef(event.iCalUId, event.mailbox),
        event,
      });
      log({ ...ids, action: 'created', reservationId: null, reason: OWN_RESERVATION_REASON });
    } else {
      plan.actions.push({
        kind: 'add-room-line',
        reservationId: reservation.reservationId,
        booking: workplaceBookingFor(event, reservation, linkedMailboxes),
        event,
      });
      log({
        ...ids,
        action: 'updated',
        reservationId: reservation.reservationId,
        reason: 'The room was added to the meeting in Outlook',
      });
    }
    return plan;
  }
  if (event.reservationMarker && event.isOrganizedByRoom) {
    // An event we wrote for a reservation that is gone or cancelled, whose link a crash lost: it is
    // nobody's meeting, so the room's calendar lets it go (never booked anew as if from Outlook).
    const reason = 'Its Workplace reservation was cancelled; an interrupted sync had left it in the room';
    plan.actions.push({ kind: 'cancel-event', mailbox: event.mailbox, eventId: event.eventId, comment: reason });
    log({ ...ids, action: 'cancelled', reservationId: event.reservationMarker, reason });
    return plan;
  }
  const booking = workplaceBookingFor(event, null, linkedMailboxes);
  const intent = matchIntent(event, intents, now);
  if (intent) {
    plan.actions.push({
      kind: 'confirm-intent',
      intentId: intent.intentId,
      reservationId: intent.reservationId,
      booking,
      event,
      alternatives: intent.alternatives,
    });
    log({
      ...ids,
      action: 'created',
      reservationId: intent.reservationId,
      reason: 'The meeting confirmed the hold placed from the Outlook add-in',
    });
    for (const alternative of intent.alternatives) {
      log({
        mailbox: alternative.mailbox,
        eventId: null,
        action: 'created',
        reservationId: alternative.reservationId,
        reason: `The meeting confirmed this room for its occurrence at ${alternative.start}, which ${event.mailbox} could not take`,
      });
    }
    return plan;
  }
  // The key changes with the content: a retry of this very write is a no-op, while a create for an
  // edited meeting (after a crash lost the link) is a new request that the executor reconciles first.
  // A meeting booked again after its reservation was cancelled (declined, then moved to a free slot)
  // may send the very same body: naming the reservation it replaces keeps Workplace from replaying
  // the first, cancelled, create.
  const replaced = reservation?.reservationId ?? link?.reservationId;
  const idempotencyKey = `exchange-${event.iCalUId}-${graphHash.slice(0, 16)}${replaced ? `-after-${replaced}` : ''}`;
  plan.actions.push({ kind: 'create-reservation', booking, idempotencyKey, event });
  log({ ...ids, action: 'created', reservationId: null, reason: withFitting('Booked in Outlook', event) });
  return plan;
}
