import { and, eq, sql } from 'drizzle-orm';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test, vi } from 'vitest';
import { AppError } from '../../../server/src/errors.js';
import type { Job } from '../../../server/src/jobs/job-queue.js';
import { claimJobs } from '../../../server/src/jobs/job-store.js';
import type { Database } from '../../../server/src/storage/create-db.js';
import { jobs, type JobRow } from '../../../server/src/storage/schema.js';
import { describeWithPostgres } from '../../support/system-requirements.js';
import { createTestPglite, createTestPostgres, useTestDb } from '../../support/test-db.js';
import { deferred, useJobQueues } from '../../support/queue-test-support.js';

type TestJobs = {
  'room-changed': { mailbox: string; note?: string };
  'room-resync': { mailbox: string };
  tick: { source: string };
};

const hangingWorker = fileURLToPath(new URL('./support/hanging-worker.ts', import.meta.url));

/** The URL of a test database, from the pool the test opened it with. */
const databaseUrlOf = (database: Database): string => {
  if (database.kind !== 'postgres') throw new Error('PostgreSQL only');
  return database.client.options.connectionString!;
};

const roomA = 'room-a@contoso.com';
const roomB = 'room-b@contoso.com';
const patience = { timeout: 10_000, interval: 10 };

function defineJobQueueSuite(open: () => Promise<Database>) {
  const database = useTestDb(open);
  const openQueue = useJobQueues(database);

  const rowsOf = (queue: keyof TestJobs): Promise<JobRow[]> =>
    database().db.select().from(jobs).where(eq(jobs.queue, queue)).orderBy(jobs.id);

  test('100 sends for one room while it waits coalesce into one job that runs once', async () => {
    const queue = await openQueue<TestJobs>();
    await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        queue.send('room-changed', roomA, { mailbox: roomA, note: `send ${index}` }),
      ),
    );
    expect(await rowsOf('room-changed')).toHaveLength(1);

    const runs: Array<Job<TestJobs['room-changed']>> = [];
    queue.work('room-changed', async (job) => {
      runs.push(job);
    });
    await vi.waitFor(async () => expect((await rowsOf('room-changed'))[0]?.state).toBe('done'), patience);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ key: roomA, attempt: 1, data: { mailbox: roomA } });
  });

  test('sends while a room runs park in one follow-up run, never a parallel one', async () => {
    const queue = await openQueue<TestJobs>();
    const firstRun = deferred();
    const runs: Array<TestJobs['room-changed']> = [];
    let runningForA = 0;
    let mostAtOnceForA = 0;
    queue.work(
      'room-changed',
      async ({ key, data }) => {
        runs.push(data);
        if (key !== roomA) return;
        runningForA += 1;
        mostAtOnceForA = Math.max(mostAtOnceForA, runningForA);
        if (runs.filter((run) => run.mailbox === roomA).length === 1) await firstRun.promise;
        runningForA -= 1;
      },
      { concurrency: 4 },
    );

    await queue.send('room-changed', roomA, { mailbox: roomA, note: 'first' });
    await vi.waitFor(() => expect(runs).toHaveLength(1), patience);
    for (const note of ['second', 'third', 'fourth']) await queue.send('room-changed', roomA, { mailbox: roomA, note });
    // Room B's job running proves the worker kept claiming while room A's follow-up had to wait.
    await queue.send('room-changed', roomB, { mailbox: roomB });
    await vi.waitFor(() => expect(runs.map((run) => run.mailbox)).toContain(roomB), patience);
    expect(runs.filter((run) => run.mailbox === roomA)).toHaveLength(1);
    const parked = (await rowsOf('room-changed')).find((row) => row.key === roomA);
    expect(parked).toMatchObject({ state: 'active', nextData: { mailbox: roomA, note: 'fourth' } });

    firstRun.resolve();
    await vi.waitFor(async () => {
      const rowA = (await rowsOf('room-changed')).find((row) => row.key === roomA);
      expect(rowA?.state).toBe('done');
    }, patience);
    expect(runs.filter((run) => run.mailbox === roomA).map((run) => run.note)).toEqual(['first', 'fourth']);
    expect(mostAtOnceForA).toBe(1);
  });

  test('jobs of one room in different queues never run at the same time', async () => {
    const queue = await openQueue<TestJobs>();
    const changeRun = deferred();
    const started: string[] = [];
    queue.work('room-changed', async ({ key }) => {
      started.push(`changed ${key}`);
      await changeRun.promise;
    });
    queue.work(
      'room-resync',
      async ({ key }) => {
        started.push(`resync ${key}`);
      },
      { concurrency: 2 },
    );

    await queue.send('room-changed', roomA, { mailbox: roomA });
    await vi.waitFor(() => expect(started).toEqual([`changed ${roomA}`]), patience);
    await queue.send('room-resync', roomA, { mailbox: roomA });
    await queue.send('room-resync', roomB, { mailbox: roomB });
    await vi.waitFor(() => expect(started).toContain(`resync ${roomB}`), patience);
    expect(started).not.toContain(`resync ${roomA}`);

    changeRun.resolve();
    await vi.waitFor(() => expect(started).toContain(`resync ${roomA}`), patience);
  });

  test('rooms run in parallel up to the concurrency', async () => {
    const queue = await openQueue<TestJobs>();
    const release = deferred();
    const running = new Set<string>();
    const rooms = ['r1@contoso.com', 'r2@contoso.com', 'r3@contoso.com', 'r4@contoso.com', 'r5@contoso.com'];
    queue.work(
      'room-changed',
      async ({ key }) => {
        running.add(key);
        await release.promise;
      },
      { concurrency: 4 },
    );
    for (const room of rooms) await queue.send('room-changed', room, { mailbox: room });

    await vi.waitFor(() => expect(running.size).toBe(4), patience);
    const waiting = await database()
      .db.select()
      .from(jobs)
      .where(and(eq(jobs.queue, 'room-changed'), eq(jobs.state, 'pending')));
    expect(waiting).toHaveLength(1);

    release.resolve();
    await vi.waitFor(() => expect(running.size).toBe(5), patience);
    await vi.waitFor(
      async () => expect((await rowsOf('room-changed')).every((row) => row.state === 'done')).toBe(true),
      patience,
    );
  });

  test('a failing job is retried with backoff and stays visible as dead when its attempts are used up', async () => {
    const queue = await openQueue<TestJobs>({
      policies: { 'room-changed': { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 40 } },
    });
    const attempts: number[] = [];
    queue.work('room-changed', async ({ attempt }) => {
      attempts.push(attempt);
      throw new Error(`Graph said no (attempt ${attempt})`);
    });
    await queue.send('room-changed', roomA, { mailbox: roomA });

    await vi.waitFor(async () => expect((await rowsOf('room-changed'))[0]?.state).toBe('dead'), patience);
    const [dead] = await rowsOf('room-changed');
    expect(attempts).toEqual([1, 2, 3]);
    expect(dead).toMatchObject({ attempts: 3, maxAttempts: 3, lastError: 'Error: Graph said no (attempt 3)' });
    expect(dead?.finishedAt).toBeInstanceOf(Date);

    // A dead job does not block the room: the next notification starts a fresh job.
    await queue.send('room-changed', roomA, { mailbox: roomA });
    const rows = await rowsOf('room-changed');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ id: dead!.id, state: 'dead' });
  });

  test('after a failure the job waits for its backoff (or the Retry-After of a THROTTLED error)', async () => {
    const queue = await openQueue<TestJobs>({
      policies: {
        'room-changed': { maxAttempts: 5, initialDelayMs: 60_000, maxDelayMs: 600_000 },
        'room-resync': { maxAttempts: 5, initialDelayMs: 10, maxDelayMs: 10 },
      },
    });
    queue.work('room-changed', async () => {
      throw new Error('transient');
    });
    queue.work('room-resync', async () => {
      throw new AppError('THROTTLED', 'Graph 429', { retryAfterMs: 120_000 });
    });
    await queue.send('room-changed', roomA, { mailbox: roomA });
    await queue.send('room-resync', roomB, { mailbox: roomB });

    const waitingSeconds = sql<number>`extract(epoch from ${jobs.runAt} - now())::float8`;
    await vi.waitFor(async () => {
      const rows = await database()
        .db.select({ queue: jobs.queue, state: jobs.state, attempts: jobs.attempts, waitingSeconds })
        .from(jobs)
        .orderBy(jobs.queue);
      expect(rows).toEqual([
        expect.objectContaining({ queue: 'room-changed', state: 'pending', attempts: 1 }),
        expect.objectContaining({ queue: 'room-resync', state: 'pending', attempts: 1 }),
      ]);
      // 60 s ± 20 % jitter, and at least the 120 s Retry-After.
      expect(Number(rows[0]!.waitingSeconds)).toBeGreaterThan(40);
      expect(Number(rows[1]!.waitingSeconds)).toBeGreaterThan(100);
    }, patience);
  });

  test("a killed worker's job is retried once its lease expires", async () => {
    const queue = await openQueue<TestJobs>();
    await queue.send('room-changed', roomA, { mailbox: roomA });
    // What a worker that was SIGKILLed mid-job leaves behind: an active row whose lease nobody renews.
    const [orphan] = await claimJobs(database().db, { queue: 'room-changed', limit: 1, leaseMs: 100 });
    expect(orphan).toMatchObject({ key: roomA, attempt: 1 });

    const attempts: number[] = [];
    queue.work('room-changed', async ({ attempt }) => {
      attempts.push(attempt);
    });
    await vi.waitFor(async () => expect((await rowsOf('room-changed'))[0]?.state).toBe('done'), patience);
    expect(attempts).toEqual([2]);
  });

  test('a job whose lease was lost is told through its abort signal', async () => {
    const queue = await openQueue<TestJobs>({ leaseMs: 60 });
    const aborted = deferred<unknown>();
    queue.work('room-changed', async ({ signal }) => {
      signal.addEventListener('abort', () => aborted.resolve(signal.reason));
      await aborted.promise;
    });
    await queue.send('room-changed', roomA, { mailbox: roomA });
    await vi.waitFor(async () => expect((await rowsOf('room-changed'))[0]?.state).toBe('active'), patience);
    // Another instance's reaper took it over (as after a long stall of this process).
    await database().db.update(jobs).set({ leaseId: null, state: 'pending' }).where(eq(jobs.key, roomA));
    expect(await aborted.promise).toBeInstanceOf(Error);
  });

  test('stop waits for running jobs; a non-graceful stop hands them back unharmed', async () => {
    const graceful = await openQueue<TestJobs>();
    const finishing = deferred();
    const started = deferred();
    graceful.work('room-changed', async () => {
      started.resolve();
      await finishing.promise;
    });
    await graceful.send('room-changed', roomA, { mailbox: roomA });
    await started.promise;
    const stopping = graceful.stop({ graceful: true });
    finishing.resolve();
    await stopping;
    expect((await rowsOf('room-changed'))[0]?.state).toBe('done');

    const abrupt = await openQueue<TestJobs>();
    const hanging = deferred();
    abrupt.work('room-resync', async () => {
      hanging.resolve();
      await new Promise(() => undefined);
    });
    await abrupt.send('room-resync', roomB, { mailbox: roomB });
    await hanging.promise;
    await abrupt.stop({ graceful: false });
    expect((await rowsOf('room-resync'))[0]).toMatchObject({ state: 'pending', attempts: 0, leaseId: null });
  });

  test('a job sent inside a transaction exists only if the transaction commits', async () => {
    const queue = await openQueue<TestJobs>();
    const ran: string[] = [];
    queue.work('room-changed', async ({ key }) => {
      ran.push(key);
    });
    await expect(
      database().db.transaction(async (tx) => {
        await queue.send('room-changed', roomA, { mailbox: roomA }, { tx });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await database().db.transaction(async (tx) => {
      await queue.send('room-changed', roomB, { mailbox: roomB }, { tx });
    });
    await vi.waitFor(() => expect(ran).toEqual([roomB]), patience);
    expect((await rowsOf('room-changed')).map((row) => row.key)).toEqual([roomB]);
  });

  test('a schedule registered by every instance runs once per slot, in one recurring row', async () => {
    const instances = [await openQueue<TestJobs>(), await openQueue<TestJobs>()];
    let running = 0;
    let mostAtOnce = 0;
    const runs: string[] = [];
    for (const [index, queue] of instances.entries()) {
      await queue.schedule('tick', { everyMs: 100, data: { source: 'schedule' } });
      queue.work('tick', async () => {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        runs.push(`instance ${index}`);
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
      });
    }
    await vi.waitFor(() => expect(runs.length).toBeGreaterThanOrEqual(3), patience);
    const rows = await rowsOf('tick');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: 'tick', repeatEveryMs: 100, data: { source: 'schedule' } });
    expect(mostAtOnce).toBe(1);
  });

  test('two instances sharing the database handle each job exactly once', async () => {
    const instances = [await openQueue<TestJobs>(), await openQueue<TestJobs>()];
    const handled = new Map<string, number>();
    for (const queue of instances) {
      queue.work(
        'room-changed',
        async ({ key }) => {
          handled.set(key, (handled.get(key) ?? 0) + 1);
        },
        { concurrency: 4 },
      );
    }
    const rooms = Array.from({ length: 200 }, (_, index) => `room-${index}@contoso.com`);
    await instances[0]!.sendMany(rooms.map((room) => ({ name: 'room-changed', key: room, data: { mailbox: room } })));
    await vi.waitFor(() => expect(handled.size).toBe(200), patience);
    expect([...handled.values()].every((count) => count === 1)).toBe(true);
  });
}

