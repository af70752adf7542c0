// Enqueue → handler-start latency of the job queue, and the pg-boss 10 variants it was compared with.
// Prints numbers; asserts nothing. docs/queue-and-intake.md quotes a run.
//
//   node --conditions=source --import tsx bench/queue-latency.ts                       # PGlite only
//   node --conditions=source --import tsx bench/queue-latency.ts postgres://…/postgres # + PostgreSQL
//
// The PostgreSQL URL must be a superuser's: each run creates and drops a database of its own. For
// figures that mean anything, point it at a server with the default fsync/synchronous_commit (the
// test cluster of scripts/throwaway-postgres.sh turns both off).

import type { PGlite } from '@electric-sql/pglite';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { createNotificationDrainer } from '../server/src/intake/notification-drain.js';
import { createNotificationIntake } from '../server/src/intake/notification-intake.js';
import { clientStateHashOf, createSubscriptionVerifier } from '../server/src/intake/subscription-verifier.js';
import type { JobQueue } from '../server/src/jobs/job-queue.js';
import { createSqlJobQueue } from '../server/src/jobs/sql-job-queue.js';
import type { SyncJobs } from '../server/src/jobs/sync-jobs.js';
import { graphWebhookRoutes } from '../server/src/routes/graph-webhooks.js';
import { createDb, type Database } from '../server/src/storage/create-db.js';
import { subscriptions } from '../server/src/storage/schema.js';

type BenchJobs = { work: { sentAt: number } };
type Latencies = { p50: number; p99: number; max: number; count: number };

const liveJobs = 400;
const sendEveryMs = 5;
const concurrency = 4;

function summarize(samples: number[]): Latencies {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN, count: sorted.length };
}

