import { syncHash, toInstant } from '@workplace-sync/shared';
import { declinedHoldReason, matchIntent } from './booking-intent-match.js';
import { workplaceBookingFor } from './workplace-booking.js';
import { needsOwnReservation, ownReservationRef } from './occurrence-agreement.js';
import {
  hasBegun,
  releasedKeysOf,
  singleMeetingKey,
  startedOccurrencesFreedInExchange,
  withoutReleasedOccurrences,
} from './plan-release.js';
import { whyNoLongerBooked } from './plan-reservation-change.js';
import { aboutBooking } from './sync-plan.js';
import { OWN_RESERVATION_REASON, planUnlinkedRoomEvent, withFitting } from './plan-unlinked-room-event.js';
import type { LogFields } from './plan-unlinked-room-event.js';
import { isActiveLine, roomLeaving } from './plan-room-leaving.js';
import type { ConflictPolicy, SyncPlan } from './sync-plan.js';
import type { Booking } from '@workplace-sync/shared';
import type { BookingIntent, BookingLink, ReservationView, RoomEvent, RoomEventChange } from './sync-model.js';

export type { RoomEventChange } from './sync-model.js';

export type RoomEventChangeInput = {
  change: RoomEventChange;
  /** The link of this room's event, if any. */
  link: BookingLink | null;
  /** Links of other rooms' copies of the same meeting (same iCalUId), released ones included. */
  meetingLinks: BookingLink[];
  /** The reservation the event is linked (or marked) to, as Workplace has it now. */
  reservation: ReservationView | null;
  /**
   * The other rooms' copies of this series (with their links), read when this room's copy and the
   * reservation disagree on which occurrences exist (see occurrence-agreement.ts); null when not read.
   */
  otherRoomCopies: Array<{ link: BookingLink; booking: Booking }> | null;
  /** Unmatched add-in holds in this room. */
  intents: BookingIntent[];
  /** Room mailboxes linked to a Workplace area. */
  linkedMailboxes: ReadonlySet<string>;
  policy: ConflictPolicy;
  now: Date;
};

const direction = 'exchange-to-workplace' as const;

function exchangeWinsConflict(event: RoomEvent, reservation: ReservationView, policy: ConflictPolicy): boolean {
  if (policy === 'exchange-wins') return true;
  if (policy === 'workplace-wins') return false;
  return new Date(event.lastModified).getTime() >= new Date(reservation.updatedAt).getTime();
}

/**
 * How long a reservation of an Outlook meeting that lost its last room keeps its other lines
 * (equipment, catering): when the organizer swaps one room for another in one edit, the two rooms'
 * copies arrive in any order, and the new room joins the reservation instead of a new one being booked
 * without them. Longer than the two rooms' notifications take to arrive, short enough that catering
 * for a cancelled meeting is cancelled within minutes.
 */
export const ROOM_SWAP_GRACE_MS = 2 * 60_000;

/** Releases this room from its reservation: the whole reservation when nothing else stays booked. */
function planRelease(
  link: BookingLink,
  reservation: ReservationView | null,
  reason: string,
  now: Date,
  plan: SyncPlan,
  log: (entry: LogFields) => void,
) {
  // The link is marked last: if a write fails (a stale version), the change is planned again from an
  // active link; marked first, the retry would find nothing left to release (the room stayed booked).
  const markCancelled = { kind: 'mark-link-cancelled' as const, mailbox: link.mailbox, eventId: link.eventId };
  if (!reservation || reservation.status === 'cancelled') {
    plan.actions.push(markCancelled);
    return;
  }
  const line = reservation.lines.find((candidate) => candidate.lineId === link.lineId) ?? {
    lineId: link.lineId,
    mailbox: link.mailbox,
  };
  const leave = roomLeaving(reservation, line, reason)!;
  const keepsOtherLines = reservation.lines.some((candidate) => candidate.kind !== 'room' && isActiveLine(candidate));
  if (leave.kind === 'cancel-reservation' && link.origin === 'exchange' && keepsOtherLines) {
    // Perhaps a room swap whose new room has not arrived yet: free this room now, keep the rest.
    plan.actions.push(
      {
        kind: 'release-room-line',
        reservationId: reservation.reservationId,
        lineId: link.lineId,
        mailbox: link.mailbox,
        reason,
      },
      {
        kind: 'await-room',
        reservationId: reservation.reservationId,
        iCalUId: link.iCalUId,
        dueAt: new Date(now.getTime() + ROOM_SWAP_GRACE_MS),
      },
    );
  } else {
    plan.actions.push(leave);
  }
  plan.actions.push(markCancelled);
  log({
    action: 'cancelled',
    mailbox: link.mailbox,
    reservationId: reservation.reservationId,
    eventId: link.eventId,
    reason,
  });
}

