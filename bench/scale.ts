// Scale (issue 8, item 4): the initial sync of R rooms × 180 days of bookings (50 per room, so
// 1,000 rooms ≈ 50,000 events): wall time, peak memory, database size, and how they grow with R.
//
//   node --conditions=source --import tsx bench/scale.ts [--full] [--rooms 100,1000] [--db pglite,postgres]
//        [--day-minutes 20] [--changes-per-room 8] [--no-busy-day]
//
// Quick: 100 rooms × 10 bookings (1,000 events; 50 per room would take over two minutes on 2 cores).
// Full: 100, 250, 500 and 1,000 rooms × 50 bookings.
//
// After the initial sync the same process runs a simulated busy day (bench/support/busy-day.ts):
// CHANGES_PER_ROOM bookings, edits and cancellations per room in Outlook and Workplace over ten
// office hours compressed into DAY_MINUTES (quick: 3, full: 20), then checks every booking in both
// systems.
//
// Each measurement is a child process under `/usr/bin/time -v` (peak RSS):
//   - sync:  the embedded default (startServer) on PGlite, or on PostgreSQL with DATABASE_URL. The R
//            rooms exist in both emulators with their bookings made in Outlook, but are not linked yet.
//            Then an administrator links them (rows in `rooms`) and the subscription job runs, as it
//            does for newly linked rooms: it subscribes each room and queues its first sync. Timed
//            until every booking is a Workplace reservation and the queue is idle.
//   - floor: the baseline, same emulators and bookings without the server: one calendar delta round
//            per room with the production Graph adapter and one Workplace create per event with the
//            production client, 4 rooms at a time like the sync; no database, no logic. The I/O
//            nobody can avoid, and the memory of the emulators holding the data.
// Seeding the bookings is not timed (it is the emulator's work; see scale-seed.ts).

import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchMode, byMode, NO_DATABASE_URL, postgresAdminUrl } from './support/cli.js';
import { createReport } from './support/figures.js';
import { formatBytes, formatNumber, formatRatio, renderTable } from './support/format.js';
import { describeMachine } from './support/machine.js';
import { runNodeWithTimeV } from './support/time-v.js';
import { countPgliteStatements } from './support/pglite-statements.js';
import type { BusyDayResult } from './support/busy-day.js';
import { BUSY_DAY_COLUMNS, reportBusyDay } from './support/busy-day-report.js';

const DAY_MS = 86_400_000;
const mode = benchMode();
const roomsIndex = process.argv.indexOf('--rooms');
const SIZES =
  roomsIndex >= 0 ? process.argv[roomsIndex + 1]!.split(',').map(Number) : byMode(mode, [100], [100, 250, 500, 1_000]);
const PER_ROOM = byMode(mode, 10, 50);
const numberFlag = (name: string, fallback: number) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const BUSY_DAY = !process.argv.includes('--no-busy-day');
const DAY_MINUTES = numberFlag('--day-minutes', byMode(mode, 3, 20));
const CHANGES_PER_ROOM = numberFlag('--changes-per-room', 8);

type ChildResult = {
  role: 'sync' | 'floor';
  rooms: number;
  events: number;
  seedMs: number;
  wallMs: number;
  reservations: number;
  /** Resident set size after seeding, before the measured work (after a GC). */
  rssBeforeBytes: number;
  /** process.memoryUsage() after the measured work (arrayBuffers holds PGlite's WebAssembly memory). */
  memoryAfter: NodeJS.MemoryUsage;
  dbBytes: number | null;
  /** The database before the rooms were linked (schema, demo data, preallocated WAL). */
  dbBytesBefore: number | null;
  /** The largest tables (with indexes and TOAST), bytes. */
  tables: Array<[string, number]>;
  /** During the measured work: SQL statements sent to PGlite (null on PostgreSQL), requests to each system. */
  work: {
    sqlStatements: number | null;
    /** The statements that took longest in all (PGlite): text, count, ms (waiting for PGlite included). */
    topStatements: Array<[string, number, number]>;
    workplaceRequests: Array<[string, number]>;
    graphOperations: Array<[string, number]>;
    notifications: number;
    maxConcurrentPerMailbox: number;
  } | null;
  subscriptionsMs: number | null;
  busyDay: BusyDayResult | null;
};

