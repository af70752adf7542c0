// Sync latency on the emulators, both directions (issue 8, item 2): from a change in one system to
// the result visible in the other, with the emulators' own delivery delay subtracted.
//
//   node --conditions=source --import tsx bench/sync-latency.ts [--full] [--interval-ms 250]
//
// Runs `npm start`'s embedded default (startServer: both emulators in-process with realistic
// notification noise, HTTPS webhooks, the job queue and the sync on PGlite) with the clock running in
// real time. Changes are made every INTERVAL_MS (250 ms: 4 changes/s over 22 rooms, about ten times a
// busy day in 1,000 rooms: ≈ 12 bookings and edits per room over 10 hours ≈ 0.33/s), round-robin over
// the demo rooms, as a user in Outlook (Graph emulator control API) or at a Workplace kiosk:
//   - sentAt:     just before the change is made;
//   - arrivedAt:  the first webhook about it reaches our route handler (Graph: a notification naming
//                 the room's event; Workplace: a delivery naming the reservation). arrivedAt - sentAt
//                 is the emulator's delivery delay (room processing, batching, HTTPS POST);
//   - visibleAt:  the sync's write carrying the change is answered by the other system.
// Both instants come from Fastify's tracing channel (bench/support/request-probe.ts): no polling.
// The figure is visibleAt - arrivedAt. The baseline is the write itself: the same kind of create,
// made directly with the production client, measured in the same run.
//
// The rate is open-loop: if the process gets less CPU than the sync needs for it (other work on a
// shared machine), jobs queue up and the latency grows through the phase. So each phase also prints
// the CPU this process got (a share of one core) and the machine's load average.

import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchRoom } from './support/bench-rooms.js';
import { createSlotPlanner, usableRooms } from './support/bench-rooms.js';
import { benchMode, byMode } from './support/cli.js';
import { embeddedEndpoints } from './support/direct-clients.js';
import { measureDirectWrites } from './support/direct-writes.js';
import { kiosk, startEmbeddedServer } from './support/embedded-server.js';
import { monitorGraphTraffic } from './support/graph-traffic.js';
import { monitorStalls } from './support/stall-monitor.js';
import { createReport } from './support/figures.js';
import { formatBytes, formatMs, formatNumber, renderTable } from './support/format.js';
import { describeMachine } from './support/machine.js';
import { observeRequests } from './support/request-probe.js';
import { summarize } from './support/stats.js';

const mode = benchMode();
const report = createReport('sync-latency');
const CHANGES = byMode(mode, 150, 1_000);
const WARMUP = 10;
const intervalIndex = process.argv.indexOf('--interval-ms');
const INTERVAL_MS = intervalIndex >= 0 ? Number(process.argv[intervalIndex + 1]) : 250;
const VISIBLE_TIMEOUT_MS = 30_000;
const TARGET_P50_MS = 750;
const TARGET_P99_MS = 1_500;

type Direction = 'exchange-to-workplace' | 'workplace-to-exchange';
type Change = {
  direction: Direction;
  kind: 'create' | 'rename';
  index: number;
  subject: string;
  room: BenchRoom;
  sentAt: number;
  /** Outlook: the organizer and their event (to rename it); the room's copy (what notifications name). */
  organizer?: string;
  organizerEventId?: string;
  roomEventId?: string;
  /** Workplace: the reservation (what webhooks name). */
  reservationId?: string;
};

// What the probe saw: webhook arrivals by the id they name, and the sync's writes by subject.
const arrivals = { graph: new Map<string, number[]>(), workplace: new Map<string, number[]>() };
const visibleAt = { workplace: new Map<string, number>(), exchange: new Map<string, number>() };
const push = (map: Map<string, number[]>, key: string, at: number) => map.set(key, [...(map.get(key) ?? []), at]);
const GRAPH_EVENT_WRITE = /^\/(v1\.0|beta)\/users\/[^/]+\/(calendar\/)?events(\/[^/?]+)?(\?|$)/i;

