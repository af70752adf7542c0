import { currentJob } from './job-context.js';
import type { SyncStore } from '../sync/ports.js';
import type { SyncLogEntry } from '../sync/sync-plan.js';

/**
 * The job that wrote an entry: its queue (`room-resync` entries are drift found by a full resync), or
 * `room-linked` for the first sync of a room an admin just linked (not drift).
 */
export type SyncLogEntryWithTrigger = SyncLogEntry & { trigger: string | null };

const triggerOf = (job: ReturnType<typeof currentJob>): string | null =>
  job === null ? null : job.queue === 'room-resync' && job.reason === 'linked' ? 'room-linked' : job.queue;

/**
 * The store with each sync log entry marked with the job that wrote it (for the admin console's drift
 * view). The entries' organizer and subject come from the planners themselves (SyncLogEntry).
 */
export function withJobTrigger(store: SyncStore): SyncStore {
  return {
    ...store,
    appendLog: (entries) =>
      store.appendLog(
        entries.map((entry): SyncLogEntryWithTrigger => ({ ...entry, trigger: triggerOf(currentJob()) })),
      ),
  };
}
