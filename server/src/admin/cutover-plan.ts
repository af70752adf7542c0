import { toInstant } from '@workplace-sync/shared';
import type { Booking, CutoverBooking, CutoverPlan } from '@workplace-sync/shared';
import { meetingOfExternalRef } from '../sync/occurrence-agreement.js';
import type { ReservationView, RoomEvent } from '../sync/sync-model.js';

/** A Workplace reservation of the area, with the reference it was created with (our sync uses the iCalUId). */
export type AreaReservation = { view: ReservationView; externalRef: string | null };

export type CutoverInput = {
  areaId: string;
  mailbox: string;
  window: { start: Date; end: Date };
  /** Meetings in the room's Exchange calendar over the window (series as their master). */
  events: RoomEvent[];
  reservations: AreaReservation[];
  /** Booking links that already exist (a room linked before): those bookings are synced already. */
  linkedEventIds: ReadonlySet<string>;
  linkedReservationIds: ReadonlySet<string>;
  now: Date;
};

export type CutoverMatch = {
  event: RoomEvent;
  reservation: ReservationView;
  /** The reservation's line for this area: what the booking link ties the room's event to. */
  lineId: string;
  matchedBy: 'iCalUId' | 'time';
};

const INACTIVE_LINES = new Set(['cancelled', 'declined']);

const describe = (id: string, booking: Booking): CutoverBooking => ({
  id,
  subject: booking.subject,
  start: toInstant(booking.start).toISOString(),
  end: toInstant(booking.end).toISOString(),
  organizer: booking.organizer.email.toLowerCase(),
  isRecurring: booking.recurrence !== null,
});

const isOver = (booking: Booking, now: Date) => !booking.recurrence && toInstant(booking.end) <= now;
const sameTime = (a: Booking, b: Booking) =>
  toInstant(a.start).getTime() === toInstant(b.start).getTime() &&
  toInstant(a.end).getTime() === toInstant(b.end).getTime() &&
  (a.recurrence === null) === (b.recurrence === null);

/**
 * The EWS → Graph cutover of one room, decided on plain data (pure): which future bookings exist on both
 * sides (the same meeting: the reservation's external reference is the event's iCalUId, else the same
 * start and end), which only on one side (the first sync creates them on the other), and which are left
 * alone, with why. Matches become booking links before the first sync, so it does not duplicate them.
 */
export function planCutover(input: CutoverInput): { plan: CutoverPlan; matches: CutoverMatch[] } {
  const { now } = input;
  const plan: CutoverPlan = {
    areaId: input.areaId,
    mailbox: input.mailbox,
    window: { start: input.window.start.toISOString(), end: input.window.end.toISOString() },
    linked: [],
    toWorkplace: [],
    toExchange: [],
    leftAlone: [],
  };
  const events = input.events.filter((event) => {
    const reason = event.booking.isCancelled
      ? 'Cancelled by its organizer'
      : event.roomResponse === 'declined'
        ? 'Declined by the room'
        : isOver(event.booking, now)
          ? 'Already over'
          : input.linkedEventIds.has(event.eventId)
            ? 'Already synced (a booking link exists)'
            : null;
    if (reason) plan.leftAlone.push({ side: 'exchange', booking: describe(event.eventId, event.booking), reason });
    return reason === null;
  });
  const candidates: Array<AreaReservation & { lineId: string }> = [];
  for (const reservation of input.reservations) {
    const { view } = reservation;
    const line = view.lines.find(
      (candidate) =>
        candidate.kind === 'room' && candidate.objectId === input.areaId && !INACTIVE_LINES.has(candidate.status),
    );
    const reason =
      view.status === 'cancelled'
        ? 'Cancelled in Workplace'
        : !line
          ? 'The area was released from this reservation'
          : view.status === 'tentative'
            ? 'An Outlook add-in hold: the sync confirms it when its meeting arrives'
            : isOver(view.booking, now)
              ? 'Already over'
              : input.linkedReservationIds.has(view.reservationId)
                ? 'Already synced (a booking link exists)'
                : null;
    if (reason || !line) {
      plan.leftAlone.push({
        side: 'workplace',
        booking: describe(view.reservationId, view.booking),
        reason: reason ?? '',
      });
    } else {
      candidates.push({ ...reservation, lineId: line.lineId });
    }
  }

  const matches: CutoverMatch[] = [];
  const unmatchedEvents = new Set(events);
  const match = (
    matchedBy: CutoverMatch['matchedBy'],
    isSame: (event: RoomEvent, reservation: AreaReservation) => boolean,
  ) => {
    for (const candidate of [...candidates]) {
      const event = [...unmatchedEvents].find((item) => isSame(item, candidate));
      if (!event) continue;
      unmatchedEvents.delete(event);
      candidates.splice(candidates.indexOf(candidate), 1);
      matches.push({ event, reservation: candidate.view, lineId: candidate.lineId, matchedBy });
    }
  };
  match(
    'iCalUId',
    // A room's own reservation of a meeting (occurrence-agreement.ts) names the meeting too.
    (event, reservation) =>
      reservation.externalRef !== null && meetingOfExternalRef(reservation.externalRef) === event.iCalUId,
  );
  match('time', (event, reservation) => sameTime(event.booking, reservation.view.booking));

  for (const found of matches) {
    plan.linked.push({
      exchange: describe(found.event.eventId, found.event.booking),
      workplace: describe(found.reservation.reservationId, found.reservation.booking),
      matchedBy: found.matchedBy,
    });
  }
  for (const event of unmatchedEvents) plan.toWorkplace.push(describe(event.eventId, event.booking));
  for (const { view } of candidates) {
    if (view.source === 'outlook') {
      // The sync never writes an Outlook meeting into a room calendar: it waits for the room copy.
      plan.leftAlone.push({
        side: 'workplace',
        booking: describe(view.reservationId, view.booking),
        reason: 'Booked from Outlook, but the meeting is not in the room calendar',
      });
    } else {
      plan.toExchange.push(describe(view.reservationId, view.booking));
    }
  }
  return { plan, matches };
}