// Throttling answers and per-mailbox concurrency over the whole run (a 429's Retry-After shows in the tail).
const traffic = monitorGraphTraffic();
const stopProbe = observeRequests({
  onStart({ method, url, body, startedAt }) {
    if (method !== 'POST') return;
    if (url.startsWith('/webhooks/graph')) {
      for (const item of (body as { value?: Array<Record<string, unknown>> } | undefined)?.value ?? []) {
        const id =
          (item.resourceData as { id?: string } | undefined)?.id ??
          String(item.resource ?? '')
            .split('/')
            .pop();
        if (id) push(arrivals.graph, id, startedAt);
      }
    } else if (url.startsWith('/webhooks/workplace') && Buffer.isBuffer(body)) {
      const { changes = [] } = JSON.parse(body.toString()) as { changes?: Array<{ reservationId: string }> };
      for (const change of changes) push(arrivals.workplace, change.reservationId, startedAt);
    }
  },
  onEnd({ method, url, body, status, endedAt }) {
    if (status >= 300 || (method !== 'POST' && method !== 'PATCH' && method !== 'PUT')) return;
    const subject = (body as { subject?: unknown } | undefined)?.subject;
    if (typeof subject !== 'string') return;
    const target = url.startsWith('/api/v1/reservations')
      ? visibleAt.workplace
      : GRAPH_EVENT_WRITE.test(url)
        ? visibleAt.exchange
        : null;
    if (target && !target.has(subject)) target.set(subject, endedAt);
  },
});

