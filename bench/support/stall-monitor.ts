import { constants, performance, PerformanceObserver } from 'node:perf_hooks';
import type { PerformanceEntry } from 'node:perf_hooks';

export type Stall = {
  /** ms since the monitor started. */
  at: number;
  /** How late a 50 ms timer fired: the event loop was blocked or the process got no CPU. */
  lagMs: number;
  /** CPU this process used during the late interval, as a share of it: high = our own work, low = starved. */
  cpuShare: number;
  /** Garbage collection inside the interval, ms (major = mark-compact). */
  gcMs: number;
  majorGcMs: number;
};

/**
 * Finds the moments this process stood still (a timer firing ≥ `minLagMs` late), and tells whether
 * it was busy itself or waiting for the CPU (other processes on a shared machine). For explaining tails.
 */
export function monitorStalls({ everyMs = 50, minLagMs = 100 } = {}) {
  const startedAt = performance.now();
  const stalls: Stall[] = [];
  const collections: Array<{ start: number; end: number; isMajor: boolean }> = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      collections.push({
        start: entry.startTime,
        end: entry.startTime + entry.duration,
        isMajor: kind === constants.NODE_PERFORMANCE_GC_MAJOR,
      });
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const gcWithin = (from: number, to: number, majorOnly: boolean) =>
    collections
      .filter((gc) => gc.end > from && gc.start < to && (!majorOnly || gc.isMajor))
      .reduce((sum, gc) => sum + Math.min(gc.end, to) - Math.max(gc.start, from), 0);
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    const elapsed = now - last;
    if (elapsed - everyMs >= minLagMs) {
      stalls.push({
        at: last - startedAt,
        lagMs: elapsed - everyMs,
        cpuShare: (cpu.user + cpu.system) / 1000 / elapsed,
        gcMs: gcWithin(last, now, false),
        majorGcMs: gcWithin(last, now, true),
      });
    }
    last = now;
    lastCpu = process.cpuUsage();
  }, everyMs);
  timer.unref();
  return {
    stop(): Stall[] {
      clearInterval(timer);
      gcObserver.disconnect();
      return stalls;
    },
  };
}
