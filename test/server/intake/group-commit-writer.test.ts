import { describe, expect, test } from 'vitest';
import { createGroupCommitWriter } from '../../../server/src/intake/group-commit-writer.js';
import { deferred, type Deferred } from '../../support/queue-test-support.js';

/** A persist function whose commits the test completes or fails one by one. */
function aScriptedStore() {
  const commits: Array<{ items: string[]; done: Deferred }> = [];
  const arrivals: Array<() => void> = [];
  return {
    commits,
    persist(items: string[]): Promise<void> {
      const done = deferred();
      commits.push({ items, done });
      arrivals.splice(0).forEach((resolve) => resolve());
      return done.promise;
    },
    /** Resolves when the `count`-th commit has started. */
    async commitStarted(count: number): Promise<void> {
      while (commits.length < count) await new Promise<void>((resolve) => arrivals.push(resolve));
    },
  };
}

const settle = <T>(promise: Promise<T>) =>
  promise.then(
    () => 'committed' as const,
    (error: Error) => error.message,
  );

describe('group commit writer', () => {
  test('writes of the same moment share one commit, and each resolves only after it', async () => {
    const store = aScriptedStore();
    const writer = createGroupCommitWriter({ persist: (items: string[]) => store.persist(items) });
    const outcomes = ['a', 'b', 'c'].map((item) => settle(writer.write([item])));
    await store.commitStarted(1);
    let resolved = 0;
    outcomes.forEach((outcome) => void outcome.then(() => (resolved += 1)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(resolved).toBe(0);

    store.commits[0]!.done.resolve();
    expect(await Promise.all(outcomes)).toEqual(['committed', 'committed', 'committed']);
    expect(store.commits.map((commit) => commit.items)).toEqual([['a', 'b', 'c']]);
  });

  test('writes that arrive during a commit go together in the next one', async () => {
    const store = aScriptedStore();
    const writer = createGroupCommitWriter({ persist: (items: string[]) => store.persist(items) });
    const first = settle(writer.write(['first']));
    await store.commitStarted(1);
    const later = Array.from({ length: 10 }, (_, index) => settle(writer.write([`later-${index}`])));
    // However long the first commit takes, the later writes wait for it, not each for their own.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(store.commits).toHaveLength(1);

    store.commits[0]!.done.resolve();
    await store.commitStarted(2);
    store.commits[1]!.done.resolve();
    expect(await Promise.all([first, ...later])).toEqual(Array(11).fill('committed'));
    expect(store.commits.map((commit) => commit.items.length)).toEqual([1, 10]);
  });

  test("a failed commit rejects every write in it and no other batch's", async () => {
    const store = aScriptedStore();
    const writer = createGroupCommitWriter({ persist: (items: string[]) => store.persist(items) });
    const doomed = [settle(writer.write(['a'])), settle(writer.write(['b']))];
    await store.commitStarted(1);
    const next = settle(writer.write(['c']));
    store.commits[0]!.done.reject(new Error('disk full'));
    expect(await Promise.all(doomed)).toEqual(['disk full', 'disk full']);

    await store.commitStarted(2);
    store.commits[1]!.done.resolve();
    expect(await next).toBe('committed');
    expect(store.commits.map((commit) => commit.items)).toEqual([['a', 'b'], ['c']]);
  });

  test('a full batch is committed at once; the items of one write are never split', async () => {
    const store = aScriptedStore();
    const writer = createGroupCommitWriter({
      persist: (items: string[]) => store.persist(items),
      maxBatchItems: 4,
      maxDelayMs: 60_000,
      maxConcurrentCommits: 2,
    });
    const writes = [
      settle(writer.write(['a1', 'a2', 'a3'])),
      settle(writer.write(['b1', 'b2'])),
      settle(writer.write(['c1', 'c2', 'c3', 'c4', 'c5'])),
    ];
    // Without the size rule these would wait a minute.
    await store.commitStarted(2);
    expect(store.commits.map((commit) => commit.items)).toEqual([
      ['a1', 'a2', 'a3'],
      ['b1', 'b2'],
    ]);
    store.commits.forEach((commit) => commit.done.resolve());
    await store.commitStarted(3);
    expect(store.commits[2]!.items).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    store.commits[2]!.done.resolve();
    expect(await Promise.all(writes)).toEqual(['committed', 'committed', 'committed']);
  });

  test('close commits what is queued and refuses later writes', async () => {
    const committed: string[][] = [];
    const writer = createGroupCommitWriter({
      persist: async (items: string[]) => {
        committed.push(items);
      },
      maxDelayMs: 60_000,
    });
    const queued = writer.write(['x']);
    await writer.close();
    await queued;
    expect(committed).toEqual([['x']]);
    await expect(writer.write(['y'])).rejects.toThrow('closed');
  });
});
