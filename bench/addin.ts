// The add-in (issue 8, item 5): GET /api/availability for R rooms × a weekly series of 12
// occurrences (p95 server time), the task pane's gzipped bundle and its time to first render in
// headless Chromium.
//
//   node --conditions=source --import tsx bench/addin.ts [--full]
//
// Quick: 100 rooms, 30 availability requests, 3 page loads each. Full: 500 rooms, 100 requests,
// 10 page loads. The stack is test/support/pane-stack.ts (the add-in API with production
// token verification, both emulators, the production build of the pane and the harness page), with
// R extra rooms seeded into both emulators; a fifth of them booked in Workplace and a fifth in Outlook
// on one of the series' dates. Baselines, measured in the same run:
//   - availability: the upstream time inside each request (from the first Workplace/Graph call the
//     API made to the last answer, at the emulators' route handlers): what the API waits for;
//   - bundle and first render: an empty React 19 page built by the same Vite and React plugin.

import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { toInstant } from '@workplace-sync/shared';
import { workplaceDemoSeed } from '@workplace-sync/emulators';
import { buildPane, startPaneStack } from '../test/support/pane-stack.js';
import { buildBareReactPage, measurePageBundle } from './support/bundle-size.js';
import { benchMode, byMode } from './support/cli.js';
import { createTempDir } from './support/databases.js';
import { createReport } from './support/figures.js';
import { CHROMIUM_PATH, launchChromium, measureFirstRender } from './support/first-render.js';
import type { RenderMarks } from './support/first-render.js';
import { formatBytes, formatMs, renderTable } from './support/format.js';
import { describeMachine } from './support/machine.js';
import { observeRequests } from './support/request-probe.js';
import { scaleRooms, SCALE_ZONE } from './support/scale-seed.js';
import { serveStatic } from './support/static-server.js';
import { summarize } from './support/stats.js';

const mode = benchMode();
const report = createReport('addin');
const ROOMS = byMode(mode, 100, 500);
const REQUESTS = byMode(mode, 30, 100);
const WARMUP_REQUESTS = 3;
const PAGE_LOADS = byMode(mode, 3, 10);
const OCCURRENCES = 12;
const ORGANIZER = 'adele.vance@contoso.com';

