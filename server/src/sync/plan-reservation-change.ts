import { syncHash } from '@workplace-sync/shared';
import type { Booking } from '@workplace-sync/shared';
import { planApproval } from './plan-approval.js';
import {
  planWorkplaceReleases,
  releasesOfLine,
  shortenedBooking,
  singleMeetingKey,
  withReleasesShown,
} from './plan-release.js';
import { aboutBooking } from './sync-plan.js';
import type { SyncLogEntry, SyncPlan } from './sync-plan.js';
import type { BookingLink, LinkedReservationLine, ReservationView } from './sync-model.js';

/** What a planner says of an entry; the direction, the reservation and its organizer and subject are added for it. */
type LogFields = Omit<SyncLogEntry, 'direction' | 'reservationId' | 'organizer' | 'subject'>;

export type ReservationChangeInput = {
  reservation: ReservationView;
  /** Every link of this reservation (all rooms). */
  links: BookingLink[];
};

const direction = 'workplace-to-exchange' as const;
const INACTIVE_LINE = new Set(['cancelled', 'declined']);

/**
 * What one room's calendar should show for a reservation: the meeting with that room as its location,
 * without the occurrences Workplace released (see withReleasesShown).
 */
export function roomBookingFor(reservation: ReservationView, mailbox: string): Booking {
  return withReleasesShown(
    { ...reservation.booking, rooms: [mailbox] },
    releasesOfLine(reservation, roomLineOf(reservation, mailbox)?.lineId),
  );
}

/** The line that holds `mailbox`'s room (a room released and added again also has its old line). */
const roomLineOf = (reservation: ReservationView, mailbox: string): LinkedReservationLine | undefined => {
  const lines = reservation.lines.filter((line) => line.kind === 'room' && line.mailbox === mailbox);
  return lines.find((line) => !INACTIVE_LINE.has(line.status)) ?? lines[0];
};

/** A single meeting Workplace released in this room (`lineId`): the room is free, no event to (re)create for it. */
const isReleasedSingle = (reservation: ReservationView, lineId: string): boolean =>
  !reservation.booking.recurrence &&
  releasesOfLine(reservation, lineId).some(
    (release) => new Date(release.occurrenceStart).toISOString() === singleMeetingKey(reservation.booking),
  );

const isActive = (reservation: ReservationView, line: LinkedReservationLine | undefined): boolean =>
  reservation.status !== 'cancelled' && line !== undefined && !INACTIVE_LINE.has(line.status);

/** Why a room's line no longer holds the room, in the words the organizer reads in Outlook. */
export function whyNoLongerBooked(reservation: ReservationView, line: LinkedReservationLine | undefined): string {
  // Workplace cancels a reservation whose only line an approver rejected: the rejection is the reason.
  if (line?.status === 'declined') return 'Workplace did not approve the booking of this room';
  if (reservation.status === 'cancelled') return 'Cancelled in Workplace';
  return 'The room was removed from the reservation in Workplace';
}

/** A synced field changed in Workplace: our own event follows it; an Outlook meeting is reverted. */
function planContentChange(
  reservation: ReservationView,
  line: LinkedReservationLine,
  link: BookingLink,
  plan: SyncPlan,
  log: (entry: LogFields) => void,
) {
  const mailbox = link.mailbox;
  if (link.origin === 'workplace') {
    plan.actions.push({
      kind: 'update-event',
      mailbox,
      eventId: link.eventId,
      booking: roomBookingFor(reservation, mailbox),
      reservationId: reservation.reservationId,
      lineId: line.lineId,
    });
    log({ action: 'updated', mailbox, eventId: link.eventId, reason: 'Changed in Workplace' });
  } else {
    const reason = 'The meeting is organised in Outlook; only its organizer can change it there';
    plan.actions.push({
      kind: 'revert-reservation',
      reservationId: reservation.reservationId,
      mailbox,
      eventId: link.eventId,
      reason,
    });
    log({ action: 'conflict-resolved', mailbox, eventId: link.eventId, reason });
  }
}

/**
 * Decides what a reservation change (from any Workplace touchpoint) means for the linked rooms'
 * Exchange calendars. Pure: no I/O, no clock.
 *
 * Events we wrote into a room calendar (origin 'workplace') follow the reservation. A meeting organised
 * in Outlook (origin 'exchange') belongs to its organizer: a room cannot move it, so a Workplace edit is
 * reverted from Exchange, and a Workplace cancellation declines it on the room's behalf, which the
 * organizer sees in Outlook.
 */
