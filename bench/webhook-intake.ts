// Throughput and latency of POST /webhooks/graph over real HTTP (issue 8, item 1), against a bare
// Fastify route measured in the same run (the ratio is the number to read), at 10 and 50 connections,
// on PGlite and (with DATABASE_URL, a superuser's URL: each run creates and drops its own database) on
// PostgreSQL. The load comes from autocannon in a child process (this file with --load), so client
// and server share the machine. Every 202 must be a stored row: the row count is checked against the
// 2xx answers after each variant. Prints; asserts nothing.
//
//   node --conditions=source --import tsx bench/webhook-intake.ts [--full]
//   DATABASE_URL=postgres://postgres@127.0.0.1:<port>/postgres node --conditions=source --import tsx bench/webhook-intake.ts
//
// The bare route and the variant take turns (rounds) so that drift on a shared machine hits both.
// Quick: the group-commit intake only, 2 rounds of 0.5 s warm-up + 2 s. Full: 5 rounds of 1 s + 5 s,
// plus the route without storage (its own cost), the intake on a plain Fastify app (what buildApp's
// plugins cost) and one INSERT per request (for contrast).

import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import {
  createNotificationIntake,
  insertNotifications,
  type NotificationIntake,
} from '../server/src/intake/notification-intake.js';
import { clientStateHashOf, createSubscriptionVerifier } from '../server/src/intake/subscription-verifier.js';
import { errorHandler } from '../server/src/plugins/error-handler.js';
import { graphWebhookRoutes } from '../server/src/routes/graph-webhooks.js';
import { createDb, type Database } from '../server/src/storage/create-db.js';
import { graphNotifications, subscriptions } from '../server/src/storage/schema.js';
import { postLoad, type LoadResult } from './support/autocannon.js';
import { benchMode, byMode, NO_DATABASE_URL, postgresAdminUrl } from './support/cli.js';
import { createTempDir, createTempPostgresDatabase, postgresVersion } from './support/databases.js';
import { createReport } from './support/figures.js';
import { formatNumber } from './support/format.js';
import { median } from './support/stats.js';
import { describeMachine } from './support/machine.js';

const mode = benchMode();
const CONNECTIONS = [10, 50];
const ROUNDS = byMode(mode, 2, 5);
const WARMUP_SECONDS = byMode(mode, 0.5, 1);
const DURATION_SECONDS = byMode(mode, 2, 5);
const TARGET_SHARE = 0.25;
const TARGET_P99_MS = 50;
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

/** Runs the load child: `rounds` × (bare route, then the variant), each a warm-up and a measured run. */
async function loadFromChild(bareUrl: string, variantUrl: string, connections: number): Promise<Rounds> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--load',
      bareUrl,
      variantUrl,
      String(connections),
      ...(mode === 'full' ? ['--full'] : []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`load generator exited ${code}`)))),
  );
  return JSON.parse(output) as Rounds;
}

type Rounds = { bare: LoadResult[]; variant: LoadResult[] };
type Measured = LoadResult & { rounds: number[] };

/** The median of each figure over the rounds; `acknowledged` is their sum. */
function combine(results: LoadResult[]): Measured {
  const pick = (key: keyof LoadResult) => median(results.map((result) => result[key]));
  return {
    requestsPerSecond: pick('requestsPerSecond'),
    p50: pick('p50'),
    p99: pick('p99'),
    max: Math.max(...results.map((result) => result.max)),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    acknowledged: results.reduce((sum, result) => sum + result.acknowledged, 0),
    rounds: results.map((result) => result.requestsPerSecond),
  };
}

function printLine(label: string, result: Measured, bare?: Measured) {
  const share = bare
    ? `  ${((100 * result.requestsPerSecond) / bare.requestsPerSecond).toFixed(0).padStart(3)} % of bare`
    : '';
  console.log(
    `  ${label.padEnd(62)} ${Math.round(result.requestsPerSecond).toString().padStart(6)} req/s  p50 ${result.p50.toFixed(1).padStart(5)} ms  p99 ${result.p99
      .toFixed(1)
      .padStart(
        5,
      )} ms  max ${result.max.toFixed(0).padStart(4)} ms  non-2xx ${result.non2xx + result.errors}${share}  (rounds: ${result.rounds
      .map((value) => Math.round(value))
      .join(', ')})`,
  );
}