/** A Monday at least a week ahead, as a date. */
function mondayAhead(): string {
  const day = new Date(Date.now() + 7 * 86_400_000);
  while (day.getUTCDay() !== 1) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

console.log(
  `add-in (${mode}): availability for ${ROOMS} rooms × ${OCCURRENCES} weekly occurrences; bundle; first render`,
);
for (const line of describeMachine()) console.log(`  ${line}`);

// 1. The production build of the pane, and the baseline page.
let startedAt = performance.now();
const pane = await buildPane();
console.log(`  pane built in ${formatMs(performance.now() - startedAt)}`);
const bare = await createTempDir('bench-bare-react');
const bareDist = await buildBareReactPage(bare.dir);
const paneBundle = await measurePageBundle(pane.dir, 'taskpane.html');
const bareBundle = await measurePageBundle(bareDist, 'index.html');
console.log(
  `\n${renderTable(
    ['task pane asset (loaded up front)', 'bytes', 'gzip'],
    paneBundle.files.map((file) => [file.file, formatBytes(file.bytes), formatBytes(file.gzipBytes)]),
  )}\n`,
);
report.add({
  name: 'task pane bundle, gzipped (HTML + scripts + styles loaded up front)',
  value: paneBundle.gzipBytes / 1000,
  unit: 'kB',
  baseline: { label: 'empty React 19 page', value: bareBundle.gzipBytes / 1000 },
  note: `${formatBytes(paneBundle.bytes)} raw; office.js comes from Microsoft's CDN and is not counted`,
});

const renderStack = await startPaneStack(pane.dir);
try {
  // 2. Time to first render in headless Chromium, on the demo tenant.
  const bareServer = await serveStatic(bareDist);
  if (!existsSync(CHROMIUM_PATH)) {
    report.skip('task pane first render', `no Chromium at ${CHROMIUM_PATH}`);
  } else {
    const browser = await launchChromium();
    try {
      const meeting = mondayAhead();
      const harnessUrl = `${renderStack.url}/harness.html?${new URLSearchParams({
        meeting: JSON.stringify({
          user: ORGANIZER,
          subject: 'Team planning',
          start: toInstant({ dateTime: `${meeting}T10:00:00`, timeZone: SCALE_ZONE }).toISOString(),
          end: toInstant({ dateTime: `${meeting}T11:00:00`, timeZone: SCALE_ZONE }).toISOString(),
        }),
      })}`;
      const paneMarks: RenderMarks[] = [];
      const bareMarks: RenderMarks[] = [];
      // One load of each first: Chromium's own first-start costs are not the page's.
      await measureFirstRender(browser, bareServer.url);
      await measureFirstRender(browser, harnessUrl, { waitForRooms: true });
      for (let load = 0; load < PAGE_LOADS; load++) {
        bareMarks.push(await measureFirstRender(browser, bareServer.url));
        paneMarks.push(await measureFirstRender(browser, harnessUrl, { waitForRooms: true }));
      }
      const paneFcp = summarize(paneMarks.map((marks) => marks.fcp));
      const paneRoot = summarize(paneMarks.map((marks) => marks.root));
      const paneRooms = summarize(paneMarks.map((marks) => marks.rooms ?? NaN));
      const bareFcp = summarize(bareMarks.map((marks) => marks.fcp));
      const bareRoot = summarize(bareMarks.map((marks) => marks.root));
      report.add({
        name: 'task pane first render (harness page, first element in #root), p50',
        value: paneRoot.p50,
        unit: 'ms',
        baseline: { label: 'empty React page', value: bareRoot.p50 },
        note: `${PAGE_LOADS} cold loads; first contentful paint p50 ${formatMs(paneFcp.p50)} (empty React page ${formatMs(bareFcp.p50)})`,
      });
      report.add({
        name: 'task pane room list shown (rooms and availability loaded), p50',
        value: paneRooms.p50,
        unit: 'ms',
        baseline: { label: 'empty React page first render', value: bareRoot.p50 },
        note: `demo tenant; max ${formatMs(paneRooms.max)}`,
      });
    } finally {
      await browser.close();
      await bareServer.close();
    }
  }
} finally {
  await renderStack.close();
}

// 3. Availability for R rooms × a weekly series, on a stack of its own (the API caches the room catalogue).
const stack = await startPaneStack(pane.dir);
try {
  const extra = scaleRooms(ROOMS, { linkedInWorkplace: true });
  stack.graph.control.seed({ users: extra.users, rooms: extra.graphRooms });
  stack.workplace.reset({
    ...workplaceDemoSeed,
    floors: [...workplaceDemoSeed.floors, extra.floor],
    areas: [...workplaceDemoSeed.areas, ...extra.areas],
  });
  const firstMonday = mondayAhead();
  const occurrenceDate = (week: number) =>
    new Date(Date.parse(`${firstMonday}T12:00:00Z`) + week * 7 * 86_400_000).toISOString().slice(0, 10);
  for (const [index, room] of extra.rooms.entries()) {
    const date = occurrenceDate(index % OCCURRENCES);
    if (index % 5 === 1) {
      await stack.workplaceClient.createReservation(
        {
          subject: 'Booked at the kiosk',
          start: `${date}T10:30:00`,
          end: `${date}T11:30:00`,
          timeZone: SCALE_ZONE,
          responsible: { email: 'megan.bowen@contoso.com' },
          participants: [],
          recurrence: null,
          exceptions: [],
          lines: [{ type: 'area', objectId: room.areaId }],
          source: 'kiosk',
        },
        { idempotencyKey: randomUUID() },
      );
    } else if (index % 5 === 3) {
      stack.graph.control.actAsUser('alex.wilber@contoso.com', {
        action: 'create',
        meeting: {
          subject: 'Booked in Outlook',
          start: { dateTime: `${date}T09:30:00`, timeZone: SCALE_ZONE },
          end: { dateTime: `${date}T10:30:00`, timeZone: SCALE_ZONE },
          rooms: [room.mailbox],
        },
      });
    }
  }
  await stack.graph.control.idle();

  const token = (
    (await (
      await fetch(`${stack.url}/harness/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: ORGANIZER }),
      })
    ).json()) as { accessToken: string }
  ).accessToken;
  const query = new URLSearchParams({
    start: toInstant({ dateTime: `${firstMonday}T10:00:00`, timeZone: SCALE_ZONE }).toISOString(),
    end: toInstant({ dateTime: `${firstMonday}T11:00:00`, timeZone: SCALE_ZONE }).toISOString(),
    timeZone: SCALE_ZONE,
    freq: 'weekly',
    interval: '1',
    byDay: 'MO',
    count: String(OCCURRENCES),
    floorId: extra.floor.id,
  });

  // Server time and upstream time per request, from the route handlers (bench/support/request-probe.ts).
  // Upstream: every request the emulators received over a socket (Workplace under /api/v1/, Graph's
  // /v1.0/ and token routes; not the add-in API's own /api/…); a `$batch`'s items, run in the Graph
  // emulator through inject, are counted apart as the getSchedule calls Graph evaluates.
  const spans: Array<{ startedAt: number; endedAt: number }> = [];
  const upstream: Array<{ url: string; startedAt: number; endedAt: number }> = [];
  const scheduleCalls: Array<{ startedAt: number }> = [];
  const isAddinApi = (url: string) => url.startsWith('/api/') && !url.startsWith('/api/v1/');
  const stopProbe = observeRequests({
    onEnd(request) {
      if (request.url.startsWith('/api/availability')) spans.push(request);
      else if (/\/calendar\/getSchedule/i.test(request.url)) {
        scheduleCalls.push(request);
        if (!request.isInjected) upstream.push(request);
      } else if (!request.isInjected && !isAddinApi(request.url)) upstream.push(request);
    },
  });
  const roundTrips: number[] = [];
  type Answer = { rooms: Array<{ summary: string }>; occurrences: unknown[] };
  let answer: Answer | null = null;
  try {
    for (let index = 0; index < WARMUP_REQUESTS + REQUESTS; index++) {
      startedAt = performance.now();
      const response = await fetch(`${stack.url}/api/availability?${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.status !== 200)
        throw new Error(`availability answered ${response.status}: ${await response.text()}`);
      answer = (await response.json()) as Answer;
      if (index >= WARMUP_REQUESTS) roundTrips.push(performance.now() - startedAt);
    }
  } finally {
    stopProbe();
  }
  const measured = spans.slice(WARMUP_REQUESTS);
  const serverTimes = measured.map((span) => span.endedAt - span.startedAt);
  const upstreamTimes = measured.map((span) => {
    const inside = upstream.filter((call) => call.startedAt >= span.startedAt && call.endedAt <= span.endedAt);
    return inside.length === 0
      ? 0
      : Math.max(...inside.map((call) => call.endedAt)) - Math.min(...inside.map((call) => call.startedAt));
  });
  const measuredCalls = upstream.filter((call) => call.startedAt >= measured[0]!.startedAt);
  const calls = measuredCalls.length / measured.length;
  const callsOf = (pattern: RegExp) => measuredCalls.filter((call) => pattern.test(call.url)).length / measured.length;
  const graphScheduleCalls =
    scheduleCalls.filter((call) => call.startedAt >= measured[0]!.startedAt).length / measured.length;
  const count = (value: number) => formatMs(value).replace(' ms', '');
  const server = summarize(serverTimes);
  const waited = summarize(upstreamTimes);
  const summaries = new Map<string, number>();
  for (const room of answer?.rooms ?? []) summaries.set(room.summary, (summaries.get(room.summary) ?? 0) + 1);
  report.add({
    name: `/api/availability, ${ROOMS} rooms × ${OCCURRENCES} weekly occurrences, p95 server time`,
    value: server.p95,
    unit: 'ms',
    baseline: { label: 'upstream (Workplace + Graph) p95', value: waited.p95 },
    note: `p50 ${formatMs(server.p50)} (upstream ${formatMs(waited.p50)}), round trip p95 ${formatMs(summarize(roundTrips).p95)}; ${count(
      calls,
    )} upstream calls per request (${count(callsOf(/^\/api\/v1\/availability/))} Workplace availability, ${count(
      callsOf(/^\/v1\.0\/\$batch/),
    )} Graph $batch carrying ${count(graphScheduleCalls)} getSchedule calls of ≤ 20 rooms, ${count(
      callsOf(/\/calendar\/getSchedule/i),
    )} getSchedule calls on their own); ${answer?.rooms.length} rooms answered: ${[...summaries]
      .map(([summary, count]) => `${count} ${summary}`)
      .join(', ')}${mode === 'quick' ? '; quick mode: 100 rooms, not 500' : ''}`,
  });
} finally {
  await stack.close();
  pane.remove();
  await bare.remove();
}
report.finish();
