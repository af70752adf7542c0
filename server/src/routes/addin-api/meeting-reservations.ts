import { createHash } from 'node:crypto';
import { fromRRule, toInstant } from '@workplace-sync/shared';
import type { LineEdits, MeetingReservation, SyncStatus } from '@workplace-sync/shared';
import type { WorkplaceReservation, WorkplaceReservationInput } from '../../adapters/workplace/index.js';
import { AppError } from '../../errors.js';
import type { AddinUser } from '../../plugins/addin-auth.js';
import { checkExtraLines, explainRefusal, holdGroupOf, isAlternativeHold, toMeetingLines } from './booking-holds.js';
import type { BookingIntentStore } from './booking-intent-store.js';
import type { AddinWorkplace, RoomCatalogue } from './room-catalogue.js';

export type ReservationDeps = {
  workplace: Pick<AddinWorkplace, 'getReservation' | 'listReservations' | 'updateReservation'>;
  intents: BookingIntentStore;
  catalogue: RoomCatalogue;
};

const sameEmail = (a: string | undefined, b: string | undefined) =>
  Boolean(a && b && a.toLowerCase() === b.toLowerCase());

async function syncStatusOf(deps: ReservationDeps, reservation: WorkplaceReservation): Promise<SyncStatus> {
  if (reservation.status === 'cancelled') return { state: 'cancelled', holdExpiresAt: null };
  const intent = await deps.intents.findByReservationId(reservation.id);
  if (intent?.status === 'held') return { state: 'held', holdExpiresAt: intent.expiresAt.toISOString() };
  if (intent?.status === 'released') return { state: 'released', holdExpiresAt: null };
  if (intent?.status === 'matched') return { state: 'in-sync', holdExpiresAt: null };
  const isLinkedRoom = reservation.lines.some(
    (line) => line.type === 'area' && Boolean(deps.catalogue.roomById.get(line.objectId)?.mailbox),
  );
  if (!isLinkedRoom) return { state: 'not-linked', holdExpiresAt: null };
  return (await deps.intents.isLinkedToExchange(reservation.id))
    ? { state: 'in-sync', holdExpiresAt: null }
    : { state: 'waiting-for-exchange', holdExpiresAt: null };
}

export async function toMeetingReservation(
  deps: ReservationDeps,
  user: AddinUser,
  reservation: WorkplaceReservation,
): Promise<MeetingReservation> {
  const start = { dateTime: reservation.start, timeZone: reservation.timeZone };
  return {
    id: reservation.id,
    version: reservation.version,
    subject: reservation.subject,
    start: toInstant(start).toISOString(),
    end: toInstant({ dateTime: reservation.end, timeZone: reservation.timeZone }).toISOString(),
    timeZone: reservation.timeZone,
    recurrence: reservation.recurrence ? fromRRule(reservation.recurrence.rrule, start) : null,
    status: reservation.status,
    organizer: reservation.responsible,
    isOrganizer: sameEmail(reservation.responsible.email, user.email),
    occurrenceStarts: isAlternativeHold(reservation.externalRef) ? [toInstant(start).toISOString()] : null,
    lines: toMeetingLines(reservation, deps.catalogue),
    sync: await syncStatusOf(deps, reservation),
  };
}

/** The other holds of the same pick (alternative rooms of a series), within the meeting's span. */
async function holdGroup(deps: ReservationDeps, reservation: WorkplaceReservation): Promise<WorkplaceReservation[]> {
  const group = holdGroupOf(reservation.externalRef);
  if (!group) return [];
  const from = toInstant({ dateTime: reservation.start, timeZone: reservation.timeZone });
  const span = reservation.recurrence ? 366 * 86_400_000 : 86_400_000;
  const candidates = await deps.workplace.listReservations({ from, to: new Date(from.getTime() + span) });
  return candidates.filter(
    (candidate) =>
      candidate.id !== reservation.id &&
      holdGroupOf(candidate.externalRef) === group &&
      sameEmail(candidate.responsible.email, reservation.responsible.email),
  );
}