export function planReservationChange({ reservation, links }: ReservationChangeInput): SyncPlan {
  const plan: SyncPlan = { actions: [], log: [] };
  const about = aboutBooking(reservation.booking);
  const log = (entry: LogFields) =>
    plan.log.push({ direction, reservationId: reservation.reservationId, ...about, ...entry });
  const workplaceHash = syncHash(reservation.booking);
  const isFromOutlook = reservation.source === 'outlook';

  const roomLines = reservation.lines.filter((line) => line.kind === 'room' && line.mailbox !== null);
  const linkByLine = new Map(links.map((link) => [link.lineId, link]));

  for (const line of roomLines) {
    const mailbox = line.mailbox!;
    const link = linkByLine.get(line.lineId);
    if (!isActive(reservation, line)) continue; // links of inactive lines are handled below
    if (!link || link.isCancelled) {
      if (isReleasedSingle(reservation, line.lineId)) {
        log({ action: 'skipped', mailbox, eventId: null, reason: 'Released in Workplace: the room is free' });
        continue;
      }
      if (reservation.status === 'tentative') {
        // An add-in hold: it blocks the room in Workplace; its meeting (or, for an alternative room, the
        // series that confirms it) decides whether it becomes a booking.
        log({
          action: 'skipped',
          mailbox,
          eventId: null,
          reason: 'Held from the Outlook add-in until the meeting arrives',
        });
        continue;
      }
      if (isFromOutlook) {
        // The Exchange side creates and links Outlook meetings; its room copies arrive through delta.
        log({ action: 'skipped', mailbox, eventId: null, reason: 'Waiting for the room copy of the Outlook meeting' });
        continue;
      }
      plan.actions.push({
        kind: 'create-event',
        mailbox,
        booking: roomBookingFor(reservation, mailbox),
        transactionId: `wp-${reservation.reservationId}-${line.lineId}`,
        reservationId: reservation.reservationId,
        lineId: line.lineId,
      });
      log({
        action: 'created',
        mailbox,
        eventId: null,
        reason: `Booked at a Workplace ${reservation.source} touchpoint`,
      });
      continue;
    }
    const approval = planApproval(link, line);
    const releases = planWorkplaceReleases(
      reservation,
      link,
      (release) => shortenedBooking(roomBookingFor(reservation, mailbox), release),
      line.lineId,
    );
    if (link.workplaceHash !== workplaceHash) planContentChange(reservation, line, link, plan, log);
    else if (!approval && releases.actions.length === 0) {
      log({ action: 'echo-ignored', mailbox, eventId: link.eventId, reason: 'No synced field changed' });
    }
    if (approval) {
      plan.actions.push(approval);
      log({ action: 'updated', mailbox, eventId: link.eventId, reason: approval.comment });
    }
    plan.actions.push(...releases.actions);
    for (const entry of releases.log) log(entry);
  }

  // Rooms that lost their booking before we recorded its event (a crash right after writing it).
  if (!isFromOutlook) {
    for (const line of roomLines) {
      if (isActive(reservation, line) || linkByLine.has(line.lineId)) continue;
      plan.actions.push({
        kind: 'cancel-orphan-events',
        mailbox: line.mailbox!,
        reservationId: reservation.reservationId,
        comment:
          reservation.status === 'cancelled'
            ? 'Cancelled in Workplace'
            : 'The room was removed from the reservation in Workplace',
      });
    }
  }

  // Rooms no longer booked: the reservation or its line was cancelled, rejected or removed.
  for (const link of links) {
    if (link.isCancelled) continue;
    const line = reservation.lines.find((candidate) => candidate.lineId === link.lineId);
    if (isActive(reservation, line)) continue;
    const reason = whyNoLongerBooked(reservation, line);
    plan.actions.push(
      link.origin === 'workplace'
        ? { kind: 'cancel-event', mailbox: link.mailbox, eventId: link.eventId, comment: reason }
        : { kind: 'decline-event', mailbox: link.mailbox, eventId: link.eventId, comment: reason },
    );
    plan.actions.push({ kind: 'mark-link-cancelled', mailbox: link.mailbox, eventId: link.eventId });
    log({
      action: link.origin === 'workplace' ? 'cancelled' : 'declined',
      mailbox: link.mailbox,
      eventId: link.eventId,
      reason,
    });
  }
  return plan;
}
