import type { MailboxCalendar } from '../calendar/mailbox-calendar.js';
import type { StoredEvent } from '../calendar/stored-event.js';
import type { TimeWindow } from '../calendar/time-window.js';

/** What a client has seen after a round: every instance id in the window with its change key. */
export type DeltaRound = {
  id: string;
  generation: number;
  mailboxId: string;
  window: TimeWindow;
  changeSequence: number;
  seen: Map<string, string>;
  createdAtMs: number;
};

export type DeltaEntry = { kind: 'item'; item: StoredEvent } | { kind: 'removed'; id: string };

/** One round's answer, fixed when the round starts and served page by page. */
export type DeltaPageSet = {
  id: string;
  mailboxId: string;
  window: TimeWindow;
  entries: DeltaEntry[];
  nextRound: DeltaRound;
  createdAtMs: number;
};

/**
 * Exchange keeps sync state server-side and the token names it; when the state is gone (cache
 * eviction, age) the token fails with 410 SyncStateNotFound ([DQO], observed #2877/#2350). The emulator
 * does the same, and the control API can drop states to force that path.
 */
export class DeltaSyncStates {
  private readonly rounds = new Map<string, DeltaRound>();
  private readonly pageSets = new Map<string, DeltaPageSet>();
  private generation = 600;
  private nextId = 1;

  constructor(
    private readonly nowMs: () => number,
    /** Emulated lifetime of tokens; null = until dropped by the control API. */
    private readonly lifetimeMs: number | null,
  ) {}

  get highestGeneration(): number {
    return this.generation;
  }

  /** Computes a round: everything in the window (initial), or what changed since `previous`. */
  startRound(calendar: MailboxCalendar, window: TimeWindow, previous?: DeltaRound): DeltaPageSet {
    const current = calendar.instancesIn(window.start, window.end);
    const seen = new Map(current.map((item) => [item.id, item.changeKey]));
    const entries: DeltaEntry[] = [];
    if (!previous) {
      entries.push(...current.map((item) => ({ kind: 'item' as const, item })));
    } else {
      entries.push(
        ...current
          .filter((item) => previous.seen.get(item.id) !== item.changeKey)
          .map((item) => ({ kind: 'item' as const, item })),
      );
      const removed = new Set([...previous.seen.keys()].filter((id) => !seen.has(id)));
      // Items changed or deleted outside the window are reported as removed as well ([DELTA], contrib#6599).
      const mastersInWindow = new Set(
        current.map((item) => item.seriesMasterId).filter((id): id is string => id !== null),
      );
      for (const item of calendar.items()) {
        if (item.changeSeq <= previous.changeSequence || seen.has(item.id) || previous.seen.has(item.id)) continue;
        if (item.type === 'seriesMaster' && mastersInWindow.has(item.id)) continue;
        removed.add(item.id);
      }
      for (const tombstone of calendar.tombstonesSince(previous.changeSequence)) {
        if (!seen.has(tombstone.id) && !previous.seen.has(tombstone.id)) removed.add(tombstone.id);
      }
      entries.push(...[...removed].map((id) => ({ kind: 'removed' as const, id })));
    }
    const createdAtMs = this.nowMs();
    const nextRound: DeltaRound = {
      id: `r${this.nextId++}`,
      generation: ++this.generation,
      mailboxId: calendar.mailboxId,
      window,
      changeSequence: calendar.changeSequence,
      seen,
      createdAtMs,
    };
    const pageSet: DeltaPageSet = {
      id: `p${this.nextId++}`,
      mailboxId: calendar.mailboxId,
      window,
      entries,
      nextRound,
      createdAtMs,
    };
    this.pageSets.set(pageSet.id, pageSet);
    return pageSet;
  }

  /** Makes the round reachable through its deltaLink (once its last page was served). */
  publish(round: DeltaRound): void {
    this.rounds.set(round.id, round);
  }

  findRound(id: string): DeltaRound | undefined {
    return this.alive(this.rounds, id);
  }

  findPageSet(id: string): DeltaPageSet | undefined {
    return this.alive(this.pageSets, id);
  }

  /** Drops sync states (of one mailbox, or all): their tokens now fail with 410. */
  expire(mailboxId?: string): number {
    let count = 0;
    for (const map of [this.rounds, this.pageSets] as Array<Map<string, { mailboxId: string }>>) {
      for (const [id, state] of map) {
        if (mailboxId === undefined || state.mailboxId === mailboxId) {
          map.delete(id);
          count++;
        }
      }
    }
    return count;
  }

  clear(): void {
    this.rounds.clear();
    this.pageSets.clear();
  }

  private alive<T extends { createdAtMs: number }>(map: Map<string, T>, id: string): T | undefined {
    const state = map.get(id);
    if (state && this.lifetimeMs !== null && this.nowMs() - state.createdAtMs > this.lifetimeMs) {
      map.delete(id);
      return undefined;
    }
    return state;
  }
}