console.log(
  `sync latency (${mode}): ${CHANGES} changes each way after ${WARMUP} warm-up, one every ${INTERVAL_MS} ms (${formatNumber(1000 / INTERVAL_MS)} changes/s)`,
);
for (const line of describeMachine()) console.log(`  ${line}`);
const embedded = await startEmbeddedServer();
const { graph } = embedded.emulators;
try {
  console.log(`  embedded default started; demo bookings synced after ${formatMs(await embedded.waitForIdle())}`);
  const rooms = await usableRooms(embedded);
  const idToAddress = new Map(graph.mailboxes().map((mailbox) => [mailbox.id.toLowerCase(), mailbox.email]));
  traffic.setMailboxResolver((segment) => idToAddress.get(segment) ?? segment);
  const organizers = graph
    .mailboxes()
    .filter((mailbox) => mailbox.kind === 'user')
    .map((mailbox) => mailbox.email);
  const slots = createSlotPlanner();
  console.log(`  ${rooms.length} rooms, ${organizers.length} organizers`);

  const roomEventIdOf = (change: Change): string | undefined =>
    graph.mailboxEvents(change.room.mailbox).find((event) => event.subject === change.subject)?.id as
      string | undefined;

  /** Makes one change in the source system; returns it with the ids needed to correlate. */
  async function makeChange(
    direction: Direction,
    index: number,
    renamable: Change[],
    renamed: Set<Change>,
  ): Promise<Change> {
    const room = rooms[index % rooms.length]!;
    const subject = `${direction === 'exchange-to-workplace' ? 'Outlook' : 'Kiosk'} #${index} ${randomUUID().slice(0, 8)}`;
    const earlier = index % 3 === 2 ? renamable.shift() : undefined;
    if (earlier) renamed.add(earlier);
    const sentAt = performance.now();
    if (direction === 'exchange-to-workplace') {
      if (earlier) {
        graph.actAsUser(earlier.organizer!, {
          action: 'update',
          eventId: earlier.organizerEventId!,
          changes: { subject },
        });
        return { ...earlier, kind: 'rename', index, subject, sentAt };
      }
      const slot = slots.next(room);
      const organizer = organizers[index % organizers.length]!;
      const event = graph.actAsUser(organizer, {
        action: 'create',
        meeting: {
          subject,
          start: { dateTime: slot.start, timeZone: slot.timeZone },
          end: { dateTime: slot.end, timeZone: slot.timeZone },
          rooms: [room.mailbox],
        },
      });
      return {
        direction,
        kind: 'create',
        index,
        subject,
        room,
        sentAt,
        organizer,
        organizerEventId: String(event!.id),
      };
    }
    if (earlier) {
      await kiosk(embedded, 'PATCH', `/reservations/${earlier.reservationId}`, { subject });
      return { ...earlier, kind: 'rename', index, subject, sentAt };
    }
    const slot = slots.next(room);
    const created = await kiosk<{ id: string }>(embedded, 'POST', '/reservations', {
      subject,
      start: slot.start,
      end: slot.end,
      timeZone: slot.timeZone,
      responsible: { email: organizers[index % organizers.length] },
      participants: [],
      lines: [{ type: 'area', objectId: room.areaId }],
    });
    return { direction, kind: 'create', index, subject, room, sentAt, reservationId: created.id };
  }

  async function runDirection(direction: Direction): Promise<Change[]> {
    const visible = direction === 'exchange-to-workplace' ? visibleAt.workplace : visibleAt.exchange;
    const changes: Change[] = [];
    const awaitingVisibility: Change[] = [];
    const renamable: Change[] = [];
    const renamed = new Set<Change>();
    const startedAt = performance.now();
    for (let index = 0; index < WARMUP + CHANGES; index++) {
      await sleep(Math.max(0, startedAt + index * INTERVAL_MS - performance.now()));
      // A create becomes renamable once visible on the other side (a rename must not race its create).
      for (const change of awaitingVisibility.splice(0)) {
        if (!visible.has(change.subject)) {
          awaitingVisibility.push(change);
          continue;
        }
        // The room's copy keeps its id through renames: note it while the subject still finds it.
        if (direction === 'exchange-to-workplace') change.roomEventId = roomEventIdOf(change);
        renamable.push(change);
      }
      const change = await makeChange(direction, index, renamable, renamed);
      changes.push(change);
      if (change.kind === 'create') awaitingVisibility.push(change);
    }
    const deadline = performance.now() + VISIBLE_TIMEOUT_MS;
    while (changes.some((change) => !visible.has(change.subject)) && performance.now() < deadline) await sleep(50);
    // Creates never renamed still carry their subject: find their room event now.
    for (const change of changes) {
      if (direction === 'exchange-to-workplace' && change.kind === 'create' && !renamed.has(change))
        change.roomEventId ??= roomEventIdOf(change);
    }
    // A rename names the event of its create.
    const eventOfCreate = new Map(changes.map((change) => [change.organizerEventId, change.roomEventId]));
    for (const change of changes) change.roomEventId ??= eventOfCreate.get(change.organizerEventId);
    return changes.slice(WARMUP);
  }

  const results = new Map<Direction, { subtracted: number[]; raw: number[]; delay: number[]; missing: number }>();
  const slowest: Array<{ latency: number; row: string[] }> = [];
  const cpuShares = new Map<Direction, number>();
  for (const direction of ['exchange-to-workplace', 'workplace-to-exchange'] as const) {
    const phaseStart = performance.now();
    const phaseCpu = process.cpuUsage();
    const stallMonitor = monitorStalls();
    const changes = await runDirection(direction);
    const stalls = stallMonitor.stop();
    const cpu = process.cpuUsage(phaseCpu);
    const cpuShare = (cpu.user + cpu.system) / 1000 / (performance.now() - phaseStart);
    cpuShares.set(direction, cpuShare);
    const visible = direction === 'exchange-to-workplace' ? visibleAt.workplace : visibleAt.exchange;
    const subtracted: number[] = [];
    const raw: number[] = [];
    const delay: number[] = [];
    let missing = 0;
    for (const change of changes) {
      const seenAt = visible.get(change.subject);
      const arrivalTimes =
        direction === 'exchange-to-workplace'
          ? arrivals.graph.get(change.roomEventId ?? '')
          : arrivals.workplace.get(change.reservationId ?? '');
      const arrivedAt = arrivalTimes?.find((at) => at >= change.sentAt);
      if (seenAt === undefined) {
        missing += 1;
        continue;
      }
      raw.push(seenAt - change.sentAt);
      // Without a webhook about it (the sync read it in a run another change started), nothing to subtract.
      const emulatorDelay = arrivedAt !== undefined && arrivedAt <= seenAt ? arrivedAt - change.sentAt : 0;
      delay.push(emulatorDelay);
      subtracted.push(seenAt - change.sentAt - emulatorDelay);
      slowest.push({
        latency: seenAt - change.sentAt - emulatorDelay,
        row: [
          direction,
          change.kind,
          change.room.mailbox,
          formatMs(seenAt - change.sentAt - emulatorDelay),
          formatMs(emulatorDelay),
          `${formatMs(change.sentAt - phaseStart)} into the phase`,
        ],
      });
    }
    results.set(direction, { subtracted, raw, delay, missing });
    console.log(
      `  ${direction}: ${changes.length} changes in ${formatMs(performance.now() - phaseStart)}; ${missing} not visible after ${VISIBLE_TIMEOUT_MS / 1000} s; ` +
        `process CPU ${Math.round(cpuShare * 100)} % of a core, load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores; ` +
        `JS heap ${formatBytes(process.memoryUsage().heapUsed)} (both emulators' state included); ` +
        `event loop stood still ≥ 100 ms ${stalls.length} times${stalls
          .sort((a, b) => b.lagMs - a.lagMs)
          .slice(0, 3)
          .map(
            (stall) =>
              `, ${formatMs(stall.lagMs)} at ${formatMs(stall.at)} (${Math.round(stall.cpuShare * 100)} % CPU: ${stall.cpuShare >= 0.5 ? 'own work' : 'starved'}; GC ${formatMs(stall.gcMs)}, major ${formatMs(stall.majorGcMs)})`,
          )
          .join('')}`,
    );
    await embedded.waitForIdle();
  }

  // Why the slowest were slow: retried jobs, throttling.
  const { rows: retried } = await embedded.server.database.db.execute<{ queue: string; jobs: number; error: string }>(
    sql`select queue, count(*)::int as jobs, max(last_error) as error from jobs where last_error is not null group by queue`,
  );
  const counts = traffic.snapshot();
  console.log(
    `\n${renderTable(
      ['slowest changes', 'kind', 'room', 'latency', 'emulator delay', 'sent'],
      slowest
        .sort((a, b) => b.latency - a.latency)
        .slice(0, 8)
        .map(({ row }) => row),
    )}`,
  );
  console.log(
    `  Graph: ${counts.operations} operations, ${counts.throttled} throttled answers, max ${traffic.maxConcurrency().requests} concurrent requests on one mailbox; jobs with an error: ${
      retried.length === 0 ? 'none' : retried.map((row) => `${row.queue} ×${row.jobs} (${row.error})`).join('; ')
    }`,
  );

  // Baselines: the one write each direction needs, made directly with the production clients and
  // timed the same way (from the call to the answer of the system's route handler).
  const direct = await measureDirectWrites(embeddedEndpoints(embedded), {
    rooms,
    nextSlot: (room) => slots.next(room),
    organizer: organizers[0]!,
  });
  const directTimes = { 'exchange-to-workplace': direct.toWorkplace, 'workplace-to-exchange': direct.toExchange };

  const rows: string[][] = [];
  for (const [direction, { subtracted, raw, delay, missing }] of results) {
    const latency = summarize(subtracted);
    const end = summarize(raw);
    const emulator = summarize(delay);
    const baseline = summarize(directTimes[direction]);
    const label = direction === 'exchange-to-workplace' ? 'Exchange → Workplace' : 'Workplace → Exchange';
    const writeLabel = direction === 'exchange-to-workplace' ? 'direct Workplace create' : 'direct Graph event create';
    rows.push([
      label,
      String(latency.count),
      formatMs(latency.p50),
      formatMs(latency.p95),
      formatMs(latency.p99),
      formatMs(latency.max),
      formatMs(end.p50),
      formatMs(emulator.p50),
      formatMs(baseline.p50),
      String(missing),
    ]);
    const note = `n=${latency.count}, one change every ${INTERVAL_MS} ms, ${missing} not visible; emulator delay p50 ${formatMs(emulator.p50)} subtracted (raw p50 ${formatMs(end.p50)}, p99 ${formatMs(end.p99)}); process CPU ${Math.round((cpuShares.get(direction) ?? NaN) * 100)} % of a core`;
    report.add({
      name: `${label} p50`,
      value: latency.p50,
      unit: 'ms',
      baseline: { label: `${writeLabel} p50`, value: baseline.p50 },
      target: { text: `≤ ${TARGET_P50_MS} ms`, met: latency.p50 <= TARGET_P50_MS && missing === 0 },
      note,
    });
    report.add({
      name: `${label} p95`,
      value: latency.p95,
      unit: 'ms',
      baseline: { label: `${writeLabel} p95`, value: baseline.p95 },
    });
    report.add({
      name: `${label} p99`,
      value: latency.p99,
      unit: 'ms',
      baseline: { label: `${writeLabel} p99`, value: baseline.p99 },
      target: { text: `≤ ${TARGET_P99_MS} ms`, met: latency.p99 <= TARGET_P99_MS && missing === 0 },
    });
  }
  console.log(
    `\n${renderTable(
      ['direction', 'n', 'p50', 'p95', 'p99', 'max', 'raw p50', 'emulator delay p50', 'direct write p50', 'missing'],
      rows,
    )}`,
  );
} finally {
  stopProbe();
  traffic.stop();
  await embedded.close();
}
report.finish();
