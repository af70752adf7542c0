import pLimit from 'p-limit';
import { AppError } from '../errors.js';
import { executePlan } from './execute-plan.js';
import { planReservationChange } from './plan-reservation-change.js';
import { planRoomlessReservation } from './plan-room-event-change.js';
import { isPermanentFailure, reservationSetAside, setAside } from './quarantine.js';
import type { BookingLink, ReservationView } from './sync-model.js';
import type { SyncDeps, SyncRunResult } from './sync-room.js';

const FEED_SCOPE = 'feed';
const MAX_ATTEMPTS_PER_RESERVATION = 3;
// Reservations of one feed run are independent (each is read in its current state and touches only its
// own links), so a few are synced side by side: one after another, every change waits for all the
// reads and writes before it (two round trips to Workplace and one to Graph each), and a burst of
// kiosk bookings queues up behind them. Graph's per-mailbox limit still holds inside the adapter.
// How many is a setting (SYNC_FEED_CONCURRENCY): on PGlite one is better, see config.ts.
const DEFAULT_RESERVATIONS_AT_A_TIME = 4;

const DIRECTION = 'workplace-to-exchange' as const;

async function syncReservation(
  reservationId: string,
  deps: SyncDeps,
  linkedMailboxes: ReadonlySet<string>,
  read: { reservation: ReservationView | null },
) {
  for (let attempt = 1; ; attempt++) {
    const reservation = await deps.reservations.getReservation(reservationId);
    read.reservation = reservation;
    if (!reservation) return; // deleted outright: its cancellation was (or will be) in the feed
    const links = await deps.store.findLinksByReservation(reservationId);
    const plan = planReservationChange({ reservation, links });
    try {
      await executePlan(plan, deps, { reservation, linkedMailboxes });
      return;
    } catch (error) {
      const isStale = error instanceof AppError && error.code === 'PRECONDITION_FAILED';
      if (!isStale || attempt >= MAX_ATTEMPTS_PER_RESERVATION) throw error;
    }
  }
}

/**
 * Syncs one reservation; one that cannot be synced for good is quarantined (Failed items) so the others
 * and the feed's cursor go on. A transient failure is thrown: the run fails and the queue retries it.
 */
async function applyReservation(
  reservationId: string,
  deps: SyncDeps,
  linkedMailboxes: ReadonlySet<string>,
  quarantined: Set<string>,
) {
  const read: { reservation: ReservationView | null } = { reservation: null };
  try {
    await syncReservation(reservationId, deps, linkedMailboxes, read);
  } catch (error) {
    if (!isPermanentFailure(error)) throw error;
    await setAside(deps.store, reservationSetAside(reservationId, read.reservation, error));
    quarantined.add(reservationId);
    return;
  }
  if (quarantined.delete(reservationId)) await deps.store.resolveQuarantine(DIRECTION, reservationId);
}

/**
 * Syncs the given reservations (the feed's run, or an admin's retry of a quarantined one), a few at a
 * time. Every reservation is tried; the first transient failure is thrown once all have run.
 */
export async function syncReservationIds(
  reservationIds: string[],
  deps: SyncDeps,
  {
    concurrency = DEFAULT_RESERVATIONS_AT_A_TIME,
    quarantined: known,
  }: { concurrency?: number; quarantined?: Set<string> } = {},
): Promise<void> {
  const linkedMailboxes = await deps.store.linkedMailboxes();
  const quarantined = known ?? (await deps.store.openQuarantineKeys(DIRECTION, null));
  const limit = pLimit(concurrency);
  const outcomes = await Promise.allSettled(
    [...new Set(reservationIds)].map((reservationId) =>
      limit(() => applyReservation(reservationId, deps, linkedMailboxes, quarantined)),
    ),
  );
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
}

/**
 * The feed's reservations named only for their creation, at the version the links of an Outlook
 * meeting recorded: we made them (a first sync's creates, a meeting booked in Outlook). Each would be read only to find
 * nothing to do: one Workplace read and a few statements saved per booking synced from Exchange. Any
 * later change in Workplace (a release, an approval, an edit) is an entry of its own, which is read:
 * a link's version alone cannot say so, since our own writes move it past changes Workplace made.
 * A quarantined reservation is always read (its retry is what closes it).
 */
