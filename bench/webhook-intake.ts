// Throughput and latency of POST /webhooks/graph over real HTTP, against a bare Fastify route measured
// in the same run (the ratio is the number to read). The load comes from a child process (this file
// with --load), so client and server share the machine the way autocannon would. Prints; asserts nothing.
//
//   node --conditions=source --import tsx bench/webhook-intake.ts [postgres://superuser@host:port/postgres]

import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import {
  createNotificationIntake,
  insertNotifications,
  type NotificationIntake,
} from '../server/src/intake/notification-intake.js';
import { clientStateHashOf, createSubscriptionVerifier } from '../server/src/intake/subscription-verifier.js';
import { graphWebhookRoutes } from '../server/src/routes/graph-webhooks.js';
import { createDb, type Database } from '../server/src/storage/create-db.js';
import { graphNotifications, subscriptions } from '../server/src/storage/schema.js';

const connections = 50;
const warmupMs = 2_000;
const durationMs = 8_000;
const subscriptionId = 'c6126aa3-0ed8-412f-a988-71e6cee627c4';
const clientState = 'bench-client-state-0123456789abcdef';

// A realistic change notification (≈ 900 bytes, the shape of fixtures/graph/change-notification-*.json).
const body = JSON.stringify({
  value: [
    {
      subscriptionId,
      subscriptionExpirationDateTime: '2026-12-02T11:00:00.0000000Z',
      changeType: 'updated',
      resource:
        'Users/622eaaff-0683-4862-9de4-f2ec83c2bd98/Events/AAMkAGUwNjQ4ZjIxLTQ3Y2YtNDViMi1iZjc4LTMxNTVkZjY1OGRmZQBGAAAAAADUuTJK1K9aTpCdqXop_4NaBwCd9nJ-tVysQos2hTfspaWRAAAAAAENAACd9nJ-tVysQos2hTfspaWRAAD3vGpAAAA=',
      resourceData: {
        '@odata.type': '#Microsoft.Graph.Event',
        '@odata.id':
          'Users/622eaaff-0683-4862-9de4-f2ec83c2bd98/Events/AAMkAGUwNjQ4ZjIxLTQ3Y2YtNDViMi1iZjc4LTMxNTVkZjY1OGRmZQBGAAAAAADUuTJK1K9aTpCdqXop_4NaBwCd9nJ-tVysQos2hTfspaWRAAAAAAENAACd9nJ-tVysQos2hTfspaWRAAD3vGpAAAA=',
        '@odata.etag': 'W/"DwAAABYAAACd9nJ+tVysQos2hTfspaWRAAD3tU0w"',
        id: 'AAMkAGUwNjQ4ZjIxLTQ3Y2YtNDViMi1iZjc4LTMxNTVkZjY1OGRmZQBGAAAAAADUuTJK1K9aTpCdqXop_4NaBwCd9nJ-tVysQos2hTfspaWRAAAAAAENAACd9nJ-tVysQos2hTfspaWRAAD3vGpAAAA=',
      },
      clientState,
      tenantId: '84bd8158-6d4d-4958-8b9f-9d6445542f95',
    },
  ],
});

type LoadResult = { requests: number; non2xx: number; errors: number; p50: number; p99: number; max: number };

/** The client side: `connections` keep-alive loops POSTing `body` for warm-up + duration. */
async function runLoad(url: string): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(url);
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const end = measureFrom + durationMs;
  const post = () =>
    new Promise<number>((resolve, reject) => {
      const request = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const sentAt = performance.now();
        try {
          const status = await post();
          if (sentAt >= measureFrom) {
            latencies.push(performance.now() - sentAt);
            if (status < 200 || status >= 300) non2xx += 1;
          }
        } catch {
          errors += 1;
        }
      }
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { requests: latencies.length, non2xx, errors, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? NaN };
}

async function loadFromChild(url: string): Promise<LoadResult> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', fileURLToPath(import.meta.url), '--load', url],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`load generator exited ${code}`)))),
  );
  return JSON.parse(output) as LoadResult;
}

