import { AppError } from '../errors.js';
import { executePlan } from './execute-plan.js';
import { planRoomEventChange } from './plan-room-event-change.js';
import type { RoomEventChange } from './plan-room-event-change.js';
import type { Clock, ReservationSystem, RoomCalendar, SyncStore } from './ports.js';
import type { ConflictPolicy } from './sync-plan.js';

export type SyncDeps = {
  calendar: RoomCalendar;
  reservations: ReservationSystem;
  store: SyncStore;
  clock: Clock;
  policy: ConflictPolicy;
};

export type SyncRunResult = { changes: number; isFullResync: boolean };

const MAX_ATTEMPTS_PER_CHANGE = 3;

/** Whether a write failed because the other side moved on since we read it: plan again from fresh data. */
const isStale = (error: unknown) => error instanceof AppError && error.code === 'PRECONDITION_FAILED';

async function syncRoomEventChange(change: RoomEventChange, deps: SyncDeps, linkedMailboxes: ReadonlySet<string>) {
  const { store, reservations } = deps;
  const mailbox = change.kind === 'upserted' ? change.event.mailbox : change.mailbox;
  const eventId = change.kind === 'upserted' ? change.event.eventId : change.eventId;
  for (let attempt = 1; ; attempt++) {
    const link = await store.findLink(mailbox, eventId);
    const meetingLinks =
      change.kind === 'upserted'
        ? (await store.findLinksByICalUId(change.event.iCalUId)).filter(
            (other) => other.mailbox !== mailbox && !other.isCancelled,
          )
        : [];
    const reservationId =
      link?.reservationId ??
      (change.kind === 'upserted' ? change.event.reservationMarker : null) ??
      meetingLinks[0]?.reservationId ??
      null;
    const reservation = reservationId ? await reservations.getReservation(reservationId) : null;
    const plan = planRoomEventChange({
      change,
      link,
      meetingLinks,
      reservation,
      intents: await store.openIntents(mailbox),
      linkedMailboxes,
      policy: deps.policy,
      now: deps.clock.now(),
    });
    try {
      await executePlan(plan, deps, { reservation, linkedMailboxes });
      return;
    } catch (error) {
      if (!isStale(error) || attempt >= MAX_ATTEMPTS_PER_CHANGE) throw error;
    }
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
  options: { fullResync?: boolean } = {},
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
  for (const change of result.changes) {
    if (change.kind === 'removed' && !(await store.findLink(mailbox, change.eventId))) hasUnknownRemoval = true;
    seen.add(change.kind === 'upserted' ? change.event.eventId : change.eventId);
    // Only a meeting someone sent to the room shows what the room does with subjects.
    if (change.kind === 'upserted' && !change.event.isOrganizedByRoom && !change.event.booking.isCancelled) {
      observedRewriting = change.event.isSubjectRewritten;
    }
    await syncRoomEventChange(change, deps, linkedMailboxes);
  }
  if (hasUnknownRemoval) {
    // calendarView delta reports a cancelled occurrence only as an @removed occurrence id, which names
    // no series: re-read the room's linked meetings so the series that lost it is updated.
    for (const link of await store.findActiveLinksByMailbox(mailbox)) {
      if (seen.has(link.eventId)) continue;
      const event = await calendar.readEvent(mailbox, link.eventId);
      const change: RoomEventChange = event
        ? { kind: 'upserted', event }
        : { kind: 'removed', mailbox, eventId: link.eventId };
      await syncRoomEventChange(change, deps, linkedMailboxes);
    }
  }
  if (observedRewriting !== null) await store.noteSubjectRewriting(mailbox, observedRewriting);
  await store.saveCursor('graph', mailbox, result.nextCursor);
  return { changes: result.changes.length, isFullResync };
}
