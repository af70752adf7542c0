import { AppError } from '../errors.js';
import { executePlan } from './execute-plan.js';
import { executeNewMeetingCreates } from './execute-new-meeting-creates.js';
import type { NewMeetingCreate } from './execute-new-meeting-creates.js';
import { planRoomEventChange } from './plan-room-event-change.js';
import type { BookingIntent, RoomEventChange } from './sync-model.js';
import type { RoomEventChangeInput } from './plan-room-event-change.js';
import type { Clock, ReservationSystem, RoomCalendar, SyncStore } from './ports.js';
import { identityOfEvent, isPermanentFailure, quarantineReason, setAside, UNKNOWN_IDENTITY } from './quarantine.js';
import type { ConflictPolicy, SyncAction, SyncLogEntry, SyncPlan } from './sync-plan.js';
import type { BookingLink, ReservationView } from './sync-model.js';
import { occurrencesInDispute } from './occurrence-agreement.js';
import { mayPredateLink } from './stale-copy.js';

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

/** The meeting as the room holds it now, when the copy read may predate our own last write to it (stale-copy.ts). */
async function currentCopy(
  change: RoomEventChange,
  link: BookingLink | null,
  { calendar }: SyncDeps,
): Promise<RoomEventChange> {
  if (change.kind !== 'upserted' || !mayPredateLink(change.event, link)) return change;
  const event = await calendar.readEvent(change.event.mailbox, change.event.eventId);
  return event
    ? { kind: 'upserted', event }
    : { kind: 'removed', mailbox: change.event.mailbox, eventId: change.event.eventId };
}

async function planChange(
  read: RoomEventChange,
  deps: SyncDeps,
  linkedMailboxes: ReadonlySet<string>,
): Promise<PlannedChange> {
  const { store, reservations } = deps;
  const mailbox = read.kind === 'upserted' ? read.event.mailbox : read.mailbox;
  const eventId = read.kind === 'upserted' ? read.event.eventId : read.eventId;
  const link = await store.findLink(mailbox, eventId);
  const change = await currentCopy(read, link, deps);
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
    await setChangeAside(confirmed, error, deps, quarantined);
    return;
  }
  if (quarantined.delete(key)) await deps.store.resolveQuarantine(DIRECTION, key);
}

