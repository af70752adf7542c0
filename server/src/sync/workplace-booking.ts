import { normalizeForSync } from '@workplace-sync/shared';
import type { Booking } from '@workplace-sync/shared';
import { fitForWorkplace } from './fit-booking.js';
import { isActiveLine } from './plan-room-leaving.js';
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

/**
 * The booking a room joining a series writes. An occurrence this room's booking attendant declined (the
 * room was taken then) is still held by the rooms already booked, so the reservation keeps it: written as
 * this room's copy has it, it cancelled that occurrence for every room, and the other rooms kept in
 * Exchange an occurrence Workplace no longer had. Kept, Workplace judges this room on that date as on any
 * other (a refusal declines the room). An occurrence the organizer cancelled reaches the reservation
 * through the other rooms' copies, which changed too.
 */
export function keepingOtherRoomsOccurrences(booking: Booking, reservation: ReservationView, mailbox: string): Booking {
  const othersBooked = reservation.lines.some(
    (line) => line.kind === 'room' && line.mailbox?.toLowerCase() !== mailbox.toLowerCase() && isActiveLine(line),
  );
  // Occurrences are keyed by their original start, which only means the same date in the same series.
  const seriesOf = ({ start, end, timeZone, recurrence }: ReturnType<typeof normalizeForSync>) =>
    JSON.stringify({ start, end, timeZone, recurrence });
  const isSameSeries =
    booking.recurrence !== null &&
    seriesOf(normalizeForSync(booking)) === seriesOf(normalizeForSync(reservation.booking));
  if (!othersBooked || !isSameSeries) return booking;
  const keyOf = (originalStart: string) => new Date(originalStart).toISOString();
  const held = new Map(reservation.booking.exceptions.map((exception) => [keyOf(exception.originalStart), exception]));
  const exceptions = booking.exceptions.flatMap((exception) => {
    if (exception.kind !== 'cancelled') return [exception];
    // The reservation's own exception, or none: the occurrence as the series has it.
    const kept = held.get(keyOf(exception.originalStart));
    return kept ? [kept] : [];
  });
  return { ...booking, exceptions };
}