const log = (line: string) => process.stderr.write(`    ${line}\n`);

async function childSync(rooms: number, database: 'pglite' | 'postgres'): Promise<ChildResult> {
  const [
    { workplaceDemoSeed },
    { scaleRooms, seedScaleBookings },
    { startEmbeddedServer },
    { sql },
    schema,
    { monitorGraphTraffic },
    { observeRequests },
  ] = await Promise.all([
    import('@workplace-sync/emulators'),
    import('./support/scale-seed.js'),
    import('./support/embedded-server.js'),
    import('drizzle-orm'),
    import('../server/src/storage/schema.js'),
    import('./support/graph-traffic.js'),
    import('./support/request-probe.js'),
  ]);
  const { runBusyDay } = await import('./support/busy-day.js');
  const { scaleBookingDates } = await import('./support/scale-seed.js');
  const extra = scaleRooms(rooms);
  const now = new Date();
  // startServer builds the Workplace emulator from the demo seed: the extra floor and areas go in first
  // (this process only). They are not linked to a mailbox, so the server starts without them.
  workplaceDemoSeed.floors.push(extra.floor);
  workplaceDemoSeed.areas.push(...extra.areas);
  const embedded = await startEmbeddedServer({ postgresAdminUrl: database === 'postgres' ? postgresAdminUrl() : null });
  try {
    await embedded.waitForIdle();
    const { graph } = embedded.emulators;
    graph.seed({ users: extra.users, rooms: extra.graphRooms });
    const seedStart = performance.now();
    const events = await seedScaleBookings(graph, extra.rooms, extra.users, {
      perRoom: PER_ROOM,
      now,
      onProgress: (booked) => booked % 10_000 === 0 && log(`${booked} bookings seeded`),
    });
    const seedMs = performance.now() - seedStart;
    globalThis.gc?.();
    const rssBeforeBytes = process.memoryUsage().rss;
    const { db } = embedded.server.database;
    const links = async () =>
      (await db.execute<{ n: number }>(sql`select count(*)::int as n from booking_links`)).rows[0]!.n;
    const subscribed = async () =>
      (await db.execute<{ n: number }>(sql`select count(*)::int as n from subscriptions where status = 'active'`))
        .rows[0]!.n;
    const linksBefore = await links();
    const dbBytesBefore = await embedded.databaseSize();

    // What the sync does per event: requests to each system (route handlers) and SQL statements.
    const graphTraffic = monitorGraphTraffic();
    const idToAddress = new Map(graph.mailboxes().map((mailbox) => [mailbox.id.toLowerCase(), mailbox.email]));
    graphTraffic.setMailboxResolver((segment) => idToAddress.get(segment) ?? segment);
    const workplaceRequests = new Map<string, number>();
    const stopProbe = observeRequests({
      onStart({ method, url }) {
        if (!url.startsWith('/api/v1/')) return;
        const route = url.split('?')[0]!.replace(/\/(reservations|areas)\/[^/]+/, '/$1/{id}');
        workplaceRequests.set(`${method} ${route}`, (workplaceRequests.get(`${method} ${route}`) ?? 0) + 1);
      },
    });
    const sqlStatements = countPgliteStatements(embedded.server.database);
    const subscriptionsBefore = await subscribed();

    const startedAt = performance.now();
    await db.insert(schema.rooms).values(
      extra.rooms.map((room) => ({
        workplaceAreaId: room.areaId,
        mailbox: room.mailbox,
        displayName: room.name,
        buildingId: 'b-bru',
      })),
    );
    await embedded.server.queue.send('renew-subscriptions', `bench-link-${randomUUID()}`, {});
    let subscriptionsMs: number | null = null;
    for (;;) {
      await sleep(200);
      if (subscriptionsMs === null && (await subscribed()) - subscriptionsBefore >= rooms)
        subscriptionsMs = performance.now() - startedAt;
      if ((await links()) - linksBefore >= events && (await embedded.backlog()) === 0) break;
      if (performance.now() - startedAt > 3 * 3_600_000) throw new Error('initial sync did not finish in 3 hours');
    }
    const wallMs = performance.now() - startedAt;
    const traffic = graphTraffic.snapshot();
    const work = {
      sqlStatements: sqlStatements?.count() ?? null,
      topStatements: sqlStatements?.top(8) ?? [],
      workplaceRequests: [...workplaceRequests].sort((a, b) => b[1] - a[1]),
      graphOperations: [...traffic.operationsByKind].sort((a, b) => b[1] - a[1]),
      notifications: traffic.notifications,
      maxConcurrentPerMailbox: graphTraffic.maxConcurrency().requests,
    };
    stopProbe();
    graphTraffic.stop();
    const { rows: tables } = await db.execute<{ name: string; bytes: string }>(
      sql`select relname as name, pg_total_relation_size(relid) as bytes from pg_catalog.pg_statio_user_tables
          order by pg_total_relation_size(relid) desc limit 6`,
    );
    const tablesAfterSync = tables.map(({ name, bytes }): [string, number] => [name, Number(bytes)]);
    const dbBytes = await embedded.databaseSize();
    const memoryAfter = process.memoryUsage();
    const reservations = (await links()) - linksBefore;
    let busyDay: BusyDayResult | null = null;
    if (BUSY_DAY) {
      log(
        `initial sync done in ${Math.round(wallMs / 1000)} s; busy day: ${CHANGES_PER_ROOM} changes per room in ${DAY_MINUTES} min`,
      );
      busyDay = await runBusyDay(embedded, {
        rooms: extra.rooms,
        users: extra.users,
        changesPerRoom: CHANGES_PER_ROOM,
        dayMs: DAY_MINUTES * 60_000,
        bookedDates: new Set(scaleBookingDates({ perRoom: PER_ROOM, now })),
        databaseSize: embedded.databaseSize,
      });
    }
    return {
      role: 'sync',
      rooms,
      events,
      seedMs,
      wallMs,
      reservations,
      rssBeforeBytes,
      memoryAfter,
      dbBytes,
      dbBytesBefore,
      tables: tablesAfterSync,
      work,
      subscriptionsMs,
      busyDay,
    };
  } finally {
    await embedded.close();
  }
}

