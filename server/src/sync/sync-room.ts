import { AppError } from '../errors.js';
import { executePlan } from './execute-plan.js';
import { planRoomEventChange } from './plan-room-event-change.js';
import type { RoomEventChange } from './sync-model.js';
import type { RoomEventChangeInput } from './plan-room-event-change.js';
import type { Clock, ReservationSystem, RoomCalendar, SyncStore } from './ports.js';
import { identityOfEvent, isPermanentFailure, quarantineReason, setAside, UNKNOWN_IDENTITY } from './quarantine.js';
import type { ConflictPolicy, SyncAction, SyncPlan } from './sync-plan.js';
import type { BookingLink, ReservationView } from './sync-model.js';
import { occurrencesInDispute } from './occurrence-agreement.js';

export type SyncDeps = {
  calendar: RoomCalendar;
  reservations: ReservationSystem;
  store: SyncStore;
  clock: Clock;
  policy: ConflictPolicy;
  /** Aborted when this run no longer owns its job (a lost lease): the run stops before its next write. */
  signal?: AbortSignal;
};

export type SyncRunResult = { changes: number; isFullResync: boolean };

/** How far a run is: the changes it read and how many of them it has applied (a first sync's progress bar). */
export type SyncRunProgress = { found: number; synced: number };
export type ReportSyncProgress = (progress: SyncRunProgress) => Promise<void>;

/** A progress report every this many changes, so a room of thousands of bookings does not write thousands of times. */
const PROGRESS_EVERY = 10;

const MAX_ATTEMPTS_PER_CHANGE = 3;

/** Whether a write failed because the other side moved on since we read it: plan again from fresh data. */
const isStale = (error: unknown) => error instanceof AppError && error.code === 'PRECONDITION_FAILED';

/** Actions that create a meeting's reservation or change which rooms it holds. */
const STRUCTURAL = new Set<SyncAction['kind']>([
  'create-reservation',
  'move-to-own-reservation',
  'confirm-intent',
  'add-room-line',
  'release-room-line',
  'cancel-reservation',
  'release-orphan-reservation',
  'release-declined-hold',
]);

type PlannedChange = { plan: SyncPlan; reservation: ReservationView | null; input: RoomEventChangeInput };

/**
 * The copies the meeting's other rooms hold of this series, read only when this room's copy and the
 * reservation disagree on which occurrences exist: they tell a room that declined a moved occurrence (the
 * others kept it) from the first room to report a cancelled one (occurrence-agreement.ts). One read per
 * other room, for the rare change that needs it.
 */
async function otherRoomCopiesInDispute(
  change: RoomEventChange,
  reservation: ReservationView | null,
  meetingLinks: BookingLink[],
  { calendar }: SyncDeps,
): Promise<RoomEventChangeInput['otherRoomCopies']> {
  if (change.kind !== 'upserted' || !reservation || reservation.status === 'cancelled') return null;
  if (occurrencesInDispute(change.event.booking, reservation.booking).length === 0) return null;
  const sharing = meetingLinks.filter(
    (other) => !other.isCancelled && other.reservationId === reservation.reservationId,
  );
  const copies = await Promise.all(
    sharing.map(async (other) => ({ link: other, event: await calendar.readEvent(other.mailbox, other.eventId) })),
  );
  // A copy gone from its room (declined, deleted) is that room's own change to sync; it holds nothing here.
  return copies.flatMap(({ link: other, event }) =>
    event && !event.booking.isCancelled && event.roomResponse !== 'declined'
      ? [{ link: other, booking: event.booking }]
      : [],
  );
}

async function planChange(
  change: RoomEventChange,
  deps: SyncDeps,
  linkedMailboxes: ReadonlySet<string>,
): Promise<PlannedChange> {
  const { store, reservations } = deps;
  const mailbox = change.kind === 'upserted' ? change.event.mailbox : change.mailbox;
  const eventId = change.kind === 'upserted' ? change.event.eventId : change.eventId;
  const link = await store.findLink(mailbox, eventId);
  // Other rooms' copies of the same meeting, released ones included: a room swapped in finds the
  // reservation its predecessor kept (see planRelease).
  const meetingLinks =
    change.kind === 'upserted'
      ? (await store.findLinksByICalUId(change.event.iCalUId)).filter((other) => other.mailbox !== mailbox)
      : [];
  const candidates = [
    ...(link && !link.isCancelled ? [link.reservationId] : []),
    ...(change.kind === 'upserted' && change.event.reservationMarker ? [change.event.reservationMarker] : []),
    ...meetingLinks.filter((other) => !other.isCancelled).map((other) => other.reservationId),
    ...(link ? [link.reservationId] : []),
    ...meetingLinks.map((other) => other.reservationId),
  ];
  const reservationId = candidates[0] ?? null;
  const reservation = reservationId ? await reservations.getReservation(reservationId) : null;
  const input: RoomEventChangeInput = {
    change,
    link,
    meetingLinks,
    reservation,
    otherRoomCopies: await otherRoomCopiesInDispute(change, reservation, meetingLinks, deps),
    intents: await store.openIntents(mailbox),
    linkedMailboxes,
    policy: deps.policy,
    now: deps.clock.now(),
  };
  return { plan: planRoomEventChange(input), reservation, input };
}

