import type { FastifyBaseLogger } from 'fastify';
import type { SyncJobQueue } from '../jobs/sync-jobs.js';
import { workplaceFeedKey } from '../jobs/sync-jobs.js';
import type { SyncStore } from '../sync/ports.js';
import { stopOnAbort } from '../sync/stop-on-abort.js';
import { syncReservationIds, syncReservations } from '../sync/sync-reservations.js';
import { syncRoom } from '../sync/sync-room.js';
import type { SyncDeps } from '../sync/sync-room.js';
import type { Db } from '../storage/create-db.js';
import type { ChangeLatency } from '../observability/change-latency.js';
import { instrumentJobQueue } from '../observability/job-instrumentation.js';
import type { Metrics } from '../observability/metrics.js';
import type { AdminNotifier } from '../notifications/admin-notifier.js';
import { observeSyncStore } from '../observability/sync-store-observer.js';
import type { WorkplaceClient } from '../adapters/workplace/workplace-client.js';
import { recordFailedJob } from '../failed-items/failed-job-items.js';
import { pruneStorage } from '../storage/retention.js';
import type { Retention } from '../storage/retention.js';
import { releaseExpiredHolds } from '../holds/release-expired-holds.js';
import { syncAreaReservations } from '../rooms/sync-area-reservations.js';
import type { SubscriptionManager } from '../subscriptions/subscription-manager.js';

export type SyncRuntimeOptions = {
  db: Db;
  queue: SyncJobQueue;
  deps: SyncDeps;
  store: SyncStore;
  subscriptions: SubscriptionManager;
  log: FastifyBaseLogger;
  /** How often the Workplace change feed is read even without a webhook (lost deliveries). */
  feedPollMs: number;
  /** How many rooms sync at once in this process. */
  roomConcurrency: number;
  /** How many reservations of one Workplace feed run sync side by side (default 4). */
  feedConcurrency?: number;
  /** How often every room is read without a notification (the backstop for lost notifications). */
  roomPollMs: number;
  /** How long processed notifications and sync log entries are kept (pruned daily). */
  retention?: Retention;
  /** How long an add-in hold waits for its meeting (ADDIN_HOLD_MINUTES); the default is the add-in API's. */
  holdTtlMs?: number;
  /** Jobs by outcome and duration, sync actions, drift repairs. */
  metrics?: Metrics;
  /** Change received → synced latency (notifications and webhooks are recorded by the intake). */
  changeLatency?: ChangeLatency;
  /** A newly linked room's first sync also mirrors its area's existing reservations (read from here). */
  workplace?: Pick<WorkplaceClient, 'listReservations'>;
  /** The window a full resync covers (the calendar's sync window). */
  syncWindow?: () => { start: Date; end: Date };
  /** Told when subscriptions cannot be renewed (ADMIN_NOTIFY_WEBHOOK_URL). */
  adminNotifier?: Pick<AdminNotifier, 'notify'>;
};

const HOUR_MS = 3_600_000;

/**
 * Turns jobs into sync runs: a room's notifications into a delta sync of that room, Workplace's feed
 * into reservation syncs, and the schedules (subscription renewal, nightly reconciliation, feed polling)
 * into their passes. Every job is idempotent; a failure is retried by the queue with backoff.
 */
