/** How a caller backs off between attempts; every retry loop of the server uses it (adapters, job queue). */
export type Backoff = {
  /** The wait before the first retry. It doubles on each further one. */
  baseDelayMs: number;
  /** The longest backoff (a Retry-After may ask for more). */
  maxDelayMs: number;
};

/**
 * The wait before retry number `retry` (1 = the first retry): exponential from `baseDelayMs`, capped at
 * `maxDelayMs`, with ±20 % jitter so that callers failing together (a Graph outage, a Workplace restart)
 * do not retry in lockstep. A Retry-After the failure carried is a floor: never sooner than asked.
 */
export function nextRetryDelay(
  backoff: Backoff,
  retry: number,
  { retryAfterMs, random = Math.random }: { retryAfterMs?: number | undefined; random?: () => number } = {},
): number {
  const exponential = Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** Math.max(0, retry - 1));
  const jittered = Math.round(exponential * (0.8 + 0.4 * random()));
  return Math.max(jittered, retryAfterMs ?? 0);
}
