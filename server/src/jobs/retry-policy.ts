import { nextRetryDelay } from '../retry/index.js';

export type RetryPolicy = {
  /** Claims before a job is dead (1 = no retry). */
  maxAttempts: number;
  /** Delay after the first failure; doubles on each further one. */
  initialDelayMs: number;
  maxDelayMs: number;
};

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 10, initialDelayMs: 1_000, maxDelayMs: 10 * 60_000 };

/** Delay before the next claim after `attempt` failed (nextRetryDelay: the failure's Retry-After, else exponential and jittered). */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  options: { retryAfterMs?: number | undefined; random?: () => number } = {},
): number {
  return nextRetryDelay({ baseDelayMs: policy.initialDelayMs, maxDelayMs: policy.maxDelayMs }, attempt, options);
}
