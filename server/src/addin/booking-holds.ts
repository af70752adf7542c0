import { createHash } from 'node:crypto';
import { toInstant, toWallClock } from '@workplace-sync/shared';
import type {
  Booking,
  BookingIntent,
  BookingIntentRequest,
  Hold,
  MeetingLine,
  ReservationLine,
  Room,
} from '@workplace-sync/shared';
import { fromWorkplaceLine, toWorkplaceReservation, workplaceFailureOf } from '../adapters/workplace/index.js';
import type { WorkplaceReservation } from '../adapters/workplace/index.js';
import { AppError, httpStatusOf } from '../errors.js';
import { isUserAddress, ownerIdOf } from '../plugins/addin-auth.js';
import type { AddinUser } from '../plugins/addin-auth.js';
import { meetingOccurrences } from './availability-check.js';
import type { BookingIntentStore } from '../holds/booking-intent-store.js';
import type { AddinWorkplace, RoomCatalogue } from './room-catalogue.js';

/**
 * Every hold of one pick carries `outlook-addin:<group>` as its Workplace externalRef (alternative rooms
 * `outlook-addin:<group>:alt`), so the holds of a meeting can be found together (by the pane and by the
 * sync when it confirms the meeting's hold).
 */
export const HOLD_REF_PREFIX = 'outlook-addin:';
export const holdGroupOf = (externalRef: string | undefined): string | null =>
  externalRef?.startsWith(HOLD_REF_PREFIX) ? externalRef.slice(HOLD_REF_PREFIX.length).split(':')[0]! : null;
export const isAlternativeHold = (externalRef: string | undefined) =>
  holdGroupOf(externalRef) !== null && externalRef!.endsWith(':alt');

export type HoldDeps = {
  workplace: Pick<AddinWorkplace, 'createReservation' | 'cancelReservation' | 'getAvailability'>;
  intents: BookingIntentStore;
  catalogue: RoomCatalogue;
  /** How long a hold waits for its meeting to arrive from Exchange. */
  holdTtlMs: number;
  /** How many rooms one user may hold at once (each alternative room is a hold). */
  maxActiveHolds: number;
  now: () => Date;
};

/** A reservation's lines as the pane shows them: the adapter's canonical kind and status, named. */
export function toMeetingLines(reservation: WorkplaceReservation, catalogue: RoomCatalogue): MeetingLine[] {
  return reservation.lines.map((workplaceLine) => {
    const line = fromWorkplaceLine(workplaceLine, reservation.timeZone);
    return {
      id: line.lineId,
      kind: line.kind,
      objectId: line.objectId,
      name: catalogue.nameOf(workplaceLine.type, line.objectId),
      ...(line.quantity !== undefined ? { quantity: line.quantity } : {}),
      status: line.status,
    };
  });
}

/**
 * The equipment and catering a pick or an edit asks for, checked before Workplace sees them: each must
 * be something Workplace offers, equipment in the room's own building (a projector of another city
 * cannot come to this meeting).
 */
export function checkExtraLines(
  catalogue: RoomCatalogue,
  lines: ReadonlyArray<{ kind: 'equipment' | 'catering'; objectId: string }>,
  room: Room,
) {
  for (const line of lines) {
    if (line.kind === 'catering') {
      if (!catalogue.catalogItems.some((item) => item.id === line.objectId)) {
        throw new AppError('INVALID_REQUEST', `No catering item ${line.objectId}`);
      }
      continue;
    }
    const asset = catalogue.assets.find((candidate) => candidate.id === line.objectId);
    if (!asset) throw new AppError('INVALID_REQUEST', `No reservable equipment ${line.objectId}`);
    if (asset.buildingId !== room.buildingId) {
      const building =
        catalogue.buildings.find((candidate) => candidate.id === room.buildingId)?.name ?? room.buildingId;
      throw new AppError('UNPROCESSABLE', `${asset.name} is not in ${building}, where ${room.name} is`);
    }
  }
}

/**
 * What a double booking took: the room, or (Workplace names each conflicting object) the equipment
 * booked with it, by name.
 */
