/** How a caller backs off between attempts; every retry loop of the server uses it (adapters, job queue). */
export type Backoff = {
  /** The wait before the first retry. It doubles on each further one. */
  baseDelayMs: number;
  /** The longest backoff (a Retry-After may ask for more). */
  maxDelayMs: number;
};

/**
 * The wait before retry number `retry` (1 = the first retry): the Retry-After the failure carried, when it
 * carried one (the other system knows when it can take the request again; Microsoft asks for exactly
 * that wait), else exponential from `baseDelayMs`, capped at `maxDelayMs`, with ±20 % jitter so that
 * callers failing together (a Graph outage, a Workplace restart) do not retry in lockstep.
 */
export function nextRetryDelay(
  backoff: Backoff,
  retry: number,
  { retryAfterMs, random = Math.random }: { retryAfterMs?: number | undefined; random?: () => number } = {},
): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const exponential = Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}
