import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Waits until the emulators delivered everything (`idle`) and the sync has nothing due (`backlog` 0) for
 * `quietMs` in a row; resolves with the milliseconds it took. A backlog that never drains fails the run.
 */
export async function waitUntilQuiet(
  { idle, backlog }: { idle: () => Promise<void>; backlog: () => Promise<number> },
  { timeoutMs = 120_000, quietMs = 300 } = {},
): Promise<number> {
  const startedAt = performance.now();
  let quietSince: number | null = null;
  while (performance.now() - startedAt < timeoutMs) {
    await idle();
    const now = performance.now();
    if ((await backlog()) === 0) {
      quietSince ??= now;
      if (now - quietSince >= quietMs) return now - startedAt;
    } else {
      quietSince = null;
    }
    await sleep(50);
  }
  throw new Error(`the sync was still busy after ${timeoutMs} ms`);
}