async function childFloor(rooms: number): Promise<ChildResult> {
  const [
    emulators,
    { scaleRooms, seedScaleBookings, SCALE_ZONE },
    { connectToEmulatedGraph },
    { createWorkplaceClient },
  ] = await Promise.all([
    import('@workplace-sync/emulators'),
    import('./support/scale-seed.js'),
    import('../server/src/adapters/graph/graph-connection.js'),
    import('../server/src/adapters/workplace/workplace-client.js'),
  ]);
  const extra = scaleRooms(rooms);
  const graphEmulator = await emulators.createGraphEmulator({
    tenantId: emulators.DEMO_TENANT_ID,
    seed: {
      ...emulators.demoSeed,
      users: [...(emulators.demoSeed.users ?? []), ...extra.users],
      rooms: [...(emulators.demoSeed.rooms ?? []), ...extra.graphRooms],
    },
    noise: 'realistic',
  });
  const graphListening = await graphEmulator.listen(0, '127.0.0.1');
  const workplaceEmulator = emulators.createWorkplaceEmulator({
    seed: {
      ...emulators.workplaceDemoSeed,
      floors: [...emulators.workplaceDemoSeed.floors, extra.floor],
      areas: [...emulators.workplaceDemoSeed.areas, ...extra.areas],
    },
  });
  const workplaceUrl = await workplaceEmulator.app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const seedStart = performance.now();
    const events = await seedScaleBookings(graphEmulator.control, extra.rooms, extra.users, {
      perRoom: PER_ROOM,
      onProgress: (booked) => booked % 10_000 === 0 && log(`${booked} bookings seeded`),
    });
    const seedMs = performance.now() - seedStart;
    globalThis.gc?.();
    const rssBeforeBytes = process.memoryUsage().rss;
    const graph = connectToEmulatedGraph({
      baseUrl: graphListening.url,
      caPem: graphEmulator.certificatePem,
      tenantId: emulators.DEMO_TENANT_ID,
      clientId: emulators.DEMO_SYNC_APP.clientId,
      credential: { kind: 'secret', secret: emulators.DEMO_SYNC_APP.clientSecret },
    });
    const workplace = createWorkplaceClient({ baseUrl: workplaceUrl, apiKey: workplaceEmulator.apiKey });

    const startedAt = performance.now();
    const window = { start: new Date(Date.now() - DAY_MS), end: new Date(Date.now() + 180 * DAY_MS) };
    let reservations = 0;
    const queue = [...extra.rooms];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let room = queue.shift(); room; room = queue.shift()) {
          const round = await graph.readDeltaRound({ address: room.mailbox, timeZone: SCALE_ZONE }, { window });
          for (const event of round.events) {
            await workplace.createReservation(
              {
                subject: event.booking.subject,
                start: event.booking.start.dateTime,
                end: event.booking.end.dateTime,
                timeZone: SCALE_ZONE,
                responsible: { email: event.booking.organizer.email },
                participants: [],
                recurrence: null,
                exceptions: [],
                lines: [{ type: 'area', objectId: room.areaId }],
                source: 'outlook',
              },
              { idempotencyKey: randomUUID() },
            );
            reservations += 1;
          }
        }
      }),
    );
    const wallMs = performance.now() - startedAt;
    return {
      role: 'floor',
      rooms,
      events,
      seedMs,
      wallMs,
      reservations,
      rssBeforeBytes,
      memoryAfter: process.memoryUsage(),
      dbBytes: null,
      dbBytesBefore: null,
      tables: [],
      work: null,
      subscriptionsMs: null,
      busyDay: null,
    };
  } finally {
    await workplaceEmulator.app.close();
    await graphEmulator.close();
  }
}

