import { syncHash, toInstant } from '@workplace-sync/shared';
import type { Booking } from '@workplace-sync/shared';
import { roomBookingFor } from './plan-reservation-change.js';
import type { ConflictPolicy, SyncLogEntry, SyncPlan } from './sync-plan.js';
import type { BookingIntent, BookingLink, ReservationView, RoomEvent } from './sync-model.js';

export type RoomEventChange =
  { kind: 'upserted'; event: RoomEvent } | { kind: 'removed'; mailbox: string; eventId: string };

export type RoomEventChangeInput = {
  change: RoomEventChange;
  /** The link of this room's event, if any. */
  link: BookingLink | null;
  /** Links of other rooms' copies of the same meeting (same iCalUId). */
  meetingLinks: BookingLink[];
  /** The reservation the event is linked (or marked) to, as Workplace has it now. */
  reservation: ReservationView | null;
  /** Unmatched add-in holds in this room. */
  intents: BookingIntent[];
  /** Room mailboxes linked to a Workplace area. */
  linkedMailboxes: ReadonlySet<string>;
  policy: ConflictPolicy;
  now: Date;
};

const direction = 'exchange-to-workplace' as const;

/**
 * The booking Workplace should hold for this room event. Each room's own calendar decides whether that
 * room holds the meeting (it may have declined while another room accepted), so a new reservation gets
 * a line for this room only, and the lines of an existing reservation are changed only by their own
 * rooms' copies (add-room-line, release). A room that rewrote the subject keeps the reservation's
 * subject; an event organised by the room (we wrote it, or a delegate did) keeps the reservation's
 * responsible person.
 */
export function workplaceBookingFor(
  event: RoomEvent,
  reservation: ReservationView | null,
  linkedMailboxes: ReadonlySet<string>,
): Booking {
  const booking = event.booking;
  const ownRoom = event.mailbox.toLowerCase();
  const rooms = reservation ? reservation.booking.rooms : linkedMailboxes.has(ownRoom) ? [ownRoom] : [];
  const subject = event.isSubjectRewritten && reservation ? reservation.booking.subject : booking.subject;
  if (!event.isOrganizedByRoom || !reservation) return { ...booking, subject, rooms };
  const responsible = reservation.booking.organizer;
  return {
    ...booking,
    subject,
    rooms,
    organizer: responsible,
    participants: booking.participants.filter((p) => p.email.toLowerCase() !== responsible.email.toLowerCase()),
  };
}

const overlaps = (intent: BookingIntent, booking: Booking): boolean =>
  toInstant(booking.start).getTime() < new Date(intent.end).getTime() &&
  toInstant(booking.end).getTime() > new Date(intent.start).getTime();

function matchIntent(event: RoomEvent, intents: BookingIntent[], now: Date): BookingIntent | null {
  const organizer = event.booking.organizer.email.toLowerCase();
  return (
    intents.find(
      (intent) =>
        intent.mailbox === event.mailbox &&
        intent.organizerEmail.toLowerCase() === organizer &&
        new Date(intent.expiresAt) > now &&
        overlaps(intent, event.booking),
    ) ?? null
  );
}

function exchangeWinsConflict(event: RoomEvent, reservation: ReservationView, policy: ConflictPolicy): boolean {
  if (policy === 'exchange-wins') return true;
  if (policy === 'workplace-wins') return false;
  return new Date(event.lastModified).getTime() >= new Date(reservation.updatedAt).getTime();
}

/** Releases this room from its reservation: the whole reservation when no other room line stays. */
function planRelease(
  link: BookingLink,
  reservation: ReservationView | null,
  reason: string,
  plan: SyncPlan,
  log: (entry: Omit<SyncLogEntry, 'direction'>) => void,
) {
  plan.actions.push({ kind: 'mark-link-cancelled', mailbox: link.mailbox, eventId: link.eventId });
  if (!reservation || reservation.status === 'cancelled') return;
  const otherActiveRoomLines = reservation.lines.filter(
    (line) => line.kind === 'room' && line.lineId !== link.lineId && !['cancelled', 'declined'].includes(line.status),
  );
  if (otherActiveRoomLines.length === 0) {
    plan.actions.push({ kind: 'cancel-reservation', reservationId: reservation.reservationId, reason });
  } else {
    plan.actions.push({
      kind: 'release-room-line',
      reservationId: reservation.reservationId,
      lineId: link.lineId,
      mailbox: link.mailbox,
      reason,
    });
  }
  log({
    action: 'cancelled',
    mailbox: link.mailbox,
    reservationId: reservation.reservationId,
    eventId: link.eventId,
    reason,
  });
}

