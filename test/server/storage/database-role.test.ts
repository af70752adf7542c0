import { spawn } from 'node:child_process';
import { afterEach, expect, test } from 'vitest';
import { createDb } from '../../../server/src/storage/create-db.js';
import type { Database } from '../../../server/src/storage/create-db.js';
import { claimDatabaseRole, DatabaseRoleMismatch } from '../../../server/src/storage/database-role.js';
import { databaseRole, rooms } from '../../../server/src/storage/schema.js';
import { describeWithPostgres } from '../../support/system-requirements.js';
import { createPostgresTestDatabase, createTestPglite } from '../../support/test-db.js';
import type { TestPostgresDatabase } from '../../support/test-db.js';

// `npm start` with DATABASE_URL but without the integration settings runs the embedded default, which
// empties the sync's tables at each start. It must never do that to a database real mode uses.

const aRoom = { workplaceAreaId: 'a-1', mailbox: 'room-1@contoso.com', displayName: 'Room 1', buildingId: 'b-1' };

test('a new database is claimed by the mode that starts first, and refused to the other', async () => {
  const database = await createTestPglite();
  try {
    await claimDatabaseRole(database.db, 'embedded');
    await claimDatabaseRole(database.db, 'embedded');
    await expect(claimDatabaseRole(database.db, 'real')).rejects.toBeInstanceOf(DatabaseRoleMismatch);
  } finally {
    await database.close();
  }
});

test('a database with rooms or bookings and no recorded role belongs to real mode', async () => {
  const database = await createTestPglite();
  try {
    await database.db.insert(rooms).values(aRoom);
    await expect(claimDatabaseRole(database.db, 'embedded')).rejects.toMatchObject({ found: 'real' });
    expect(await database.db.select().from(databaseRole)).toEqual([]);
    await claimDatabaseRole(database.db, 'real');
    expect(await database.db.select({ role: databaseRole.role }).from(databaseRole)).toEqual([{ role: 'real' }]);
  } finally {
    await database.close();
  }
});

describeWithPostgres('npm start with only DATABASE_URL (PostgreSQL)', (adminUrl) => {
  let testDatabase: TestPostgresDatabase | null = null;
  let database: Database | null = null;
  afterEach(async () => {
    await database?.close();
    await testDatabase?.drop();
  });

  /** `npm start`'s entry point with only DATABASE_URL set; its exit code and what it printed. */
  function startWithOnly(databaseUrl: string) {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^(GRAPH_|WORKPLACE_|PUBLIC_URL|ADDIN_|DATABASE_URL)/.test(name)),
    );
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'server/src/server.ts'], {
      env: { ...env, DATABASE_URL: databaseUrl, PORT: '0', DATA_DIR: '/nonexistent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return new Promise<{ code: number | null; output: string }>((resolve) =>
      child.once('exit', (code) => resolve({ code, output })),
    );
  }

  test('a database real mode uses is refused (exit 78, naming the missing settings) and left as it was', async () => {
    testDatabase = await createPostgresTestDatabase(adminUrl);
    database = await createDb({ kind: 'postgres', url: testDatabase.url, poolMax: 2 });
    await claimDatabaseRole(database.db, 'real');
    await database.db.insert(rooms).values(aRoom);

    const { code, output } = await startWithOnly(testDatabase.url);

    expect(code).toBe(78);
    expect(output).toMatch(/real mode uses.*would empty it/);
    expect(output).toMatch(/GRAPH_TENANT_ID.*WORKPLACE_API_KEY.*GRAPH_CLIENT_SECRET or GRAPH_CLIENT_CERTIFICATE_PATH/);
    expect(await database.db.select({ mailbox: rooms.mailbox }).from(rooms)).toEqual([{ mailbox: aRoom.mailbox }]);
  }, 60_000);

  test('a production database from before roles were recorded is refused too', async () => {
    testDatabase = await createPostgresTestDatabase(adminUrl);
    database = await createDb({ kind: 'postgres', url: testDatabase.url, poolMax: 2 });
    await database.db.insert(rooms).values(aRoom);

    expect((await startWithOnly(testDatabase.url)).code).toBe(78);
    expect(await database.db.select({ mailbox: rooms.mailbox }).from(rooms)).toHaveLength(1);
  }, 60_000);
});