function takenMessage(conflicts: Array<Record<string, unknown>> | undefined, room: Room, catalogue: RoomCatalogue) {
  const taken = [...new Set((conflicts ?? []).map((conflict) => conflict['objectId']))].filter(
    (objectId): objectId is string => typeof objectId === 'string' && objectId !== room.id,
  );
  const isRoomTaken = (conflicts ?? []).some((conflict) => conflict['objectId'] === room.id);
  if (taken.length === 0 || isRoomTaken)
    return `${room.name} is no longer free then: someone booked it in the meantime`;
  const names = taken.map((objectId) => catalogue.nameOf('asset', objectId));
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
  return `${list} ${names.length === 1 ? 'is' : 'are'} already booked then: remove ${names.length === 1 ? 'it' : 'them'} or pick another time (${room.name} itself is free)`;
}

/** Workplace's refusals in the words of the person booking. */
export function explainRefusal(error: unknown, room: Room, catalogue: RoomCatalogue): unknown {
  const failure = workplaceFailureOf(error);
  if (!failure || !(error instanceof AppError)) return error;
  const reasons: Record<string, [AppError['code'], string]> = {
    DOUBLE_BOOKING: ['CONFLICT', takenMessage(failure.conflicts, room, catalogue)],
    BOOKING_WINDOW_EXCEEDED: ['UNPROCESSABLE', `${room.name} cannot be booked that far ahead (${failure.message})`],
    OUTSIDE_OPENING_HOURS: ['UNPROCESSABLE', `${room.name} is closed then (${failure.message})`],
    CATERING_NOT_ALLOWED: ['UNPROCESSABLE', `${room.name} does not allow catering`],
    NOT_RESERVABLE: ['UNPROCESSABLE', `${room.name} cannot be reserved (${failure.message})`],
  };
  const known = reasons[failure.code];
  return known ? new AppError(known[0], known[1], { cause: error }) : error;
}

const idempotencyKey = (...parts: string[]) =>
  `addin-${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 40)}`;

function linkedRoom(catalogue: RoomCatalogue, roomId: string): Room & { mailbox: string } {
  const room = catalogue.roomById.get(roomId);
  if (!room) throw new AppError('NOT_FOUND', `No reservable room ${roomId}`);
  if (!room.mailbox) {
    throw new AppError('UNPROCESSABLE', `${room.name} is not linked to Exchange; book it in Workplace instead`);
  }
  return room as Room & { mailbox: string };
}

/** The occurrences of the main room that are busy in Workplace (they are held elsewhere or not at all). */
async function busyOccurrences(
  deps: HoldDeps,
  room: Room,
  occurrences: Array<{ start: string; end: string }>,
): Promise<Set<string>> {
  const busy = new Set<string>();
  for (let index = 0; index < occurrences.length; index += 20) {
    const group = occurrences.slice(index, index + 20);
    const answer = await deps.workplace.getAvailability({
      areaIds: [room.id],
      from: new Date(group[0]!.start),
      to: new Date(group[group.length - 1]!.end),
    });
    const intervals = answer.areas.flatMap((area) =>
      area.busy.map((entry) => [Date.parse(entry.start), Date.parse(entry.end)]),
    );
    for (const occurrence of group) {
      const [start, end] = [Date.parse(occurrence.start), Date.parse(occurrence.end)];
      if (intervals.some(([busyStart, busyEnd]) => busyStart! < end && start < busyEnd!)) busy.add(occurrence.start);
    }
  }
  return busy;
}

/**
 * Places the holds of a pick: the chosen room for the meeting (for a series, every occurrence except
 * those moved to an alternative room or already taken), and one single hold per alternative. Each is a
 * tentative Workplace reservation (blocking kiosks and other bookers) plus a booking intent the sync
 * matches when the meeting arrives. If any hold fails, the ones already placed are released again.
 */
