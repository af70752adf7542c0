import { canonicalTimeZone, expandOccurrences, toInstant, toRRule, toWallClock } from '@workplace-sync/shared';
import type { Booking, OccurrenceException, Person, ReservationLine, WallClockTime } from '@workplace-sync/shared';
import { AppError } from '../../errors.js';
import type { WorkplaceReservationLine } from './from-workplace-reservation.js';
import type {
  WorkplaceException,
  WorkplaceLine,
  WorkplaceReservationInput,
  WorkplaceSource,
} from './workplace-schemas.js';

export type ToWorkplaceOptions = {
  /** The Workplace area of a room mailbox; undefined/null for a mailbox Workplace does not know. */
  areaOfMailbox: (mailbox: string) => string | null | undefined;
  /** The building's IANA zone: Workplace keeps reservation times there. */
  timeZone: string;
  /** When given, room lines for areas linked to a mailbox follow `booking.rooms` only. */
  mailboxOfArea?: (areaId: string) => string | null | undefined;
  requestor?: Person;
  source?: WorkplaceSource;
  externalRef?: string;
};

const TYPE_OF_KIND: Record<ReservationLine['kind'], WorkplaceLine['type']> = {
  room: 'area',
  equipment: 'asset',
  catering: 'catalogItem',
};

// How far ahead a series converted into another zone is compared occurrence by occurrence.
const SERIES_CHECK_MS = 2 * 366 * 86_400_000;

const localIn = (time: WallClockTime, timeZone: string): string => toWallClock(toInstant(time), timeZone).dateTime;

/**
 * A series keeps its wall-clock time in its own zone; re-anchored in the building's zone it describes
 * the same meetings only if both zones move their clocks on the same dates (Berlin/Brussels, but not
 * New York/Brussels) and the weekday does not change. Anything else cannot be written without moving
 * occurrences, so it is refused rather than silently shifted.
 */
function assertSameOccurrences(booking: Booking, start: WallClockTime): void {
  const rule = booking.recurrence!;
  const window = { from: toInstant(booking.start), to: new Date(toInstant(booking.start).getTime() + SERIES_CHECK_MS) };
  const instants = (from: WallClockTime) =>
    expandOccurrences(rule, from, window).map((time) => toInstant(time).getTime());
  const original = instants(booking.start);
  const converted = instants(start);
  if (original.length !== converted.length || original.some((instant, index) => instant !== converted[index])) {
    throw new AppError(
      'UNPROCESSABLE',
      `A series in ${booking.start.timeZone} cannot be kept in the building's zone ${start.timeZone} without moving occurrences`,
    );
  }
}

function toException(exception: OccurrenceException, timeZone: string): WorkplaceException {
  const originalStart = new Date(exception.originalStart).toISOString();
  if (exception.kind === 'cancelled') return { originalStart, status: 'cancelled' };
  return {
    originalStart,
    status: 'modified',
    start: localIn(exception.start, timeZone),
    end: localIn(exception.end, timeZone),
    ...(exception.subject !== undefined ? { subject: exception.subject } : {}),
  };
}

function toLines(
  booking: Booking,
  lines: Array<ReservationLine | WorkplaceReservationLine>,
  options: ToWorkplaceOptions,
): WorkplaceReservationInput['lines'] {
  const roomAreas = booking.rooms.map((mailbox) => {
    const areaId = options.areaOfMailbox(mailbox);
    if (!areaId) throw new AppError('UNPROCESSABLE', `Room mailbox ${mailbox} is not linked to a Workplace area`);
    return areaId;
  });
  const held = lines.filter((line) => line.status !== 'cancelled' && line.status !== 'declined');
  const isLinkedElsewhere = (line: ReservationLine) =>
    line.kind === 'room' && !roomAreas.includes(line.objectId) && Boolean(options.mailboxOfArea?.(line.objectId));
  const toInput = (line: ReservationLine | WorkplaceReservationLine) => ({
    ...('lineId' in line ? { id: line.lineId } : {}),
    type: TYPE_OF_KIND[line.kind],
    objectId: line.objectId,
    ...(line.quantity !== undefined ? { quantity: line.quantity } : {}),
    ...(line.start ? { start: localIn(line.start, options.timeZone) } : {}),
    ...(line.end ? { end: localIn(line.end, options.timeZone) } : {}),
  });
  const rooms = [...new Set(roomAreas)].map(
    (areaId) =>
      held.find((line) => line.kind === 'room' && line.objectId === areaId) ?? {
        kind: 'room' as const,
        objectId: areaId,
        status: 'confirmed' as const,
      },
  );
  const others = held.filter(
    (line) => !(line.kind === 'room' && (roomAreas.includes(line.objectId) || isLinkedElsewhere(line))),
  );
  return [...rooms, ...others].map(toInput);
}

/**
 * A canonical booking and its lines as a Workplace reservation write, with every time in the building's
 * zone. Linked rooms come from `booking.rooms`; equipment, catering and unlinked rooms from `lines`
 * (held lines only: Workplace sets line statuses itself). A cancelled booking is written with the
 * cancel operation, not with this.
 */
export function toWorkplaceReservation(
  booking: Booking,
  lines: Array<ReservationLine | WorkplaceReservationLine>,
  options: ToWorkplaceOptions,
): WorkplaceReservationInput {
  const timeZone = canonicalTimeZone(options.timeZone);
  const start: WallClockTime = { dateTime: localIn(booking.start, timeZone), timeZone };
  if (booking.recurrence && canonicalTimeZone(booking.start.timeZone) !== timeZone)
    assertSameOccurrences(booking, start);
  return {
    subject: booking.subject,
    start: start.dateTime,
    end: localIn(booking.end, timeZone),
    timeZone,
    responsible: booking.organizer,
    requestor: options.requestor ?? booking.organizer,
    participants: booking.participants.map(({ email, name, kind }) => ({
      email,
      ...(name !== undefined ? { name } : {}),
      kind,
    })),
    recurrence: booking.recurrence ? { rrule: toRRule(booking.recurrence, start) } : null,
    exceptions: booking.exceptions.map((exception) => toException(exception, timeZone)),
    lines: toLines(booking, lines, options),
    source: options.source ?? 'outlook',
    ...(options.externalRef !== undefined ? { externalRef: options.externalRef } : {}),
  };
}