/**
 * The meeting whose reservation this change would create or restructure, when more than one linked
 * room takes part in it: those rooms' jobs run side by side and must not both create it (or add and
 * release its lines on one stale read). Single-room meetings need no lock.
 */
function sharedMeetingOf({ plan, reservation, input }: PlannedChange): string | null {
  if (!plan.actions.some((action) => STRUCTURAL.has(action.kind))) return null;
  const { change, link, meetingLinks, linkedMailboxes } = input;
  const iCalUId = change.kind === 'upserted' ? change.event.iCalUId : link?.iCalUId;
  if (!iCalUId) return null;
  const rooms = new Set(
    [
      ...(change.kind === 'upserted' ? [change.event.mailbox, ...change.event.booking.rooms] : []),
      ...(link ? [link.mailbox] : []),
      ...meetingLinks.map((other) => other.mailbox),
      ...(reservation?.lines.flatMap((line) => (line.mailbox ? [line.mailbox] : [])) ?? []),
    ].map((room) => room.toLowerCase()),
  );
  const linkedRooms = [...rooms].filter((room) => linkedMailboxes.has(room));
  return linkedRooms.length >= 2 ? iCalUId : null;
}

async function syncRoomEventChange(change: RoomEventChange, deps: SyncDeps, linkedMailboxes: ReadonlySet<string>) {
  const run = async (first: PlannedChange) => {
    let planned = first;
    for (let attempt = 1; ; attempt++) {
      try {
        await executePlan(planned.plan, deps, { reservation: planned.reservation, linkedMailboxes });
        return;
      } catch (error) {
        if (!isStale(error) || attempt >= MAX_ATTEMPTS_PER_CHANGE) throw error;
      }
      planned = await planChange(change, deps, linkedMailboxes);
    }
  };
  const planned = await planChange(change, deps, linkedMailboxes);
  const meeting = sharedMeetingOf(planned);
  if (!meeting) return run(planned);
  // Plan again once we are the meeting's only writer: another room may have just created or changed it.
  return deps.store.withMeetingLock(meeting, async () => run(await planChange(change, deps, linkedMailboxes)));
}

const DIRECTION = 'exchange-to-workplace' as const;

/**
 * Applies one change of a room. One that cannot be synced for good is quarantined (an admin sees it in
 * Failed items) and the room's other changes go on, its cursor too; a transient failure fails the run,
 * which the queue retries. A quarantined change that syncs later (it changed again, a retry) is closed.
 */
async function applyChange(
  change: RoomEventChange,
  deps: SyncDeps,
  linkedMailboxes: ReadonlySet<string>,
  quarantined: Set<string>,
) {
  const mailbox = change.kind === 'upserted' ? change.event.mailbox : change.mailbox;
  const eventId = change.kind === 'upserted' ? change.event.eventId : change.eventId;
  const key = `${mailbox} ${eventId}`;
  let confirmed: RoomEventChange = change;
  try {
    confirmed = await confirmedChange(change, deps);
    await syncRoomEventChange(confirmed, deps, linkedMailboxes);
  } catch (error) {
    if (!isPermanentFailure(error)) throw error;
    const event = confirmed.kind === 'upserted' ? confirmed.event : null;
    const link = event ? null : await deps.store.findLink(mailbox, eventId);
    await setAside(deps.store, {
      direction: DIRECTION,
      key,
      mailbox,
      eventId,
      reservationId: link?.reservationId ?? event?.reservationMarker ?? null,
      booking: event ? identityOfEvent(event) : { ...UNKNOWN_IDENTITY, room: mailbox },
      reason: quarantineReason(error, DIRECTION),
      raw: event ?? { removed: eventId },
    });
    quarantined.add(key);
    return;
  }
  if (quarantined.delete(key)) await deps.store.resolveQuarantine(DIRECTION, key);
}

