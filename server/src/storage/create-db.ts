import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { existsSync } from 'node:fs';
import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import * as schema from './schema.js';

/**
 * What `db.execute(sql)` returns on either driver: PGlite's `Results` and node-postgres' `QueryResult`
 * both carry `rows` (their other fields differ, so only `rows` is promised).
 */
export interface RowsQueryResultHKT extends PgQueryResultHKT {
  type: QueryRows<this['row']>;
}
export type QueryRows<TRow> = { rows: TRow[] };

/** The one drizzle type both drivers satisfy: repositories take this and never learn which driver runs. */
export type Db = PgDatabase<RowsQueryResultHKT, typeof schema>;

export type DbOptions =
  | {
      kind: 'pglite';
      /** null = in memory. A directory is created if missing and locked while open (see data-dir-lock.ts). */
      dataDir: string | null;
      /** In memory only: start from a `dumpDataDir()` tarball instead of an empty cluster (tests use a migrated template). */
      loadDataDir?: Blob;
    }
  | {
      kind: 'postgres';
      url: string;
      poolMax?: number;
      /** Errors of idle pooled connections (server restart, idle timeout); the pool replaces the connection. */
      onIdleClientError?: (error: Error) => void;
    };

type DatabaseBase = { db: Db; close(): Promise<void> };
/** `client` is for what drizzle cannot do, such as handing the connection to the job queue. */
export type Database =
  (DatabaseBase & { kind: 'pglite'; client: PGlite }) | (DatabaseBase & { kind: 'postgres'; client: pg.Pool });

// Resolved from this module, so it works from src/ (tsx, vitest) and from dist/ as long as the build
// copies src/storage/migrations/ next to the compiled create-db.js (tsc does not copy .sql files).
export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

const minimumPostgresVersion = 150000; // UNIQUE NULLS NOT DISTINCT on booking_links

// Any constant int8 works; it only has to be the same in every instance of this app.
const migrationLockKey = '4711020260001';

/** Opens the database and applies the committed migrations (a no-op when they are already applied). */
export async function createDb(options: DbOptions): Promise<Database> {
  assertMigrationsPresent();
  return options.kind === 'pglite' ? openPglite(options) : openPostgres(options);
}

async function openPglite({ dataDir, loadDataDir }: Extract<DbOptions, { kind: 'pglite' }>): Promise<Database> {
  if (dataDir !== null && loadDataDir)
    throw new Error('loadDataDir only applies to an in-memory PGlite (dataDir: null)');
  let lock: DataDirLock | null = null;
  let client: PGlite | null = null;
  try {
    if (dataDir === null) {
      client = await PGlite.create(loadDataDir ? { loadDataDir } : {});
    } else {
      await mkdir(dataDir, { recursive: true });
      const canonicalDir = await realpath(dataDir);
      lock = await lockDataDir(canonicalDir);
      client = await PGlite.create({ dataDir: canonicalDir });
    }
    const db = drizzlePglite({ client, schema });
    await migratePglite(db, { migrationsFolder });
    const openClient = client;
    const heldLock = lock;
    return {
      kind: 'pglite',
      db,
      client: openClient,
      close: once(async () => {
        try {
          await openClient.close();
        } finally {
          await heldLock?.release();
        }
      }),
    };
  } catch (error) {
    // An open PGlite keeps Node alive and a held lock blocks the next start, so neither may outlive a failed open.
    await client?.close().catch(() => undefined);
    await lock?.release();
    throw error;
  }
}

async function openPostgres({
  url,
  poolMax = 10,
  onIdleClientError = (error) => console.warn(`PostgreSQL: idle connection failed: ${error.message}`),
}: Extract<DbOptions, { kind: 'postgres' }>): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolMax });
  // pg emits 'error' on the pool when an idle connection dies; with no listener that crashes the process.
  pool.on('error', onIdleClientError);
  try {
    await migratePostgres(pool, url);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return { kind: 'postgres', db: drizzleNodePg({ client: pool, schema }), client: pool, close: once(() => pool.end()) };
}

/**
 * Several instances may start at once against one database; drizzle's migrator has no lock of its own
 * (two would both apply 0000 and one would fail), so migrations run on one connection that holds a
 * session advisory lock.
 */
async function migratePostgres(pool: pg.Pool, url: string): Promise<void> {
  const connection = await pool.connect().catch((error: unknown) => {
    throw new Error(`Cannot connect to PostgreSQL at ${redactPassword(url)}: ${(error as Error).message}`, {
      cause: error,
    });
  });
  try {
    const { rows } = await connection.query<{ version: string }>('show server_version_num');
    const version = Number(rows[0]?.version);
    if (version < minimumPostgresVersion) {
      throw new Error(`PostgreSQL 15 or newer is required; ${redactPassword(url)} runs server_version_num ${version}`);
    }
    await connection.query('select pg_advisory_lock($1::bigint)', [migrationLockKey]);
    try {
      await migrateNodePg(drizzleNodePg({ client: connection, schema }), { migrationsFolder });
    } finally {
      await connection.query('select pg_advisory_unlock($1::bigint)', [migrationLockKey]);
    }
  } finally {
    // Destroyed rather than pooled, so nothing of the migration session (a lock left by a failed unlock) leaks.
    connection.release(true);
  }
}

function assertMigrationsPresent(): void {
  if (!existsSync(path.join(migrationsFolder, 'meta', '_journal.json'))) {
    throw new Error(
      `No migrations at ${migrationsFolder}: a build must copy server/src/storage/migrations/ next to create-db.js`,
    );
  }
}

function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

function once(action: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | null = null;
  return () => (result ??= action());
}
