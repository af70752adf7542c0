import { sql } from 'drizzle-orm';
import { loadConfig } from '../../server/src/config.js';
import { startServer } from '../../server/src/runtime/start-server.js';
import { freePort } from '../../test/support/free-port.js';
import { waitUntilQuiet } from './wait-until-quiet.js';
import { createTempDir, createTempPostgresDatabase, directorySize, postgresDatabaseSize } from './databases.js';

export type EmbeddedServer = Awaited<ReturnType<typeof startEmbeddedServer>>;

/**
 * `npm start`'s embedded default (both emulators in-process, real HTTPS webhooks, the job queue and
 * the sync) on free ports, on PGlite in a temporary data dir or, with `postgresAdminUrl`, on a fresh
 * PostgreSQL database. Settings for benchmarks: silent logs; the hourly/10-minute backstop passes
 * (room poll) pushed out of the measured window unless `env` says otherwise.
 */
export async function startEmbeddedServer({
  env = {},
  postgresAdminUrl = null,
}: { env?: Record<string, string>; postgresAdminUrl?: string | null } = {}) {
  const dataDir = await createTempDir('bench-server');
  const postgres = postgresAdminUrl ? await createTempPostgresDatabase(postgresAdminUrl, 'bench_server') : null;
  const config = loadConfig({
    PORT: String(await freePort()),
    GRAPH_EMULATOR_PORT: String(await freePort()),
    WORKPLACE_EMULATOR_PORT: String(await freePort()),
    DATA_DIR: dataDir.dir,
    LOG_LEVEL: 'silent',
    SYNC_ROOM_POLL_SECONDS: '86400',
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    ...env,
  });
  const server = await startServer(config);
  const emulators = server.emulators;
  if (!emulators) throw new Error('the embedded default has no emulators');

  /** Work the sync still has to do now: running or due jobs, undrained notifications. */
  async function backlog(): Promise<number> {
    const { rows } = await server.database.db.execute<{ jobs: number; notifications: number }>(
      sql`select
            (select count(*)::int from jobs where state = 'active' or (state = 'pending' and run_at <= now())) as jobs,
            (select count(*)::int from graph_notifications where processed_at is null) as notifications`,
    );
    return rows[0]!.jobs + rows[0]!.notifications;
  }

  return {
    server,
    config,
    emulators,
    databaseKind: postgres ? ('postgres' as const) : ('pglite' as const),
    backlog,
    /** Waits until both emulators delivered everything and the sync has nothing due (twice in a row). */
    waitForIdle: (options: { timeoutMs?: number; quietMs?: number } = {}): Promise<number> =>
      waitUntilQuiet({ idle: () => emulators.graph.idle(), backlog }, options),
    /** Bytes on disk: the PGlite data dir, or pg_database_size. */
    databaseSize: () => (postgres ? postgresDatabaseSize(postgres.url) : directorySize(dataDir.dir)),
    async close() {
      await server.close();
      await postgres?.drop();
      await dataDir.remove();
    },
  };
}

/** Workplace's API as the sync sees it, through the in-process emulator (no socket). */
export async function workplaceApi<T>(
  embedded: Pick<EmbeddedServer, 'emulators'>,
  url: string,
  options: { method?: 'GET' | 'POST' | 'PATCH'; payload?: object } = {},
): Promise<T> {
  const response = await embedded.emulators.workplace.inject({
    method: options.method ?? 'GET',
    url,
    headers: { authorization: `Bearer ${embedded.emulators.workplaceApiKey}` },
    ...(options.payload ? { payload: options.payload } : {}),
  });
  if (response.statusCode >= 300) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return response.json() as T;
}

/** A kiosk (Workplace touchpoint) action: what a person does at the room's screen. */
export async function kiosk<T>(
  embedded: Pick<EmbeddedServer, 'emulators'>,
  method: 'POST' | 'PATCH',
  path: string,
  payload?: object,
): Promise<T> {
  const response = await embedded.emulators.workplace.inject({
    method,
    url: `/_emulator/touchpoints/kiosk${path}`,
    ...(payload ? { payload } : {}),
  });
  if (response.statusCode >= 300) throw new Error(`kiosk ${method} ${path}: ${response.statusCode} ${response.body}`);
  return response.json() as T;
}
