import { syncHash } from '@workplace-sync/shared';
import type { Booking } from '@workplace-sync/shared';
import type { SyncAction, SyncLogEntry, SyncPlan } from './sync-plan.js';
import { aboutBooking } from './sync-plan.js';
import type { BookingLink, LinkedReservationLine, ReservationView, RoomEvent } from './sync-model.js';

const INACTIVE_LINE_STATUSES = ['cancelled', 'declined'];
export const isActiveLine = (line: { status: string }): boolean => !INACTIVE_LINE_STATUSES.includes(line.status);

/**
 * How a room leaves a reservation: its line is released, or — when no other room still holds the
 * reservation — the whole reservation is cancelled. Null when there is nothing of this room to release
 * and other rooms keep the reservation.
 */
export function roomLeaving(
  reservation: Pick<ReservationView, 'reservationId' | 'lines'>,
  line: Pick<LinkedReservationLine, 'lineId' | 'mailbox'> | null,
  reason: string,
): Extract<SyncAction, { kind: 'release-room-line' | 'cancel-reservation' }> | null {
  const otherRooms = reservation.lines.filter(
    (candidate) => candidate.kind === 'room' && candidate.lineId !== line?.lineId && isActiveLine(candidate),
  );
  if (otherRooms.length === 0) return { kind: 'cancel-reservation', reservationId: reservation.reservationId, reason };
  if (!line) return null;
  return {
    kind: 'release-room-line',
    reservationId: reservation.reservationId,
    lineId: line.lineId,
    mailbox: line.mailbox ?? '',
    reason,
  };
}

/**
 * A reservation we made for this meeting whose link a crash lost (found again by the meeting's
 * iCalUId): what it must become to hold this room with the meeting as it is now; null when it already
 * does. Pure.
 */
export function adoptedBooking(orphan: ReservationView, booking: Booking, mailbox: string): Booking | null {
  const wanted = { ...booking, rooms: [...new Set([...orphan.booking.rooms, mailbox.toLowerCase()])] };
  return syncHash(wanted) === syncHash(orphan.booking) ? null : wanted;
}

/** Which write Workplace refused for a meeting from Outlook. */
export type RefusedWrite = 'create' | 'add-room' | 'update';

export type RefusalInput = {
  write: RefusedWrite;
  event: RoomEvent;
  /** What Workplace said. */
  message: string;
  /** The room's link to the reservation (an update), and the reservation it was planned against. */
  link: BookingLink | null;
  reservation: ReservationView | null;
};

/**
 * Workplace will not take the meeting in this room (taken, outside its booking window, closed): the
 * organizer learns it from the room's decline, which Outlook shows with the reason. A refused change
 * (moved into a taken slot) also means the meeting no longer holds the room in Workplace: the room
 * leaves its reservation. Pure.
 */
export function planRefusal({ write, event, message, link, reservation }: RefusalInput): SyncPlan {
  const reason =
    write === 'create'
      ? `Workplace refused the booking: ${message}`
      : write === 'add-room'
        ? `Workplace refused this room: ${message}`
        : `Workplace refused the change: ${message}`;
  const { mailbox, eventId } = event;
  // A room cannot decline what it organised itself (Graph: "You can't respond to a meeting you organized").
  const answer: SyncAction =
    write !== 'update' && event.isOrganizedByRoom
      ? { kind: 'cancel-event', mailbox, eventId, comment: reason }
      : { kind: 'decline-event', mailbox, eventId, comment: reason };
  const actions: SyncAction[] = [answer];
  const isLeaving = write === 'update' && link !== null && reservation !== null;
  if (isLeaving) {
    const line = reservation.lines.find((candidate) => candidate.lineId === link.lineId) ?? {
      lineId: link.lineId,
      mailbox,
    };
    const leave = roomLeaving(reservation, line, reason);
    if (leave) actions.push(leave);
    actions.push({ kind: 'mark-link-cancelled', mailbox, eventId });
  }
  const entry: SyncLogEntry = {
    direction: 'exchange-to-workplace',
    action: 'declined',
    mailbox,
    reservationId: write === 'update' ? (link?.reservationId ?? null) : null,
    eventId,
    reason,
    ...aboutBooking(event.booking),
  };
  return { actions, log: [entry] };
}
