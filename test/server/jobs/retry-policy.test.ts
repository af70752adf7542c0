import { expect, test } from 'vitest';
import { retryDelayMs, type RetryPolicy } from '../../../server/src/jobs/retry-policy.js';

// The backoff itself is nextRetryDelay's (test/server/retry/): a job policy only names its base and cap.
test('a job policy backs off from initialDelayMs, capped at maxDelayMs; a Retry-After decides', () => {
  const policy: RetryPolicy = { maxAttempts: 10, initialDelayMs: 1_000, maxDelayMs: 60_000 };
  const noJitter = { random: () => 0.5 };
  expect([1, 3, 7, 20].map((attempt) => retryDelayMs(policy, attempt, noJitter))).toEqual([
    1_000, 4_000, 60_000, 60_000,
  ]);
  expect(retryDelayMs(policy, 7, { ...noJitter, retryAfterMs: 30_000 })).toBe(30_000);
});
