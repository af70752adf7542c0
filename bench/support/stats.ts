/** Order statistics over latency samples (milliseconds, or any unit). */
export type Summary = { count: number; p50: number; p95: number; p99: number; max: number; mean: number };

/** The q-quantile (0–1) of sorted samples by the nearest-rank method; NaN without samples. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? NaN,
    mean: sorted.length > 0 ? total / sorted.length : NaN,
  };
}

export const median = (samples: readonly number[]): number => summarize(samples).p50;
