import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createDb, migrationsFolder, type Database, type Db } from '../../server/src/storage/create-db.js';
import * as schema from '../../server/src/storage/schema.js';

// A new in-memory PGlite costs ~2 s and ~900 MB (WASM initdb); loading a dumped, already migrated
// cluster costs ~0.5 s and ~450 MB. So the first test process builds that dump once and caches it in
// the OS temp dir, keyed by the migrations and the PGlite/drizzle versions; every later test file
// (vitest runs each in its own worker) loads it. Within a file, tests share one database and empty it
// between tests with truncateAllTables, which takes milliseconds.

const templateDir = path.join(tmpdir(), 'workplace-sync-test-templates');
let templatePromise: Promise<Blob> | null = null;

/** A fresh, migrated, in-memory PGlite. Close it (an open PGlite keeps the test process alive). */
export async function createTestPglite(): Promise<Database> {
  templatePromise ??= loadOrBuildTemplate();
  return createDb({ kind: 'pglite', dataDir: null, loadDataDir: await templatePromise });
}

async function loadOrBuildTemplate(): Promise<Blob> {
  const file = path.join(templateDir, `pglite-${await templateKey()}.tar`);
  const cached = await readFile(file).catch(() => null);
  if (cached) return new Blob([cached]);

  const database = await createDb({ kind: 'pglite', dataDir: null });
  if (database.kind !== 'pglite') throw new Error('unreachable');
  const dump = await database.client.dumpDataDir('none');
  await database.close();

  // Written aside and renamed, so a parallel test file reads either nothing or the whole file.
  await mkdir(templateDir, { recursive: true });
  const draft = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(draft, Buffer.from(await dump.arrayBuffer()));
  await rename(draft, file);
  await removeOtherTemplates(file);
  return dump;
}

async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  hash.update(
    `pglite ${await packageVersion('@electric-sql/pglite')}; drizzle-orm ${await packageVersion('drizzle-orm')}\n`,
  );
  for (const file of (await readdir(migrationsFolder, { recursive: true })).sort()) {
    const fullPath = path.join(migrationsFolder, file);
    if (file.endsWith('.sql') || file.endsWith('_journal.json'))
      hash.update(`${file}\n`).update(await readFile(fullPath));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Neither package exports its package.json, so walk up from its entry point. */
async function packageVersion(name: string): Promise<string> {
  let dir = path.dirname(createRequire(import.meta.url).resolve(name));
  while (dir !== path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name: found, version } = JSON.parse(await readFile(manifest, 'utf8')) as {
        name?: string;
        version: string;
      };
      if (found === name) return version;
    }
    dir = path.dirname(dir);
  }
  throw new Error(`package.json of ${name} not found`);
}

async function removeOtherTemplates(keep: string): Promise<void> {
  for (const entry of await readdir(templateDir)) {
    const file = path.join(templateDir, entry);
    if (file !== keep && entry.startsWith('pglite-') && entry.endsWith('.tar')) await rm(file, { force: true });
  }
}

export type TestPostgresDatabase = { url: string; drop(): Promise<void> };

/**
 * An empty database of its own on the server behind `adminUrl` (a superuser URL, e.g. the throwaway
 * cluster's), so test files running in parallel never see each other's rows.
 */
export async function createPostgresTestDatabase(adminUrl: string): Promise<TestPostgresDatabase> {
  const name = `test_${process.pid}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await runAsAdmin(adminUrl, `create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => runAsAdmin(adminUrl, `drop database if exists "${name}" with (force)`),
  };
}

/** A fresh, migrated PostgreSQL database; close() also drops it. */
export async function createTestPostgres(adminUrl: string): Promise<Database> {
  const testDatabase = await createPostgresTestDatabase(adminUrl);
  const database = await createDb({ kind: 'postgres', url: testDatabase.url, poolMax: 4 });
  return {
    ...database,
    close: async () => {
      await database.close();
      await testDatabase.drop();
    },
  };
}

async function runAsAdmin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const tableNames = Object.values(schema)
  .filter((value) => is(value, PgTable))
  .map((table) => getTableName(table));

/** Empties every table of the schema and restarts its sequences. */
export async function truncateAllTables(db: Db): Promise<void> {
  await db.execute(
    sql.raw(`truncate table ${tableNames.map((name) => `"${name}"`).join(', ')} restart identity cascade`),
  );
}

/**
 * One database for the enclosing describe: opened before its first test, emptied before each test,
 * closed after the last. Returns a getter, since the database exists only once the hooks ran.
 */
export function useTestDb(open: () => Promise<Database>): () => Database {
  let database: Database | null = null;
  beforeAll(async () => {
    database = await open();
  });
  beforeEach(async () => {
    if (database) await truncateAllTables(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });
  return () => {
    if (!database) throw new Error('The test database is not open: use it inside tests, after the beforeAll hook.');
    return database;
  };
}