/**
 * A reservation that waited for a room swapped in (see ROOM_SWAP_GRACE_MS): cancelled if it still
 * holds no room once its grace is over.
 */
export function planRoomlessReservation(reservation: ReservationView | null): SyncPlan {
  const plan: SyncPlan = { actions: [], log: [] };
  if (!reservation || reservation.status === 'cancelled') return plan;
  if (reservation.lines.some((line) => line.kind === 'room' && isActiveLine(line))) return plan;
  const reason = 'The meeting no longer has a room: its other lines are cancelled too';
  plan.actions.push({ kind: 'cancel-reservation', reservationId: reservation.reservationId, reason });
  plan.log.push({
    direction: 'exchange-to-workplace',
    action: 'cancelled',
    mailbox: null,
    reservationId: reservation.reservationId,
    eventId: null,
    reason,
    ...aboutBooking(reservation.booking),
  });
  return plan;
}

/**
 * Exchange freed an occurrence (`occurrenceStart`; null: the single meeting) after it began: Workplace
 * releases it, unless it already did (then this is the echo of our own release).
 */
function planExchangeRelease(
  at: { mailbox: string; eventId: string },
  link: BookingLink,
  reservation: ReservationView,
  occurrenceStart: string | null,
  reason: string,
  plan: SyncPlan,
  log: (entry: LogFields) => void,
) {
  const key = occurrenceStart ?? singleMeetingKey(reservation.booking);
  const ids = { ...at, reservationId: reservation.reservationId };
  if (releasedKeysOf(reservation, link.lineId).has(key) || (link.releasedOccurrences ?? []).includes(key)) {
    log({ ...ids, action: 'echo-ignored', reason: 'The room was freed for the release Workplace made' });
    return;
  }
  plan.actions.push(
    {
      kind: 'release-reservation-occurrence',
      reservationId: reservation.reservationId,
      occurrenceStart,
      lineId: link.lineId,
      reason,
    },
    { kind: 'note-link-releases', ...at, occurrenceStarts: [key] },
  );
  log({ ...ids, action: 'updated', reason: occurrenceStart ? `${reason} (the occurrence of ${key})` : reason });
}

const ENDED_IN_OUTLOOK =
  'The organizer ended the meeting, or moved it to a time already over, while it ran: the room is released in Workplace';
const MOVED_INTO_THE_PAST = 'The meeting was moved to a time that is already over: the room is released in Workplace';

const RELEASED_BY_ORGANIZER =
  'The organizer ended or cancelled it in Outlook after it began: the room is released in Workplace';
const RELEASED_BY_ROOM =
  'The room released it in Exchange after it began (nobody checked in, or it was ended at the room): ' +
  'released in Workplace';

