import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAppError } from '../errors.js';
import type { Database, Db } from '../storage/create-db.js';
import type {
  Job,
  JobData,
  JobHandler,
  JobPayloads,
  JobQueue,
  JobRequest,
  QueueName,
  StopOptions,
} from './job-queue.js';
import {
  claimJobs,
  completeJob,
  enqueueJobs,
  ensureRecurringJob,
  extendLeases,
  failJob,
  isUniqueViolation,
  msUntilNextRun,
  pruneFinishedJobs,
  reapExpiredLeases,
  releaseJobs,
  reportJobProgress,
  type ClaimedJob,
} from './job-store.js';
import { listenForJobWakeups } from './job-wakeups.js';
import { defaultRetryPolicy, retryDelayMs, type RetryPolicy } from './retry-policy.js';

export type JobQueueErrorContext = { what: string; queue?: string; jobId?: number };

export type SqlJobQueueOptions<J extends JobPayloads> = {
  /** Retry policy per queue, over `defaultPolicy` (itself over retry-policy.ts' defaults). */
  policies?: { [N in QueueName<J>]?: Partial<RetryPolicy> };
  defaultPolicy?: Partial<RetryPolicy>;
  /**
   * How long a claim stays valid without renewal. Running jobs renew it every third of it, so this
   * only bounds how long a killed worker's job waits before another worker retries it. Default 60 s.
   */
  leaseMs?: number;
  /** Backstop for a missed wake-up (NOTIFY) and for the listener being down. Default 2 s. */
  pollIntervalMs?: number;
  /** How often expired leases are reaped (and, every 60th time, finished rows pruned). Default 5 s. */
  maintenanceIntervalMs?: number;
  /** How long finished rows stay: done 1 day, dead 30 days by default. */
  retention?: { doneMs: number; deadMs: number };
  onError?: (error: unknown, context: JobQueueErrorContext) => void;
};

type RunningJob = { job: ClaimedJob; controller: AbortController; settled: Promise<void> };

type Worker = {
  running: Map<string, RunningJob>;
  wake(): void;
  /** Resolves when no claim of this worker is in flight. */
  idle(): Promise<void>;
  clearTimer(): void;
};

const retentionDefaults = { doneMs: 24 * 60 * 60_000, deadMs: 30 * 24 * 60 * 60_000 };
const pruneEveryNthMaintenance = 60;
const claimRaceRetryMs = 20;

/**
 * The job queue on the `jobs` table (job-store.ts): workers claim with FOR UPDATE SKIP LOCKED, are
 * woken by NOTIFY (in-process on PGlite, LISTEN on PostgreSQL) with a poll as backstop, hold leases
 * they renew while a handler runs, and retry failures with exponential backoff. Any number of
 * instances can share one PostgreSQL database.
 */