/**
 * The bare route and the variant listen side by side and take turns under the same load, ROUNDS
 * times: drift on a shared machine then hits both alike. Figures are the medians over the rounds.
 */
async function measurePair(label: string, variant: FastifyInstance, connections: number) {
  const bare = bareApp();
  const urls = [];
  for (const app of [bare, variant]) {
    await app.listen({ host: '127.0.0.1', port: 0 });
    urls.push(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/webhooks/graph`);
  }
  const rounds = await loadFromChild(urls[0]!, urls[1]!, connections);
  await bare.close();
  await variant.close();
  const result = { bare: combine(rounds.bare), variant: combine(rounds.variant) };
  printLine(`bare Fastify route (202, no work), ${connections} conn.`, result.bare);
  printLine(`${label}, ${connections} conn.`, result.variant, result.bare);
  return result;
}

async function intakeApp(database: Database, intake: NotificationIntake): Promise<FastifyInstance> {
  // No per-client rate limit: the load comes from one address and the capacity is what is measured.
  const config = loadConfig({ RATE_LIMIT_WEBHOOKS_PER_MINUTE: '0' });
  const app = await buildApp({ config, database }, { logger: false });
  await app.register(graphWebhookRoutes, { intake, subscriptionSecrets: createSubscriptionVerifier(database.db) });
  return app;
}

/** The route with only what it needs (zod compilers, the error handler): what buildApp's hooks cost. */
async function plainApp(database: Database, intake: NotificationIntake): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(errorHandler);
  await app.register(graphWebhookRoutes, { intake, subscriptionSecrets: createSubscriptionVerifier(database.db) });
  return app;
}

const bareApp = () => {
  const app = Fastify({ logger: false });
  app.post('/webhooks/graph', async (_request, reply) => reply.code(202).send());
  return app;
};

type Variant = {
  label: string;
  isTheIntake: boolean;
  /** Whether every 202 of this variant must be a stored row. */
  stores: boolean;
  make: (database: Database) => NotificationIntake & { close?(): Promise<void> };
  /** The app around the route: the server's own (buildApp) unless given. */
  app?: (database: Database, intake: NotificationIntake) => Promise<FastifyInstance>;
};
const GROUP_COMMIT: Variant = {
  label: 'webhook route, group commit (this intake)',
  isTheIntake: true,
  stores: true,
  make: (database) =>
    createNotificationIntake(database, { maxConcurrentCommits: database.kind === 'postgres' ? 4 : 1 }),
};
const VARIANTS: Variant[] = byMode(
  mode,
  [GROUP_COMMIT],
  [
    {
      label: 'webhook route, intake that stores nothing (route cost only)',
      isTheIntake: false,
      stores: false,
      make: () => ({ store: async () => undefined }),
    },
    GROUP_COMMIT,
    {
      label: 'webhook route, group commit, on a plain Fastify app (none of buildApp’s plugins)',
      isTheIntake: false,
      stores: true,
      make: GROUP_COMMIT.make,
      app: plainApp,
    },
    {
      label: 'webhook route, one INSERT per request (for contrast)',
      isTheIntake: false,
      stores: true,
      make: (database) => ({ store: insertNotifications(database) }),
    },
  ],
);

const report = createReport('webhook-intake');

/** Other work on a shared machine shifts every figure, so each variant is compared with a bare run right before it. */
async function onDatabase(label: string, open: () => Promise<{ database: Database; drop(): Promise<void> }>) {
  console.log(`\n${label}`);
  for (const variant of VARIANTS) {
    const { database, drop } = await open();
    try {
      await database.db.insert(subscriptions).values({
        id: subscriptionId,
        mailbox: 'room-4.12@contoso.com',
        resource: '/users/room-4.12@contoso.com/events',
        clientStateHash: clientStateHashOf(clientState),
        expiresAt: new Date(Date.now() + 86_400_000),
      });
      const intake = variant.make(database);
      let acknowledged = 0;
      for (const connections of CONNECTIONS) {
        const { bare, variant: result } = await measurePair(
          variant.label,
          await (variant.app ?? intakeApp)(database, intake),
          connections,
        );
        acknowledged += result.acknowledged;
        const what = `${label.split(' (')[0]}, ${connections} connections`;
        const isTarget = variant.isTheIntake && connections === 50;
        const name = variant.isTheIntake ? what : `${variant.label.replace('webhook route, ', '')}, ${what}`;
        report.add({
          name: `req/s, ${name}`,
          value: result.requestsPerSecond,
          unit: 'req/s',
          baseline: { label: 'bare route', value: bare.requestsPerSecond },
          ...(isTarget
            ? {
                target: {
                  text: `≥ ${TARGET_SHARE * 100} % of bare`,
                  met: result.requestsPerSecond >= TARGET_SHARE * bare.requestsPerSecond && result.non2xx === 0,
                },
              }
            : {}),
          note: `p50 ${formatNumber(result.p50)} ms; ${result.non2xx + result.errors} non-2xx/errors`,
        });
        report.add({
          name: `p99, ${name}`,
          value: result.p99,
          unit: 'ms',
          baseline: { label: 'bare route', value: bare.p99 },
          ...(isTarget ? { target: { text: `≤ ${TARGET_P99_MS} ms`, met: result.p99 <= TARGET_P99_MS } } : {}),
        });
      }
      await intake.close?.();
      if (variant.stores) {
        const stored = await database.db.$count(graphNotifications);
        const isDurable = stored >= acknowledged;
        console.log(
          `    rows stored: ${stored}, 202s answered (warm-ups included): ${acknowledged}${isDurable ? '' : '  ← FEWER ROWS THAN ACKNOWLEDGEMENTS'}`,
        );
        report.add({
          name: `rows stored per 202, ${variant.label.replace('webhook route, ', '')}, ${label.split(' (')[0]}`,
          value: stored / acknowledged,
          unit: '',
          target: { text: 'every 202 stored (≥ 1)', met: isDurable },
        });
      }
    } finally {
      await database.close();
      await drop();
    }
  }
}

if (process.argv[2] === '--load') {
  const [bareUrl, variantUrl, connections] = process.argv.slice(3);
  const rounds: Rounds = { bare: [], variant: [] };
  const load = (url: string) =>
    postLoad({
      url,
      connections: Number(connections),
      body,
      warmupSeconds: WARMUP_SECONDS,
      durationSeconds: DURATION_SECONDS,
    });
  for (let round = 0; round < ROUNDS; round++) {
    rounds.bare.push(await load(bareUrl!));
    rounds.variant.push(await load(variantUrl!));
  }
  process.stdout.write(JSON.stringify(rounds));
} else {
  console.log(
    `webhook intake (${mode}): ${CONNECTIONS.join(' and ')} connections; ${ROUNDS} rounds of bare route and intake taking turns, each ${WARMUP_SECONDS} s warm-up + ${DURATION_SECONDS} s; ${Buffer.byteLength(body)}-byte body (autocannon in a child process); medians`,
  );
  for (const line of describeMachine()) console.log(`  ${line}`);
  await onDatabase('PGlite (file data directory)', async () => {
    const dataDir = await createTempDir('intake-bench');
    return { database: await createDb({ kind: 'pglite', dataDir: dataDir.dir }), drop: dataDir.remove };
  });
  // Kept from the first version of this benchmark: the URL as the first argument.
  const adminUrl = postgresAdminUrl() ?? (process.argv[2]?.startsWith('postgres') ? process.argv[2] : null);
  if (adminUrl) {
    await onDatabase(
      `PostgreSQL (${await postgresVersion(adminUrl)}, ${new URL(adminUrl).host}, pool 10)`,
      async () => {
        const temp = await createTempPostgresDatabase(adminUrl, 'intake_bench');
        return { database: await createDb({ kind: 'postgres', url: temp.url }), drop: temp.drop };
      },
    );
  } else {
    report.skip('webhook intake on PostgreSQL', NO_DATABASE_URL);
  }
  report.finish();
}