export type MeetingLookup = {
  reservationId?: string | undefined;
  organizer?: string | undefined;
  start?: string | undefined;
  rooms?: string[] | undefined;
};

/**
 * The reservation(s) of a meeting: by the id the pane tagged the item with, else the reservation on
 * one of the meeting's rooms whose responsible is the organizer and that has an occurrence at `start`.
 * Alternative-room holds of the same pick follow the main one.
 */
export async function findMeetingReservations(
  deps: ReservationDeps,
  user: AddinUser,
  lookup: MeetingLookup,
): Promise<MeetingReservation[]> {
  let main: WorkplaceReservation | null = null;
  if (lookup.reservationId) {
    main = await deps.workplace.getReservation(lookup.reservationId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
      throw error;
    });
  } else if (lookup.organizer && lookup.start && lookup.rooms) {
    const at = new Date(lookup.start);
    for (const mailbox of lookup.rooms) {
      const room = deps.catalogue.roomByMailbox.get(mailbox.toLowerCase());
      if (!room) continue;
      const found = await deps.workplace.listReservations({
        from: at,
        to: new Date(at.getTime() + 60_000),
        areaId: room.id,
      });
      main =
        found.find(
          (reservation) =>
            reservation.status !== 'cancelled' && sameEmail(reservation.responsible.email, lookup.organizer),
        ) ?? null;
      if (main) break;
    }
  }
  if (!main) return [];
  const related = await holdGroup(deps, main);
  return Promise.all([main, ...related].map((reservation) => toMeetingReservation(deps, user, reservation)));
}

/**
 * Sets the equipment and catering lines of a reservation (the organizer only); room lines stay. The
 * version the pane saw goes to Workplace as If-Match, so a concurrent change is a 412, not lost.
 */
export async function updateLines(
  deps: ReservationDeps,
  user: AddinUser,
  reservationId: string,
  edits: LineEdits,
): Promise<MeetingReservation> {
  const reservation = await deps.workplace.getReservation(reservationId);
  if (!sameEmail(reservation.responsible.email, user.email)) {
    throw new AppError('FORBIDDEN', 'Only the organizer can change the equipment and catering of this meeting');
  }
  if (reservation.status === 'cancelled') throw new AppError('CONFLICT', 'The reservation is cancelled');
  if (reservation.version !== edits.version) {
    throw new AppError('PRECONDITION_FAILED', 'The reservation changed since it was read; reload it');
  }
  const rooms = reservation.lines
    .filter((line) => line.type === 'area' && line.status !== 'cancelled' && line.status !== 'rejected')
    .map((line) => ({ id: line.id, type: line.type, objectId: line.objectId }));
  const room = rooms.map((line) => deps.catalogue.roomById.get(line.objectId)).find((found) => found !== undefined);
  if (room) checkExtraLines(deps.catalogue, edits.lines, room);
  const extraLineIds = new Set(reservation.lines.filter((line) => line.type !== 'area').map((line) => line.id));
  const unknownLine = edits.lines.find((line) => line.id && !extraLineIds.has(line.id));
  if (unknownLine)
    throw new AppError('INVALID_REQUEST', `The reservation has no equipment or catering line ${unknownLine.id}`);
  const lines: WorkplaceReservationInput['lines'] = [
    ...rooms,
    ...edits.lines.map((line) => ({
      ...(line.id ? { id: line.id } : {}),
      type: line.kind === 'equipment' ? ('asset' as const) : ('catalogItem' as const),
      objectId: line.objectId,
      ...(line.quantity !== undefined ? { quantity: line.quantity } : {}),
    })),
  ];
  const key = createHash('sha256')
    .update(JSON.stringify([reservationId, edits.version, lines]))
    .digest('hex')
    .slice(0, 40);
  const updated = await deps.workplace
    .updateReservation(reservationId, { lines }, { idempotencyKey: `addin-lines-${key}`, ifMatch: edits.version })
    .catch((error: unknown) => {
      throw room ? explainRefusal(error, room) : error;
    });
  return toMeetingReservation(deps, user, updated);
}
