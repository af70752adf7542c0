import type { Booking } from '@workplace-sync/shared';
import { fitForWorkplace } from './fit-booking.js';
import type { ReservationView, RoomEvent } from './sync-model.js';

// What Workplace should hold for one room's copy of a meeting: the planner's and the executor's common
// mapping from a room event to the reservation's booking.

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
  if (!event.isOrganizedByRoom || !reservation) return fitForWorkplace({ ...booking, subject, rooms });
  const responsible = reservation.booking.organizer;
  return fitForWorkplace({
    ...booking,
    subject,
    rooms,
    organizer: responsible,
    participants: booking.participants.filter((p) => p.email.toLowerCase() !== responsible.email.toLowerCase()),
  });
}
