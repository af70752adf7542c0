import { and, asc, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  bookingIntents,
  bookingLinks,
  createDb,
  DataDirInUseError,
  deltaCursors,
  failedItems,
  graphNotifications,
  lockFileName,
  migrationsFolder,
  rooms,
  subscriptions,
  syncLog,
  type Database,
  type Db,
  type DbOptions,
  type NewBookingLinkRow,
  type NewRoomRow,
} from '../../../server/src/storage/index.js';
import { describeWithPostgres } from '../../support/system-requirements.js';
import {
  createPostgresTestDatabase,
  createTestPglite,
  createTestPostgres,
  useTestDb,
  type TestPostgresDatabase,
} from '../../support/test-db.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const storageModule = fileURLToPath(new URL('../../../server/src/storage/index.ts', import.meta.url));

const expectedTables = [
  'booking_intents',
  'booking_links',
  'change_latencies',
  'database_role',
  'delta_cursors',
  'failed_items',
  'graph_notifications',
  'jobs',
  'meeting_locks',
  'pending_reservations',
  'roomless_reservations',
  'rooms',
  'subscriptions',
  'sync_log',
];

const aRoom = (overrides: Partial<NewRoomRow> = {}): NewRoomRow => ({
  workplaceAreaId: 'area-4.12',
  mailbox: 'room-4.12@contoso.com',
  displayName: 'Room 4.12',
  buildingId: 'building-hq',
  ...overrides,
});

const aBookingLink = (overrides: Partial<NewBookingLinkRow> = {}): NewBookingLinkRow => ({
  mailbox: 'room-4.12@contoso.com',
  graphEventId: 'AAMkAD-event-1',
  iCalUId: '040000008200E00074C5B7101A82E008-1',
  workplaceReservationId: 'res-1',
  workplaceLineId: 'line-1',
  graphChangeKey: 'ck-1',
  workplaceVersion: '1',
  graphHash: 'graph-hash-1',
  workplaceHash: 'workplace-hash-1',
  origin: 'exchange',
  ...overrides,
});

/** The SQLSTATE and constraint of a failed query; drizzle wraps the driver's error in `cause`. */
async function pgFailureOf(query: PromiseLike<unknown>): Promise<{ code?: string; constraint?: string }> {
  try {
    await query;
  } catch (error) {
    let current: unknown = error;
    while (current instanceof Error) {
      const { code, constraint } = current as Error & { code?: unknown; constraint?: unknown };
      if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
        return { code, constraint: typeof constraint === 'string' ? constraint : undefined };
      }
      current = current.cause;
    }
    throw error;
  }
  throw new Error('expected the query to fail, but it succeeded');
}

