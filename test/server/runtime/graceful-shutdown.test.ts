import { connect } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../../server/src/config.js';
import { startServer } from '../../../server/src/runtime/start-server.js';
import { createDb } from '../../../server/src/storage/create-db.js';
import { eventually, freePort } from '../../support/free-port.js';

// The embedded default as `npm start` runs it, stopped as SIGTERM stops it (server.ts calls close()):
// it stops taking work, finishes or releases its jobs and closes PGlite, so the next start (a restart,
// a deployment) can open the same data directory.

const isListening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

async function embeddedConfig(dataDir: string) {
  return loadConfig({
    PORT: String(await freePort()),
    GRAPH_EMULATOR_PORT: String(await freePort()),
    WORKPLACE_EMULATOR_PORT: String(await freePort()),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SHUTDOWN_GRACE_SECONDS: '5',
  });
}

describe('graceful shutdown', () => {
  let dataDir: string;
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  test('a running server is ready, measured, and close() stops it cleanly and frees its data directory', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'workplace-sync-shutdown-'));
    const config = await embeddedConfig(dataDir);
    const server = await startServer(config);

    // Readiness with the real checks: PGlite, the job table, both emulators over HTTPS.
    const ready = await eventually(
      async () => {
        const response = await server.app.inject({ url: '/readyz' });
        return response.statusCode === 200 && (response.json() as { checks: Record<string, unknown> });
      },
      { what: 'the server to be ready' },
    );
    expect(Object.keys(ready.checks).sort()).toEqual(['database', 'graph', 'queue', 'workplace']);
    // Metrics of this server: its Graph calls, its jobs, the process.
    const metrics = await eventually(
      async () => {
        const text = (await server.app.inject({ url: '/metrics' })).body;
        return text.includes('workplace_sync_jobs_total{queue="room-changed",outcome="completed"}') && text;
      },
      { what: 'a room synced' },
    );
    expect(metrics).toMatch(/workplace_sync_graph_requests_total\{method="GET",status_code="200"\} [1-9]/);
    expect(metrics).toContain('process_cpu_user_seconds_total');

    const startedAt = Date.now();
    await server.close();
    expect(Date.now() - startedAt).toBeLessThan(20_000);
    expect(await isListening(config.port)).toBe(false);
    await server.close(); // idempotent

    // The data directory's lock is released, and no job was left claimed.
    const database = await createDb(config.database);
    try {
      const { rows } = await database.db.execute<{ count: number | string }>(
        sql`select count(*) as count from jobs where state = 'active'`,
      );
      expect(Number(rows[0]!.count)).toBe(0);
    } finally {
      await database.close();
    }

    // The next start on the same data directory works.
    const restarted = await startServer(await embeddedConfig(dataDir));
    try {
      expect((await restarted.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await restarted.close();
    }
  }, 180_000);
});
