// Scale (issue 8, item 4): the initial sync of R rooms × 180 days of bookings (50 per room, so
// 1,000 rooms ≈ 50,000 events): wall time, peak memory, database size, and how they grow with R.
//
//   node --conditions=source --import tsx bench/scale.ts [--full] [--rooms 100,1000] [--db pglite,postgres]
//        [--day-minutes 20] [--changes-per-room 8] [--no-busy-day] [--instances 2] [--busy-day-seed N]
//        [--break-end-state-check]
//
// Quick: 100 rooms × 10 bookings (1,000 events; 50 per room would take over two minutes on 2 cores).
// Full: 100, 250, 500 and 1,000 rooms × 50 bookings.
//
// After the initial sync the same server runs a simulated busy day (bench/support/busy-day.ts):
// CHANGES_PER_ROOM changes per room in Outlook and Workplace with an office's mix (series, single
// occurrences moved or cancelled, two rooms, rooms added and removed, approval rooms and an approver)
// over ten office hours compressed into DAY_MINUTES (quick: 3, full: 20), then checks every booking
// in both systems, room by room and occurrence by occurrence. --break-end-state-check makes that
// check expect the bookings as first made, to show that it fails.
//
// Each measurement is a child process under `/usr/bin/time -v` (peak RSS):
//   - sync:  the emulators and the benchmark's driver (bench/support/scale-world.ts), and the server
//            as production runs it (real mode, pointed at the emulators) in a process of its own
//            under `/usr/bin/time -v` too, so its peak RSS is the server's alone; on PGlite, or on
//            PostgreSQL with DATABASE_URL. With --instances 2 (PostgreSQL) each size runs once more
//            with two server instances on one database behind a round-robin balancer (the
//            one-instance run then uses it too), printed against one instance. The R rooms (and a
//            tenth more that need approval, without seeded bookings) exist in both emulators with
//            their bookings made in Outlook, but are not linked yet. Then an administrator links
//            them (rows in `rooms`) and the subscription job runs, as it does for newly linked rooms:
//            it subscribes each room and queues its first sync. Timed until every booking is a
//            Workplace reservation and the queue is idle.
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
/** 2: each size also runs with two server instances on one PostgreSQL (both behind a balancer), and the ratio. */
const INSTANCES = numberFlag('--instances', 1);
/** The end-state check's own test: it expects the bookings as first made, so a real day must fail it. */
const BREAK_END_STATE_CHECK = process.argv.includes('--break-end-state-check');
/** Another day of the same mix (the day is drawn from a seeded generator, so each seed is one day). */
const BUSY_DAY_SEED = numberFlag('--busy-day-seed', 20261126);

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
  /** The sync: how many server instances, and each one's peak RSS (its own process, under /usr/bin/time -v). */
  instances: number;
  serverPeakRssBytes: number[];
  /** The largest instance's peak RSS from linking the rooms on (sampled every 500 ms): its start left out. */
  serverPeakSinceLinkBytes: number;
  /** The sync child's own peak RSS (the emulators and the driver), sampled every 500 ms. */
  driverPeakRssBytes: number;
};

const log = (line: string) => process.stderr.write(`    ${line}\n`);