async function journalEntryCount(): Promise<number> {
  const journal = JSON.parse(await readFile(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

async function appliedMigrations(db: Db): Promise<Array<{ id: number; hash: string }>> {
  const result = await db.execute<{ id: number; hash: string }>(
    sql`select id, hash from drizzle.__drizzle_migrations order by id`,
  );
  return result.rows.map(({ id, hash }) => ({ id: Number(id), hash }));
}

/** The tests every driver must pass: `openShared` gives the suite's database, `persistentOptions` storage that survives close(). */
function defineStorageContract(openShared: () => Promise<Database>, persistentOptions: () => DbOptions): void {
  const database = useTestDb(openShared);
  const db = () => database().db;

  describe('migrations', () => {
    test('creates every table and records each committed migration once', async () => {
      const tables = await db().execute<{ table_name: string }>(
        sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
      );
      expect(tables.rows.map((row) => row.table_name)).toEqual(expectedTables);
      expect(await appliedMigrations(db())).toHaveLength(await journalEntryCount());
    });

    test('reopening the same database applies nothing again and keeps the data', async () => {
      const first = await createDb(persistentOptions());
      let migrationsBefore: Array<{ id: number; hash: string }>;
      try {
        await first.db.delete(rooms);
        await first.db.insert(rooms).values(aRoom());
        migrationsBefore = await appliedMigrations(first.db);
      } finally {
        await first.close();
      }

      const second = await createDb(persistentOptions());
      try {
        expect(await appliedMigrations(second.db)).toEqual(migrationsBefore);
        expect(await second.db.select({ mailbox: rooms.mailbox }).from(rooms)).toEqual([
          { mailbox: 'room-4.12@contoso.com' },
        ]);
      } finally {
        await second.close();
      }
    });
  });

  describe('round trips', () => {
    test('rooms: generated id, defaults, and updated_at moves on update', async () => {
      const longAgo = new Date('2020-01-01T00:00:00.000Z');
      const [inserted] = await db()
        .insert(rooms)
        .values(aRoom({ createdAt: longAgo, updatedAt: longAgo }))
        .returning();
      expect(inserted).toMatchObject({ isEnabled: true, createdAt: longAgo, updatedAt: longAgo });
      expect(inserted?.id).toMatch(/^[0-9a-f-]{36}$/);

      const [updated] = await db()
        .update(rooms)
        .set({ displayName: 'Room 4.12 (Aurora)' })
        .where(eq(rooms.workplaceAreaId, 'area-4.12'))
        .returning();
      expect(updated?.displayName).toBe('Room 4.12 (Aurora)');
      expect(updated?.createdAt).toEqual(longAgo);
      expect(updated?.updatedAt.getTime()).toBeGreaterThan(longAgo.getTime());
    });

    test('rooms: mailbox and area are unique, and the mailbox must be lower-case', async () => {
      await db().insert(rooms).values(aRoom());
      expect(
        await pgFailureOf(
          db()
            .insert(rooms)
            .values(aRoom({ workplaceAreaId: 'area-other' })),
        ),
      ).toEqual({
        code: '23505',
        constraint: 'rooms_mailbox_unique',
      });
      expect(
        await pgFailureOf(
          db()
            .insert(rooms)
            .values(aRoom({ mailbox: 'other@contoso.com' })),
        ),
      ).toEqual({
        code: '23505',
        constraint: 'rooms_workplace_area_id_unique',
      });
      expect(
        await pgFailureOf(
          db()
            .insert(rooms)
            .values(aRoom({ workplaceAreaId: 'area-2', mailbox: 'Room-2@Contoso.com' })),
        ),
      ).toEqual({ code: '23514', constraint: 'rooms_mailbox_lower_case' });
    });

    test('timestamptz keeps the instant to the millisecond, whatever the session time zone', async () => {
      const expiresAt = new Date('2026-03-29T01:30:00.123Z'); // the hour Europe/Berlin skips
      const read = await db().transaction(async (tx) => {
        await tx.execute(sql`set local time zone 'America/St_Johns'`); // UTC-02:30 in summer, -03:30 in winter
        await tx.insert(subscriptions).values({
          id: 'sub-1',
          mailbox: 'room-4.12@contoso.com',
          resource: '/users/room-4.12@contoso.com/events',
          clientStateHash: 'sha256:abc',
          expiresAt,
        });
        const [row] = await tx.select().from(subscriptions).where(eq(subscriptions.id, 'sub-1'));
        return row;
      });
      expect(read?.expiresAt.toISOString()).toBe('2026-03-29T01:30:00.123Z');
      expect(read).toMatchObject({ status: 'active', lastNotificationAt: null });

      const [outside] = await db().select().from(subscriptions);
      expect(outside?.expiresAt.getTime()).toBe(expiresAt.getTime());
      const [utc] = (
        await db().execute<{ text: string }>(
          sql`select to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') as text from subscriptions`,
        )
      ).rows;
      expect(utc?.text).toBe('2026-03-29T01:30:00.123');
    });

    test('subscriptions: an unknown status is rejected', async () => {
      expect(
        await pgFailureOf(
          db()
            .insert(subscriptions)
            .values({
              id: 'sub-2',
              mailbox: 'room-4.12@contoso.com',
              resource: '/users/x/events',
              clientStateHash: 'h',
              expiresAt: new Date(),
              status: 'paused' as never,
            }),
        ),
      ).toEqual({ code: '23514', constraint: 'subscriptions_status_valid' });
    });

    test('delta_cursors: one row per (source, scope), upserted', async () => {
      const windowStart = new Date('2026-01-01T00:00:00Z');
      const windowEnd = new Date('2026-07-01T00:00:00Z');
      const saveCursor = (cursor: string) =>
        db()
          .insert(deltaCursors)
          .values({ source: 'graph', scope: 'room-4.12@contoso.com', cursor, windowStart, windowEnd })
          .onConflictDoUpdate({ target: [deltaCursors.source, deltaCursors.scope], set: { cursor } });
      await saveCursor('https://graph/delta?token=1');
      await saveCursor('https://graph/delta?token=2');
      await db().insert(deltaCursors).values({ source: 'workplace', scope: 'feed', cursor: 'c-42' });

      const rows = await db().select().from(deltaCursors).orderBy(asc(deltaCursors.source));
      expect(rows).toMatchObject([
        { source: 'graph', cursor: 'https://graph/delta?token=2', windowStart, windowEnd },
        { source: 'workplace', scope: 'feed', cursor: 'c-42', windowStart: null, windowEnd: null },
      ]);
    });

    test('booking_intents: lines round-trip as jsonb; end must be after start', async () => {
      const lines = [
        { kind: 'room' as const, objectId: 'area-4.12', status: 'tentative' as const },
        {
          kind: 'catering' as const,
          objectId: 'coffee-ü-☕',
          quantity: 8,
          start: { dateTime: '2026-03-03T09:00:00', timeZone: 'Europe/Berlin' },
          status: 'pending-approval' as const,
        },
      ];
      const startAt = new Date('2026-03-03T08:00:00Z');
      const endAt = new Date('2026-03-03T09:00:00Z');
      const intent = {
        organizerEmail: 'megan@contoso.com',
        mailbox: 'room-4.12@contoso.com',
        workplaceReservationId: 'res-hold-1',
        lines,
        startAt,
        endAt,
        expiresAt: new Date('2026-03-03T07:15:00Z'),
      };
      const [inserted] = await db().insert(bookingIntents).values(intent).returning();
      expect(inserted).toMatchObject({ ...intent, status: 'held', matchedBookingLinkId: null });

      const [read] = await db().select().from(bookingIntents);
      expect(read?.lines).toEqual(lines);
      const jsonType = await db().execute<{ kind: string }>(
        sql`select jsonb_typeof(lines) as kind from booking_intents`,
      );
      expect(jsonType.rows[0]?.kind).toBe('array');

      expect(
        await pgFailureOf(
          db()
            .insert(bookingIntents)
            .values({ ...intent, endAt: startAt, workplaceReservationId: 'r2' }),
        ),
      ).toEqual({ code: '23514', constraint: 'booking_intents_end_after_start' });
    });

    test('sync_log: ids count up, details round-trip, and a search by mailbox and time finds the right rows', async () => {
      const at = (iso: string) => new Date(iso);
      const entries = await db()
        .insert(syncLog)
        .values([
          {
            at: at('2026-03-01T10:00:00Z'),
            mailbox: 'room-1@contoso.com',
            direction: 'exchange-to-workplace',
            action: 'created',
            reason: 'new event in the room calendar',
            details: { eventId: 'e1', lines: [{ objectId: 'a', quantity: 2 }], note: 'Grüße' },
          },
          {
            at: at('2026-03-02T10:00:00Z'),
            mailbox: 'room-1@contoso.com',
            direction: 'workplace-to-exchange',
            action: 'echo-ignored',
            reason: 'hash equals the last write',
          },
          {
            at: at('2026-03-02T11:00:00Z'),
            mailbox: 'room-2@contoso.com',
            direction: 'exchange-to-workplace',
            action: 'failed',
            reason: 'Workplace answered 409',
          },
        ])
        .returning({ id: syncLog.id });
      expect(entries.map((entry) => entry.id)).toEqual([1, 2, 3]);

      const found = await db()
        .select()
        .from(syncLog)
        .where(and(eq(syncLog.mailbox, 'room-1@contoso.com'), gte(syncLog.at, at('2026-03-01T12:00:00Z'))))
        .orderBy(desc(syncLog.at));
      expect(found).toMatchObject([{ id: 2, action: 'echo-ignored', details: null }]);
      const [first] = await db().select().from(syncLog).where(eq(syncLog.id, 1));
      expect(first?.details).toEqual({ eventId: 'e1', lines: [{ objectId: 'a', quantity: 2 }], note: 'Grüße' });
    });

    test('sync_log keeps its entries when their booking link is deleted', async () => {
      const [link] = await db().insert(bookingLinks).values(aBookingLink()).returning();
      await db().insert(syncLog).values({
        mailbox: link?.mailbox,
        bookingLinkId: link?.id,
        direction: 'exchange-to-workplace',
        action: 'cancelled',
        reason: 'event deleted',
      });
      await db().delete(bookingLinks);
      expect(await db().select({ bookingLinkId: syncLog.bookingLinkId, action: syncLog.action }).from(syncLog)).toEqual(
        [{ bookingLinkId: null, action: 'cancelled' }],
      );
    });

    test('failed_items: one open item per (kind, key), upserted; resolved items stay as history', async () => {
      const recordFailure = (error: string) =>
        db()
          .insert(failedItems)
          .values({
            kind: 'workplace-write',
            key: 'res-1/line-1',
            payload: { op: 'update', body: { subject: 'Weekly' } },
            error,
            nextAttemptAt: new Date('2026-03-03T10:00:00Z'),
          })
          .onConflictDoUpdate({
            target: [failedItems.kind, failedItems.key],
            targetWhere: isNull(failedItems.resolvedAt),
            set: { error, attempts: sql`${failedItems.attempts} + 1` },
          })
          .returning();
      await recordFailure('timeout');
      const [again] = await recordFailure('503');
      expect(again).toMatchObject({
        attempts: 2,
        error: '503',
        payload: { op: 'update', body: { subject: 'Weekly' } },
      });

      expect(
        await pgFailureOf(
          db().insert(failedItems).values({
            kind: 'workplace-write',
            key: 'res-1/line-1',
            payload: {},
            error: 'x',
            nextAttemptAt: new Date(),
          }),
        ),
      ).toEqual({ code: '23505', constraint: 'failed_items_open_kind_key_unique' });

      await db().update(failedItems).set({ resolvedAt: new Date() });
      const [reopened] = await recordFailure('new failure');
      expect(reopened).toMatchObject({ attempts: 1, error: 'new failure', resolvedAt: null });
      expect(await db().$count(failedItems)).toBe(2);
    });

    test('graph_notifications: payload round-trips; the unprocessed ones come back oldest first', async () => {
      const changePayload = {
        subscriptionId: 'sub-1',
        changeType: 'updated',
        resource: 'Users/9f1c/Events/AAMk=',
        resourceData: { '@odata.type': '#Microsoft.Graph.Event', id: 'AAMk=' },
      };
      await db()
        .insert(graphNotifications)
        .values([
          {
            receivedAt: new Date('2026-03-03T10:00:02Z'),
            subscriptionId: 'sub-1',
            mailbox: 'room-4.12@contoso.com',
            changeType: 'updated',
            resource: changePayload.resource,
            payload: changePayload,
          },
          {
            receivedAt: new Date('2026-03-03T10:00:01Z'),
            subscriptionId: 'sub-1',
            lifecycleEvent: 'reauthorizationRequired',
            payload: { subscriptionId: 'sub-1', lifecycleEvent: 'reauthorizationRequired' },
          },
          {
            receivedAt: new Date('2026-03-03T10:00:00Z'),
            subscriptionId: 'sub-1',
            changeType: 'created',
            resource: 'Users/9f1c/Events/AAMk=',
            payload: {},
            processedAt: new Date('2026-03-03T10:00:05Z'),
          },
        ]);

      const unprocessed = await db()
        .select()
        .from(graphNotifications)
        .where(isNull(graphNotifications.processedAt))
        .orderBy(asc(graphNotifications.receivedAt));
      expect(unprocessed).toMatchObject([
        { lifecycleEvent: 'reauthorizationRequired', changeType: null, resource: null, mailbox: null },
        { changeType: 'updated', payload: changePayload },
      ]);
    });

    test('a transaction that throws leaves nothing behind', async () => {
      const failure = db().transaction(async (tx) => {
        await tx.insert(rooms).values(aRoom());
        throw new Error('boom');
      });
      await expect(failure).rejects.toThrow('boom');
      expect(await db().$count(rooms)).toBe(0);
    });
  });

  describe('booking_links uniqueness', () => {
    test('a second link for the same room event is rejected', async () => {
      await db().insert(bookingLinks).values(aBookingLink());
      expect(
        await pgFailureOf(
          db()
            .insert(bookingLinks)
            .values(aBookingLink({ workplaceReservationId: 'res-2' })),
        ),
      ).toEqual({ code: '23505', constraint: 'booking_links_mailbox_event_unique' });
      // the same event id in another room's calendar is another event
      await db()
        .insert(bookingLinks)
        .values(aBookingLink({ mailbox: 'room-5@contoso.com', workplaceLineId: 'line-2' }));
    });

    test('a second whole-series link for one reservation line is rejected although its original start is NULL', async () => {
      await db().insert(bookingLinks).values(aBookingLink());
      expect(
        await pgFailureOf(
          db()
            .insert(bookingLinks)
            .values(aBookingLink({ graphEventId: 'AAMkAD-event-2' })),
        ),
      ).toEqual({ code: '23505', constraint: 'booking_links_reservation_line_occurrence_unique' });
    });

    test('one reservation line has one series row and one row per changed occurrence', async () => {
      const occurrence = (day: string, eventId: string) =>
        aBookingLink({
          graphEventId: eventId,
          seriesMasterEventId: 'AAMkAD-event-1',
          occurrenceOriginalStart: new Date(`2026-03-${day}T08:00:00Z`),
        });
      await db()
        .insert(bookingLinks)
        .values([aBookingLink(), occurrence('10', 'occ-10'), occurrence('17', 'occ-17')]);
      expect(await pgFailureOf(db().insert(bookingLinks).values(occurrence('17', 'occ-17-again')))).toEqual({
        code: '23505',
        constraint: 'booking_links_reservation_line_occurrence_unique',
      });
      expect(await db().$count(bookingLinks)).toBe(3);
    });

    test('upsert on (mailbox, event id) updates the link in place', async () => {
      const [created] = await db().insert(bookingLinks).values(aBookingLink()).returning();
      const [upserted] = await db()
        .insert(bookingLinks)
        .values(aBookingLink({ graphChangeKey: 'ck-2', graphHash: 'graph-hash-2', workplaceVersion: '2' }))
        .onConflictDoUpdate({
          target: [bookingLinks.mailbox, bookingLinks.graphEventId],
          set: { graphChangeKey: 'ck-2', graphHash: 'graph-hash-2', workplaceVersion: '2' },
        })
        .returning();
      expect(upserted).toMatchObject({
        id: created?.id,
        graphChangeKey: 'ck-2',
        graphHash: 'graph-hash-2',
        workplaceVersion: '2',
      });
      expect(await db().$count(bookingLinks)).toBe(1);
    });

    test('upsert on (reservation, line, original start) matches the NULL original start of a series row', async () => {
      const [created] = await db().insert(bookingLinks).values(aBookingLink()).returning();
      const [upserted] = await db()
        .insert(bookingLinks)
        .values(aBookingLink({ graphEventId: 'AAMkAD-event-recreated', isCancelled: true }))
        .onConflictDoUpdate({
          target: [
            bookingLinks.workplaceReservationId,
            bookingLinks.workplaceLineId,
            bookingLinks.occurrenceOriginalStart,
          ],
          set: { graphEventId: 'AAMkAD-event-recreated', isCancelled: true },
        })
        .returning();
      expect(upserted).toMatchObject({ id: created?.id, graphEventId: 'AAMkAD-event-recreated', isCancelled: true });
      expect(await db().$count(bookingLinks)).toBe(1);
    });

    test('origin must be exchange or workplace', async () => {
      expect(
        await pgFailureOf(
          db()
            .insert(bookingLinks)
            .values(aBookingLink({ origin: 'kiosk' as never })),
        ),
      ).toEqual({
        code: '23514',
        constraint: 'booking_links_origin_valid',
      });
    });
  });
}

type ChildResult = { exitCode: number | null; stdout: string; stderr: string; isTimedOut: boolean };

/**
 * Runs createDb → insert a room → close() in a separate Node process and reports how it ended. It
 * never calls process.exit, so it only ends by itself if close() left no handle open.
 */
function runStorageChild(options: DbOptions, timeoutMs = 30_000): Promise<ChildResult> {
  const script = `
    const { createDb, rooms } = await import(${JSON.stringify(storageModule)});
    try {
      const database = await createDb(JSON.parse(process.env.STORAGE_TEST_DB_OPTIONS));
      await database.db.insert(rooms).values({
        workplaceAreaId: 'area-child', mailbox: 'child@contoso.com', displayName: 'Child', buildingId: 'b',
      });
      await database.close();
      console.log('closed');
    } catch (error) {
      console.error(error.message);
      process.exitCode = 1;
    }`;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=source', '--input-type=module', '-e', script],
    {
      cwd: repoRoot,
      env: { ...process.env, STORAGE_TEST_DB_OPTIONS: JSON.stringify(options) },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let isTimedOut = false;
    const timer = setTimeout(() => {
      isTimedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr, isTimedOut });
    });
  });
}