const ms = (value: number) => (value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`);
function report(label: string, { p50, p99, max, count }: Latencies) {
  console.log(
    `  ${label.padEnd(66)} p50 ${ms(p50).padStart(9)}  p99 ${ms(p99).padStart(9)}  max ${ms(max).padStart(9)}  (n=${count})`,
  );
}

/** Sends `count` jobs, one every `everyMs`, each for a room of its own; resolves with send→start latencies. */
async function measureLive(
  send: (index: number, sentAt: number) => Promise<void>,
  started: Map<number, number>,
  { count = liveJobs, everyMs = sendEveryMs } = {},
): Promise<Latencies> {
  const sentAt = new Map<number, number>();
  for (let index = 0; index < count; index += 1) {
    const now = performance.now();
    sentAt.set(index, now);
    await send(index, now);
    await sleep(everyMs);
  }
  const deadline = performance.now() + 120_000;
  while (started.size < count && performance.now() < deadline) await sleep(20);
  return summarize([...started.entries()].map(([index, at]) => at - sentAt.get(index)!));
}

async function ownQueue(database: Database): Promise<void> {
  const queue = await createSqlJobQueue<BenchJobs>(database, {});
  const started = new Map<number, number>();
  queue.work(
    'work',
    async (job) => {
      started.set(Number(job.key), performance.now());
    },
    { concurrency },
  );
  report(
    `own SKIP LOCKED queue, live, W=${concurrency}, 1 job / ${sendEveryMs} ms`,
    await measureLive((index, sentAt) => queue.send('work', String(index), { sentAt }), started),
  );
  await queue.stop();
}

/** The sender is another queue instance (another server process, as far as the worker can tell): NOTIFY wakes the worker. */
async function ownQueueAcrossInstances(database: Database): Promise<void> {
  const sender = await createSqlJobQueue<BenchJobs>(database, {});
  const worker = await createSqlJobQueue<BenchJobs>(database, {});
  const started = new Map<number, number>();
  worker.work(
    'work',
    async (job) => {
      started.set(Number(job.key), performance.now());
    },
    { concurrency },
  );
  report(
    `own queue, sent by another instance (LISTEN/NOTIFY wake-up), W=${concurrency}`,
    await measureLive((index, sentAt) => sender.send('work', String(index), { sentAt }), started),
  );
  await sender.stop();
  await worker.stop();
}

/** Webhook POST (inject) → inbox commit → drain → room-changed handler start. */
async function webhookToHandler(database: Database): Promise<void> {
  const { db } = database;
  await db.insert(subscriptions).values(
    Array.from({ length: liveJobs }, (_, index) => ({
      id: `bench-sub-${index}`,
      mailbox: `room-${index}@bench.example`,
      resource: `/users/room-${index}@bench.example/events`,
      clientStateHash: clientStateHashOf('bench-state'),
      expiresAt: new Date(Date.now() + 86_400_000),
    })),
  );
  const queue: JobQueue<SyncJobs> = await createSqlJobQueue<SyncJobs>(database, {});
  const drainer = createNotificationDrainer({ db, queue });
  const intake = createNotificationIntake(database, { onStored: () => drainer.kick() });
  const app = await buildApp({ config: loadConfig({}), database });
  await app.register(graphWebhookRoutes, { intake, subscriptionSecrets: createSubscriptionVerifier(db) });
  const started = new Map<number, number>();
  queue.work(
    'room-changed',
    async ({ data }) => {
      started.set(Number(/room-(\d+)@/.exec(data.mailbox)![1]), performance.now());
    },
    { concurrency },
  );
  const latencies = await measureLive(async (index) => {
    const response = await app.inject({
      method: 'POST',
      url: '/webhooks/graph',
      payload: {
        value: [
          {
            subscriptionId: `bench-sub-${index}`,
            clientState: 'bench-state',
            changeType: 'updated',
            resource: `Users/${randomUUID()}/Events/AAMk${index}`,
          },
        ],
      },
    });
    if (response.statusCode !== 202) throw new Error(`webhook answered ${response.statusCode}`);
  }, started);
  report(`webhook → inbox → drain → room-changed handler, W=${concurrency}`, latencies);
  await app.close();
  await intake.close();
  await drainer.stop();
  await queue.stop();
}

function pgBossOn(database: Database, url: string | null): PgBoss {
  if (database.kind === 'pglite') {
    const client: PGlite = database.client;
    // stack-on-this-machine.md §2.3: PGlite runs one statement per query(), so pg-boss' multi-statement
    // scripts (migrations, locked maintenance) go through exec().
    return new PgBoss({
      db: {
        executeSql: async (text: string, values: unknown[]) =>
          values?.length
            ? client.query(text, values)
            : { rows: (await client.exec(text)).flatMap((r) => r.rows ?? []) },
      },
    });
  }
  return new PgBoss({ connectionString: url!, max: 4 });
}

async function pgBossWork(boss: PgBoss, batchSize: number): Promise<void> {
  const name = `work-bs${batchSize}`;
  await boss.createQueue(name);
  const started = new Map<number, number>();
  const workers = await Promise.all(
    Array.from({ length: concurrency }, () =>
      boss.work<{ index: number }>(name, { batchSize, pollingIntervalSeconds: 0.5 }, async (jobs) => {
        for (const job of jobs) started.set(job.data.index, performance.now());
      }),
    ),
  );
  // pg-boss work() serves at most batchSize jobs per worker per 0.5 s: a lighter load, or this never ends.
  const count = batchSize === 1 ? 40 : liveJobs;
  const everyMs = batchSize === 1 ? 100 : sendEveryMs;
  report(
    `pg-boss 10 work(), poll 0.5 s, batch ${batchSize}, W=${concurrency}, 1 job / ${everyMs} ms`,
    await measureLive((index) => boss.send(name, { index }).then(() => undefined), started, { count, everyMs }),
  );
  for (const id of workers) await boss.offWork({ id });
}

/**
 * pg-boss 10 without its polling worker: our own loop calls fetch() as soon as an in-process send
 * wakes it (a poll every 0.5 s covers other processes), runs up to W jobs and completes them.
 */
function drivenFetchLoop<T>(boss: PgBoss, name: string, handle: (job: PgBoss.Job<T>) => Promise<void>) {
  let isStopped = false;
  let isWakePending = false;
  let wakeUp: (() => void) | null = null;
  let inFlight = 0;
  const wake = () => {
    isWakePending = true;
    wakeUp?.();
  };
  const loop = (async () => {
    while (!isStopped) {
      isWakePending = false;
      const free = concurrency - inFlight;
      const jobs = free > 0 ? await boss.fetch<T>(name, { batchSize: free }) : [];
      for (const job of jobs) {
        inFlight += 1;
        void handle(job)
          .then(() => boss.complete(name, job.id))
          .finally(() => {
            inFlight -= 1;
            wake();
          });
      }
      if ((jobs.length === 0 || inFlight >= concurrency) && !isWakePending) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 500);
          wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wakeUp = null;
      }
    }
  })();
  return {
    wake,
    async stop() {
      isStopped = true;
      wake();
      await loop;
    },
  };
}

async function pgBossDrivenFetch(boss: PgBoss): Promise<void> {
  const name = 'work-driven';
  await boss.createQueue(name);
  const started = new Map<number, number>();
  const loop = drivenFetchLoop<{ index: number }>(boss, name, async (job) => {
    started.set(job.data.index, performance.now());
  });
  report(
    `pg-boss 10 fetch() driven by in-process wake-ups, W=${concurrency}, 1 job / ${sendEveryMs} ms`,
    await measureLive(async (index) => {
      await boss.send(name, { index });
      loop.wake();
    }, started),
  );
  await loop.stop();
}

/**
 * Per-room serialization with pg-boss 10's `stately` policy: room A runs (2 s), a second job for A
 * waits, then room B's job is sent. How long until B starts?
 */
async function pgBossStatelyBlocking(boss: PgBoss): Promise<void> {
  const name = 'rooms-stately';
  await boss.createQueue(name, { name, policy: 'stately' });
  const startedAt = new Map<string, number>();
  const loop = drivenFetchLoop<{ room: string }>(boss, name, async (job) => {
    startedAt.set(`${job.data.room}#${startedAt.size}`, performance.now());
    if (job.data.room === 'A') await sleep(2_000);
  });
  const send = async (room: string) => {
    await boss.send(name, { room }, { singletonKey: room });
    loop.wake();
  };
  await send('A');
  while (startedAt.size === 0) await sleep(5);
  await send('A');
  const bSentAt = performance.now();
  await send('B');
  while (![...startedAt.keys()].some((key) => key.startsWith('B'))) await sleep(5);
  const bStarted = [...startedAt.entries()].find(([key]) => key.startsWith('B'))![1];
  console.log(
    `  pg-boss 10 'stately', room A busy 2 s with a 2nd A job queued: room B started after ${ms(bStarted - bSentAt)}`,
  );
  await sleep(2_500);
  await loop.stop();
}

