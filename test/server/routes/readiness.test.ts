import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../../server/src/app.js';
import { loadConfig } from '../../../server/src/config.js';
import { AppError } from '../../../server/src/errors.js';
import {
  databaseCheck,
  graphCheck,
  queueCheck,
  workplaceCheck,
} from '../../../server/src/observability/readiness-checks.js';
import type { ReadinessCheck } from '../../../server/src/observability/readiness-checks.js';
import type { ReadinessRoutesOptions } from '../../../server/src/routes/readiness.js';
import type { Database } from '../../../server/src/storage/create-db.js';
import { createTestPglite } from '../../support/test-db.js';

const ok: ReadinessCheck = async () => {};
const never: ReadinessCheck = () => new Promise(() => {});

let database: Database;
beforeAll(async () => {
  database = await createTestPglite();
});
afterAll(() => database?.close());

async function readyz(readiness: ReadinessRoutesOptions) {
  const app = await buildApp({ config: loadConfig({}), database, readiness });
  try {
    const response = await app.inject({ url: '/readyz' });
    return { status: response.statusCode, body: response.json(), headers: response.headers };
  } finally {
    await app.close();
  }
}

describe('GET /readyz', () => {
  const checks = () => ({
    database: databaseCheck(database),
    queue: queueCheck(database.db, { isAccepting: () => true }),
    graph: graphCheck({ listRoomLists: async () => [] }),
    workplace: workplaceCheck({ listBuildings: async () => [] }),
  });

  test('all checks pass: 200 ready, with each check and its duration', async () => {
    const { status, body, headers } = await readyz({ checks: checks() });
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'ready',
      checks: {
        database: { status: 'ok', durationMs: expect.any(Number) },
        queue: { status: 'ok', durationMs: expect.any(Number) },
        graph: { status: 'ok', durationMs: expect.any(Number) },
        workplace: { status: 'ok', durationMs: expect.any(Number) },
      },
    });
    expect(headers['cache-control']).toBe('no-store');
  });

  test.each([
    [
      'graph',
      { graph: graphCheck({ listRoomLists: () => Promise.reject(new AppError('UPSTREAM_FAILED', 'x')) }) },
      'UPSTREAM_FAILED',
    ],
    [
      'workplace',
      { workplace: workplaceCheck({ listBuildings: () => Promise.reject(new AppError('UNAVAILABLE', 'x')) }) },
      'UNAVAILABLE',
    ],
    ['queue', { queue: () => queueCheck(database.db, { isAccepting: () => false })() }, 'Error'],
    ['database', { database: () => Promise.reject(new Error('connection refused')) }, 'Error'],
  ])('%s failing: 503 naming it, the others still ok', async (name, failing, reason) => {
    const { status, body } = await readyz({ checks: { ...checks(), ...failing } });
    expect(status).toBe(503);
    expect(body.status).toBe('not-ready');
    expect(body.checks[name]).toEqual({ status: 'failed', durationMs: expect.any(Number), reason });
    for (const other of ['database', 'queue', 'graph', 'workplace'].filter((check) => check !== name)) {
      expect(body.checks[other].status).toBe('ok');
    }
  });

  test('a check that hangs fails on its timeout, and the answer still comes', async () => {
    const startedAt = Date.now();
    const { status, body } = await readyz({ checks: { graph: never, database: ok }, timeoutMs: 100 });
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect(status).toBe(503);
    expect(body.checks.graph).toMatchObject({ status: 'failed', reason: 'timeout' });
  });

  test('why a check failed is logged, never answered (an error may name hosts or carry secrets)', async () => {
    const failing: ReadinessCheck = () =>
      Promise.reject(new Error('connect ECONNREFUSED 10.1.2.3:5432 with password=hunter2'));
    const { body } = await readyz({ checks: { database: failing } });
    expect(JSON.stringify(body)).not.toMatch(/10\.1\.2\.3|hunter2/);
  });

  test('probes within a moment share one run of the checks (probes cannot flood Graph)', async () => {
    let runs = 0;
    const counted: ReadinessCheck = async () => void (runs += 1);
    const app = await buildApp({ config: loadConfig({}), database, readiness: { checks: { graph: counted } } });
    try {
      await Promise.all([app.inject({ url: '/readyz' }), app.inject({ url: '/readyz' })]);
      await app.inject({ url: '/readyz' });
      expect(runs).toBe(1);
    } finally {
      await app.close();
    }
  });

  test('without injected checks, the database is checked', async () => {
    const own = await createTestPglite();
    const app = await buildApp({ config: loadConfig({}), database: own });
    try {
      const ready = await app.inject({ url: '/readyz' });
      expect(ready.json()).toMatchObject({ status: 'ready', checks: { database: { status: 'ok' } } });
      await own.close();
      const closed = await buildApp({ config: loadConfig({}), database: own });
      expect((await closed.inject({ url: '/readyz' })).statusCode).toBe(503);
      await closed.close();
    } finally {
      await app.close();
      await own.close();
    }
  });

  test('/healthz stays alive whatever the dependencies say', async () => {
    const app = await buildApp({
      config: loadConfig({}),
      database,
      readiness: { checks: { database: () => Promise.reject(new Error('down')) } },
    });
    try {
      expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/readyz' })).statusCode).toBe(503);
    } finally {
      await app.close();
    }
  });
});