/** A change that cannot be synced for good is quarantined; any other failure is thrown (the run fails, the queue retries). */
async function setChangeAside(change: RoomEventChange, error: unknown, deps: SyncDeps, quarantined: Set<string>) {
  if (!isPermanentFailure(error)) throw error;
  const mailbox = change.kind === 'upserted' ? change.event.mailbox : change.mailbox;
  const eventId = change.kind === 'upserted' ? change.event.eventId : change.eventId;
  const key = `${mailbox} ${eventId}`;
  const event = change.kind === 'upserted' ? change.event : null;
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

/** How many changes a run reads links, holds and write-ahead notes for at once, and writes new meetings of in one go. */
const PAGE_SIZE = 50;

type RoomRun = {
  mailbox: string;
  deps: SyncDeps;
  linkedMailboxes: ReadonlySet<string>;
  quarantined: Set<string>;
  /** Counts one change as applied (the progress bar). */
  noteSynced: () => Promise<void>;
};

/**
 * The store as planning a page's new meetings sees it: links and this room's holds as read once for the
 * page. Only meetings no room has linked yet are planned on it, and the only writer of this room's links
 * is this run; a meeting with another linked room is not batched (sharedMeetingOf).
 */
function storeWithPageReads(store: SyncStore, links: readonly BookingLink[], intents: BookingIntent[]): SyncStore {
  return {
    ...store,
    findLink: async (mailbox, eventId) =>
      links.find((link) => link.mailbox === mailbox.toLowerCase() && link.eventId === eventId) ?? null,
    findLinksByICalUId: async (iCalUId) => links.filter((link) => link.iCalUId === iCalUId),
    openIntents: async () => intents,
  };
}

/**
 * Applies a page of a room's changes. Meetings no room has linked, which plan to nothing but a new
 * reservation (or nothing at all), are written together (executeNewMeetingCreates: a few statements
 * for the page instead of a dozen per meeting); every other change goes one by one, as before.
 */
async function applyPage(page: readonly RoomEventChange[], links: readonly BookingLink[], run: RoomRun) {
  const { mailbox, deps, linkedMailboxes, quarantined, noteSynced } = run;
  const room = mailbox.toLowerCase();
  const timesInPage = new Map<string, number>();
  for (const change of page) {
    if (change.kind === 'upserted')
      timesInPage.set(change.event.iCalUId, (timesInPage.get(change.event.iCalUId) ?? 0) + 1);
  }
  const isNewMeeting = (change: RoomEventChange): change is Extract<RoomEventChange, { kind: 'upserted' }> =>
    change.kind === 'upserted' &&
    change.event.mailbox.toLowerCase() === room &&
    change.event.reservationMarker === null &&
    timesInPage.get(change.event.iCalUId) === 1 &&
    !quarantined.has(`${change.event.mailbox} ${change.event.eventId}`) &&
    !links.some(
      (link) =>
        link.iCalUId === change.event.iCalUId || (link.mailbox === room && link.eventId === change.event.eventId),
    );
  const candidates = page.filter(isNewMeeting);
  const planningDeps =
    candidates.length > 0
      ? { ...deps, store: storeWithPageReads(deps.store, links, await deps.store.openIntents(mailbox)) }
      : deps;
  const creates: NewMeetingCreate[] = [];
  const logOnly: SyncLogEntry[] = [];
  const batched = new Set<RoomEventChange>();
  // A candidate's meeting is in the page once: its iCalUId names its change (a plan's event may be a copy).
  const changeOf = new Map(candidates.map((change) => [change.event.iCalUId, change] as const));
  const changeOfCreate = ({ action }: NewMeetingCreate) => changeOf.get(action.event.iCalUId)!;
  for (const change of candidates) {
    const planned = await planChange(change, planningDeps, linkedMailboxes);
    const [action, ...more] = planned.plan.actions;
    if (!action) {
      logOnly.push(...planned.plan.log);
      batched.add(change);
    } else if (
      action.kind === 'create-reservation' &&
      more.length === 0 &&
      action.event.iCalUId === change.event.iCalUId &&
      // A room's reservation of its own (another externalRef) goes one by one.
      !('externalRef' in action && action.externalRef !== undefined) &&
      sharedMeetingOf(planned) === null
    ) {
      creates.push({ action, log: planned.plan.log });
    }
  }
  // A meeting with a write-ahead note may have a reservation an earlier run made: the one-by-one path looks for it.
  const noted = await deps.store.meetingsWithPendingReservations(creates.map(({ action }) => action.event.iCalUId));
  const unnoted = creates.filter(({ action }) => !noted.has(action.event.iCalUId));
  if (logOnly.length > 0) await deps.store.appendLog(logOnly);
  for (let index = 0; index < logOnly.length; index++) await noteSynced();
  for (const create of unnoted) batched.add(changeOfCreate(create));
  const left = await executeNewMeetingCreates(
    unnoted,
    deps,
    { reservation: null, linkedMailboxes },
    {
      onFailure: (create, error) => setChangeAside(changeOfCreate(create), error, deps, quarantined),
      onEach: noteSynced,
    },
  );
  for (const create of left) batched.delete(changeOfCreate(create));
  for (const change of page) {
    if (batched.has(change)) continue;
    await applyChange(change, deps, linkedMailboxes, quarantined);
    await noteSynced();
  }
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
  const noteSynced = async () => {
    synced += 1;
    if (synced % PROGRESS_EVERY === 0 && synced < found) await options.onProgress?.({ found, synced });
  };
  const run: RoomRun = { mailbox, deps, linkedMailboxes, quarantined, noteSynced };
  for (let start = 0; start < found; start += PAGE_SIZE) {
    deps.signal?.throwIfAborted();
    const page = result.changes.slice(start, start + PAGE_SIZE);
    const links = await store.findLinksOfEvents(
      mailbox,
      page.map((change) => (change.kind === 'upserted' ? change.event.eventId : change.eventId)),
      page.flatMap((change) => (change.kind === 'upserted' ? [change.event.iCalUId] : [])),
    );
    for (const change of page) {
      const eventId = change.kind === 'upserted' ? change.event.eventId : change.eventId;
      const isLinked = links.some((link) => link.mailbox === mailbox.toLowerCase() && link.eventId === eventId);
      if (change.kind === 'removed' && !isLinked) hasUnknownRemoval = true;
      seen.add(eventId);
      // Only a meeting someone sent to the room shows what the room does with subjects.
      if (change.kind === 'upserted' && !change.event.isOrganizedByRoom && !change.event.booking.isCancelled) {
        observedRewriting = change.event.isSubjectRewritten;
      }
    }
    await applyPage(page, links, run);
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
