import type { EmulatorClock } from './emulator-clock.js';

type ScheduledTask = { id: number; dueMs: number; label: string; run: () => void };

const MAX_TIMER_MS = 2_147_483_647;

/**
 * Runs tasks at emulated instants (room processing, notification batches and retries, subscription
 * expiry). With a running clock a real timer fires them; with a frozen clock they run when `advance`
 * or `setTime` moves past them, in due order, so a test can skip hours without waiting.
 *
 * Tasks are synchronous; work that outlives them (an HTTP delivery) is handed to `track` so that
 * `idle()` and `advance()` can wait for it.
 */
export class Scheduler {
  private tasks: ScheduledTask[] = [];
  private nextId = 1;
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private readonly tracked = new Set<Promise<unknown>>();
  private readonly onTaskError: (label: string, error: unknown) => void;

  constructor(
    private readonly clock: EmulatorClock,
    onTaskError?: (label: string, error: unknown) => void,
  ) {
    this.onTaskError = onTaskError ?? ((label, error) => console.error(`graph emulator task '${label}' failed`, error));
  }

  /** Schedules `run` at `at` (emulated); returns a cancel function. */
  schedule(at: Date | number, label: string, run: () => void): () => void {
    const task: ScheduledTask = { id: this.nextId++, dueMs: typeof at === 'number' ? at : at.getTime(), label, run };
    const index = this.tasks.findIndex((other) => other.dueMs > task.dueMs);
    if (index === -1) this.tasks.push(task);
    else this.tasks.splice(index, 0, task);
    this.arm();
    return () => {
      this.tasks = this.tasks.filter((other) => other.id !== task.id);
      this.arm();
    };
  }

  scheduleIn(delayMs: number, label: string, run: () => void): () => void {
    return this.schedule(this.clock.nowMs() + Math.max(0, delayMs), label, run);
  }

  /** Registers asynchronous work started by a task, so that idle/advance wait for it. */
  track(work: Promise<unknown>): void {
    const settled = work.catch(() => undefined);
    this.tracked.add(settled);
    void settled.then(() => this.tracked.delete(settled));
  }

  /** Moves emulated time forward, running every task due on the way at its own instant. */
  async advance(ms: number): Promise<void> {
    await this.moveTo(this.clock.nowMs() + ms);
  }

  async moveTo(targetMs: number): Promise<void> {
    await this.settleTracked();
    for (;;) {
      const next = this.tasks[0];
      if (!next || next.dueMs > targetMs) break;
      if (next.dueMs > this.clock.nowMs()) this.clock.setTime(next.dueMs);
      this.runDue();
      await this.settleTracked();
    }
    if (targetMs > this.clock.nowMs()) this.clock.setTime(targetMs);
    this.arm();
  }

  /** Resolves once no task is due and no tracked work is running. Future tasks do not count. */
  async idle(): Promise<void> {
    for (;;) {
      this.runDue();
      await this.settleTracked();
      const next = this.tasks[0];
      if ((!next || next.dueMs > this.clock.nowMs()) && this.tracked.size === 0) return;
    }
  }

  get pendingTaskCount(): number {
    return this.tasks.length;
  }

  clear(): void {
    this.tasks = [];
    this.disarm();
  }

  dispose(): void {
    this.clear();
  }

  private async settleTracked(): Promise<void> {
    while (this.tracked.size > 0) await Promise.all([...this.tracked]);
  }

  private runDue(): void {
    for (;;) {
      const next = this.tasks[0];
      if (!next || next.dueMs > this.clock.nowMs()) break;
      this.tasks.shift();
      try {
        next.run();
      } catch (error) {
        this.onTaskError(next.label, error);
      }
    }
    this.arm();
  }

  private arm(): void {
    this.disarm();
    const next = this.tasks[0];
    if (!next) return;
    const waitMs = next.dueMs - this.clock.nowMs();
    if (waitMs <= 0) {
      this.immediate = setImmediate(() => this.runDue());
    } else if (!this.clock.isFrozen) {
      this.timer = setTimeout(() => this.runDue(), Math.min(waitMs, MAX_TIMER_MS));
      this.timer.unref();
    }
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
  }
}
