/**
 * A small deterministic generator (mulberry32). Ids, change keys and notification noise draw from
 * separate instances, so turning noise on or off does not change the ids a test sees.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Integer in [0, exclusiveMax). */
  int(exclusiveMax: number): number {
    return Math.floor(this.next() * exclusiveMax);
  }

  chance(probability: number): boolean {
    return probability > 0 && this.next() < probability;
  }

  bytes(length: number): Buffer {
    const bytes = Buffer.alloc(length);
    for (let index = 0; index < length; index++) bytes[index] = this.int(256);
    return bytes;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index--) {
      const other = this.int(index + 1);
      [copy[index], copy[other]] = [copy[other]!, copy[index]!];
    }
    return copy;
  }

  /** A child generator with its own stream, derived from this one. */
  fork(): SeededRandom {
    return new SeededRandom(this.int(4_294_967_296));
  }
}
