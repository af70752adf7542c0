import type { Db } from '../storage/create-db.js';

// The queue as the rest of the server sees it. One implementation exists (sql-job-queue.ts, a table
// claimed with SKIP LOCKED); docs/queue-and-intake.md explains why it is not pg-boss 10.

/** A job's payload: plain JSON. Coalesced sends merge their payloads shallowly (later keys win). */
export type JobData = Record<string, unknown>;

/** Queue name → payload type, e.g. `SyncJobs` in sync-jobs.ts. */
export type JobPayloads = Record<string, JobData>;

export type QueueName<J extends JobPayloads> = keyof J & string;

export type JobRequest<J extends JobPayloads> = {
  [N in QueueName<J>]: {
    name: N;
    /**
     * Coalescing and serialization key (e.g. the room mailbox). Sends with the same queue and key
     * merge while the job waits; jobs with the same key never run at the same time, whatever their queue.
     */
    key: string;
    data: J[N];
    /** Not before this instant; default now. */
    runAt?: Date;
  };
}[QueueName<J>];

export type SendOptions = {
  runAt?: Date;
  /**
   * Enqueue inside this drizzle transaction: the job exists if and only if the transaction commits,
   * and workers are woken at commit.
   */
  tx?: Db;
};

export type Job<Data extends JobData> = {
  id: number;
  name: string;
  key: string;
  data: Data;
  /** 1 on the first run, counting every claim since the last success (lease expiries included). */
  attempt: number;
  maxAttempts: number;
  /**
   * Aborted when this run no longer owns the job: the queue stops without waiting for it, or its lease
   * was lost (the process stalled longer than the lease and another worker took the job over).
   */
  signal: AbortSignal;
  /** Tells watchers how far this run is (stored on the job's row until the next claim; a no-op once the lease is lost). */
  reportProgress: (progress: JobData) => Promise<void>;
};

/**
 * Resolving completes the job; throwing retries it with exponential backoff (an `AppError` with
 * `details.retryAfterMs`, e.g. THROTTLED, waits at least that long) until its attempts are used up,
 * then it stays visible in state `dead`.
 */
export type JobHandler<Data extends JobData> = (job: Job<Data>) => Promise<void>;

export type WorkOptions = {
  /** Jobs of this queue run at once in this process, each for a different key. Default 1. */
  concurrency?: number;
};

export type ScheduleOptions<Data extends JobData> = {
  /** Runs at every multiple of this period (database clock), once per cluster. */
  everyMs: number;
  data: Data;
};

export type StopOptions = {
  /** Wait for running handlers (up to `timeoutMs`) before releasing what is left. Default true. */
  graceful?: boolean;
  timeoutMs?: number;
};

export interface JobQueue<J extends JobPayloads> {
  send<N extends QueueName<J>>(name: N, key: string, data: J[N], options?: SendOptions): Promise<void>;
  sendMany(jobs: readonly JobRequest<J>[], options?: Pick<SendOptions, 'tx'>): Promise<void>;
  /** Starts a worker loop for `name` in this process. */
  work<N extends QueueName<J>>(name: N, handler: JobHandler<J[N]>, options?: WorkOptions): void;
  /** A recurring job (key = its name); registering the same schedule from every instance is expected. */
  schedule<N extends QueueName<J>>(name: N, options: ScheduleOptions<J[N]>): Promise<void>;
  /** Stops claiming, waits for or releases running jobs (released ones go back to pending unharmed). */
  stop(options?: StopOptions): Promise<void>;
}