export function createSyncRuntime({
  db,
  queue: unobservedQueue,
  deps: coreDeps,
  store,
  subscriptions,
  log,
  feedPollMs,
  roomConcurrency,
  feedConcurrency,
  roomPollMs,
  retention = { notificationDays: 7, syncLogDays: 90 },
  holdTtlMs,
  metrics,
  changeLatency,
  workplace,
  syncWindow,
  adminNotifier,
}: SyncRuntimeOptions) {
  // Observability lives here, not in the pure core: each job runs with a logger naming it (and its
  // room), is counted and timed; each sync log entry is also logged with its booking ids and counted.
  // A job that used up its attempts becomes an open failed item the admin console can retry.
  const queue = instrumentJobQueue(unobservedQueue, {
    log,
    ...(metrics ? { metrics } : {}),
    onExhausted: ({ queue: name, job, error }) =>
      recordFailedJob(db, { queue: name, key: job.key, data: job.data, attempts: job.attempt, error, now: new Date() }),
  });
  const deps: SyncDeps = {
    ...coreDeps,
    store: observeSyncStore(coreDeps.store, { log, ...(metrics ? { metrics } : {}) }),
  };
  const startedAt = () => changeLatency?.now() ?? 0;
  const linkedRooms = async () => [...(await store.linkedMailboxes())].sort();
  // An unlinked room is left alone, whatever is still queued for it (a late notification, a poll): the
  // sync would otherwise decline its new meetings, since no Workplace area takes them.
  const isLinked = async (mailbox: string) => (await store.linkedMailboxes()).has(mailbox.toLowerCase());

  queue.work(
    'room-changed',
    async ({ data, signal }) => {
      if (!(await isLinked(data.mailbox))) return;
      const runStartedAt = startedAt();
      const result = await syncRoom(data.mailbox, stopOnAbort(deps, signal));
      await changeLatency?.roomSynced(data.mailbox, runStartedAt);
      log.debug({ mailbox: data.mailbox, ...result }, 'room synced');
    },
    { concurrency: roomConcurrency },
  );
  queue.work(
    'room-resync',
    async ({ data, signal, reportProgress }) => {
      if (!(await isLinked(data.mailbox))) return;
      const runStartedAt = startedAt();
      const jobDeps = stopOnAbort(deps, signal);
      // The console's progress bar: bookings found and synced, the room's calendar first, then (after
      // linking) the area's reservations added to both counts.
      const result = await syncRoom(data.mailbox, jobDeps, { fullResync: true, onProgress: reportProgress });
      if (data.reason === 'linked' && workplace && syncWindow) {
        const fromExchange = result.changes;
        await syncAreaReservations(data.mailbox, {
          deps: jobDeps,
          db,
          workplace,
          window: syncWindow,
          onProgress: ({ found, synced }) =>
            reportProgress({ found: fromExchange + found, synced: fromExchange + synced }),
        });
      }
      await changeLatency?.roomSynced(data.mailbox, runStartedAt);
      log.info({ mailbox: data.mailbox, reason: data.reason, ...result }, 'room resynchronised');
    },
    { concurrency: roomConcurrency },
  );
  queue.work('workplace-changed', async ({ signal }) => {
    const runStartedAt = startedAt();
    const result = await syncReservations(
      stopOnAbort(deps, signal),
      feedConcurrency ? { concurrency: feedConcurrency } : {},
    );
    await changeLatency?.feedSynced(runStartedAt);
    log.debug(result, 'Workplace feed synced');
  });
  // The one writer of subscriptions, one run at a time in the cluster: linking, unlinking and Graph's
  // removals only make it due, so no two workers ever subscribe the same room at once.
  queue.work('renew-subscriptions', async () => {
    await subscriptions.expireOld();
    const linked = await linkedRooms();
    const removed = await subscriptions.removeUnlinked(linked);
    const { created, renewed } = await subscriptions
      .ensure(linked, {
        // A room that just got a (new) subscription may have missed changes meanwhile: synced right away,
        // not after the whole list (a thousand rooms take a while to subscribe).
        onCreated: async (mailbox) => void (await queue.send('room-changed', mailbox, { mailbox })),
      })
      .catch((error: unknown) => {
        adminNotifier?.notify({ kind: 'subscriptions-failing', message: (error as Error).message });
        throw error;
      });
    if (created.length + renewed.length + removed.length > 0) {
      log.info({ created, renewed, removed }, 'subscriptions renewed');
    }
  });
  queue.work('reauthorize-subscription', async ({ data }) => {
    await subscriptions.reauthorize(data.subscriptionId);
    await queue.send('room-changed', data.mailbox, { mailbox: data.mailbox });
  });
  queue.work('recreate-subscription', async ({ data }) => {
    // An admin unlinked the room meanwhile: its subscription stays gone.
    if (!(await isLinked(data.mailbox))) return;
    // The renewal run creates the new subscription (and then syncs the room).
    await subscriptions.forget(data.removedSubscriptionId);
    await queue.send('renew-subscriptions', 'renew-subscriptions', {});
  });
  queue.work('release-expired-holds', async () => {
    const released = await releaseExpiredHolds({
      db,
      reservations: deps.reservations,
      now: deps.clock.now(),
      ...(holdTtlMs ? { holdTtlMs } : {}),
    });
    if (released > 0) log.info({ released }, 'expired add-in holds released');
  });
  queue.work('retry-reservation', async ({ data, signal }) => {
    await syncReservationIds([data.reservationId], stopOnAbort(deps, signal));
  });
  queue.work('prune-storage', async () => {
    const pruned = await pruneStorage(db, retention, deps.clock.now());
    if (Object.values(pruned).some((count) => count > 0)) log.info({ ...pruned, retention }, 'old rows pruned');
  });
  queue.work('poll-rooms', async () => {
    const rooms = await linkedRooms();
    await queue.sendMany(rooms.map((mailbox) => ({ name: 'room-changed' as const, key: mailbox, data: { mailbox } })));
  });
  queue.work('reconcile', async () => {
    // Deleted items have been reported missing from delta: a full round per room repairs any drift.
    for (const mailbox of await linkedRooms()) {
      await queue.send('room-resync', mailbox, { mailbox, reason: 'missed' });
    }
    await queue.send('workplace-changed', workplaceFeedKey, {});
  });

  return {
    /** Schedules the periodic passes, has every linked room subscribed (through the queue) and starts the first sync. */
    async start() {
      await queue.schedule('renew-subscriptions', { everyMs: HOUR_MS, data: {} });
      await queue.schedule('reconcile', { everyMs: 24 * HOUR_MS, data: {} });
      await queue.schedule('release-expired-holds', { everyMs: 60_000, data: {} });
      await queue.schedule('prune-storage', { everyMs: 24 * HOUR_MS, data: {} });
      await queue.schedule('poll-rooms', { everyMs: roomPollMs, data: {} });
      await queue.schedule('workplace-changed', { everyMs: feedPollMs, data: {} });
      // Subscriptions are created by the renew-subscriptions job (made due now), not here: every
      // instance of a cluster runs start(), and two creating a room's subscription at once get two
      // (or Graph's 409 for the second), while the job runs on one worker at a time cluster-wide.
      // It sends a room-changed for each room it subscribes, covering changes made meanwhile.
      await queue.send('renew-subscriptions', 'renew-subscriptions', {});
      const rooms = await linkedRooms();
      log.info({ rooms: rooms.length }, 'sync started');
      await queue.sendMany(
        rooms.map((mailbox) => ({ name: 'room-changed' as const, key: mailbox, data: { mailbox } })),
      );
      await queue.send('workplace-changed', workplaceFeedKey, {});
    },
    workplaceChanged: () => queue.send('workplace-changed', workplaceFeedKey, {}),
  };
}
