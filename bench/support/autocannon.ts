import { createRequire } from 'node:module';

/** The part of autocannon's options and results these benchmarks use (the package ships no types). */
type AutocannonOptions = {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections?: number;
  duration?: number;
};
type Histogram = { average: number; p50: number; p99: number; max: number; total?: number };
type AutocannonResult = {
  requests: Histogram & { total: number };
  latency: Histogram;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
};

const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: AutocannonOptions,
) => Promise<AutocannonResult>;

export type LoadResult = {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  /** 2xx answers over the warm-up and the measured run: each one a notification that must be stored. */
  acknowledged: number;
};

const count2xx = (result: AutocannonResult) =>
  Object.entries(result.statusCodeStats)
    .filter(([status]) => status.startsWith('2'))
    .reduce((sum, [, { count }]) => sum + Number(count), 0);

/** `connections` keep-alive connections POSTing `body` for a warm-up, then for `durationSeconds` (measured). */
export async function postLoad({
  url,
  body,
  connections,
  warmupSeconds,
  durationSeconds,
}: {
  url: string;
  body: string;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}): Promise<LoadResult> {
  const request = {
    url,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body,
    connections,
  };
  const warmup = await autocannon({ ...request, duration: warmupSeconds });
  const result = await autocannon({ ...request, duration: durationSeconds });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    acknowledged: count2xx(warmup) + count2xx(result),
  };
}