async function pidOfAnEndedProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('close', resolve));
  if (child.pid === undefined) throw new Error('the child process did not start');
  return child.pid;
}

describe('storage on PGlite', () => {
  let scratchDir = '';
  let dataDir = '';
  beforeAll(async () => {
    scratchDir = await mkdtemp(path.join(tmpdir(), 'storage-test-'));
    dataDir = path.join(scratchDir, 'nested', 'pgdata');
  });
  afterAll(async () => {
    await rm(scratchDir, { recursive: true, force: true });
  });
  const fileOptions = (): DbOptions => ({ kind: 'pglite', dataDir });
  const lockFile = () => path.join(dataDir, lockFileName);

  defineStorageContract(createTestPglite, fileOptions);

  describe('embedded data directory', () => {
    test('is created when missing and locked by this process while open', async () => {
      const database = await createDb(fileOptions());
      try {
        const holder = JSON.parse(await readFile(lockFile(), 'utf8')) as { pid: number };
        expect(holder.pid).toBe(process.pid);
      } finally {
        await database.close();
      }
      expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
      expect(existsSync(lockFile())).toBe(false);
    });

    test('a second open in this process fails with a clear error, and works after close', async () => {
      const first = await createDb(fileOptions());
      try {
        const second = createDb(fileOptions());
        await expect(second).rejects.toBeInstanceOf(DataDirInUseError);
        await expect(second).rejects.toThrow(`PGlite data directory ${dataDir} is already open in this process`);
      } finally {
        await first.close();
      }
      const reopened = await createDb(fileOptions());
      await reopened.close();
    });

    test('another process is refused while this one has it open, and can use it (then exit by itself) after close', async () => {
      const database = await createDb(fileOptions());
      let refused: ChildResult;
      try {
        refused = await runStorageChild(fileOptions());
      } finally {
        await database.close();
      }
      expect(refused.exitCode).toBe(1);
      expect(refused.stderr).toContain(`PGlite data directory ${dataDir} is in use by process ${process.pid}`);

      const allowed = await runStorageChild(fileOptions());
      expect(allowed).toMatchObject({ isTimedOut: false, exitCode: 0, stdout: 'closed\n' });
      const reopened = await createDb(fileOptions());
      try {
        expect(
          await reopened.db
            .select({ mailbox: rooms.mailbox })
            .from(rooms)
            .where(eq(rooms.workplaceAreaId, 'area-child')),
        ).toEqual([{ mailbox: 'child@contoso.com' }]);
      } finally {
        await reopened.close();
      }
    });

    // The second case is a restarted container: its server is PID 1 again, like the one that crashed.
    test.each([
      ['a process that no longer runs', pidOfAnEndedProcess],
      ['an earlier process with our pid', () => Promise.resolve(process.pid)],
    ])('a lock left on this host by %s is taken over', async (_name, holderPid) => {
      await createDb(fileOptions()).then((database) => database.close());
      const holder = { pid: await holderPid(), hostname: hostname(), command: 'gone', since: '2026-01-01', token: 't' };
      await writeFile(lockFile(), JSON.stringify(holder));
      const database = await createDb(fileOptions());
      try {
        expect(JSON.parse(await readFile(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid });
        expect(JSON.parse(await readFile(lockFile(), 'utf8'))).not.toMatchObject({ token: 't' });
      } finally {
        await database.close();
      }
      expect(existsSync(lockFile())).toBe(false);
    });

    test('a lock held on another host is never taken over, and the error says what to do', async () => {
      await createDb(fileOptions()).then((database) => database.close());
      await writeFile(
        lockFile(),
        JSON.stringify({
          pid: 4242,
          hostname: 'sync-2.example',
          command: 'node server.js',
          since: '2026-01-01T00:00:00Z',
          token: 't',
        }),
      );
      try {
        await expect(createDb(fileOptions())).rejects.toThrow(
          `PGlite data directory ${dataDir} is in use by process 4242 on host sync-2.example (node server.js), since 2026-01-01T00:00:00Z. ` +
            'Two processes on one data directory corrupt it: stop that process, or give this one another data directory. ' +
            `If that process no longer exists, delete ${lockFile()}.`,
        );
      } finally {
        await rm(lockFile());
      }
    });

    test('loadDataDir is refused for a data directory', async () => {
      await expect(createDb({ kind: 'pglite', dataDir, loadDataDir: new Blob([]) })).rejects.toThrow(
        'loadDataDir only applies to an in-memory PGlite',
      );
      expect(existsSync(lockFile())).toBe(false);
    });
  });
});

describeWithPostgres('storage on PostgreSQL', (adminUrl) => {
  let persistent: TestPostgresDatabase | null = null;
  beforeAll(async () => {
    persistent = await createPostgresTestDatabase(adminUrl);
  });
  afterAll(async () => {
    await persistent?.drop();
  });
  const persistentOptions = (): DbOptions => {
    if (!persistent) throw new Error('the persistent test database was not created');
    return { kind: 'postgres', url: persistent.url, poolMax: 2 };
  };

  defineStorageContract(() => createTestPostgres(adminUrl), persistentOptions);

  describe('server mode', () => {
    test('instances starting at once against a fresh database all succeed and apply each migration once', async () => {
      const fresh = await createPostgresTestDatabase(adminUrl);
      try {
        const started = await Promise.all(
          [1, 2, 3].map(() => createDb({ kind: 'postgres', url: fresh.url, poolMax: 1 })),
        );
        try {
          for (const database of started) {
            expect(await appliedMigrations(database.db)).toHaveLength(await journalEntryCount());
          }
        } finally {
          await Promise.all(started.map((database) => database.close()));
        }
      } finally {
        await fresh.drop();
      }
    });

    test('a process exits by itself after close()', async () => {
      const result = await runStorageChild(persistentOptions());
      expect(result).toMatchObject({ isTimedOut: false, exitCode: 0, stdout: 'closed\n' });
    });
  });
});

describe('createDb errors', () => {
  test('an unreachable PostgreSQL is named in the error, without its password', async () => {
    const failure = createDb({ kind: 'postgres', url: 'postgres://sync:s3cret@127.0.0.1:1/sync' });
    await expect(failure).rejects.toThrow(
      /^Cannot connect to PostgreSQL at postgres:\/\/sync:\*\*\*@127\.0\.0\.1:1\/sync: /,
    );
    await expect(failure).rejects.not.toThrow(/s3cret/);
  });
});