async function ownQueueStatelyEquivalent(database: Database): Promise<void> {
  const queue = await createSqlJobQueue<{ rooms: { room: string } }>(database, {});
  const startedAt: Array<[string, number]> = [];
  queue.work(
    'rooms',
    async ({ data }) => {
      startedAt.push([data.room, performance.now()]);
      if (data.room === 'A') await sleep(2_000);
    },
    { concurrency },
  );
  await queue.send('rooms', 'A', { room: 'A' });
  while (startedAt.length === 0) await sleep(5);
  await queue.send('rooms', 'A', { room: 'A' });
  const bSentAt = performance.now();
  await queue.send('rooms', 'B', { room: 'B' });
  while (!startedAt.some(([room]) => room === 'B')) await sleep(5);
  console.log(
    `  own queue, same scenario: room B started after ${ms(startedAt.find(([room]) => room === 'B')![1] - bSentAt)}`,
  );
  await queue.stop();
}

async function onDatabase(
  label: string,
  open: () => Promise<{ database: Database; url: string | null; drop(): Promise<void> }>,
) {
  console.log(`\n${label}`);
  for (const scenario of [ownQueue, ownQueueAcrossInstances, webhookToHandler, ownQueueStatelyEquivalent]) {
    const { database, drop } = await open();
    try {
      await scenario(database);
    } finally {
      await database.close();
      await drop();
    }
  }
  const { database, url, drop } = await open();
  const boss = pgBossOn(database, url);
  boss.on('error', (error: Error) => console.error('  pg-boss error:', error.message));
  await boss.start();
  try {
    await pgBossWork(boss, 1);
    await pgBossWork(boss, 100);
    await pgBossDrivenFetch(boss);
    await pgBossStatelyBlocking(boss);
  } finally {
    await boss.stop({ graceful: false, wait: true });
    await database.close();
    await drop();
  }
}

const postgresAdminUrl = process.argv[2];

await onDatabase('PGlite (file data directory)', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'queue-bench-'));
  const database = await createDb({ kind: 'pglite', dataDir });
  return { database, url: null, drop: () => rm(dataDir, { recursive: true, force: true }) };
});

if (postgresAdminUrl) {
  await onDatabase(`PostgreSQL (${new URL(postgresAdminUrl).host})`, async () => {
    const name = `queue_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: postgresAdminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(postgresAdminUrl);
    url.pathname = `/${name}`;
    const database = await createDb({ kind: 'postgres', url: url.toString() });
    return {
      database,
      url: url.toString(),
      drop: async () => {
        // pg's pool.end() resolves before its sockets are closed; a forced drop at once would make the
        // closing connections report errors.
        await sleep(200);
        const client = new pg.Client({ connectionString: postgresAdminUrl });
        await client.connect();
        await client.query(`drop database if exists ${name} with (force)`);
        await client.end();
      },
    };
  });
}