/** Decides what one change in a room's Exchange calendar means for Workplace. Pure: no I/O, no clock. */
export function planRoomEventChange(input: RoomEventChangeInput): SyncPlan {
  const { change, link, meetingLinks, reservation, intents, linkedMailboxes, policy, now } = input;
  const plan: SyncPlan = { actions: [], log: [] };
  // Every entry names the meeting's organizer and subject: the room's copy, else the reservation's.
  const about = aboutBooking(change.kind === 'upserted' ? change.event.booking : reservation?.booking);
  const log = (entry: LogFields) => plan.log.push({ direction, ...about, ...entry });

  if (change.kind === 'removed') {
    const at = { mailbox: change.mailbox, eventId: change.eventId };
    if (
      link &&
      !link.isCancelled &&
      reservation &&
      reservation.status !== 'cancelled' &&
      hasBegun(reservation.booking, now)
    ) {
      // A room's booking attendant that declines (releases) a single meeting removes it from the room's calendar.
      planExchangeRelease(at, link, reservation, null, RELEASED_BY_ROOM, plan, log);
      plan.actions.push({ kind: 'mark-link-cancelled', ...at });
    } else if (link && !link.isCancelled)
      planRelease(link, reservation, 'The meeting was deleted from the room calendar', now, plan, log);
    return plan;
  }

  const ids = { mailbox: change.event.mailbox, eventId: change.event.eventId };
  const isFreed = change.event.booking.isCancelled || change.event.roomResponse === 'declined';
  const isLinked = link !== null && !link.isCancelled && reservation !== null && reservation.status !== 'cancelled';
  if (isFreed && isLinked && hasBegun(change.event.booking, now)) {
    // A single meeting freed once it had begun (Places auto-release, a panel's release, the organizer
    // ending it): Workplace releases it and keeps its history, instead of cancelling it.
    const reason = change.event.booking.isCancelled ? RELEASED_BY_ORGANIZER : RELEASED_BY_ROOM;
    planExchangeRelease(ids, link, reservation, null, reason, plan, log);
    plan.actions.push({ kind: 'mark-link-cancelled', ...ids });
    return plan;
  }
  // Occurrences of a series the room freed once they had begun are released in Workplace; those freed for
  // a Workplace release (our own decline's echo) are no edit either. Without them, the rest is compared.
  const freed =
    isLinked && !isFreed ? startedOccurrencesFreedInExchange(change.event, reservation, link.lineId, now) : [];
  for (const occurrenceStart of freed) {
    planExchangeRelease(ids, link!, reservation!, occurrenceStart, RELEASED_BY_ROOM, plan, log);
  }
  const released = new Set([
    ...releasedKeysOf(reservation, link?.lineId),
    ...(link?.releasedOccurrences ?? []),
    ...freed,
  ]);
  const rawGraphHash = syncHash(change.event.booking);
  const event = {
    ...change.event,
    booking: withoutReleasedOccurrences(change.event.booking, released, reservation?.booking ?? null),
  };
  if (event.booking.isCancelled || event.roomResponse === 'declined') {
    const reason = event.booking.isCancelled
      ? 'The organizer cancelled the meeting, or removed this room from it, in Outlook'
      : 'The room declined the meeting in Exchange (busy or outside its booking window)';
    const declinedHold = !link && event.roomResponse === 'declined' ? matchIntent(event, intents, now) : null;
    if (link && !link.isCancelled) planRelease(link, reservation, reason, now, plan, log);
    else if (declinedHold) {
      // The pane promised this room; Exchange said no. Without this the hold waited for a meeting that
      // would never come and ended as "cancelled" without a word, and nothing showed it to an admin.
      const declined = declinedHoldReason(event, declinedHold);
      plan.actions.push({
        kind: 'release-declined-hold',
        intentId: declinedHold.intentId,
        reservationId: declinedHold.reservationId,
        alternatives: declinedHold.alternatives,
        event,
        reason: declined,
      });
      log({ ...ids, action: 'declined', reservationId: declinedHold.reservationId, reason: declined });
    } else if (!link && !event.isOrganizedByRoom) {
      plan.actions.push({ kind: 'release-orphan-reservation', event, reason });
      log({ ...ids, action: 'skipped', reservationId: null, reason });
    }
    return plan;
  }
  if (toInstant(event.booking.end) <= now && !event.booking.recurrence) {
    const held = isLinked && !reservation!.booking.recurrence ? reservation!.booking : null;
    if (held && toInstant(held.start) > now) {
      // Moved to a time already over (the organizer moved it back, or the sync was held up until then):
      // the later slot Workplace still holds is nobody's meeting any more.
      planRelease(link!, reservation, MOVED_INTO_THE_PAST, now, plan, log);
      return plan;
    }
    if (held && toInstant(held.end) > now) {
      // Ended, or moved away, while Workplace's booking runs: the room is free from now on, and the
      // booking keeps its history (released, as when the room's panel ends it).
      planExchangeRelease(ids, link!, reservation!, null, ENDED_IN_OUTLOOK, plan, log);
      plan.actions.push({ kind: 'mark-link-cancelled', ...ids });
      return plan;
    }
    log({ ...ids, action: 'skipped', reservationId: link?.reservationId ?? null, reason: 'The meeting is over' });
    return plan;
  }

  // Whether this room's copy disagrees with the meeting's other rooms on which occurrences exist, so it
  // cannot share their reservation (occurrence-agreement.ts); its own reservation holds it alone.
  const disagreesWithOtherRooms = (shared: ReservationView) =>
    input.otherRoomCopies !== null &&
    needsOwnReservation(
      event.booking,
      shared.booking,
      input.otherRoomCopies.map(({ link: other, booking }) =>
        withoutReleasedOccurrences(
          booking,
          new Set([...releasedKeysOf(shared, other.lineId), ...(other.releasedOccurrences ?? [])]),
          shared.booking,
        ),
      ),
      released,
    );
  const ownBooking = (shared: ReservationView): Booking => ({
    ...workplaceBookingFor(event, shared, linkedMailboxes),
    rooms: [event.mailbox.toLowerCase()],
  });

  const graphHash = syncHash(event.booking);
  if (link && !link.isCancelled && link.graphHash === graphHash) {
    if (freed.length === 0) {
      log({ ...ids, action: 'echo-ignored', reservationId: link.reservationId, reason: 'No synced field changed' });
    }
    return plan;
  }

  if (!link || link.isCancelled) {
    return planUnlinkedRoomEvent(
      {
        event,
        rawGraphHash,
        graphHash,
        link,
        meetingLinks,
        reservation,
        intents,
        linkedMailboxes,
        now,
        disagreesWithOtherRooms,
        ownBooking,
      },
      plan,
      log,
    );
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
  if (disagreesWithOtherRooms(reservation)) {
    // Also when this room's line is released already: a move a crash interrupted goes on from there.
    plan.actions.push({
      kind: 'move-to-own-reservation',
      fromReservationId: reservation.reservationId,
      fromLineId: link.lineId,
      booking: ownBooking(reservation),
      idempotencyKey: `exchange-${event.iCalUId}-${event.mailbox}-${graphHash.slice(0, 16)}`,
      externalRef: ownReservationRef(event.iCalUId, event.mailbox),
      event,
    });
    log({ ...ids, action: 'updated', reservationId: reservation.reservationId, reason: OWN_RESERVATION_REASON });
    return plan;
  }
  const ownLine = reservation.lines.find((line) => line.lineId === link.lineId);
  if (!ownLine || !isActiveLine(ownLine)) {
    // Workplace released this room (rejected, or removed at a touchpoint) and the feed has not told the
    // room yet: do what the feed would, instead of writing the meeting into a line that is gone.
    const reason = whyNoLongerBooked(reservation, ownLine);
    plan.actions.push(
      event.isOrganizedByRoom
        ? { kind: 'cancel-event', mailbox: event.mailbox, eventId: event.eventId, comment: reason }
        : { kind: 'decline-event', mailbox: event.mailbox, eventId: event.eventId, comment: reason },
      { kind: 'mark-link-cancelled', ...ids },
    );
    log({ ...ids, action: 'declined', reservationId: reservation.reservationId, reason });
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
  if (link.isAwaitingApproval && !event.isOrganizedByRoom) {
    // The room's booking attendant accepted the organizer's update (a moved occurrence, say) on its own:
    // the room still waits for Workplace's approval, so Outlook must keep showing it tentative.
    plan.actions.push({
      kind: 'show-approval',
      mailbox: event.mailbox,
      eventId: event.eventId,
      isAwaitingApproval: true,
      isOrganizedByRoom: false,
      comment: 'The room still waits for approval in Workplace',
    });
  }
  log({
    ...ids,
    action: workplaceChanged ? 'conflict-resolved' : 'updated',
    reservationId: reservation.reservationId,
    reason: withFitting(
      workplaceChanged ? `Both sides changed; ${policy} kept the Exchange version` : 'Changed in Outlook',
      event,
    ),
  });
  return plan;
}