export async function placeHolds(
  deps: HoldDeps,
  user: AddinUser,
  request: BookingIntentRequest,
  timeZone: string,
): Promise<BookingIntent> {
  const { catalogue } = deps;
  const room = linkedRoom(catalogue, request.roomId);
  const start = new Date(request.start);
  const end = new Date(request.end);
  if (end <= start) throw new AppError('INVALID_REQUEST', 'The meeting must end after it starts');
  if (!request.recurrence && end <= deps.now()) {
    throw new AppError('UNPROCESSABLE', 'The meeting has already ended: there is no room to hold for it');
  }
  if (!user.email) {
    throw new AppError('FORBIDDEN', 'Your account has no Exchange mailbox, so it cannot organize meetings');
  }
  const organizer = { email: user.email, ...(user.name ? { name: user.name } : {}) };
  const group = request.clientRequestId;
  const expiresAt = new Date(deps.now().getTime() + deps.holdTtlMs);
  const durationMs = end.getTime() - start.getTime();

  const { occurrences } = meetingOccurrences({ start, end, timeZone, recurrence: request.recurrence });
  const occurrenceStarts = new Set(occurrences.map((occurrence) => occurrence.start));
  const alternativeStarts = new Set<string>();
  const alternatives = request.alternatives.map((alternative) => {
    const at = new Date(alternative.occurrenceStart).toISOString();
    if (!request.recurrence || !occurrenceStarts.has(at)) {
      throw new AppError('INVALID_REQUEST', `${alternative.occurrenceStart} is not an occurrence of this meeting`);
    }
    if (alternativeStarts.has(at)) {
      throw new AppError('INVALID_REQUEST', `Only one alternative room per occurrence (${at} has more)`);
    }
    alternativeStarts.add(at);
    if (alternative.roomId === room.id) throw new AppError('INVALID_REQUEST', 'An alternative must be another room');
    return { at, room: linkedRoom(catalogue, alternative.roomId) };
  });

  checkExtraLines(catalogue, request.lines, room);
  const owner = ownerIdOf(user);
  const active = await deps.intents.countActiveHolds(owner, deps.now());
  if (active + 1 + alternatives.length > deps.maxActiveHolds) {
    throw new AppError(
      'UNPROCESSABLE',
      `You can hold at most ${deps.maxActiveHolds} rooms at a time and hold ${active}: send or discard the meetings you are composing, or let their holds expire`,
    );
  }
  const skipped = new Set(alternatives.map((alternative) => alternative.at));
  if (request.recurrence) {
    for (const at of await busyOccurrences(deps, room, occurrences)) skipped.add(at);
  }

  const extras: ReservationLine[] = request.lines.map((line) => ({
    kind: line.kind,
    objectId: line.objectId,
    ...(line.quantity !== undefined ? { quantity: line.quantity } : {}),
    status: 'tentative',
  }));
  // Workplace needs a subject; the sync puts the meeting's own subject in place when it arrives.
  const subject = request.subject.trim() || 'Outlook meeting';
  const bookingOf = (from: Date, to: Date, mailbox: string, withRecurrence: boolean): Booking => ({
    subject,
    start: toWallClock(from, timeZone),
    end: toWallClock(to, timeZone),
    organizer,
    participants: [],
    rooms: [mailbox],
    recurrence: withRecurrence ? request.recurrence : null,
    exceptions: withRecurrence ? [...skipped].map((at) => ({ originalStart: at, kind: 'cancelled' as const })) : [],
    isCancelled: false,
  });

  const placed: Array<{ hold: Hold; reservationId: string }> = [];
  const hold = async (
    target: Room & { mailbox: string },
    booking: Booking,
    lines: ReservationLine[],
    key: string,
    externalRef: string,
    only: string[] | null,
  ) => {
    const alternativeOf = only === null ? null : placed[0]!.hold.intentId;
    const input = {
      ...toWorkplaceReservation(booking, lines, {
        areaOfMailbox: (mailbox) => catalogue.roomByMailbox.get(mailbox.toLowerCase())?.id ?? null,
        mailboxOfArea: (areaId) => catalogue.roomById.get(areaId)?.mailbox ?? null,
        timeZone: target.timeZone,
        requestor: organizer,
        // The series' own hold is confirmed by the meeting arriving from Exchange. An alternative room
        // never receives the meeting from Outlook: once confirmed, the sync writes it into that room's
        // calendar like any Workplace booking, so it must not claim Outlook as its source.
        source: alternativeOf === null ? 'outlook' : 'api',
        externalRef,
      }),
      status: 'tentative' as const,
    };
    let reservation: WorkplaceReservation;
    await deps.intents.notePendingHold(
      externalRef,
      { mailboxes: [target.mailbox], from: toInstant(booking.start), to: toInstant(booking.end) },
      deps.now(),
    );
    try {
      reservation = await deps.workplace.createReservation(input, {
        idempotencyKey: idempotencyKey(group, key, owner),
      });
    } catch (error) {
      // Refused: nothing was made. Any other failure may have made it (a lost answer): the note stays,
      // and release-expired-holds lets such a hold go once it is due.
      if (error instanceof AppError && httpStatusOf[error.code] < 500) await deps.intents.clearPendingHold(externalRef);
      throw explainRefusal(error, target, catalogue);
    }
    // A retry of the same pick (same clientRequestId) replays Workplace's answer: reuse its intent.
    const intent =
      (await deps.intents.findByReservationId(reservation.id)) ??
      (await deps.intents.create({
        organizerEmail: user.email,
        ownerId: owner,
        mailbox: target.mailbox,
        workplaceReservationId: reservation.id,
        lines: [{ kind: 'room', objectId: target.id, status: 'tentative' }, ...lines],
        startAt: toInstant(booking.start),
        endAt: toInstant(booking.end),
        expiresAt,
        alternativeOf,
      }));
    await deps.intents.clearPendingHold(externalRef);
    placed.push({
      reservationId: reservation.id,
      hold: {
        intentId: intent.id,
        reservationId: reservation.id,
        roomId: target.id,
        mailbox: target.mailbox,
        occurrenceStarts: only,
        lines: toMeetingLines(reservation, catalogue),
      },
    });
  };

  try {
    await hold(room, bookingOf(start, end, room.mailbox, true), extras, 'main', `${HOLD_REF_PREFIX}${group}`, null);
    for (const [index, alternative] of alternatives.entries()) {
      const from = new Date(alternative.at);
      await hold(
        alternative.room,
        bookingOf(from, new Date(from.getTime() + durationMs), alternative.room.mailbox, false),
        [],
        `alternative-${index}-${alternative.at}`,
        `${HOLD_REF_PREFIX}${group}:alt`,
        [alternative.at],
      );
    }
  } catch (error) {
    await Promise.all(
      placed.map((entry) => releaseHold(deps, entry.hold.intentId, entry.reservationId).catch(() => undefined)),
    );
    throw error;
  }
  return {
    intentId: placed[0]!.hold.intentId,
    expiresAt: expiresAt.toISOString(),
    holds: placed.map((entry) => entry.hold),
  };
}