async function measure(label: string, app: FastifyInstance, baseline?: number): Promise<number> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const result = await loadFromChild(`http://127.0.0.1:${port}/webhooks/graph`);
  await app.close();
  const perSecond = result.requests / (durationMs / 1000);
  const ratio = baseline ? `  ${((100 * perSecond) / baseline).toFixed(0).padStart(3)} % of bare` : '';
  console.log(
    `  ${label.padEnd(58)} ${Math.round(perSecond).toString().padStart(6)} req/s  p50 ${result.p50.toFixed(1).padStart(6)} ms  p99 ${result.p99
      .toFixed(1)
      .padStart(6)} ms  max ${result.max.toFixed(0).padStart(5)} ms  non-2xx ${result.non2xx + result.errors}${ratio}`,
  );
  return perSecond;
}

async function intakeApp(database: Database, intake: NotificationIntake): Promise<FastifyInstance> {
  const app = await buildApp({ config: loadConfig({}), database }, { logger: false });
  await app.register(graphWebhookRoutes, { intake, subscriptionSecrets: createSubscriptionVerifier(database.db) });
  return app;
}

const bareApp = () => {
  const app = Fastify({ logger: false });
  app.post('/webhooks/graph', async (_request, reply) => reply.code(202).send());
  return app;
};

/** Other work on a shared machine shifts every figure, so each variant is compared with a bare run right before it. */
async function onDatabase(label: string, open: () => Promise<{ database: Database; drop(): Promise<void> }>) {
  console.log(`\n${label}`);
  const variants: Array<[string, (database: Database) => NotificationIntake & { close?(): Promise<void> }]> = [
    ['webhook route, intake that stores nothing (route cost only)', () => ({ store: async () => undefined })],
    [
      'webhook route, group commit (this intake)',
      (database) => createNotificationIntake(database, { maxConcurrentCommits: database.kind === 'postgres' ? 4 : 1 }),
    ],
    ['webhook route, one INSERT per request (for contrast)', (database) => ({ store: insertNotifications(database) })],
  ];
  for (const [variant, makeIntake] of variants) {
    const { database, drop } = await open();
    try {
      await database.db.insert(subscriptions).values({
        id: subscriptionId,
        mailbox: 'room-4.12@contoso.com',
        resource: '/users/room-4.12@contoso.com/events',
        clientStateHash: clientStateHashOf(clientState),
        expiresAt: new Date(Date.now() + 86_400_000),
      });
      const intake = makeIntake(database);
      const bare = await measure('bare Fastify route (202, no work)', bareApp());
      await measure(variant, await intakeApp(database, intake), bare);
      await intake.close?.();
      const stored = await database.db.$count(graphNotifications);
      console.log(`    rows stored: ${stored} (every 202 above, plus the warm-up)`);
    } finally {
      await database.close();
      await drop();
    }
  }
}

if (process.argv[2] === '--load') {
  process.stdout.write(JSON.stringify(await runLoad(process.argv[3]!)));
} else {
  console.log(
    `${connections} connections, ${warmupMs / 1000} s warm-up + ${durationMs / 1000} s, ${Buffer.byteLength(body)}-byte body`,
  );
  await onDatabase('PGlite (file data directory)', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'intake-bench-'));
    return {
      database: await createDb({ kind: 'pglite', dataDir }),
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  });
  const postgresAdminUrl = process.argv[2];
  if (postgresAdminUrl) {
    await onDatabase(`PostgreSQL (${new URL(postgresAdminUrl).host}, pool 10)`, async () => {
      const name = `intake_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      const run = async (statement: string) => {
        const client = new pg.Client({ connectionString: postgresAdminUrl });
        await client.connect();
        await client.query(statement);
        await client.end();
      };
      await run(`create database ${name}`);
      const url = new URL(postgresAdminUrl);
      url.pathname = `/${name}`;
      return {
        database: await createDb({ kind: 'postgres', url: url.toString() }),
        // pg's pool.end() resolves before its sockets are closed; a forced drop at once would make
        // the closing connections report errors.
        drop: () => sleep(200).then(() => run(`drop database if exists ${name} with (force)`)),
      };
    });
  }
}
