// One server instance of the scale benchmark, in a process of its own (bench/support/server-instance.ts
// starts it under /usr/bin/time -v), so its peak memory is the server's alone: the emulators and the
// benchmark's driver run in the parent. It is the production server in real mode (the environment
// points it at the emulators, as a standalone emulator is used in docs/operations.md), on PostgreSQL
// or, with BENCH_PGLITE_DIR, on PGlite in that directory. The parent asks it over the IPC channel for
// what only this process can see: the database's counts and backlog (PGlite is reachable from this
// process only), the SQL statements sent to PGlite, the webhooks it received, its CPU and memory.

import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../server/src/config.js';
import { startServer } from '../../server/src/runtime/start-server.js';
import * as schema from '../../server/src/storage/schema.js';
import { countPgliteStatements } from './pglite-statements.js';
import { observeRequests } from './request-probe.js';

type Command =
  | { id: number; kind: 'link'; rooms: Array<{ workplaceAreaId: string; mailbox: string; displayName: string }> }
  | { id: number; kind: 'counts' }
  | { id: number; kind: 'count-statements' }
  | { id: number; kind: 'statements' }
  | { id: number; kind: 'tables' }
  | { id: number; kind: 'record-arrivals' }
  | { id: number; kind: 'webhooks' }
  | { id: number; kind: 'process' }
  | { id: number; kind: 'close' };

const pgliteDir = process.env['BENCH_PGLITE_DIR'];
const fromEnv = loadConfig(
  pgliteDir ? { ...process.env, DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused' } : process.env,
);
const config = pgliteDir
  ? {
      ...fromEnv,
      database: { kind: 'pglite' as const, dataDir: pgliteDir },
      // The default for PGlite (config.ts) unless the environment set it.
      sync: { ...fromEnv.sync, feedConcurrency: Number(process.env['SYNC_FEED_CONCURRENCY'] ?? 1) },
    }
  : fromEnv;
const server = await startServer(config);
const { db } = server.database;

// Webhooks received (Graph notifications, Workplace's webhook): per id, when (epoch ms) each first came.
// Recorded only when asked (the busy day): the initial sync's 50,000 would weigh on this process's memory.
const arrivals: Array<[string, number]> = [];
let recordArrivals = false;
let notifications = 0;
const stopProbe = observeRequests({
  onStart({ method, url, body, startedAt }) {
    if (method !== 'POST') return;
    const at = performance.timeOrigin + startedAt;
    if (url.startsWith('/webhooks/graph')) {
      for (const item of (body as { value?: Array<Record<string, unknown>> } | undefined)?.value ?? []) {
        if (item['lifecycleEvent']) continue;
        notifications += 1;
        const id = (item['resourceData'] as { id?: string } | undefined)?.id;
        if (id && recordArrivals) arrivals.push([id, at]);
      }
    } else if (recordArrivals && url.startsWith('/webhooks/workplace') && Buffer.isBuffer(body)) {
      const { changes = [] } = JSON.parse(body.toString()) as { changes?: Array<{ reservationId: string }> };
      for (const change of changes) arrivals.push([change.reservationId, at]);
    }
  },
});

let statements: ReturnType<typeof countPgliteStatements> = null;
let rssPeak = process.memoryUsage().rss;
/** The peak since the rooms were linked: the sync's work, without the start (PGlite's initialisation). */
let rssPeakSinceLink = 0;
const sampler = setInterval(() => {
  const { rss } = process.memoryUsage();
  rssPeak = Math.max(rssPeak, rss);
  if (rssPeakSinceLink > 0) rssPeakSinceLink = Math.max(rssPeakSinceLink, rss);
}, 500);

async function answer(command: Command): Promise<unknown> {
  switch (command.kind) {
    case 'link':
      rssPeakSinceLink = process.memoryUsage().rss;
      await db.insert(schema.rooms).values(command.rooms.map((room) => ({ ...room, buildingId: 'b-bru' })));
      await server.queue.send('renew-subscriptions', `bench-link-${Date.now()}`, {});
      return null;
    case 'counts': {
      const { rows } = await db.execute<{ links: number; subscribed: number; jobs: number; notifications: number }>(
        sql`select
              (select count(*)::int from booking_links) as links,
              (select count(*)::int from subscriptions where status = 'active') as subscribed,
              (select count(*)::int from jobs where state = 'active' or (state = 'pending' and run_at <= now())) as jobs,
              (select count(*)::int from graph_notifications where processed_at is null) as notifications`,
      );
      const row = rows[0]!;
      return { links: row.links, subscribed: row.subscribed, backlog: row.jobs + row.notifications };
    }
    case 'count-statements':
      statements = countPgliteStatements(server.database);
      return null;
    case 'statements':
      return statements ? { count: statements.count(), top: statements.top(8) } : null;
    case 'tables': {
      const { rows } = await db.execute<{ name: string; bytes: string }>(
        sql`select relname as name, pg_total_relation_size(relid) as bytes from pg_catalog.pg_statio_user_tables
            order by pg_total_relation_size(relid) desc limit 6`,
      );
      return rows.map(({ name, bytes }): [string, number] => [name, Number(bytes)]);
    }
    case 'record-arrivals':
      recordArrivals = true;
      return null;
    case 'webhooks':
      return { notifications, arrivals };
    case 'process': {
      globalThis.gc?.();
      const memory = process.memoryUsage();
      const peak = rssPeak;
      rssPeak = memory.rss;
      return {
        cpu: process.cpuUsage(),
        memory,
        rssPeakSinceLastAsked: Math.max(peak, memory.rss),
        rssPeakSinceLink: Math.max(rssPeakSinceLink, memory.rss),
      };
    }
    case 'close':
      clearInterval(sampler);
      stopProbe();
      await server.close();
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (command: Command) => {
  answer(command).then(
    (result) => process.send!({ id: command.id, result }),
    (error: unknown) => process.send!({ id: command.id, error: String((error as Error)?.stack ?? error) }),
  );
});
process.send!({ id: 0, result: 'ready' });
