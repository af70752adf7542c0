// Graph efficiency (issue 8, item 3): Graph requests per synced change under realistic notification
// noise, against the naive approach of one GET per notification, and the most concurrent requests
// the sync ever had in flight on one mailbox (Outlook's limit is 4).
//
//   node --conditions=source --import tsx bench/graph-efficiency.ts [--full]
//
// The embedded default (startServer) with the Graph emulator's realistic noise: each room booking is
// 1 created + 3 updated notifications from the room's booking attendant, 20 % are delivered twice,
// batches are shuffled. The load is bursts on one room at a time: three meetings booked in the same
// room within a moment, then each edited once (renamed; one also moved). Every change must reach
// Workplace. The naive count is the change notifications the sync's webhook received in the same
// window (one GET each); the sync's count is every Graph operation it made (delta pages, `$batch`
// items, writes; token requests are listed apart), seen at the Graph emulator's route handlers.

import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSlotPlanner, usableRooms } from './support/bench-rooms.js';
import { benchMode, byMode } from './support/cli.js';
import { startEmbeddedServer } from './support/embedded-server.js';
import { createReport } from './support/figures.js';
import { formatMs, formatNumber, renderTable } from './support/format.js';
import { monitorGraphTraffic } from './support/graph-traffic.js';
import { describeMachine } from './support/machine.js';
import { observeRequests } from './support/request-probe.js';

const mode = benchMode();
const report = createReport('graph-efficiency');
const BURSTS = byMode(mode, 20, 100);
const BURST_EVERY_MS = 1_000;
const EDIT_EVERY_MS = 150;
const MEETINGS_PER_BURST = 3;
const TARGET_RATIO = 0.5;
const MAX_CONCURRENCY = 4;

// Subscribed before the server starts: the concurrency maximum covers the initial sync too.
const traffic = monitorGraphTraffic();
const syncedSubjects = new Set<string>();
const stopProbe = observeRequests({
  onEnd({ method, url, body, status }) {
    const subject = (body as { subject?: unknown } | undefined)?.subject;
    if (status < 300 && method !== 'GET' && url.startsWith('/api/v1/reservations') && typeof subject === 'string')
      syncedSubjects.add(subject);
  },
});

console.log(
  `Graph efficiency (${mode}): ${BURSTS} bursts, one room each, ${MEETINGS_PER_BURST} bookings + ${MEETINGS_PER_BURST} edits per burst`,
);
for (const line of describeMachine()) console.log(`  ${line}`);
const embedded = await startEmbeddedServer();
const { graph } = embedded.emulators;
try {
  await embedded.waitForIdle();
  const idToAddress = new Map(graph.mailboxes().map((mailbox) => [mailbox.id.toLowerCase(), mailbox.email]));
  traffic.setMailboxResolver((segment) => idToAddress.get(segment) ?? segment);
  const rooms = await usableRooms(embedded);
  const organizers = graph
    .mailboxes()
    .filter((mailbox) => mailbox.kind === 'user')
    .map((mailbox) => mailbox.email);
  const slots = createSlotPlanner();

  traffic.resetCounts();
  const finalSubjects: string[] = [];
  let changes = 0;
  const startedAt = performance.now();
  const bursts: Array<Promise<void>> = [];
  for (let burst = 0; burst < BURSTS; burst++) {
    await sleep(Math.max(0, startedAt + burst * BURST_EVERY_MS - performance.now()));
    const room = rooms[burst % rooms.length]!;
    const organizer = organizers[burst % organizers.length]!;
    const tag = randomUUID().slice(0, 8);
    const booked = Array.from({ length: MEETINGS_PER_BURST }, (_, index) => {
      const slot = slots.next(room);
      const event = graph.actAsUser(organizer, {
        action: 'create',
        meeting: {
          subject: `Burst ${burst}.${index} ${tag}`,
          start: { dateTime: slot.start, timeZone: slot.timeZone },
          end: { dateTime: slot.end, timeZone: slot.timeZone },
          rooms: [room.mailbox],
        },
      });
      changes += 1;
      return String(event!.id);
    });
    // The edits follow while the room is still processing the bookings.
    bursts.push(
      (async () => {
        for (const [index, eventId] of booked.entries()) {
          await sleep(EDIT_EVERY_MS);
          const subject = `Burst ${burst}.${index} ${tag} (edited)`;
          const moved = index === 1 ? slots.next(room) : null;
          graph.actAsUser(organizer, {
            action: 'update',
            eventId,
            changes: {
              subject,
              ...(moved
                ? {
                    start: { dateTime: moved.start, timeZone: moved.timeZone },
                    end: { dateTime: moved.end, timeZone: moved.timeZone },
                  }
                : {}),
            },
          });
          changes += 1;
          finalSubjects.push(subject);
        }
      })(),
    );
  }
  await Promise.all(bursts);
  const settledAfter = await embedded.waitForIdle();
  const elapsed = performance.now() - startedAt;
  const counts = traffic.snapshot();
  const notSynced = finalSubjects.filter((subject) => !syncedSubjects.has(subject)).length;
  const concurrency = traffic.maxConcurrency();

  console.log(
    `  ${changes} changes in ${formatMs(elapsed)} (settled ${formatMs(settledAfter)} after the last); ${notSynced} final states not in Workplace`,
  );
  console.log(
    `  notifications delivered: ${counts.notifications} change (+${counts.lifecycle} lifecycle); Graph: ${counts.operations} operations, ${counts.wireRequests} HTTP requests, ${counts.tokenRequests} token requests, ${counts.throttled} throttled`,
  );
  console.log(
    `\n${renderTable(
      ['Graph operation (sync)', 'count'],
      [...counts.operationsByKind].sort((a, b) => b[1] - a[1]).map(([kind, count]) => [kind, String(count)]),
    )}\n`,
  );

  const perChange = counts.operations / changes;
  const naivePerChange = counts.notifications / changes;
  report.add({
    name: 'Graph requests per synced change',
    value: perChange,
    unit: '',
    baseline: { label: 'naive (1 GET per notification)', value: naivePerChange },
    target: {
      text: `≤ ${TARGET_RATIO} × naive`,
      met: counts.operations <= TARGET_RATIO * counts.notifications && notSynced === 0,
    },
    note: `${counts.operations} operations (${counts.wireRequests} on the wire) for ${changes} changes; ${counts.notifications} notifications; ${notSynced} not synced`,
  });
  report.add({
    name: 'max concurrent Graph requests on one mailbox',
    value: concurrency.requests,
    unit: '',
    baseline: { label: "Outlook's limit", value: MAX_CONCURRENCY },
    target: {
      text: `never > ${MAX_CONCURRENCY}`,
      met: concurrency.requests <= MAX_CONCURRENCY && counts.throttled === 0,
    },
    note: `whole run incl. initial sync; busiest mailbox ${concurrency.mailbox ?? '—'}; ${counts.throttled} throttled answers (429/503)`,
  });
  console.log(`  per change: sync ${formatNumber(perChange)} vs naive ${formatNumber(naivePerChange)}`);
} finally {
  stopProbe();
  traffic.stop();
  await embedded.close();
}
report.finish();
