import { readFileSync } from 'node:fs';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// The service's Prometheus metrics, on a Registry of their own (never prom-client's global one), so
// several apps in one process (tests, the benchmarks) each count their own. docs/operations.md lists
// them with their meaning. Label values come from closed sets (below) so that no input can grow the
// number of series.

const PREFIX = 'workplace_sync_';

const NOTIFICATION_KINDS = new Set([
  'created',
  'updated',
  'deleted',
  'reauthorizationRequired',
  'subscriptionRemoved',
  'missed',
  'change',
]);
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export type NotificationSource = 'graph' | 'workplace';
export type JobOutcome = 'completed' | 'retried' | 'exhausted';
export type FailureComponent = 'job' | 'queue' | 'notification-intake' | 'notification-drain' | 'http';
export type GraphResponseEvent = { method: string; status: number | 'network-error'; durationMs: number };
export type JobStateCount = { queue: string; state: string; count: number };
export type RoomSubscriptionCounts = { withSubscription: number; withoutSubscription: number };

/** The server package's version, for `build_info`. */
const BUILD_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export type MetricsOptions = {
  /** Node.js process metrics (CPU, memory, event loop lag, GC): on for the server, off for short-lived test apps. */
  defaultMetrics?: boolean;
};

export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics({ defaultMetrics = false }: MetricsOptions = {}) {
  const registry = new Registry();
  if (defaultMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  let jobStates: (() => Promise<JobStateCount[]>) | null = null;
  let roomStates: (() => Promise<RoomSubscriptionCounts>) | null = null;

  const notificationsReceived = new Counter({
    name: `${PREFIX}notifications_received_total`,
    help: 'Change notifications accepted and stored: Graph change (created/updated/deleted) and lifecycle events, Workplace webhook deliveries',
    labelNames: ['source', 'kind'] as const,
    registers,
  });
  const jobs = new Counter({
    name: `${PREFIX}jobs_total`,
    help: 'Jobs run by this process, by queue and outcome: completed, retried (failed, will run again), exhausted (failed with its attempts used up: a one-off job is dead, a scheduled one waits for its next slot)',
    labelNames: ['queue', 'outcome'] as const,
    registers,
  });
  const jobDuration = new Histogram({
    name: `${PREFIX}job_duration_seconds`,
    help: 'How long a job ran, from its start to its end (for room-changed: one room synced)',
    labelNames: ['queue', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers,
  });
  const changeToSync = new Histogram({
    name: `${PREFIX}change_to_sync_seconds`,
    help: 'From a change notification (Graph) or webhook delivery (Workplace) received by this process to the end of the sync run that applied it',
    labelNames: ['source'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600],
    registers,
  });
  // One label name for an HTTP status in every metric: `status_code`.
  const graphRequests = new Counter({
    name: `${PREFIX}graph_requests_total`,
    help: 'Microsoft Graph HTTP requests on the wire (each retry counts), by method and status code',
    labelNames: ['method', 'status_code'] as const,
    registers,
  });
  const graphThrottled = new Counter({
    name: `${PREFIX}graph_throttled_total`,
    help: 'Microsoft Graph answers that throttled us: 429 Too Many Requests, 503 (mailbox concurrency)',
    labelNames: ['status_code'] as const,
    registers,
  });
  const graphRequestDuration = new Histogram({
    name: `${PREFIX}graph_request_duration_seconds`,
    help: 'Microsoft Graph request time on the wire, per attempt',
    labelNames: ['method'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers,
  });
  const syncActions = new Counter({
    name: `${PREFIX}actions_total`,
    help: 'What the sync did per booking (the sync log), by direction and action',
    labelNames: ['direction', 'action'] as const,
    registers,
  });
  const driftRepairs = new Counter({
    name: `${PREFIX}drift_repairs_total`,
    help: 'Bookings a full resync (reconciliation, missed notifications) had to change: drift the normal path did not catch',
    labelNames: ['direction', 'action'] as const,
    registers,
  });
  const failures = new Counter({
    name: `${PREFIX}failures_total`,
    help: 'Failures by component: job (a handler threw), queue (claiming, leases), notification-intake (a store failed: Graph retries), notification-drain, http (5xx answers)',
    labelNames: ['component'] as const,
    registers,
  });
  const httpRequests = new Counter({
    name: `${PREFIX}http_requests_total`,
    help: 'HTTP requests served, by method, route (the route pattern; "unmatched" for 404s) and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers,
  });
  const httpRequestDuration = new Histogram({
    name: `${PREFIX}http_request_duration_seconds`,
    help: 'HTTP request time, from receipt to the end of the answer',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  // Not `jobs`: under OpenMetrics a gauge of that name and the counter `jobs_total` are one family.
  new Gauge({
    name: `${PREFIX}job_rows`,
    help: 'Rows of the job table by queue and state (pending = backlog, active = running in some instance, dead = given up), read at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      if (!jobStates) return;
      try {
        const rows = await jobStates();
        this.reset();
        for (const row of rows) this.set({ queue: row.queue, state: row.state }, row.count);
      } catch {
        // The database is unreachable: /readyz says so; the scrape still answers with everything else.
      }
    },
  });

  new Gauge({
    name: `${PREFIX}build_info`,
    help: 'Always 1; its labels say which build runs (package version, Node.js version)',
    labelNames: ['version', 'node_version'] as const,
    registers,
  }).set({ version: BUILD_VERSION, node_version: process.versions.node }, 1);
  new Gauge({
    name: `${PREFIX}rooms`,
    help: 'Linked rooms by the state of their Graph subscription (active, missing: none active), read at scrape time',
    labelNames: ['subscription'] as const,
    registers,
    async collect() {
      if (!roomStates) return;
      try {
        const counts = await roomStates();
        this.reset();
        this.set({ subscription: 'active' }, counts.withSubscription);
        this.set({ subscription: 'missing' }, counts.withoutSubscription);
      } catch {
        // The database is unreachable: /readyz says so.
      }
    },
  });

  const methodOf = (method: string) => (HTTP_METHODS.has(method.toUpperCase()) ? method.toUpperCase() : 'other');

  return {
    registry,
    notificationReceived(source: NotificationSource, kind: string | null, count = 1) {
      const known = kind !== null && NOTIFICATION_KINDS.has(kind) ? kind : 'other';
      notificationsReceived.inc({ source, kind: known }, count);
    },
    jobFinished(queue: string, outcome: JobOutcome, seconds: number) {
      jobs.inc({ queue, outcome });
      jobDuration.observe({ queue, outcome }, seconds);
    },
    changeSynced(source: NotificationSource, seconds: number) {
      changeToSync.observe({ source }, Math.max(0, seconds));
    },
    graphResponse({ method, status, durationMs }: GraphResponseEvent) {
      graphRequests.inc({ method: methodOf(method), status_code: String(status) });
      graphRequestDuration.observe({ method: methodOf(method) }, durationMs / 1000);
      if (status === 429 || status === 503) graphThrottled.inc({ status_code: String(status) });
    },
    syncAction(direction: string, action: string, { isDriftRepair }: { isDriftRepair: boolean }) {
      syncActions.inc({ direction, action });
      if (isDriftRepair) driftRepairs.inc({ direction, action });
    },
    failure(component: FailureComponent) {
      failures.inc({ component });
    },
    httpResponse(method: string, route: string, statusCode: number, seconds: number) {
      httpRequests.inc({ method: methodOf(method), route, status_code: String(statusCode) });
      httpRequestDuration.observe({ method: methodOf(method), route }, seconds);
      if (statusCode >= 500) failures.inc({ component: 'http' });
    },
    /** Where the `job_rows` gauge reads its counts at scrape time (the server wires the job table). */
    readJobStatesFrom(source: () => Promise<JobStateCount[]>) {
      jobStates = source;
    },
    /** Where the `rooms` gauge reads its counts at scrape time (the server wires rooms and subscriptions). */
    readRoomStatesFrom(source: () => Promise<RoomSubscriptionCounts>) {
      roomStates = source;
    },
  };
}
