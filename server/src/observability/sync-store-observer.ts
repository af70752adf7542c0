import type { FastifyBaseLogger } from 'fastify';
import type { SyncStore } from '../sync/ports.js';
import type { SyncLogEntry } from '../sync/sync-plan.js';
import { currentJob } from './job-context.js';
import type { Metrics } from './metrics.js';

/** Sync log actions that wrote something on one side (the others only record a decision). */
const WRITING_ACTIONS = new Set<SyncLogEntry['action']>([
  'created',
  'updated',
  'cancelled',
  'declined',
  'linked',
  'conflict-resolved',
]);

/** Queues whose runs exist to find drift: a full resync of a room after missed notifications or for reconciliation. */
const DRIFT_QUEUES = new Set(['room-resync']);

export type SyncStoreObserverOptions = {
  log: FastifyBaseLogger;
  metrics?: Metrics;
};

/**
 * The sync store, with every sync log entry also written as a log line (with its mailbox, reservation
 * id and event id, on the running job's logger) and counted; a write made by a full resync counts as
 * a drift repair. The core stays pure: this wraps its port at the runtime layer.
 */
export function observeSyncStore(store: SyncStore, { log, metrics }: SyncStoreObserverOptions): SyncStore {
  async function appendLog(entries: SyncLogEntry[]): Promise<void> {
    await store.appendLog(entries);
    const job = currentJob();
    const entryLog = job?.log ?? log;
    for (const entry of entries) {
      const isWrite = WRITING_ACTIONS.has(entry.action);
      metrics?.syncAction(entry.direction, entry.action, {
        // A newly linked room's first sync writes what was never synced: that is not drift.
        isDriftRepair: isWrite && job !== null && DRIFT_QUEUES.has(job.queue) && job.reason !== 'linked',
      });
      const details = {
        // A room job's logger already names its mailbox; an entry about another room names its own.
        ...(job?.mailbox && job.mailbox === entry.mailbox ? {} : { mailbox: entry.mailbox }),
        reservationId: entry.reservationId,
        eventId: entry.eventId,
        direction: entry.direction,
        action: entry.action,
        reason: entry.reason,
      };
      if (isWrite) entryLog.info(details, 'booking synced');
      else entryLog.debug(details, 'booking left as it is');
    }
  }
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'appendLog') return appendLog;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