async function childSync(
  rooms: number,
  database: 'pglite' | 'postgres',
  instances: number,
  balancer: boolean,
): Promise<ChildResult> {
  const [
    { scaleRooms, seedScaleBookings, scaleBookingDates },
    { startScaleWorld },
    { monitorGraphTraffic },
    { observeRequests },
    { runBusyDay },
  ] = await Promise.all([
    import('./support/scale-seed.js'),
    import('./support/scale-world.js'),
    import('./support/graph-traffic.js'),
    import('./support/request-probe.js'),
    import('./support/busy-day.js'),
  ]);
  const extra = scaleRooms(rooms);
  // Rooms that need approval (a tenth more, without seeded bookings): the busy day books them too.
  const approval = scaleRooms(Math.ceil(rooms / 10), { first: rooms, approvalRequired: true });
  const allRooms = [...extra.rooms, ...approval.rooms];
  const now = new Date();
  const world = await startScaleWorld({
    extra: {
      users: extra.users,
      graphRooms: [...extra.graphRooms, ...approval.graphRooms],
      areas: [...extra.areas, ...approval.areas],
      floor: extra.floor,
    },
    postgresAdminUrl: database === 'postgres' ? postgresAdminUrl() : null,
    balancer,
  });
  try {
    const { graph } = world.emulators;
    const seedStart = performance.now();
    const events = await seedScaleBookings(graph, extra.rooms, extra.users, {
      perRoom: PER_ROOM,
      now,
      onProgress: (booked) => booked % 10_000 === 0 && log(`${booked} bookings seeded`),
    });
    const seedMs = performance.now() - seedStart;
    // This process's own peak (GNU time's figure for it would include the server processes it waits for).
    let driverPeakRssBytes = process.memoryUsage().rss;
    const driverSampler = setInterval(
      () => (driverPeakRssBytes = Math.max(driverPeakRssBytes, process.memoryUsage().rss)),
      500,
    );
    // The server starts after the seeding: its memory is its own (the emulators' data is in this process).
    await world.startInstances(instances);
    const server = world.instances[0]!;
    type Counts = { links: number; subscribed: number; backlog: number };
    const counts = () => server.ask<Counts>('counts');
    const processOf = () => server.ask<{ memory: NodeJS.MemoryUsage }>('process');
    const rssBeforeBytes = (await processOf()).memory.rss;
    const before = await counts();
    const dbBytesBefore = await world.databaseSize();

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
    await server.ask('count-statements');
    const notificationsBefore = await notificationsReceived(world.instances);

    const startedAt = performance.now();
    // An administrator links the rooms; the subscription job subscribes them and queues their first syncs.
    await server.ask('link', {
      rooms: allRooms.map((room) => ({ workplaceAreaId: room.areaId, mailbox: room.mailbox, displayName: room.name })),
    });
    let subscriptionsMs: number | null = null;
    for (;;) {
      await sleep(200);
      const now = await counts();
      if (subscriptionsMs === null && now.subscribed - before.subscribed >= allRooms.length)
        subscriptionsMs = performance.now() - startedAt;
      if (now.links - before.links >= events && now.backlog === 0) break;
      if (performance.now() - startedAt > 3 * 3_600_000) throw new Error('initial sync did not finish in 3 hours');
    }
    const wallMs = performance.now() - startedAt;
    const traffic = graphTraffic.snapshot();
    const statements = await server.ask<{ count: number; top: Array<[string, number, number]> } | null>('statements');
    const work = {
      sqlStatements: statements?.count ?? null,
      topStatements: statements?.top ?? [],
      workplaceRequests: [...workplaceRequests].sort((a, b) => b[1] - a[1]),
      graphOperations: [...traffic.operationsByKind].sort((a, b) => b[1] - a[1]),
      notifications: (await notificationsReceived(world.instances)) - notificationsBefore,
      maxConcurrentPerMailbox: graphTraffic.maxConcurrency().requests,
    };
    stopProbe();
    graphTraffic.stop();
    const tablesAfterSync = await server.ask<Array<[string, number]>>('tables');
    const dbBytes = await world.databaseSize();
    const memoryAfter = (await processOf()).memory;
    const reservations = (await counts()).links - before.links;
    let busyDay: BusyDayResult | null = null;
    if (BUSY_DAY) {
      log(
        `initial sync done in ${Math.round(wallMs / 1000)} s; busy day: ${CHANGES_PER_ROOM} changes per room in ${DAY_MINUTES} min, ${instances} server instance(s)`,
      );
      busyDay = await runBusyDay(world, {
        rooms: allRooms,
        approvalAreas: new Set(approval.rooms.map((room) => room.areaId)),
        users: extra.users,
        changesPerRoom: CHANGES_PER_ROOM,
        dayMs: DAY_MINUTES * 60_000,
        bookedDates: new Set(scaleBookingDates({ perRoom: PER_ROOM, now })),
        breakExpectation: BREAK_END_STATE_CHECK,
        seed: BUSY_DAY_SEED,
      });
    }
    const serverPeakSinceLinkBytes = Math.max(
      ...(
        await Promise.all(world.instances.map((instance) => instance.ask<{ rssPeakSinceLink: number }>('process')))
      ).map((answer) => answer.rssPeakSinceLink),
    );
    const serverPeakRssBytes = await world.stopInstances();
    clearInterval(driverSampler);
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
      instances,
      serverPeakRssBytes,
      serverPeakSinceLinkBytes,
      driverPeakRssBytes,
    };
  } finally {
    await world.close();
  }
}

async function notificationsReceived(instances: Array<{ ask<T>(kind: string): Promise<T> }>): Promise<number> {
  const received = await Promise.all(instances.map((instance) => instance.ask<{ notifications: number }>('webhooks')));
  return received.reduce((sum, { notifications }) => sum + notifications, 0);
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
      instances: 0,
      serverPeakRssBytes: [],
      serverPeakSinceLinkBytes: NaN,
      driverPeakRssBytes: NaN,
    };
  } finally {
    await workplaceEmulator.app.close();
    await graphEmulator.close();
  }
}

async function runChild(
  role: 'sync' | 'floor',
  rooms: number,
  database: 'pglite' | 'postgres',
  { instances = 1, balancer = false }: { instances?: number; balancer?: boolean } = {},
) {
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
    String(instances),
    balancer ? 'balancer' : 'direct',
    ...(mode === 'full' ? ['--full'] : []),
    ...(BUSY_DAY
      ? ['--day-minutes', String(DAY_MINUTES), '--changes-per-room', String(CHANGES_PER_ROOM)]
      : ['--no-busy-day']),
    ...(BREAK_END_STATE_CHECK ? ['--break-end-state-check'] : []),
    '--busy-day-seed',
    String(BUSY_DAY_SEED),
  ]);
  if (run.exitCode !== 0) throw new Error(`scale child (${role}, ${rooms} rooms, ${database}) exited ${run.exitCode}`);
  const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as ChildResult;
  // The sync child holds the emulators and the driver; the server's own peak is in serverPeakRssBytes.
  return { ...result, maxRssBytes: run.maxRssBytes };
}

