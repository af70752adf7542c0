import { createHash } from 'node:crypto';
import { fromRRule, toInstant } from '@workplace-sync/shared';
import type { Attendance, LineEdits, MeetingReservation, SyncStatus } from '@workplace-sync/shared';
import type { WorkplaceReservation, WorkplaceReservationInput } from '../adapters/workplace/index.js';
import { AppError } from '../errors.js';
import { isUserAddress } from '../plugins/addin-auth.js';
import type { AddinUser } from '../plugins/addin-auth.js';
import { checkExtraLines, explainRefusal, holdGroupOf, isAlternativeHold, toMeetingLines } from './booking-holds.js';
import type { BookingIntentStore } from '../holds/booking-intent-store.js';
import type { AddinWorkplace, RoomCatalogue } from './room-catalogue.js';

export type ReservationDeps = {
  workplace: Pick<AddinWorkplace, 'getReservation' | 'listReservations' | 'updateReservation'>;
  intents: BookingIntentStore;
  catalogue: RoomCatalogue;
  now: () => Date;
};

const sameEmail = (a: string | undefined, b: string | undefined) =>
  Boolean(a && b && a.toLowerCase() === b.toLowerCase());

async function syncStatusOf(deps: ReservationDeps, reservation: WorkplaceReservation): Promise<SyncStatus> {
  const intent = await deps.intents.findByReservationId(reservation.id);
  // The pane held the room, Exchange declined the meeting, the sync released the hold: say that, not "cancelled".
  if (intent?.status === 'released' && (await deps.intents.isDeclinedByExchange(intent)))
    return { state: 'declined', holdExpiresAt: null };
  if (reservation.status === 'cancelled') return { state: 'cancelled', holdExpiresAt: null };
  // A hold past its expiry is over even before the release job cancels it: say so, not "held".
  if (intent?.status === 'held' && intent.expiresAt <= deps.now()) return { state: 'released', holdExpiresAt: null };
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

/** The organizer or an attendee: who may see a reservation's lines, people and recurrence. */
const isInvolved = (user: AddinUser, reservation: WorkplaceReservation) =>
  isUserAddress(user, reservation.responsible.email) ||
  reservation.participants.some((participant) => isUserAddress(user, participant.email));

/** Whether a check-in or release is of the room of `lineId`: it names that line, or none (every room). */
const isOfLine = (record: { lineId?: string | undefined }, lineId: string | undefined) =>
  record.lineId === undefined || record.lineId === lineId;

/**
 * Check-in and release of the occurrence running now (its original start + the reservation's duration
 * covers `now`) in the room of `lineId` (without it, those of every room only): a release wins over a
 * check-in (the room is free whatever happened before). Each room of a meeting has its own.
 */
export function attendanceOf(reservation: WorkplaceReservation, now: Date, lineId?: string): Attendance | null {
  const durationMs =
    toInstant({ dateTime: reservation.end, timeZone: reservation.timeZone }).getTime() -
    toInstant({ dateTime: reservation.start, timeZone: reservation.timeZone }).getTime();
  const isRunning = (occurrenceStart: string) => {
    const start = Date.parse(occurrenceStart);
    return start <= now.getTime() && now.getTime() < start + durationMs;
  };
  const release = (reservation.releases ?? []).find(
    (candidate) => isRunning(candidate.occurrenceStart) && isOfLine(candidate, lineId),
  );
  if (release) {
    return {
      occurrenceStart: new Date(release.occurrenceStart).toISOString(),
      state: release.reason,
      at: new Date(release.releasedAt).toISOString(),
    };
  }
  const checkIn = (reservation.checkIns ?? []).find(
    (candidate) => isRunning(candidate.occurrenceStart) && isOfLine(candidate, lineId),
  );
  return checkIn
    ? {
        occurrenceStart: new Date(checkIn.occurrenceStart).toISOString(),
        state: 'checked-in',
        at: new Date(checkIn.checkedInAt).toISOString(),
      }
    : null;
}

export async function toMeetingReservation(
  deps: ReservationDeps,
  user: AddinUser,
  reservation: WorkplaceReservation,
): Promise<MeetingReservation> {
  const start = { dateTime: reservation.start, timeZone: reservation.timeZone };
  // Each room says what it knows of the occurrence running now; the reservation repeats its only room's.
  const lines = toMeetingLines(reservation, deps.catalogue).map((line) =>
    line.kind === 'room' ? { ...line, attendance: attendanceOf(reservation, deps.now(), line.id) } : line,
  );
  const roomLines = lines.filter(
    (line) => line.kind === 'room' && line.status !== 'cancelled' && line.status !== 'declined',
  );
  const times = {
    id: reservation.id,
    version: reservation.version,
    // A private meeting reaches Workplace as "Private meeting" already (adapters/graph/mapping/private-event.ts).
    subject: reservation.subject,
    start: toInstant(start).toISOString(),
    end: toInstant({ dateTime: reservation.end, timeZone: reservation.timeZone }).toISOString(),
    timeZone: reservation.timeZone,
    status: reservation.status,
    sync: await syncStatusOf(deps, reservation),
    attendance: roomLines.length === 1 ? (roomLines[0]!.attendance ?? null) : null,
  };
  if (!isInvolved(user, reservation)) {
    // What Exchange shows everyone of a room's calendar: the time, the room, the subject.
    return {
      ...times,
      recurrence: null,
      organizer: null,
      isOrganizer: false,
      occurrenceStarts: null,
      lines: lines.filter((line) => line.kind === 'room'),
    };
  }
  return {
    ...times,
    recurrence: reservation.recurrence ? fromRRule(reservation.recurrence.rrule, start) : null,
    organizer: reservation.responsible,
    isOrganizer: isUserAddress(user, reservation.responsible.email),
    occurrenceStarts: isAlternativeHold(reservation.externalRef) ? [toInstant(start).toISOString()] : null,
    lines,
  };
}

/**
 * The other holds of the same pick (alternative rooms of a series), found through the intents placed
 * with it: as many reads as there are alternatives, never a scan of the series' span.
 */
async function holdGroup(deps: ReservationDeps, reservation: WorkplaceReservation): Promise<WorkplaceReservation[]> {
  if (!holdGroupOf(reservation.externalRef)) return [];
  const intent = await deps.intents.findByReservationId(reservation.id);
  if (!intent) return [];
  const series = intent.alternativeOf ? await deps.intents.get(intent.alternativeOf) : intent;
  if (!series) return [];
  const group = [series, ...(await deps.intents.findAlternatives(series.id))].filter(
    (member) => member.workplaceReservationId !== reservation.id,
  );
  const found = await Promise.all(
    group.map((member) =>
      deps.workplace.getReservation(member.workplaceReservationId).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
        throw error;
      }),
    ),
  );
  return found.filter(
    (candidate): candidate is WorkplaceReservation =>
      candidate !== null &&
      candidate.status !== 'cancelled' &&
      holdGroupOf(candidate.externalRef) === holdGroupOf(reservation.externalRef),
  );
}