export async function createSqlJobQueue<J extends JobPayloads>(
  database: Database,
  options: SqlJobQueueOptions<J> = {},
): Promise<JobQueue<J>> {
  const db = database.db;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollIntervalMs = options.pollIntervalMs ?? 2_000;
  const retention = options.retention ?? retentionDefaults;
  const reportError =
    options.onError ??
    ((error: unknown, context: JobQueueErrorContext) => console.error(`job queue: ${context.what}`, error));
  const policyOf = (queue: string): RetryPolicy => ({
    ...defaultRetryPolicy,
    ...options.defaultPolicy,
    ...(options.policies as Record<string, Partial<RetryPolicy>> | undefined)?.[queue],
  });

  const workers = new Map<string, Worker>();
  let isStopping = false;
  let stopped: Promise<void> | null = null;

  const unlisten = await listenForJobWakeups(database, {
    onQueue: (queue) => workers.get(queue)?.wake(),
    onReconnect: () => workers.forEach((worker) => worker.wake()),
    onError: (error) => reportError(error, { what: 'wake-up listener failed; polling until it reconnects' }),
  });

  let maintenanceRuns = 0;
  let maintenance: Promise<void> = Promise.resolve();
  const maintenanceTimer = setInterval(() => {
    maintenance = maintenance.then(async () => {
      if (isStopping) return;
      try {
        const reaped = await reapExpiredLeases(db);
        if (reaped > 0) workers.forEach((worker) => worker.wake());
        maintenanceRuns += 1;
        if (maintenanceRuns % pruneEveryNthMaintenance === 0) await pruneFinishedJobs(db, retention);
      } catch (error) {
        if (!isStopping) reportError(error, { what: 'maintenance (lease reaping, pruning) failed' });
      }
    });
  }, options.maintenanceIntervalMs ?? 5_000);
  maintenanceTimer.unref();

  let heartbeat: Promise<void> = Promise.resolve();
  const heartbeatTimer = setInterval(
    () => {
      heartbeat = heartbeat.then(renewLeases);
    },
    Math.max(10, Math.floor(leaseMs / 3)),
  );
  heartbeatTimer.unref();

  async function renewLeases(): Promise<void> {
    const running = [...workers.values()].flatMap((worker) => [...worker.running.values()]);
    // Still renewed while a graceful stop waits for the jobs, or another instance would take them over.
    if (running.length === 0) return;
    try {
      const stillOurs = await extendLeases(
        db,
        running.map(({ job }) => job.leaseId),
        leaseMs,
      );
      for (const { job, controller } of running) {
        if (!stillOurs.has(job.leaseId) && !controller.signal.aborted) {
          controller.abort(new Error(`job ${job.id} lost its lease; another worker may be running it`));
        }
      }
    } catch (error) {
      reportError(error, { what: 'renewing leases failed' });
    }
  }

  function startWorker(queue: string, handler: JobHandler<JobData>, concurrency: number): Worker {
    const running = new Map<string, RunningJob>();
    let pumping: Promise<void> | null = null;
    let isWakeRequested = false;
    let timer: NodeJS.Timeout | null = null;

    const clearTimer = () => {
      if (timer) clearTimeout(timer);
      timer = null;
    };
    const wakeIn = (ms: number) => {
      clearTimer();
      timer = setTimeout(wake, ms);
      timer.unref();
    };

    function wake(): void {
      if (isStopping) return;
      if (pumping) {
        isWakeRequested = true;
        return;
      }
      clearTimer();
      pumping = pump().finally(() => {
        pumping = null;
      });
    }

    async function pump(): Promise<void> {
      try {
        for (;;) {
          isWakeRequested = false;
          const outcome = await claimWhileRoom();
          if (isStopping) return;
          if (outcome === 'raced') {
            wakeIn(claimRaceRetryMs);
            return;
          }
          // Full: a finishing job wakes us. Otherwise sleep until the next due job or the poll.
          if (running.size >= concurrency) return;
          const untilNext = await msUntilNextRun(db, queue);
          if (isWakeRequested) continue;
          wakeIn(
            untilNext !== null && untilNext > 0 ? Math.min(pollIntervalMs, Math.ceil(untilNext) + 1) : pollIntervalMs,
          );
          return;
        }
      } catch (error) {
        if (isStopping) return;
        reportError(error, { what: 'claiming jobs failed', queue });
        wakeIn(pollIntervalMs);
      }
    }

    async function claimWhileRoom(): Promise<'drained' | 'raced'> {
      while (!isStopping && running.size < concurrency) {
        const limit = concurrency - running.size;
        let claimed: ClaimedJob[];
        try {
          claimed = await claimJobs(db, { queue, limit, leaseMs });
        } catch (error) {
          if (isUniqueViolation(error)) return 'raced';
          throw error;
        }
        if (isStopping) {
          await releaseJobs(
            db,
            claimed.map((job) => job.leaseId),
          );
          return 'drained';
        }
        for (const job of claimed) run(job);
        if (claimed.length < limit) return 'drained';
      }
      return 'drained';
    }

    function run(job: ClaimedJob): void {
      const controller = new AbortController();
      // One job's requests all listen to its signal (jobs/job-aware-fetch.ts): a full resync has many
      // in flight at once, which is no leak; Node's default warns past 10 listeners.
      setMaxListeners(0, controller.signal);
      const entry: RunningJob = { job, controller, settled: Promise.resolve() };
      running.set(job.leaseId, entry);
      entry.settled = execute(job, controller.signal).finally(() => {
        running.delete(job.leaseId);
        wake();
      });
    }

    async function execute(job: ClaimedJob, signal: AbortSignal): Promise<void> {
      const view: Job<JobData> = {
        id: job.id,
        name: job.queue,
        key: job.key,
        data: job.data,
        attempt: job.attempt,
        maxAttempts: job.maxAttempts,
        signal,
        reportProgress: (progress) => reportJobProgress(db, { id: job.id, leaseId: job.leaseId, progress }),
      };
      let failure: { error: unknown } | null = null;
      try {
        await handler(view);
      } catch (error) {
        failure = { error };
      }
      try {
        if (!failure) {
          await completeJob(db, job);
          return;
        }
        const retryAfterMs = isAppError(failure.error) ? failure.error.details.retryAfterMs : undefined;
        await failJob(db, {
          id: job.id,
          leaseId: job.leaseId,
          delayMs: retryDelayMs(policyOf(queue), job.attempt, { retryAfterMs }),
          error: describeError(failure.error),
        });
      } catch (error) {
        // The lease then expires and the job is retried; nothing is lost.
        if (!isStopping) reportError(error, { what: 'recording the end of a job failed', queue, jobId: job.id });
      }
    }

    return { running, wake, idle: () => pumping ?? Promise.resolve(), clearTimer };
  }

  async function sendMany(requests: readonly JobRequest<J>[], { tx }: { tx?: Db } = {}): Promise<void> {
    for (const request of requests) {
      if (request.key.length === 0) throw new Error(`job ${request.name}: the key must not be empty`);
    }
    await enqueueJobs(
      tx ?? db,
      requests.map((request) => ({
        queue: request.name,
        key: request.key,
        data: request.data,
        maxAttempts: policyOf(request.name).maxAttempts,
        runAt: request.runAt,
      })),
    );
    // Inside a transaction the NOTIFY at commit wakes the workers; outside, wake local ones at once.
    if (!tx) for (const request of requests) workers.get(request.name)?.wake();
  }

  async function stop({ graceful = true, timeoutMs = 30_000 }: StopOptions = {}): Promise<void> {
    isStopping = true;
    clearInterval(maintenanceTimer);
    workers.forEach((worker) => worker.clearTimer());
    await unlisten().catch((error: unknown) => reportError(error, { what: 'closing the wake-up listener failed' }));
    await Promise.all([maintenance, ...[...workers.values()].map((worker) => worker.idle())]);

    const runningJobs = () => [...workers.values()].flatMap((worker) => [...worker.running.values()]);
    if (graceful && runningJobs().length > 0) {
      const timeout = new AbortController();
      await Promise.race([
        Promise.allSettled(runningJobs().map((entry) => entry.settled)),
        sleep(timeoutMs, undefined, { signal: timeout.signal }).catch(() => undefined),
      ]);
      timeout.abort();
    }
    clearInterval(heartbeatTimer);
    await heartbeat;
    const unfinished = runningJobs();
    for (const { controller } of unfinished) controller.abort(new Error('the job queue is stopping'));
    try {
      await releaseJobs(
        db,
        unfinished.map(({ job }) => job.leaseId),
      );
    } catch (error) {
      reportError(error, { what: 'releasing unfinished jobs failed; they are retried when their lease expires' });
    }
  }

  return {
    send: (name, key, data, { runAt, tx } = {}) => sendMany([{ name, key, data, runAt } as JobRequest<J>], { tx }),
    sendMany,
    work(name, handler, { concurrency = 1 } = {}) {
      if (isStopping) throw new Error('the job queue is stopped');
      if (workers.has(name)) throw new Error(`a worker for ${name} already runs in this process`);
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('concurrency must be a positive integer');
      const worker = startWorker(name, handler as JobHandler<JobData>, concurrency);
      workers.set(name, worker);
      worker.wake();
    },
    schedule: (name, { everyMs, data }) =>
      ensureRecurringJob(db, { queue: name, data, everyMs, maxAttempts: policyOf(name).maxAttempts }),
    stop: (stopOptions) => (stopped ??= stop(stopOptions)),
  };
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text;
}
