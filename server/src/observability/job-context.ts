import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyBaseLogger } from 'fastify';

/** The job a piece of sync work runs for: what its log lines and metrics are labelled with. */
export type JobContext = {
  queue: string;
  jobId: number;
  /** The room of a room job; its logger already carries it. */
  mailbox: string | null;
  /** Why the job was enqueued, when its payload says (a room resync's `reason`). */
  reason: string | null;
  /** The job's logger: carries the job id, queue and (room jobs) the mailbox. */
  log: FastifyBaseLogger;
  /** Aborted when the job is no longer this run's (its lease was lost): its requests are abandoned. */
  signal?: AbortSignal;
};

const storage = new AsyncLocalStorage<JobContext>();

/** Runs `work` as part of the job `context`, so code deep inside it (the sync store) can find its job. */
export function runInJob<T>(context: JobContext, work: () => Promise<T>): Promise<T> {
  return storage.run(context, work);
}

/** The job the caller runs for, or null outside any job (a request, a timer). */
export function currentJob(): JobContext | null {
  return storage.getStore() ?? null;
}