async function releaseHold(deps: Pick<HoldDeps, 'workplace' | 'intents'>, intentId: string, reservationId: string) {
  await deps.workplace.cancelReservation(reservationId, { idempotencyKey: idempotencyKey('release', intentId) });
  await deps.intents.markReleased(intentId);
}

/**
 * The organizer's pane saw the room decline the sent meeting (Outlook shows the organizer the room's
 * answer; Exchange Online's attendant deletes a declined request from the room's calendar, so the sync
 * never sees it): the hold and its alternative rooms are released now instead of at expiry, and the
 * decline is logged where admins look. Saying it twice records it once.
 */
export async function releaseDeclinedIntent(
  deps: Pick<HoldDeps, 'workplace' | 'intents'>,
  user: AddinUser,
  intentId: string,
) {
  const intent = await deps.intents.get(intentId);
  const isOwn = intent?.ownerId ? intent.ownerId === ownerIdOf(user) : isUserAddress(user, intent?.organizerEmail);
  if (!intent || !isOwn) throw new AppError('NOT_FOUND', `No hold ${intentId} of yours`);
  // A hold the meeting confirmed is the sync's: a later decline reaches the room's calendar and the sync.
  if (intent.status === 'matched') return;
  if (await deps.intents.isDeclinedByExchange(intent)) return;
  const alternatives = await deps.intents.findAlternatives(intent.id);
  for (const hold of [intent, ...alternatives]) {
    if (hold.status === 'held') await releaseHold(deps, hold.id, hold.workplaceReservationId);
  }
  const others = alternatives.length > 0 ? ' and the other rooms held for its taken dates' : '';
  await deps.intents.recordDeclined(
    intent,
    `Exchange declined the meeting for this room (as the organizer's Outlook shows): the hold placed from ` +
      `the Outlook add-in${others} released. The organizer was told to pick another room in the add-in ` +
      `(for a series, one free on every date) and send the update`,
  );
}

/**
 * Releases one hold of the signed-in organizer. Releasing twice is fine; a hold that its meeting has
 * already confirmed is not released here (the organizer removes the room in Outlook instead).
 */
export async function releaseIntent(deps: Pick<HoldDeps, 'workplace' | 'intents'>, user: AddinUser, intentId: string) {
  const intent = await deps.intents.get(intentId);
  const isOwn = intent?.ownerId ? intent.ownerId === ownerIdOf(user) : isUserAddress(user, intent?.organizerEmail);
  if (!intent || !isOwn) throw new AppError('NOT_FOUND', `No hold ${intentId} of yours`);
  if (intent.status === 'released') return;
  if (intent.status === 'matched') {
    throw new AppError(
      'CONFLICT',
      'The meeting already confirmed this room; remove the room from the meeting in Outlook',
    );
  }
  await releaseHold(deps, intent.id, intent.workplaceReservationId);
}