/** Decides what one change in a room's Exchange calendar means for Workplace. Pure: no I/O, no clock. */
export function planRoomEventChange(input: RoomEventChangeInput): SyncPlan {
  const { change, link, meetingLinks, reservation, intents, linkedMailboxes, policy, now } = input;
  const plan: SyncPlan = { actions: [], log: [] };
  const log = (entry: Omit<SyncLogEntry, 'direction'>) => plan.log.push({ direction, ...entry });

  if (change.kind === 'removed') {
    if (link && !link.isCancelled)
      planRelease(link, reservation, 'The meeting was deleted from the room calendar', plan, log);
    return plan;
  }

  const { event } = change;
  const ids = { mailbox: event.mailbox, eventId: event.eventId };
  if (event.booking.isCancelled || event.roomResponse === 'declined') {
    const reason = event.booking.isCancelled
      ? 'The organizer cancelled the meeting in Outlook'
      : 'The room declined the meeting in Exchange (busy or outside its booking window)';
    if (link && !link.isCancelled) planRelease(link, reservation, reason, plan, log);
    else if (!link && !event.isOrganizedByRoom) {
      plan.actions.push({ kind: 'release-orphan-reservation', event, reason });
      log({ ...ids, action: 'skipped', reservationId: null, reason });
    }
    return plan;
  }
  if (toInstant(event.booking.end) <= now && !event.booking.recurrence) {
    log({ ...ids, action: 'skipped', reservationId: link?.reservationId ?? null, reason: 'The meeting is over' });
    return plan;
  }

  const graphHash = syncHash(event.booking);
  if (link && !link.isCancelled && link.graphHash === graphHash) {
    log({ ...ids, action: 'echo-ignored', reservationId: link.reservationId, reason: 'No synced field changed' });
    return plan;
  }

  if (!link || link.isCancelled) {
    const markedReservation =
      event.reservationMarker ?? meetingLinks.find((other) => other.iCalUId === event.iCalUId)?.reservationId;
    if (
      markedReservation &&
      reservation &&
      reservation.reservationId === markedReservation &&
      reservation.status !== 'cancelled'
    ) {
      const line = reservation.lines.find(
        (candidate) => candidate.kind === 'room' && candidate.mailbox === event.mailbox,
      );
      const wanted = roomBookingFor(reservation, event.mailbox);
      if (line && event.reservationMarker === reservation.reservationId && syncHash(wanted) !== graphHash) {
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
      } else {
        plan.actions.push({ kind: 'add-room-line', reservationId: reservation.reservationId, event });
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
    const idempotencyKey = `exchange-${event.iCalUId}-${graphHash.slice(0, 16)}`;
    plan.actions.push({ kind: 'create-reservation', booking, idempotencyKey, event });
    log({ ...ids, action: 'created', reservationId: null, reason: 'Booked in Outlook' });
    return plan;
  }

  // Exchange changed since the last sync.
  if (!reservation || reservation.status === 'cancelled') {
    log({
      ...ids,
      action: 'skipped',
      reservationId: link.reservationId,
      reason: 'The reservation was cancelled in Workplace',
    });
    return plan;
  }
  const booking = workplaceBookingFor(event, reservation, linkedMailboxes);
  const workplaceChanged = syncHash(reservation.booking) !== link.workplaceHash;
  if (workplaceChanged && !exchangeWinsConflict(event, reservation, policy)) {
    plan.actions.push({
      kind: 'update-event',
      mailbox: event.mailbox,
      eventId: event.eventId,
      booking: reservation.booking,
      reservationId: reservation.reservationId,
      lineId: link.lineId,
    });
    log({
      ...ids,
      action: 'conflict-resolved',
      reservationId: reservation.reservationId,
      reason: `Both sides changed; ${policy} kept the Workplace version`,
    });
    return plan;
  }
  plan.actions.push({ kind: 'update-reservation', reservationId: reservation.reservationId, booking, event });
  log({
    ...ids,
    action: workplaceChanged ? 'conflict-resolved' : 'updated',
    reservationId: reservation.reservationId,
    reason: workplaceChanged ? `Both sides changed; ${policy} kept the Exchange version` : 'Changed in Outlook',
  });
  return plan;
}