/**
 * A change as it really is: calendarView delta also reports `@removed` for an event that only moved
 * out of the window (or changed outside it), so a removal of a linked event is confirmed by a read.
 */
async function confirmedChange(change: RoomEventChange, deps: SyncDeps): Promise<RoomEventChange> {
  if (change.kind !== 'removed') return change;
  const link = await deps.store.findLink(change.mailbox, change.eventId);
  if (!link || link.isCancelled) return change;
  const event = await deps.calendar.readEvent(change.mailbox, change.eventId);
  return event ? { kind: 'upserted', event } : change;
}

/**
 * One sync run for one room: read the room calendar's changes since the stored delta cursor, mirror each
 * into Workplace, then store the new cursor. The cursor moves only after every change is applied, so a
 * crash means the same changes are read again, and every write is idempotent.
 */
export async function syncRoom(
  mailbox: string,
  deps: SyncDeps,
  options: { fullResync?: boolean; onProgress?: ReportSyncProgress } = {},
): Promise<SyncRunResult> {
  const { calendar, store } = deps;
  const storedCursor = options.fullResync ? null : await store.readCursor('graph', mailbox);
  let result: Awaited<ReturnType<RoomCalendar['readChanges']>>;
  let isFullResync = storedCursor === null;
  const known = {
    linkedEventIds: new Set((await store.findActiveLinksByMailbox(mailbox)).map((link) => link.eventId)),
  };
  try {
    result = await calendar.readChanges(mailbox, storedCursor, known);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'CURSOR_EXPIRED')) throw error;
    // Graph forgot the delta state (410 SyncStateNotFound): read the whole window again.
    result = await calendar.readChanges(mailbox, null, known);
    isFullResync = true;
  }
  const linkedMailboxes = await store.linkedMailboxes();
  const seen = new Set<string>();
  let hasUnknownRemoval = false;
  let observedRewriting: boolean | null = null;
  const quarantined = await store.openQuarantineKeys(DIRECTION, mailbox);
  const apply = (change: RoomEventChange) => applyChange(change, deps, linkedMailboxes, quarantined);
  for (const item of result.unreadable) {
    await setAside(store, {
      direction: DIRECTION,
      key: `${mailbox} ${item.eventId ?? 'unknown'}`,
      mailbox,
      eventId: item.eventId,
      reservationId: null,
      booking: item.booking,
      reason: `Graph returned an event the sync cannot read: ${item.reason}`,
      raw: item.raw,
    });
  }
  const found = result.changes.length;
  let synced = 0;
  await options.onProgress?.({ found, synced });
  for (const change of result.changes) {
    deps.signal?.throwIfAborted();
    if (synced > 0 && synced % PROGRESS_EVERY === 0) await options.onProgress?.({ found, synced });
    if (change.kind === 'removed' && !(await store.findLink(mailbox, change.eventId))) hasUnknownRemoval = true;
    seen.add(change.kind === 'upserted' ? change.event.eventId : change.eventId);
    // Only a meeting someone sent to the room shows what the room does with subjects.
    if (change.kind === 'upserted' && !change.event.isOrganizedByRoom && !change.event.booking.isCancelled) {
      observedRewriting = change.event.isSubjectRewritten;
    }
    await apply(change);
    synced += 1;
  }
  await options.onProgress?.({ found, synced });
  if (hasUnknownRemoval || isFullResync) {
    // calendarView delta reports a cancelled occurrence only as an @removed occurrence id, which names
    // no series, and a full round reports only what is there, never what is gone: re-read the room's
    // linked meetings it did not mention, so a series that lost an occurrence is updated and a meeting
    // the room dropped (declined after a move, deleted) is released.
    const now = deps.clock.now().getTime();
    for (const link of await store.findActiveLinksByMailbox(mailbox)) {
      // A meeting that is over has nothing left to release (its reservation is history).
      if (seen.has(link.eventId) || (link.endsAt !== null && new Date(link.endsAt).getTime() < now)) continue;
      await apply({ kind: 'removed', mailbox, eventId: link.eventId });
    }
  }
  if (observedRewriting !== null) await store.noteSubjectRewriting(mailbox, observedRewriting);
  // A run that lost its job must not move the cursor under the worker that took it over.
  deps.signal?.throwIfAborted();
  await store.saveCursor('graph', mailbox, result.nextCursor);
  return { changes: result.changes.length, isFullResync };
}
