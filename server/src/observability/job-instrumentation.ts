import type { FastifyBaseLogger } from 'fastify';
import type { Job, JobData, JobHandler, JobPayloads, JobQueue } from '../jobs/job-queue.js';
import { runInJob } from './job-context.js';
import type { Metrics } from './metrics.js';

export type JobInstrumentationOptions = {
  log: FastifyBaseLogger;
  metrics?: Metrics;
  /** Monotonic milliseconds. */
  now?: () => number;
  /** Called (and awaited, its own failure only logged) when a job fails with its attempts used up. */
  onExhausted?: (failure: { queue: string; job: Job<JobData>; error: unknown }) => Promise<void>;
};

/** The mailbox of a room job (`room-changed`, `room-resync`, …), for its log lines. */
const mailboxOf = (data: JobData): string | undefined =>
  typeof data['mailbox'] === 'string' ? data['mailbox'] : undefined;
const reasonOf = (data: JobData): string | null => (typeof data['reason'] === 'string' ? data['reason'] : null);

/**
 * Wraps a job handler: it runs inside a job context (job-context.ts) with a child logger carrying the
 * job id, queue, attempt and mailbox; its end is counted and timed by outcome; a failure is logged
 * (warn while it will be retried, error once its attempts are used up) and rethrown for the queue.
 */
export function instrumentJobHandler<Data extends JobData>(
  queue: string,
  handler: JobHandler<Data>,
  { log, metrics, now = () => performance.now(), onExhausted }: JobInstrumentationOptions,
): JobHandler<Data> {
  return async (job: Job<Data>) => {
    const mailbox = mailboxOf(job.data);
    const jobLog = log.child({
      job: { id: job.id, queue, attempt: job.attempt },
      ...(mailbox ? { mailbox } : {}),
    });
    const startedAt = now();
    const seconds = () => (now() - startedAt) / 1000;
    try {
      const context = {
        queue,
        jobId: job.id,
        mailbox: mailbox ?? null,
        reason: reasonOf(job.data),
        log: jobLog,
        signal: job.signal,
      };
      await runInJob(context, () => handler(job));
    } catch (error) {
      const isExhausted = job.attempt >= job.maxAttempts;
      metrics?.jobFinished(queue, isExhausted ? 'exhausted' : 'retried', seconds());
      metrics?.failure('job');
      const details = { err: error, maxAttempts: job.maxAttempts, durationMs: Math.round(seconds() * 1000) };
      if (isExhausted) jobLog.error(details, 'job failed and its attempts are used up');
      else jobLog.warn(details, 'job failed; it will be retried');
      if (isExhausted && onExhausted) {
        await onExhausted({ queue, job, error }).catch((recordError: unknown) =>
          jobLog.error({ err: recordError }, 'the failed job could not be recorded'),
        );
      }
      throw error;
    }
    metrics?.jobFinished(queue, 'completed', seconds());
    jobLog.debug({ durationMs: Math.round(seconds() * 1000) }, 'job done');
  };
}

/** The same queue, with every handler registered through it instrumented. */
export function instrumentJobQueue<J extends JobPayloads>(
  queue: JobQueue<J>,
  options: JobInstrumentationOptions,
): JobQueue<J> {
  return {
    send: (name, key, data, sendOptions) => queue.send(name, key, data, sendOptions),
    sendMany: (jobs, sendOptions) => queue.sendMany(jobs, sendOptions),
    work: (name, handler, workOptions) => queue.work(name, instrumentJobHandler(name, handler, options), workOptions),
    schedule: (name, scheduleOptions) => queue.schedule(name, scheduleOptions),
    stop: (stopOptions) => queue.stop(stopOptions),
  };
}
