import type { JobQueue, JobRequest } from './job-queue.js';
import type { RetryPolicy } from './retry-policy.js';

/**
 * The sync's jobs and their payloads. Keys: jobs about one room use the room mailbox (lower case),
 * so everything for a room runs one at a time, whatever the queue; `reauthorize-subscription` uses the
 * subscription id (a mailbox can briefly have two subscriptions); singletons use their queue name.
 * Payloads are hints: handlers read the truth (delta, change feed) when they run.
 */
export type SyncJobs = {
  /** Graph notified a change in this room's calendar: read its delta and sync. Key: mailbox. */
  'room-changed': { mailbox: string };
  /**
   * Notifications may have been lost (`missed`) or the subscription is gone (`subscriptionRemoved`):
   * a full delta resync of the room's window. Key: mailbox.
   */
  'room-resync': { mailbox: string; reason: RoomResyncReason };
  /** The Workplace change feed (or its webhook) has news: read the feed from its cursor. Key: `workplace-changed`, the same as the feed-poll schedule. */
  'workplace-changed': Record<string, never>;
  /** Graph asks for `POST /subscriptions/{id}/reauthorize` (or a renewal). Key: subscription id. */
  'reauthorize-subscription': { subscriptionId: string; mailbox: string };
  /**
   * Graph removed the subscription: create a new one for the mailbox. Enqueued together with a
   * `room-resync`; the handler should send another `room-changed` once the new subscription exists,
   * to cover what changed between that resync and the new subscription. Key: mailbox.
   */
  'recreate-subscription': { mailbox: string; removedSubscriptionId: string };
  /** Scheduled: renew every subscription well before it expires, create missing ones. */
  'renew-subscriptions': Record<string, never>;
  /** Scheduled: compare both sides of every room over the window and repair drift. */
  reconcile: Record<string, never>;
  /**
   * Scheduled: a delta round for every room even without notifications, so a notification Graph lost
   * (or one dropped on the way) delays a change by at most this period.
   */
  'poll-rooms': Record<string, never>;
  /** Scheduled: release add-in holds whose meeting never arrived from Exchange. */
  'release-expired-holds': Record<string, never>;
  /** An admin retries a quarantined Workplace change: sync that one reservation again. Key: `reservation:{id}`. */
  'retry-reservation': { reservationId: string };
  /** Scheduled: delete processed notifications and sync log entries older than their retention. */
  'prune-storage': Record<string, never>;
};

/** Why a full resync runs: `linked` is a room's first sync after an admin linked it (its Workplace area's reservations included), `admin-repair` an admin's "repair now". */
export type RoomResyncReason = 'missed' | 'subscription-removed' | 'linked' | 'admin-repair';
export type SyncJobName = keyof SyncJobs;
export type SyncJobQueue = JobQueue<SyncJobs>;
export type SyncJobRequest = JobRequest<SyncJobs>;

// The same key as the scheduled feed poll (a schedule's key is its queue name), so feed reads never overlap.
export const workplaceFeedKey = 'workplace-changed';

/**
 * Retry policies. Room work waits out Graph throttling and outages (about 4 hours of retries before
 * a job is dead; the reconciliation pass repairs whatever a dead job left behind).
 */
export const syncJobPolicies: { [N in SyncJobName]?: Partial<RetryPolicy> } = {
  'room-changed': { maxAttempts: 25, initialDelayMs: 1_000, maxDelayMs: 15 * 60_000 },
  'room-resync': { maxAttempts: 25, initialDelayMs: 5_000, maxDelayMs: 15 * 60_000 },
  'workplace-changed': { maxAttempts: 25, initialDelayMs: 1_000, maxDelayMs: 15 * 60_000 },
  'reauthorize-subscription': { maxAttempts: 10, initialDelayMs: 5_000, maxDelayMs: 10 * 60_000 },
  'recreate-subscription': { maxAttempts: 10, initialDelayMs: 5_000, maxDelayMs: 10 * 60_000 },
  'renew-subscriptions': { maxAttempts: 5, initialDelayMs: 30_000, maxDelayMs: 10 * 60_000 },
  reconcile: { maxAttempts: 3, initialDelayMs: 60_000, maxDelayMs: 10 * 60_000 },
  'poll-rooms': { maxAttempts: 3, initialDelayMs: 10_000, maxDelayMs: 5 * 60_000 },
  'release-expired-holds': { maxAttempts: 5, initialDelayMs: 10_000, maxDelayMs: 5 * 60_000 },
};