async function runChild(role: 'sync' | 'floor', rooms: number, database: 'pglite' | 'postgres') {
  const run = await runNodeWithTimeV([
    '--expose-gc',
    '--conditions=source',
    '--import',
    'tsx',
    fileURLToPath(import.meta.url),
    '--child',
    role,
    String(rooms),
    database,
    ...(mode === 'full' ? ['--full'] : []),
    ...(BUSY_DAY
      ? ['--day-minutes', String(DAY_MINUTES), '--changes-per-room', String(CHANGES_PER_ROOM)]
      : ['--no-busy-day']),
  ]);
  if (run.exitCode !== 0) throw new Error(`scale child (${role}, ${rooms} rooms, ${database}) exited ${run.exitCode}`);
  const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as ChildResult;
  return { ...result, maxRssBytes: run.maxRssBytes };
}

const childIndex = process.argv.indexOf('--child');
if (childIndex >= 0) {
  const [role, rooms, database] = process.argv.slice(childIndex + 1) as [
    'sync' | 'floor',
    string,
    'pglite' | 'postgres',
  ];
  const result = role === 'sync' ? await childSync(Number(rooms), database) : await childFloor(Number(rooms));
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

const report = createReport('scale');
console.log(`scale (${mode}): initial sync of R rooms × ${PER_ROOM} bookings over 180 days, R = ${SIZES.join(', ')}`);
for (const line of describeMachine()) console.log(`  ${line}`);
const dbIndex = process.argv.indexOf('--db');
const databases: Array<'pglite' | 'postgres'> = (
  ['pglite', ...(postgresAdminUrl() ? (['postgres'] as const) : [])] as const
).filter((database) => dbIndex < 0 || process.argv[dbIndex + 1]!.split(',').includes(database));
if (!postgresAdminUrl() && (dbIndex < 0 || process.argv[dbIndex + 1]!.includes('postgres')))
  report.skip('initial sync on PostgreSQL', NO_DATABASE_URL);
for (const database of databases) {
  const label = database === 'pglite' ? 'PGlite (embedded default)' : 'PostgreSQL';
  const rows: string[][] = [];
  const busyDayRows: string[][] = [];
  for (const rooms of SIZES) {
    console.log(`\n  ${label}, ${rooms} rooms`);
    const floor = await runChild('floor', rooms, database);
    const sync = await runChild('sync', rooms, database);
    const events = sync.events;
    rows.push([
      String(rooms),
      formatNumber(events),
      `${formatNumber(sync.seedMs / 1000)} s`,
      `${formatNumber(sync.wallMs / 1000)} s`,
      `${formatNumber(floor.wallMs / 1000)} s`,
      formatRatio(sync.wallMs, floor.wallMs),
      `${formatNumber(sync.subscriptionsMs === null ? NaN : sync.subscriptionsMs / 1000)} s`,
      formatNumber(events / (sync.wallMs / 1000)),
      formatBytes(sync.maxRssBytes),
      formatBytes(floor.maxRssBytes),
      formatBytes(sync.dbBytes ?? NaN),
      formatBytes(((sync.dbBytes ?? NaN) - (sync.dbBytesBefore ?? NaN)) / events),
    ]);
    const what = `${rooms} rooms (${formatNumber(events)} events), ${label}`;
    report.add({
      name: `initial sync wall time, ${what}`,
      value: sync.wallMs / 1000,
      unit: 's',
      baseline: { label: 'floor (reads + creates, no server)', value: floor.wallMs / 1000 },
      note: `${sync.reservations} reservations; subscribing the rooms took ${formatNumber((sync.subscriptionsMs ?? NaN) / 1000)} s of it`,
    });
    report.add({
      name: `peak memory, ${what}`,
      value: sync.maxRssBytes / 1e6,
      unit: 'MB',
      baseline: { label: 'floor process (emulators + data)', value: floor.maxRssBytes / 1e6 },
      note: `RSS before linking ${formatBytes(sync.rssBeforeBytes)} (floor ${formatBytes(floor.rssBeforeBytes)}); after: JS heap ${formatBytes(sync.memoryAfter.heapUsed)}, external ${formatBytes(sync.memoryAfter.external)} (on PGlite mostly its WebAssembly memory)`,
    });
    if (sync.work) {
      const perEvent = (count: number) => formatNumber(count / events);
      console.log(
        `    per event: ${sync.work.sqlStatements === null ? '' : `${perEvent(sync.work.sqlStatements)} SQL statements, `}` +
          `${perEvent(sync.work.workplaceRequests.reduce((sum, [, count]) => sum + count, 0))} Workplace requests ` +
          `(${sync.work.workplaceRequests.map(([kind, count]) => `${kind} ${perEvent(count)}`).join(', ')}), ` +
          `${perEvent(sync.work.graphOperations.reduce((sum, [, count]) => sum + count, 0))} Graph operations ` +
          `(${sync.work.graphOperations
            .slice(0, 5)
            .map(([kind, count]) => `${kind} ${perEvent(count)}`)
            .join(', ')}), ${perEvent(sync.work.notifications)} notifications; ` +
          `max ${sync.work.maxConcurrentPerMailbox} concurrent Graph requests on one mailbox`,
      );
      if (sync.work.topStatements.length > 0) {
        console.log(
          `    SQL statements by time in PGlite (waiting for it included):\n${renderTable(
            ['statement', 'per event', 'ms per event'],
            sync.work.topStatements.map(([text, count, ms]) => [text, perEvent(count), formatNumber(ms / events)]),
          )
            .split('\n')
            .map((line) => `      ${line}`)
            .join('\n')}`,
        );
      }
    }
    if (sync.busyDay) busyDayRows.push(reportBusyDay(report, sync.busyDay, label));
    const growth = (sync.dbBytes ?? NaN) - (sync.dbBytesBefore ?? NaN);
    report.add({
      name: `database size, ${what}`,
      value: (sync.dbBytes ?? NaN) / 1e6,
      unit: 'MB',
      baseline: { label: 'before linking the rooms', value: (sync.dbBytesBefore ?? NaN) / 1e6 },
      note: `growth ${formatBytes(growth / events)} per event; largest tables: ${sync.tables
        .slice(0, 4)
        .map(([name, bytes]) => `${name} ${formatBytes(bytes)}`)
        .join(', ')}`,
    });
  }
  console.log(
    `\n  ${label}: growth\n${renderTable(
      [
        'rooms',
        'events',
        'seeding',
        'sync wall',
        'floor wall',
        'ratio',
        'subscribing',
        'events/s',
        'sync peak RSS',
        'floor peak RSS',
        'database',
        'growth/event',
      ],
      rows,
    )}`,
  );
  if (busyDayRows.length > 0) console.log(`\n  ${label}: busy day\n${renderTable(BUSY_DAY_COLUMNS, busyDayRows)}`);
}
report.finish();
