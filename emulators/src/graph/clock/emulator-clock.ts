export type ClockOptions = {
  /** Emulated time at startup (default: the real time). */
  now?: Date | string;
  /** A frozen clock moves only when told to (advance/set); a running one follows real time from `now`. */
  frozen?: boolean;
};

/**
 * The emulator's one source of "now". Subscription expiry, token lifetimes, booking windows, delta-token
 * ages and notification retries all read it, so tests move time instead of waiting for it.
 */
export class EmulatorClock {
  private offsetMs = 0;
  private frozenAtMs: number | null = null;

  constructor(options: ClockOptions = {}) {
    const startMs = options.now === undefined ? Date.now() : new Date(options.now).getTime();
    if (!Number.isFinite(startMs)) throw new Error(`Invalid emulator start time: ${String(options.now)}`);
    if (options.frozen) this.frozenAtMs = startMs;
    else this.setTime(startMs);
  }

  nowMs(): number {
    return this.frozenAtMs ?? Date.now() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  get isFrozen(): boolean {
    return this.frozenAtMs !== null;
  }

  freeze(): void {
    this.frozenAtMs = this.nowMs();
  }

  /** Lets time run again from the current emulated instant. */
  resume(): void {
    if (this.frozenAtMs === null) return;
    this.offsetMs = this.frozenAtMs - Date.now();
    this.frozenAtMs = null;
  }

  /** Moves time to `epochMs`; only the scheduler should call this, so that due tasks run in order. */
  setTime(epochMs: number): void {
    if (!Number.isFinite(epochMs)) throw new Error('Invalid emulated time');
    if (this.frozenAtMs !== null) this.frozenAtMs = epochMs;
    else this.offsetMs = epochMs - Date.now();
  }
}
