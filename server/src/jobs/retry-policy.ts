export type RetryPolicy = {
  /** Claims before a job is dead (1 = no retry). */
  maxAttempts: number;
  /** Delay after the first failure; doubles on each further one. */
  initialDelayMs: number;
  maxDelayMs: number;
};

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 10, initialDelayMs: 1_000, maxDelayMs: 10 * 60_000 };

/**
 * Delay before the next attempt after `attempt` failed: exponential, capped, with ±20 % jitter so
 * that rooms failing together (a Graph outage) do not retry in lockstep. A Retry-After the failure
 * carried is a floor.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  { retryAfterMs = 0, random = Math.random }: { retryAfterMs?: number; random?: () => number } = {},
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential * (0.8 + 0.4 * random());
  return Math.round(Math.max(jittered, retryAfterMs));
}
