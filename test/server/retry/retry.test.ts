import { describe, expect, test } from 'vitest';
import { nextRetryDelay, parseRetryAfter } from '../../../server/src/retry/index.js';

// The one backoff and the one Retry-After parser of the Graph middleware, the Workplace client and the
// job queue.

describe('nextRetryDelay', () => {
  const backoff = { baseDelayMs: 1_000, maxDelayMs: 60_000 };
  const noJitter = { random: () => 0.5 };

  test.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [6, 32_000],
    [7, 60_000],
    [20, 60_000],
  ])('retry %i: %i ms', (retry, expected) => {
    expect(nextRetryDelay(backoff, retry, noJitter)).toBe(expected);
  });

  test('jitter stays within ±20 %', () => {
    expect(nextRetryDelay(backoff, 3, { random: () => 0 })).toBe(3_200);
    expect(nextRetryDelay(backoff, 3, { random: () => 1 })).toBe(4_800);
  });

  test("a failure's Retry-After decides the wait, without jitter, also beyond the cap", () => {
    expect(nextRetryDelay(backoff, 1, { random: () => 1, retryAfterMs: 2_000 })).toBe(2_000);
    expect(nextRetryDelay(backoff, 7, { ...noJitter, retryAfterMs: 30_000 })).toBe(30_000);
    expect(nextRetryDelay(backoff, 1, { ...noJitter, retryAfterMs: 90_000 })).toBe(90_000);
  });
});

describe('parseRetryAfter', () => {
  test.each([
    [null, undefined],
    [undefined, undefined],
    ['5', 5_000],
    [' 10 ', 10_000],
    // Graph's older docs show decimal seconds; the Workplace client used to refuse them.
    ['2.128', 2_128],
    ['Mon, 02 Mar 2026 08:00:30 GMT', 30_000],
    ['Mon, 02 Mar 2026 07:00:00 GMT', 0],
    ['soon', undefined],
  ])('Retry-After %s → %s ms', (header, expected) => {
    expect(parseRetryAfter(header, new Date('2026-03-02T08:00:00Z'))).toBe(expected);
  });
});
