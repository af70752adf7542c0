import { afterEach } from 'vitest';
import type { JobPayloads, JobQueue } from '../../server/src/jobs/job-queue.js';
import { createSqlJobQueue, type SqlJobQueueOptions } from '../../server/src/jobs/sql-job-queue.js';
import type { Database } from '../../server/src/storage/create-db.js';

export type Deferred<T = void> = { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void };

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Short intervals, so that backstops and lease reaping happen within a test's patience. */
export const fastQueueOptions = {
  pollIntervalMs: 50,
  maintenanceIntervalMs: 50,
  leaseMs: 5_000,
  defaultPolicy: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50 },
} satisfies SqlJobQueueOptions<JobPayloads>;

/**
 * Opens job queues that are stopped (not gracefully: a test may leave a handler hanging) after each
 * test, before the test database is emptied for the next one.
 */
export function useJobQueues(
  database: () => Database,
): <J extends JobPayloads>(options?: SqlJobQueueOptions<J>) => Promise<JobQueue<J>> {
  const open: Array<JobQueue<JobPayloads>> = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((queue) => queue.stop({ graceful: false })));
  });
  return async <J extends JobPayloads>(options?: SqlJobQueueOptions<J>) => {
    const queue = await createSqlJobQueue<J>(database(), {
      ...fastQueueOptions,
      ...options,
    } as SqlJobQueueOptions<J>);
    open.push(queue as unknown as JobQueue<JobPayloads>);
    return queue;
  };
}
