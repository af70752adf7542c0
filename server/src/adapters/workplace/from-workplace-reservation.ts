import { fromRRule } from '@workplace-sync/shared';
import type {
  Booking,
  OccurrenceException,
  ReservationLine,
  ReservationLineKind,
  ReservationLineStatus,
} from '@workplace-sync/shared';
import type { WorkplaceLine, WorkplaceReservation, WorkplaceSource } from './workplace-schemas.js';

/** A canonical line plus the Workplace line it came from, so writes can name the line they keep. */
export type WorkplaceReservationLine = ReservationLine & { lineId: string };

export type MappedReservation = {
  reservationId: string;
  version: number;
  status: WorkplaceReservation['status'];
  source: WorkplaceSource;
  booking: Booking;
  lines: WorkplaceReservationLine[];
};

const LINE_KIND_OF_TYPE: Record<WorkplaceLine['type'], ReservationLineKind> = {
  area: 'room',
  asset: 'equipment',
  catalogItem: 'catering',
};

const LINE_STATUS: Record<WorkplaceLine['status'], ReservationLineStatus> = {
  confirmed: 'confirmed',
  'pending-approval': 'pending-approval',
  tentative: 'tentative',
  rejected: 'declined',
  cancelled: 'cancelled',
};

const isHeld = (line: WorkplaceLine) => line.status !== 'cancelled' && line.status !== 'rejected';

/** One Workplace line in canonical terms (kind, status), with the id writes name it by. */
export function fromWorkplaceLine(line: WorkplaceLine, timeZone: string): WorkplaceReservationLine {
  return {
    lineId: line.id,
    kind: LINE_KIND_OF_TYPE[line.type],
    objectId: line.objectId,
    ...(line.quantity !== undefined ? { quantity: line.quantity } : {}),
    ...(line.start !== undefined ? { start: { dateTime: line.start, timeZone } } : {}),
    ...(line.end !== undefined ? { end: { dateTime: line.end, timeZone } } : {}),
    status: LINE_STATUS[line.status],
  };
}

function toException(exception: WorkplaceReservation['exceptions'][number], timeZone: string): OccurrenceException {
  const originalStart = new Date(exception.originalStart).toISOString();
  if (exception.status === 'cancelled') return { originalStart, kind: 'cancelled' };
  return {
    originalStart,
    kind: 'modified',
    ...(exception.subject !== undefined ? { subject: exception.subject } : {}),
    start: { dateTime: exception.start, timeZone },
    end: { dateTime: exception.end, timeZone },
  };
}

/**
 * A Workplace reservation in canonical terms (DESIGN §5). `booking.rooms` holds the mailboxes of the
 * area lines that still hold their room and whose area is linked to Exchange; when the whole
 * reservation is cancelled, of every area line that was not rejected, so the cancellation reaches
 * each room. Unlinked areas, equipment and catering appear only in `lines`.
 * Throws RecurrenceError for an RRULE outside the subset Exchange can express.
 */
export function fromWorkplaceReservation(
  reservation: WorkplaceReservation,
  { mailboxOfArea }: { mailboxOfArea: (areaId: string) => string | null | undefined },
): MappedReservation {
  const { timeZone } = reservation;
  const isCancelled = reservation.status === 'cancelled';
  const roomLines = reservation.lines.filter(
    (line) => line.type === 'area' && (isCancelled ? line.status !== 'rejected' : isHeld(line)),
  );
  const rooms = roomLines.flatMap((line) => mailboxOfArea(line.objectId) ?? []);
  const start = { dateTime: reservation.start, timeZone };
  return {
    reservationId: reservation.id,
    version: reservation.version,
    status: reservation.status,
    source: reservation.source,
    booking: {
      subject: reservation.subject,
      start,
      end: { dateTime: reservation.end, timeZone },
      organizer: reservation.responsible,
      participants: reservation.participants.map(({ email, name, kind }) => ({
        email,
        ...(name !== undefined ? { name } : {}),
        kind,
      })),
      rooms: [...new Set(rooms)],
      recurrence: reservation.recurrence ? fromRRule(reservation.recurrence.rrule, start) : null,
      exceptions: reservation.exceptions.map((exception) => toException(exception, timeZone)),
      isCancelled,
    },
    lines: reservation.lines.map((line) => fromWorkplaceLine(line, timeZone)),
  };
}