const childIndex = process.argv.indexOf('--child');
if (childIndex >= 0) {
  const [role, rooms, database, instances, balancer] = process.argv.slice(childIndex + 1) as [
    'sync' | 'floor',
    string,
    'pglite' | 'postgres',
    string,
    'balancer' | 'direct',
  ];
  const result =
    role === 'sync'
      ? await childSync(Number(rooms), database, Number(instances), balancer === 'balancer')
      : await childFloor(Number(rooms));
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
    const scaleOut = INSTANCES > 1 && database === 'postgres';
    if (INSTANCES > 1 && !scaleOut) log('several server instances need PostgreSQL: one instance only on PGlite');
    // Compared with two instances, one runs behind the same balancer.
    const sync = await runChild('sync', rooms, database, { balancer: scaleOut });
    const events = sync.events;
    const serverPeak = Math.max(...sync.serverPeakRssBytes);
    rows.push([
      String(rooms),
      formatNumber(events),
      `${formatNumber(sync.seedMs / 1000)} s`,
      `${formatNumber(sync.wallMs / 1000)} s`,
      `${formatNumber(floor.wallMs / 1000)} s`,
      formatRatio(sync.wallMs, floor.wallMs),
      `${formatNumber(sync.subscriptionsMs === null ? NaN : sync.subscriptionsMs / 1000)} s`,
      formatNumber(events / (sync.wallMs / 1000)),
      formatBytes(serverPeak),
      formatBytes(sync.driverPeakRssBytes),
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
      name: `server peak memory (its own process), ${what}`,
      value: serverPeak / 1e6,
      unit: 'MB',
      baseline: { label: 'the same server started, before linking the rooms', value: sync.rssBeforeBytes / 1e6 },
      target: { text: '≤ 512 MB at 1,000 rooms (issue 18)', met: serverPeak <= 512e6 },
      note: `over its whole life (GNU time); from linking the rooms on ${formatBytes(sync.serverPeakSinceLinkBytes)} (sampled); after the sync: JS heap ${formatBytes(sync.memoryAfter.heapUsed)}, external ${formatBytes(sync.memoryAfter.external)} (on PGlite mostly its WebAssembly memory); emulators + driver process ${formatBytes(sync.driverPeakRssBytes)}, floor process (emulators + data) ${formatBytes(floor.maxRssBytes)}`,
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
    if (sync.busyDay)
      busyDayRows.push(reportBusyDay(report, sync.busyDay, `${label}${scaleOut ? ', one instance' : ''}`));
    if (scaleOut) {
      const two = await runChild('sync', rooms, database, { instances: 2, balancer: true });
      if (two.busyDay) busyDayRows.push(reportBusyDay(report, two.busyDay, `${label}, two instances`));
      reportScaleOut(report, `${rooms} rooms`, sync, two);
    }
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
        'server peak RSS',
        'emulators + driver peak RSS',
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

/** One server instance against two on one PostgreSQL: the same initial sync and busy day, side by side. */
function reportScaleOut(
  figures: ReturnType<typeof createReport>,
  what: string,
  one: ChildResult & { maxRssBytes: number },
  two: ChildResult & { maxRssBytes: number },
) {
  figures.add({
    name: `scale-out: initial sync wall time, two instances, ${what}`,
    value: two.wallMs / 1000,
    unit: 's',
    baseline: { label: 'one instance (same balancer)', value: one.wallMs / 1000 },
    note: `server peak RSS ${two.serverPeakRssBytes.map((bytes) => formatBytes(bytes)).join(' + ')} (one instance: ${formatBytes(Math.max(...one.serverPeakRssBytes))})`,
  });
  if (!one.busyDay || !two.busyDay) return;
  for (const percentile of ['p50', 'p99'] as const)
    figures.add({
      name: `scale-out: busy day ${percentile}, two instances, ${what}`,
      value: two.busyDay.latency.all[percentile],
      unit: 'ms',
      baseline: { label: 'one instance', value: one.busyDay.latency.all[percentile] },
      note:
        percentile === 'p99'
          ? `server CPU ${Math.round(two.busyDay.cpuShare * 100)} % of a core (both instances) against ${Math.round(one.busyDay.cpuShare * 100)} %; wrong at the end ${two.busyDay.wrongAtEnd.length + two.busyDay.missing} / ${one.busyDay.wrongAtEnd.length + one.busyDay.missing}`
          : undefined,
    });
}
