import { register as globalRegistry } from 'prom-client';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createGraphHttp } from '../../../server/src/adapters/graph/transport/graph-http.js';
import { buildApp } from '../../../server/src/app.js';
import { loadConfig } from '../../../server/src/config.js';
import { createChangeLatency, createChangeTimes } from '../../../server/src/observability/change-latency.js';
import { instrumentJobHandler } from '../../../server/src/observability/job-instrumentation.js';
import { countJobStates, countRoomSubscriptions } from '../../../server/src/observability/scrape-counts.js';
import { createMetrics } from '../../../server/src/observability/metrics.js';
import type { Metrics } from '../../../server/src/observability/metrics.js';
import { observeSyncStore } from '../../../server/src/observability/sync-store-observer.js';
import type { Database } from '../../../server/src/storage/create-db.js';
import { changeLatencies, jobs, rooms, subscriptions } from '../../../server/src/storage/schema.js';
import type { SyncStore } from '../../../server/src/sync/ports.js';
import { createTestPglite, truncateAllTables } from '../../support/test-db.js';
import { capturingLogger } from '../../support/capture-log.js';

/** The value of one series in the text exposition, or undefined when it is absent. */
async function valueOf(metrics: Metrics, series: string): Promise<number | undefined> {
  const text = await metrics.registry.metrics();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const job = (overrides: { id?: number; attempt?: number; maxAttempts?: number } = {}) => ({
  id: 1,
  name: 'room-changed',
  key: 'room@contoso.com',
  data: { mailbox: 'room@contoso.com' },
  attempt: 1,
  maxAttempts: 3,
  signal: new AbortController().signal,
  reportProgress: async () => {},
  ...overrides,
});

let database: Database;
beforeAll(async () => {
  database = await createTestPglite();
});
afterAll(() => database?.close());
beforeEach(() => truncateAllTables(database.db));

describe('the registry', () => {
  test('each app has its own registry; nothing lands in prom-client’s global one', async () => {
    const first = createMetrics();
    const second = createMetrics();
    first.failure('queue');
    expect(await valueOf(first, 'workplace_sync_failures_total{component="queue"}')).toBe(1);
    expect(await valueOf(second, 'workplace_sync_failures_total{component="queue"}')).toBeUndefined();
    expect(await globalRegistry.metrics()).not.toContain('workplace_sync_');
  });

  test('process metrics are there when asked for', async () => {
    expect(await createMetrics({ defaultMetrics: true }).registry.metrics()).toContain(
      'process_cpu_user_seconds_total',
    );
    expect(await createMetrics().registry.metrics()).not.toContain('process_cpu_user_seconds_total');
  });

  test('label values from outside come from closed sets', async () => {
    const metrics = createMetrics();
    metrics.notificationReceived('graph', 'created');
    metrics.notificationReceived('graph', 'a-value-an-attacker-chose');
    expect(await valueOf(metrics, 'workplace_sync_notifications_received_total{source="graph",kind="created"}')).toBe(
      1,
    );
    expect(await valueOf(metrics, 'workplace_sync_notifications_received_total{source="graph",kind="other"}')).toBe(1);
  });
});

describe('/metrics', () => {
  let app: FastifyInstance;
  let metrics: Metrics;
  beforeAll(async () => {
    metrics = createMetrics();
    app = await buildApp({ config: loadConfig({}), database, metrics });
    await app.ready();
  });
  afterAll(() => app?.close());

  test('serves the Prometheus text format, with every request counted by route pattern and status', async () => {
    await app.inject({ url: '/healthz' });
    await app.inject({ url: '/healthz' });
    await app.inject({ url: '/no/such/route/42' });
    const response = await app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(response.body).toContain('# TYPE workplace_sync_http_requests_total counter');
    expect(
      await valueOf(metrics, 'workplace_sync_http_requests_total{method="GET",route="/healthz",status_code="200"}'),
    ).toBe(2);
    // A 404 is counted under one label, whatever URL was asked (no unbounded series).
    expect(
      await valueOf(metrics, 'workplace_sync_http_requests_total{method="GET",route="unmatched",status_code="404"}'),
    ).toBe(1);
    expect(response.body).toContain('workplace_sync_http_request_duration_seconds_bucket');
  });

  test('the job gauge reads the job table at scrape time', async () => {
    await database.db.insert(jobs).values([
      { queue: 'room-changed', key: 'a@contoso.com', data: {}, maxAttempts: 3 },
      { queue: 'room-changed', key: 'b@contoso.com', data: {}, maxAttempts: 3 },
      { queue: 'reconcile', key: 'reconcile', data: {}, maxAttempts: 3, state: 'dead' },
    ]);
    metrics.readJobStatesFrom(() => countJobStates(database.db));
    expect(await valueOf(metrics, 'workplace_sync_job_rows{queue="room-changed",state="pending"}')).toBe(2);
    expect(await valueOf(metrics, 'workplace_sync_job_rows{queue="reconcile",state="dead"}')).toBe(1);
    metrics.readJobStatesFrom(() => Promise.reject(new Error('database down')));
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(200);
  });

  test('the rooms gauge counts linked rooms with and without an active subscription, at scrape time', async () => {
    await database.db.insert(rooms).values([
      { workplaceAreaId: 'a-1', mailbox: 'room-1@contoso.com', displayName: 'One', buildingId: 'b' },
      { workplaceAreaId: 'a-2', mailbox: 'room-2@contoso.com', displayName: 'Two', buildingId: 'b' },
      { workplaceAreaId: 'a-3', mailbox: 'room-3@contoso.com', displayName: 'Off', buildingId: 'b', isEnabled: false },
    ]);
    const subscription = {
      resource: '/users/x/events',
      clientStateHash: 'h',
      expiresAt: new Date(Date.now() + 3_600_000),
    };
    await database.db.insert(subscriptions).values([
      { ...subscription, id: 's-1', mailbox: 'room-1@contoso.com' },
      { ...subscription, id: 's-2', mailbox: 'room-2@contoso.com', status: 'removed' },
    ]);
    metrics.readRoomStatesFrom(() => countRoomSubscriptions(database.db));
    expect(await valueOf(metrics, 'workplace_sync_rooms{subscription="active"}')).toBe(1);
    expect(await valueOf(metrics, 'workplace_sync_rooms{subscription="missing"}')).toBe(1);
  });

  test('OpenMetrics-safe names: no gauge shares a family with a counter, no doubled prefix; build_info is 1', async () => {
    const families = (await metrics.registry.getMetricsAsJSON()).map((metric) => ({
      name: metric.name,
      family: String(metric.type) === 'counter' ? metric.name.replace(/_total$/, '') : metric.name,
    }));
    const seen = new Map<string, string>();
    for (const { name, family } of families) {
      expect(seen.get(family), `${name} and ${seen.get(family)} are one OpenMetrics family`).toBeUndefined();
      seen.set(family, name);
      expect(name).not.toMatch(/^workplace_sync_sync_/);
    }
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^workplace_sync_build_info\{version="\d+\.\d+\.\d+",node_version="[\d.]+"\} 1$/m);
    // One label name for an HTTP status.
    expect(text).not.toMatch(/\bstatus="/);
  });

  test('with METRICS_TOKEN, a scrape must send it', async () => {
    const token = 'a-metrics-token-of-some-length';
    const guarded = await buildApp({ config: loadConfig({ METRICS_TOKEN: token }), database });
    try {
      expect((await guarded.inject({ url: '/metrics' })).statusCode).toBe(401);
      const wrong = await guarded.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong' } });
      expect(wrong.statusCode).toBe(401);
      const right = await guarded.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
      expect(right.statusCode).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});

describe('what is measured', () => {
  test('Graph requests on the wire, throttled ones included, through the injected callback', async () => {
    const metrics = createMetrics();
    const answers = [
      new Response('{"error":{"code":"TooManyRequests","message":"slow down"}}', {
        status: 429,
        headers: { 'Retry-After': '0', 'Content-Type': 'application/json' },
      }),
      new Response('{"error":{"code":"ServiceUnavailable","message":"busy"}}', {
        status: 503,
        headers: { 'Retry-After': '0', 'Content-Type': 'application/json' },
      }),
      new Response('{"value":[]}', { status: 200, headers: { 'Content-Type': 'application/json' } }),
    ];
    const http = createGraphHttp({
      tokens: { getToken: async () => 'token' },
      fetch: async () => answers.shift()!,
      retry: { sleep: async () => {} },
      onResponse: (event) => metrics.graphResponse(event),
    });
    await http.send({ method: 'GET', path: '/places/microsoft.graph.roomlist' });
    expect(await valueOf(metrics, 'workplace_sync_graph_requests_total{method="GET",status_code="429"}')).toBe(1);
    expect(await valueOf(metrics, 'workplace_sync_graph_requests_total{method="GET",status_code="503"}')).toBe(1);
    expect(await valueOf(metrics, 'workplace_sync_graph_requests_total{method="GET",status_code="200"}')).toBe(1);
    expect(await valueOf(metrics, 'workplace_sync_graph_throttled_total{status_code="429"}')).toBe(1);
    expect(await valueOf(metrics, 'workplace_sync_graph_throttled_total{status_code="503"}')).toBe(1);
    expect(await valueOf(metrics, 'workplace_sync_graph_request_duration_seconds_count{method="GET"}')).toBe(3);
  });

  test('a Graph request that gets no answer is counted as a network error', async () => {
    const metrics = createMetrics();
    const http = createGraphHttp({
      tokens: { getToken: async () => 'token' },
      fetch: async () => Promise.reject(new TypeError('fetch failed')),
      onResponse: (event) => metrics.graphResponse(event),
    });
    await expect(http.send({ method: 'POST', path: '/subscriptions', body: {} })).rejects.toThrow();
    expect(
      await valueOf(metrics, 'workplace_sync_graph_requests_total{method="POST",status_code="network-error"}'),
    ).toBe(1);
  });

  test('jobs by queue and outcome, with their duration', async () => {
    const metrics = createMetrics();
    const { log } = capturingLogger('silent');
    let clock = 0;
    const options = { log, metrics, now: () => clock };
    const slow = instrumentJobHandler('room-changed', async () => void (clock += 1500), options);
    const failing = instrumentJobHandler(
      'room-changed',
      async () => {
        throw new Error('Graph is down');
      },
      options,
    );
    await slow(job());
    await expect(failing(job({ attempt: 1 }))).rejects.toThrow('Graph is down');
    await expect(failing(job({ attempt: 3 }))).rejects.toThrow('Graph is down');
    const series = (outcome: string) => `workplace_sync_jobs_total{queue="room-changed",outcome="${outcome}"}`;
    expect(await valueOf(metrics, series('completed'))).toBe(1);
    expect(await valueOf(metrics, series('retried'))).toBe(1);
    expect(await valueOf(metrics, series('exhausted'))).toBe(1);
    expect(await valueOf(metrics, 'workplace_sync_failures_total{component="job"}')).toBe(2);
    // The 1.5 s run lands in the 2.5 s bucket, not the 1 s one.
    const bucket = (le: string) =>
      `workplace_sync_job_duration_seconds_bucket{le="${le}",queue="room-changed",outcome="completed"}`;
    expect(await valueOf(metrics, bucket('1'))).toBe(0);
    expect(await valueOf(metrics, bucket('2.5'))).toBe(1);
  });

  test('what the sync did, and what a full resync repaired (drift)', async () => {
    const metrics = createMetrics();
    const { log } = capturingLogger('silent');
    const store = observeSyncStore({ appendLog: async () => {} } as unknown as SyncStore, { log, metrics });
    const entry = (action: 'created' | 'echo-ignored') => ({
      direction: 'workplace-to-exchange' as const,
      action,
      mailbox: 'room@contoso.com',
      reservationId: 'r',
      eventId: 'e',
      reason: 'test',
      organizer: null,
      subject: null,
    });
    const write = async () => store.appendLog([entry('created'), entry('echo-ignored')]);
    await instrumentJobHandler('room-changed', write, { log })(job());
    await instrumentJobHandler('room-resync', write, { log })(job());
    // A newly linked room's first sync is a full resync too, but what it writes is not drift.
    await instrumentJobHandler('room-resync', write, { log })({
      ...job(),
      data: { mailbox: 'room@contoso.com', reason: 'linked' },
    });
    const actions = (action: string) =>
      `workplace_sync_actions_total{direction="workplace-to-exchange",action="${action}"}`;
    expect(await valueOf(metrics, actions('created'))).toBe(3);
    expect(await valueOf(metrics, actions('echo-ignored'))).toBe(3);
    expect(
      await valueOf(metrics, 'workplace_sync_drift_repairs_total{direction="workplace-to-exchange",action="created"}'),
    ).toBe(1);
    expect(
      await valueOf(
        metrics,
        'workplace_sync_drift_repairs_total{direction="workplace-to-exchange",action="echo-ignored"}',
      ),
    ).toBeUndefined();
  });

  test('change times: a sync run covers the changes received before it started, not those during it', () => {
    const times = createChangeTimes();
    times.received(['sub-a'], 1_000);
    times.received(['sub-a'], 2_000);
    times.received(['sub-a'], 5_000);
    expect(times.take(['sub-a', 'sub-b'], 3_000)).toBe(1_000);
    expect(times.take(['sub-a'], 3_000)).toBeNull();
    expect(times.take(['sub-a'], 6_000)).toBe(5_000);
    expect(times.isEmpty).toBe(true);
  });

  test('notifications received are counted by kind, and timed until their room is synced', async () => {
    const metrics = createMetrics();
    let clock = 10_000;
    await database.db.insert(subscriptions).values({
      id: 'sub-room',
      mailbox: 'room@contoso.com',
      resource: '/users/room@contoso.com/events',
      clientStateHash: 'x',
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const latency = createChangeLatency({ db: database.db, metrics, now: () => clock });
    const stored: number[] = [];
    const intake = latency.observeIntake({ store: async (notifications) => void stored.push(notifications.length) });
    const notification = { resource: null, payload: {}, subscriptionId: 'sub-room' };
    await intake.store([
      { ...notification, changeType: 'created', lifecycleEvent: null },
      { ...notification, changeType: 'updated', lifecycleEvent: null },
      { ...notification, changeType: null, lifecycleEvent: 'missed' },
    ]);
    expect(stored).toEqual([3]);
    const kind = (name: string) => `workplace_sync_notifications_received_total{source="graph",kind="${name}"}`;
    expect(await valueOf(metrics, kind('created'))).toBe(1);
    expect(await valueOf(metrics, kind('missed'))).toBe(1);

    clock = 10_500; // the room's sync starts
    const runStartedAt = clock;
    clock = 12_000; // and ends
    await latency.roomSynced('room@contoso.com', runStartedAt);
    expect(await valueOf(metrics, 'workplace_sync_change_to_sync_seconds_sum{source="graph"}')).toBe(2);
    expect(await valueOf(metrics, 'workplace_sync_change_to_sync_seconds_count{source="graph"}')).toBe(1);

    latency.workplaceNotified();
    clock = 12_250;
    await latency.feedSynced(12_100);
    expect(await valueOf(metrics, 'workplace_sync_change_to_sync_seconds_sum{source="workplace"}')).toBe(0.25);
    // Stored too, for the console's charts (history across restarts and instances).
    const samples = await database.db
      .select({ at: changeLatencies.at, direction: changeLatencies.direction, seconds: changeLatencies.seconds })
      .from(changeLatencies)
      .orderBy(changeLatencies.id);
    expect(samples).toEqual([
      { at: new Date(12_000), direction: 'exchange-to-workplace', seconds: 2 },
      { at: new Date(12_250), direction: 'workplace-to-exchange', seconds: 0.25 },
    ]);
  });

  test('a notification that could not be stored is a failure (and Graph retries it)', async () => {
    const metrics = createMetrics();
    const latency = createChangeLatency({ db: database.db, metrics });
    const intake = latency.observeIntake({ store: () => Promise.reject(new Error('disk full')) });
    await expect(
      intake.store([{ subscriptionId: 's', changeType: 'created', lifecycleEvent: null, resource: null, payload: {} }]),
    ).rejects.toThrow('disk full');
    expect(await valueOf(metrics, 'workplace_sync_failures_total{component="notification-intake"}')).toBe(1);
    expect(await valueOf(metrics, 'workplace_sync_notifications_received_total{source="graph",kind="created"}')).toBe(
      undefined,
    );
  });
});
