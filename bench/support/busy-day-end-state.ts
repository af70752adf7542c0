import { occurrencesOf } from '../../emulators/src/workplace/domain/occurrences.js';
import type { ScaleRoom } from './scale-seed.js';
import { instantOf, utcOf } from './busy-day-model.js';
import type { Booking, Reservation } from './busy-day-model.js';

const DAY_MS = 86_400_000;

const HELD_RESPONSES = ['accepted', 'tentativelyAccepted', 'organizer'];

/**
 * The end state, room by room: for every room a booking ever held, each system must hold it exactly
 * once if it should (not cancelled, the room still in the meeting and not rejected by its approver),
 * with every occurrence at its time and with its subject (a moved or renamed occurrence as changed, a
 * cancelled one gone), shown tentative while its approval is pending; and not at all otherwise.
 */
export async function checkEndState(
  bookings: Booking[],
  {
    reservationsOf,
    roomOccurrences,
    approvalAreas,
    breakExpectation,
  }: {
    reservationsOf: (room: ScaleRoom) => Promise<Reservation[]>;
    roomOccurrences: (room: ScaleRoom, window: { start: string; end: string }) => Array<Record<string, unknown>>;
    approvalAreas: ReadonlySet<string>;
    breakExpectation: boolean;
  },
): Promise<{ wrong: string[]; roomBookings: number; occurrences: number }> {
  const window = {
    start: new Date(Date.now() - DAY_MS).toISOString(),
    end: new Date(Date.now() + 200 * DAY_MS).toISOString(),
  };
  const range = { from: new Date(window.start), to: new Date(window.end) };
  const wrong: string[] = [];
  let roomBookings = 0;
  let occurrences = 0;
  const byRoom = new Map<ScaleRoom, Booking[]>();
  for (const booking of bookings)
    for (const room of booking.everRooms) byRoom.set(room, [...(byRoom.get(room) ?? []), booking]);
  for (const [room, roomBookingList] of byRoom) {
    const reservations = (await reservationsOf(room)).filter((reservation) => reservation.status !== 'cancelled');
    const events = roomOccurrences(room, window).filter(
      (event) =>
        event['isCancelled'] !== true &&
        HELD_RESPONSES.includes((event['responseStatus'] as { response: string } | undefined)?.response ?? ''),
    );
    for (const booking of roomBookingList) {
      roomBookings += 1;
      const decision = booking.decisions.get(room.areaId);
      const isLive = breakExpectation
        ? !booking.cancelled
        : !booking.cancelled && booking.rooms.includes(room) && decision !== 'reject';
      const pending = approvalAreas.has(room.areaId) && decision === undefined;
      const expected = isLive
        ? booking.occurrences
            .filter((occurrence) => breakExpectation || !occurrence.cancelled)
            .map((occurrence) =>
              breakExpectation
                ? `${instantOf(occurrence.originalStart)} ${booking.subject}`
                : `${instantOf(occurrence.start)} ${occurrence.subject}`,
            )
            .sort()
        : [];
      occurrences += expected.length;
      const problems: string[] = [];
      // Workplace: one live reservation with an active line for the room, its occurrences as expected.
      const held = reservations.filter(
        (reservation) =>
          reservation.subject.startsWith(booking.token) &&
          reservation.lines.some(
            (line) =>
              line.type === 'area' && line.objectId === room.areaId && !['cancelled', 'rejected'].includes(line.status),
          ),
      );
      if (held.length !== (isLive ? 1 : 0)) problems.push(`${held.length} live reservations in Workplace`);
      else if (held[0]) {
        const actual = occurrencesOf(held[0], range)
          .map((occurrence) => `${occurrence.start.toISOString()} ${occurrence.subject}`)
          .sort();
        if (actual.join('|') !== expected.join('|'))
          problems.push(`Workplace occurrences [${actual.join(', ')}], expected [${expected.join(', ')}]`);
        const line = held[0].lines.find((candidate) => candidate.objectId === room.areaId)!;
        if ((line.status === 'pending-approval') !== pending)
          problems.push(`Workplace line ${line.status}, expected ${pending ? 'pending-approval' : 'confirmed'}`);
      }
      // Exchange: the room's calendar holds each expected occurrence once, tentative while pending.
      const roomEvents = events.filter((event) => String(event['subject']).startsWith(booking.token));
      const actual = roomEvents.map((event) => `${utcOf(event['start'])} ${String(event['subject'])}`).sort();
      if (actual.join('|') !== expected.join('|'))
        problems.push(`room calendar [${actual.join(', ')}], expected [${expected.join(', ')}]`);
      else if (roomEvents.some((event) => (event['showAs'] === 'tentative') !== pending))
        problems.push(
          `room calendar ${pending ? 'not tentative while approval is pending' : 'tentative after approval'}`,
        );
      if (problems.length > 0)
        wrong.push(
          `${booking.token} (${booking.system} ${booking.shape}${booking.cancelled ? ', cancelled' : ''}) in ${room.name}: ${problems.join('; ')}`,
        );
    }
  }
  return { wrong, roomBookings, occurrences };
}