export async function ourOwnCreations(
  creations: ReadonlyMap<string, string>,
  store: SyncDeps['store'],
  quarantined: ReadonlySet<string>,
): Promise<Set<string>> {
  const candidates = [...creations.keys()].filter((reservationId) => !quarantined.has(reservationId));
  if (candidates.length === 0) return new Set();
  const linksOf = new Map<string, BookingLink[]>();
  for (const link of await store.findLinksOfReservations(candidates))
    linksOf.set(link.reservationId, [...(linksOf.get(link.reservationId) ?? []), link]);
  return new Set(
    candidates.filter((reservationId) => {
      const links = linksOf.get(reservationId) ?? [];
      // Made from an Outlook meeting ('exchange'): a kiosk booking's rooms get their events from the feed,
      // and a run cut short between two of them must read it again.
      return (
        links.length > 0 &&
        links.every((link) => link.origin === 'exchange' && link.workplaceVersion === creations.get(reservationId))
      );
    }),
  );
}

/** Reservations that lost their last room and waited for a room swapped in: cancelled if none joined. */
async function cancelRoomlessReservations(deps: SyncDeps, linkedMailboxes: ReadonlySet<string>) {
  let failure: unknown = null;
  for (const reservationId of await deps.store.dueRoomlessReservations(deps.clock.now())) {
    let reservation: ReservationView | null = null;
    try {
      reservation = await deps.reservations.getReservation(reservationId);
      await executePlan(planRoomlessReservation(reservation), deps, { reservation, linkedMailboxes });
    } catch (error) {
      // Changed meanwhile (a room joined): the next run reads it again.
      if (error instanceof AppError && error.code === 'PRECONDITION_FAILED') continue;
      if (!isPermanentFailure(error)) {
        failure ??= error;
        continue;
      }
      // Never a wedge: set aside like any booking that cannot be synced.
      await setAside(deps.store, reservationSetAside(reservationId, reservation, error));
    }
    await deps.store.clearRoomlessReservation(reservationId);
  }
  // The feed's reservations still sync; the run fails (and is retried) only after them.
  return failure;
}

/**
 * One sync run for the Workplace change feed: every reservation changed since the stored cursor is read
 * (the feed carries ids and versions only; duplicates and reordering do not matter since we read the
 * current state) and mirrored into the linked rooms' calendars, except the creations we made
 * (ourOwnCreations). The cursor moves only after all are applied.
 */
export async function syncReservations(
  deps: SyncDeps,
  options: { fullResync?: boolean; concurrency?: number } = {},
): Promise<SyncRunResult> {
  const storedCursor = options.fullResync ? null : await deps.store.readCursor('workplace', FEED_SCOPE);
  let feed: Awaited<ReturnType<SyncDeps['reservations']['readChanges']>>;
  let isFullResync = storedCursor === null;
  try {
    feed = await deps.reservations.readChanges(storedCursor);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'CURSOR_EXPIRED')) throw error;
    feed = await deps.reservations.readChanges(null);
    isFullResync = true;
  }
  const sweepFailure = await cancelRoomlessReservations(deps, await deps.store.linkedMailboxes());
  const reservationIds = [...new Set(feed.reservationIds)];
  const quarantined = await deps.store.openQuarantineKeys(DIRECTION, null);
  const echoes = await ourOwnCreations(feed.creations, deps.store, quarantined);
  // Every reservation is tried; the cursor stays where it was if any failed (the job retries the run).
  await syncReservationIds(
    reservationIds.filter((reservationId) => !echoes.has(reservationId)),
    deps,
    { quarantined, ...(options.concurrency ? { concurrency: options.concurrency } : {}) },
  );
  if (sweepFailure) throw sweepFailure;
  deps.signal?.throwIfAborted();
  await deps.store.saveCursor('workplace', FEED_SCOPE, feed.nextCursor);
  return { changes: reservationIds.length, isFullResync };
}