export type MeetingLookup = {
  reservationId?: string | undefined;
  organizer?: string | undefined;
  start?: string | undefined;
  rooms?: string[] | undefined;
};

/** The live reservation on one of the meeting's rooms whose responsible is the organizer, at `start`. */
async function findByOrganizer(
  deps: ReservationDeps,
  { organizer, start, rooms }: { organizer: string; start: string; rooms: string[] },
): Promise<WorkplaceReservation | null> {
  const at = new Date(start);
  for (const mailbox of rooms) {
    const room = deps.catalogue.roomByMailbox.get(mailbox.toLowerCase());
    if (!room) continue;
    const found = await deps.workplace.listReservations({
      from: at,
      to: new Date(at.getTime() + 60_000),
      areaId: room.id,
    });
    const live = found.find(
      (reservation) => reservation.status !== 'cancelled' && sameEmail(reservation.responsible.email, organizer),
    );
    if (live) return live;
  }
  return null;
}

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
  }
  // The pane's tag names its hold; once that hold is over (expired, released) the meeting may hold the
  // room through another reservation (the sync booked it anew when it arrived): that one is the truth.
  if ((!main || main.status === 'cancelled') && lookup.organizer && lookup.start && lookup.rooms) {
    main =
      (await findByOrganizer(deps, { organizer: lookup.organizer, start: lookup.start, rooms: lookup.rooms })) ?? main;
  }
  if (!main) return [];
  const related = isInvolved(user, main) ? await holdGroup(deps, main) : [];
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
  if (!isUserAddress(user, reservation.responsible.email)) {
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
      throw room ? explainRefusal(error, room, deps.catalogue) : error;
    });
  return toMeetingReservation(deps, user, updated);
}
