import { describe, expect, test } from 'vitest';
import { retryDelayMs, type RetryPolicy } from '../../../server/src/jobs/retry-policy.js';

const policy: RetryPolicy = { maxAttempts: 10, initialDelayMs: 1_000, maxDelayMs: 60_000 };
const noJitter = { random: () => 0.5 };

describe('retryDelayMs', () => {
  const cases: Array<[attempt: number, expectedMs: number]> = [
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [6, 32_000],
    [7, 60_000],
    [20, 60_000],
  ];
  for (const [attempt, expectedMs] of cases) {
    test(`after attempt ${attempt}: ${expectedMs} ms`, () => {
      expect(retryDelayMs(policy, attempt, noJitter)).toBe(expectedMs);
    });
  }

  test('jitter stays within ±20 %', () => {
    expect(retryDelayMs(policy, 3, { random: () => 0 })).toBe(3_200);
    expect(retryDelayMs(policy, 3, { random: () => 1 })).toBe(4_800);
  });

  test("a failure's Retry-After is a floor", () => {
    expect(retryDelayMs(policy, 1, { ...noJitter, retryAfterMs: 30_000 })).toBe(30_000);
    expect(retryDelayMs(policy, 7, { ...noJitter, retryAfterMs: 30_000 })).toBe(60_000);
  });
});