describeWithPostgres('SQL job queue across processes on PostgreSQL', (databaseUrl) => {
  const database = useTestDb(() => createTestPostgres(databaseUrl));
  const openQueue = useJobQueues(database);

  test('the job of a SIGKILLed worker process is retried by another process', async () => {
    const queue = await openQueue<TestJobs>();
    await queue.send('room-changed', roomA, { mailbox: roomA });

    const worker = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', hangingWorker, databaseUrlOf(database()), '300'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        worker.stdout.on('data', (chunk: Buffer) => (chunk.toString().includes('started') ? resolve() : undefined));
        worker.once('exit', (code) => reject(new Error(`the worker exited (${code}) before claiming the job`)));
      });
    } finally {
      worker.kill('SIGKILL');
      await exited;
    }
    expect((await database().db.select().from(jobs))[0]).toMatchObject({ state: 'active', attempts: 1 });

    const attempts: number[] = [];
    queue.work('room-changed', async ({ attempt }) => {
      attempts.push(attempt);
    });
    await vi.waitFor(async () => expect((await database().db.select().from(jobs))[0]?.state).toBe('done'), patience);
    expect(attempts).toEqual([2]);
  });
});

describe('SQL job queue on PGlite', () => {
  defineJobQueueSuite(createTestPglite);
});

describeWithPostgres('SQL job queue on PostgreSQL', (databaseUrl) => {
  defineJobQueueSuite(() => createTestPostgres(databaseUrl));
});
