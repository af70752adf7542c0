import { performance } from 'node:perf_hooks';

export type Stall = {
  /** ms since the monitor started. */
  at: number;
  /** How late a 50 ms timer fired: the event loop was blocked or the process got no CPU. */
  lagMs: number;
  /** CPU this process used during the late interval, as a share of it: high = our own work, low = starved. */
  cpuShare: number;
};

/**
 * Finds the moments this process stood still (a timer firing ≥ `minLagMs` late), and tells whether
 * it was busy itself or waiting for the CPU (other processes on a shared machine). For explaining tails.
 */
export function monitorStalls({ everyMs = 50, minLagMs = 100 } = {}) {
  const startedAt = performance.now();
  const stalls: Stall[] = [];
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
      });
    }
    last = now;
    lastCpu = process.cpuUsage();
  }, everyMs);
  timer.unref();
  return {
    stop(): Stall[] {
      clearInterval(timer);
      return stalls;
    },
  };
}
