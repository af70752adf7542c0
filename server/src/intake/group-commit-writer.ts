export type GroupCommitOptions<Item> = {
  /** Stores one batch durably (one transaction); throwing fails every write in the batch. */
  persist(items: Item[]): Promise<void>;
  /** A batch is flushed as soon as it holds this many items. Default 500. */
  maxBatchItems?: number;
  /**
   * How long the first write of a batch waits for company when no commit is in flight. 0 = until the
   * current event-loop turn ends. Default 1 ms.
   */
  maxDelayMs?: number;
  /** Batches being committed at once (PGlite runs one statement at a time: 1). Default 1. */
  maxConcurrentCommits?: number;
  /** After a batch committed, e.g. to start processing it. */
  onCommitted?(items: Item[]): void;
};

export interface GroupCommitWriter<Item> {
  /**
   * Resolves once `items` are committed, together with whatever other writes shared the batch;
   * rejects with the batch's error. The items of one call are never split across batches.
   */
  write(items: readonly Item[]): Promise<void>;
  /** Commits what is queued and refuses further writes. */
  close(): Promise<void>;
}

type PendingWrite<Item> = { items: readonly Item[]; resolve(): void; reject(error: unknown): void };

/**
 * Group commit: concurrent writers share one transaction instead of paying one commit each. While a
 * commit is in flight, new writes queue up and go together in the next one, so batches grow with the
 * load by themselves; when the writer is idle a write waits at most `maxDelayMs`.
 */
export function createGroupCommitWriter<Item>({
  persist,
  maxBatchItems = 500,
  maxDelayMs = 1,
  maxConcurrentCommits = 1,
  onCommitted,
}: GroupCommitOptions<Item>): GroupCommitWriter<Item> {
  const queue: PendingWrite<Item>[] = [];
  let queuedItems = 0;
  let commitsInFlight = 0;
  let timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  let isClosed = false;
  const idleWaiters: Array<() => void> = [];

  const cancelTimer = () => {
    if (timer === null) return;
    if (maxDelayMs === 0) clearImmediate(timer as NodeJS.Immediate);
    else clearTimeout(timer as NodeJS.Timeout);
    timer = null;
  };

  function schedule(): void {
    if (queue.length === 0 || commitsInFlight >= maxConcurrentCommits) return;
    if (queuedItems >= maxBatchItems || isClosed) {
      cancelTimer();
      commitNext();
    } else if (timer === null) {
      const fire = () => {
        timer = null;
        if (commitsInFlight < maxConcurrentCommits) commitNext();
      };
      timer = maxDelayMs === 0 ? setImmediate(fire) : setTimeout(fire, maxDelayMs);
    }
  }

  function commitNext(): void {
    const batch: PendingWrite<Item>[] = [];
    let batchItems = 0;
    while (queue.length > 0 && (batch.length === 0 || batchItems + queue[0]!.items.length <= maxBatchItems)) {
      const next = queue.shift()!;
      batch.push(next);
      batchItems += next.items.length;
    }
    queuedItems -= batchItems;
    if (batch.length === 0) return;
    const items = batch.flatMap((write) => write.items);
    commitsInFlight += 1;
    void persist(items)
      .then(
        () => {
          for (const write of batch) write.resolve();
          try {
            onCommitted?.(items);
          } catch {
            // A failing observer must not turn a stored batch into an error.
          }
        },
        (error: unknown) => {
          for (const write of batch) write.reject(error);
        },
      )
      .finally(() => {
        commitsInFlight -= 1;
        // What queued up during this commit has waited long enough: it goes now, as one batch.
        if (queue.length > 0 && commitsInFlight < maxConcurrentCommits) {
          cancelTimer();
          commitNext();
        }
        if (queue.length === 0 && commitsInFlight === 0) idleWaiters.splice(0).forEach((resolve) => resolve());
      });
  }

  return {
    write(items) {
      if (isClosed) return Promise.reject(new Error('the writer is closed'));
      if (items.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        queue.push({ items, resolve, reject });
        queuedItems += items.length;
        schedule();
      });
    },
    async close() {
      isClosed = true;
      cancelTimer();
      if (queue.length === 0 && commitsInFlight === 0) return;
      const idle = new Promise<void>((resolve) => idleWaiters.push(resolve));
      schedule();
      await idle;
    },
  };
}
