import { AppError } from '../errors.js';
import type { SyncStore } from './ports.js';
import type { BookingIdentity, QuarantinedChange, ReservationView, RoomEvent, SyncDirection } from './sync-model.js';

// Errors that repeating cannot cure: the other side refuses the content for good (400, a 422 that is
// not one of its booking rules), our own bug (INTERNAL), or an input the mapping cannot read. Such a
// change is quarantined and the rest flows. Everything else — throttling, 5xx, the network, a stale
// version, the database — is retried as before (the job fails, the cursor stays).
const PERMANENT_CODES = new Set(['INVALID_REQUEST', 'UNPROCESSABLE', 'INTERNAL']);
const MAPPING_ERRORS = new Set(['TimeError', 'RecurrenceError', 'EventMappingError']);

export function isPermanentFailure(error: unknown): boolean {
  if (error instanceof AppError) return PERMANENT_CODES.has(error.code);
  return error instanceof Error && MAPPING_ERRORS.has(error.name);
}

/** The reason an admin reads in Failed items and the sync log. */
export function quarantineReason(error: unknown, direction: SyncDirection): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof AppError)) return `The sync cannot read this booking: ${message}`;
  return direction === 'exchange-to-workplace'
    ? `Workplace does not take this booking: ${message}`
    : `Exchange does not take this booking: ${message}`;
}

export const identityOfEvent = (event: RoomEvent): BookingIdentity => ({
  room: event.mailbox,
  organizer: event.booking.organizer.email || null,
  subject: event.booking.subject,
  start: `${event.booking.start.dateTime} ${event.booking.start.timeZone}`,
});

export const identityOfReservation = (reservation: ReservationView): BookingIdentity => ({
  room: reservation.booking.rooms[0] ?? null,
  organizer: reservation.booking.organizer.email || null,
  subject: reservation.booking.subject,
  start: `${reservation.booking.start.dateTime} ${reservation.booking.start.timeZone}`,
});

export const UNKNOWN_IDENTITY: BookingIdentity = { room: null, organizer: null, subject: null, start: null };

/** Quarantines a change and says so in the sync log. */
export async function setAside(store: SyncStore, change: QuarantinedChange): Promise<void> {
  await store.quarantine(change);
  await store.appendLog([
    {
      direction: change.direction,
      action: 'quarantined',
      mailbox: change.mailbox,
      reservationId: change.reservationId,
      eventId: change.eventId,
      reason: change.reason,
      organizer: change.booking.organizer?.toLowerCase() ?? null,
      subject: change.booking.subject,
    },
  ]);
}

/** A Workplace reservation that cannot be synced, as a quarantined change (`reservation` as read, if it was). */
export const reservationSetAside = (
  reservationId: string,
  reservation: ReservationView | null,
  error: unknown,
): QuarantinedChange => ({
  direction: 'workplace-to-exchange',
  key: reservationId,
  mailbox: null,
  eventId: null,
  reservationId,
  booking: reservation ? identityOfReservation(reservation) : UNKNOWN_IDENTITY,
  reason: quarantineReason(error, 'workplace-to-exchange'),
  raw: reservation ?? { reservationId },
});
