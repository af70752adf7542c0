import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDrizzleBookingIntentStore } from '../holds/index.js';
import { createRoomCatalogue } from '../addin/index.js';
import { sql } from 'drizzle-orm';
import { buildApp } from '../app.js';
import { ConfigError, configWarnings, describeConfig, REAL_MODE_SETTINGS } from '../config.js';
import type { Config } from '../config.js';
import { connectToMicrosoftGraph } from '../adapters/graph/graph-connection.js';
import { createGraphRoomCalendar } from '../adapters/graph/graph-room-calendar.js';
import { createWorkplaceChangeFeed } from '../adapters/workplace/workplace-change-feed.js';
import { createWorkplaceClient } from '../adapters/workplace/workplace-client.js';
import { createWorkplaceReservationSystem } from '../adapters/workplace/workplace-reservation-system.js';
import { createNotificationDrainer, createNotificationIntake, createSubscriptionVerifier } from '../intake/index.js';
import { createSqlJobQueue } from '../jobs/index.js';
import { syncJobPolicies } from '../jobs/sync-jobs.js';
import type { SyncJobs } from '../jobs/sync-jobs.js';
import { createDb } from '../storage/create-db.js';
import type { Database } from '../storage/create-db.js';
import { claimDatabaseRole, DatabaseRoleMismatch } from '../storage/database-role.js';
import { rooms } from '../storage/schema.js';
import { createSyncStore } from '../storage/sync-store.js';
import { createTokenVerifier } from '../plugins/addin-auth.js';
import { createCachedUserDirectory } from '../identity/user-directory.js';
import type { OnGraphResponse } from '../adapters/graph/middleware/response-observer.js';
import { createChangeLatency } from '../observability/change-latency.js';
import { countJobStates, countRoomSubscriptions } from '../observability/scrape-counts.js';
import { createMetrics } from '../observability/metrics.js';
import { databaseCheck, graphCheck, queueCheck, workplaceCheck } from '../observability/readiness-checks.js';
import { startEmbeddedIntegrations } from './embedded-integrations.js';
import type { Integrations } from './embedded-integrations.js';
import { createRoomDirectorySource } from '../rooms/room-directory-source.js';
import { createSubscriptionManager } from '../subscriptions/subscription-manager.js';
import { createAdminWiring } from './admin-wiring.js';
import { createAdminNotifier, withQuarantineNotices } from '../notifications/admin-notifier.js';
import { withJobTrigger } from '../observability/sync-log-trigger.js';
import { abortWithJob } from '../jobs/job-aware-fetch.js';
import { createSyncRuntime } from './sync-runtime.js';
import { roomConflictToleranceSource } from './room-conflict-tolerance.js';

const DAY_MS = 86_400_000;
const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The task pane's production build (`npm run build:addin`; `npm start` builds it when missing). */
const addinDist = path.join(repositoryRoot, 'addin/dist');
/** office.js for the harness page, which runs without network access (production pages load Microsoft's CDN). */
const officeJsRoot = path.join(repositoryRoot, 'node_modules/@microsoft/office-js/dist');

/** The add-in API's Application ID URI, as docs/addin.md has admins register it. */
const addinAppIdUri = (config: Config) =>
  `api://${new URL(config.publicUrl ?? 'https://localhost').host}/${config.addin.clientId}`;

async function connectRealIntegrations(
  config: Config,
  { onGraphResponse }: { onGraphResponse?: OnGraphResponse } = {},
): Promise<Integrations> {
  if (config.graph.kind !== 'microsoft' || config.workplace.kind !== 'api' || !config.publicUrl) {
    throw new Error('real mode needs the Microsoft Graph and Workplace configuration');
  }
  // A sync job's requests are abandoned when the job loses its lease (docs/sync-engine.md).
  const graph = await connectToMicrosoftGraph(config.graph, {
    wrapFetch: abortWithJob,
    ...(onGraphResponse ? { onResponse: onGraphResponse } : {}),
  });
  const users = createCachedUserDirectory(graph);
  const workplace = createWorkplaceClient({
    baseUrl: config.workplace.baseUrl,
    apiKey: config.workplace.apiKey,
    fetch: abortWithJob(globalThis.fetch),
  });
  const serverTls = config.tls
    ? { cert: await readFile(config.tls.certPath, 'utf8'), key: await readFile(config.tls.keyPath, 'utf8') }
    : null;
  return {
    graph,
    workplace,
    publicUrl: config.publicUrl,
    clientStateSecret: config.graph.clientStateSecret,
    workplaceWebhookSecret: config.workplaceWebhookSecret,
    serverTls,
    banner: [`server listening for ${config.publicUrl}`],
    addin: {
      auth: {
        kind: 'naa',
        clientId: config.addin.clientId ?? '',
        authority: `${config.graph.authorityHost}/${config.graph.tenantId}`,
        scopes: [`${addinAppIdUri(config)}/access_as_user`],
      },
      users,
      verifyToken: createTokenVerifier({
        directory: users,
        jwks: { url: `${config.graph.authorityHost}/${config.graph.tenantId}/discovery/v2.0/keys` },
        issuers: [`${config.graph.authorityHost}/{tenantid}/v2.0`],
        audiences: [addinAppIdUri(config), config.addin.clientId ?? ''],
        allowedTenants: [config.graph.tenantId],
        requiredScope: 'access_as_user',
      }),
      harness: null,
    },
    afterStart: async () => {},
    close: async () => {},
  };
}

/**
 * The emulators keep their state in memory, so in embedded mode the sync's own state (links, cursors,
 * subscriptions, jobs) starts over with them at each start, and every Workplace room with a mailbox is linked.
 */
async function prepareEmbeddedDatabase(database: Database, integrations: Integrations) {
  await database.db.execute(
    sql.raw(
      'truncate table booking_links, booking_intents, pending_reservations, meeting_locks, roomless_reservations, delta_cursors, subscriptions, graph_notifications, jobs, failed_items, sync_log, rooms cascade',
    ),
  );
  const [buildings, areas] = await Promise.all([
    integrations.workplace.listBuildings(),
    integrations.workplace.listAreas({ type: 'meetingRoom' }),
  ]);
  const linkable = areas.filter(
    (area) => area.exchangeMailbox && buildings.some((building) => building.id === area.buildingId),
  );
  if (linkable.length === 0) return;
  await database.db.insert(rooms).values(
    linkable.map((area) => ({
      workplaceAreaId: area.id,
      mailbox: area.exchangeMailbox!.toLowerCase(),
      displayName: area.name,
      buildingId: area.buildingId,
    })),
  );
}

/**
 * The embedded default empties the sync's tables at each start: it runs only on a database it created
 * (PGlite's data directory, or an empty PostgreSQL database it then marks), never on one real mode has
 * used — an operator who forgot to export the integration settings must not lose production state.
 */
async function claimDatabaseRoleOrRefuse(database: Database, config: Config) {
  try {
    await claimDatabaseRole(database.db, config.mode);
  } catch (error) {
    await database.close();
    if (!(error instanceof DatabaseRoleMismatch)) throw error;
    throw new ConfigError([
      error.wanted === 'embedded'
        ? `DATABASE_URL points at a database that real mode uses (it holds room links or bookings), and the embedded default would empty it. Set the real-mode settings (${REAL_MODE_SETTINGS.join(', ')}), or point DATABASE_URL at an empty database for the embedded demo`
        : 'DATABASE_URL points at a database the embedded default created (demo rooms and bookings): give real mode a database of its own',
    ]);
  }
}

/** Wires the whole service for `config` and starts it; `close()` shuts it down in order. */
export async function startServer(
  config: Config,
  /** Where the built admin console is (tests build their own); console/dist by default. */
  { consoleRoot }: { consoleRoot?: string } = {},
) {
  // Observability (docs/operations.md): one metrics registry per server, fed by Graph's HTTP layer,
  // the intake, the job runtime and the HTTP app.
  const metrics = createMetrics({ defaultMetrics: true });
  const observeGraph = { onGraphResponse: (event: Parameters<OnGraphResponse>[0]) => metrics.graphResponse(event) };
  const database = await createDb(config.database);
  await claimDatabaseRoleOrRefuse(database, config);
  const integrations =
    config.mode === 'embedded'
      ? await startEmbeddedIntegrations(config, observeGraph)
      : await connectRealIntegrations(config, observeGraph);
  metrics.readJobStatesFrom(() => countJobStates(database.db));
  metrics.readRoomStatesFrom(() => countRoomSubscriptions(database.db));
  const changeLatency = createChangeLatency({ db: database.db, metrics });
  let isStopping = false;
  if (config.mode === 'embedded') await prepareEmbeddedDatabase(database, integrations);
  const now = () => new Date();

  let log: { error(details: object, message: string): void } = console;
  const queue = await createSqlJobQueue<SyncJobs>(database, {
    policies: syncJobPolicies,
    leaseMs: config.jobLeaseMs,
    onError: (error, context) => {
      metrics.failure('queue');
      log.error({ err: error, ...context }, 'job failed');
    },
  });
  const drainer = createNotificationDrainer({
    db: database.db,
    queue,
    onError: (error) => {
      metrics.failure('notification-drain');
      log.error({ err: error }, 'notification drain failed');
    },
  });
  const intake = createNotificationIntake(database, {
    onStored: () => drainer.kick(),
    maxConcurrentCommits: database.kind === 'postgres' ? 4 : 1,
  });
  const verifier = createSubscriptionVerifier(database.db);

  const directorySource = createRoomDirectorySource({ db: database.db, workplace: integrations.workplace, now });
  // The sync log's entries name the job that wrote them, for the admin console's drift view.
  const notifier = config.adminNotifyWebhookUrl
    ? createAdminNotifier({
        url: config.adminNotifyWebhookUrl,
        consoleUrl: `${integrations.publicUrl}/admin/`,
        onDeliveryFailure: (error) => log.error({ err: error }, 'the admin notice could not be posted'),
      })
    : null;
  const syncStore = withJobTrigger(createSyncStore(database.db, { now }));
  const store = notifier ? withQuarantineNotices(syncStore, notifier) : syncStore;
  const syncWindow = () => ({
    start: new Date(now().getTime() - DAY_MS),
    end: new Date(now().getTime() + 180 * DAY_MS),
  });
  const deps = {
    calendar: createGraphRoomCalendar({
      graph: integrations.graph,
      timeZoneOf: (mailbox: string) => directorySource.zoneOfMailbox(mailbox),
      syncWindow,
    }),
    reservations: createWorkplaceReservationSystem({
      client: integrations.workplace,
      feed: createWorkplaceChangeFeed(integrations.workplace),
      directory: () => directorySource.directory(),
    }),
    store,
    clock: { now },
    policy: config.sync.policy,
  };
  const subscriptions = createSubscriptionManager({
    db: database.db,
    graph: integrations.graph,
    publicUrl: integrations.publicUrl,
    clientStateSecret: integrations.clientStateSecret,
    now,
    onChanged: (id) => verifier.forget(id),
  });

  const app = await buildApp(
    {
      config,
      database,
      graphWebhooks: { intake: changeLatency.observeIntake(intake), subscriptionSecrets: verifier },
      metrics,
      readiness: {
        checks: {
          database: databaseCheck(database),
          queue: queueCheck(database.db, { isAccepting: () => !isStopping }),
          graph: graphCheck(integrations.graph),
          workplace: workplaceCheck(integrations.workplace),
        },
      },
      admin: createAdminWiring({
        config,
        integrations,
        database,
        queue,
        deps,
        syncWindow,
        now,
        ...(consoleRoot ? { consoleRoot } : {}),
      }),
      addin: {
        public: {
          config: { auth: integrations.addin.auth },
          ...(existsSync(path.join(addinDist, 'taskpane.html')) ? { staticRoot: addinDist } : {}),
          includeHarness: integrations.addin.harness !== null,
          publicUrl: integrations.publicUrl,
        },
        harness: integrations.addin.harness ? { ...integrations.addin.harness, officeJsRoot } : null,
        api: {
          workplace: integrations.workplace,
          graph: { getSchedule: (input) => integrations.graph.getSchedule(input) },
          conflictTolerancesOf: roomConflictToleranceSource(integrations.emulators?.graph ?? null),
          intents: createDrizzleBookingIntentStore(database.db),
          verifyToken: integrations.addin.verifyToken,
          holdTtlMs: config.addin.holdMinutes * 60_000,
          maxActiveHolds: config.maxActiveHoldsPerUser,
          // "Linked" in the pane is what the sync syncs: the console's room links, not Workplace's own field.
          roomDirectory: createRoomCatalogue(integrations.workplace, {
            linkedMailboxes: () => directorySource.directory(),
          }),
          allowedOrigins: [integrations.publicUrl, ...config.addin.allowedOrigins],
        },
      },
      ...(integrations.workplaceWebhookSecret
        ? {
            workplaceWebhooks: {
              secret: integrations.workplaceWebhookSecret,
              now,
              onChanges: () => {
                changeLatency.workplaceNotified();
                return runtime.workplaceChanged();
              },
            },
          }
        : {}),
    },
    {
      logger: { level: config.logLevel },
      forceCloseConnections: 'idle',
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
      ...(integrations.serverTls ? { https: integrations.serverTls } : {}),
    },
  );
  log = app.log;
  const runtime = createSyncRuntime({
    db: database.db,
    queue,
    deps,
    store,
    subscriptions,
    log: app.log,
    feedPollMs: config.sync.feedPollMs,
    roomConcurrency: config.sync.roomConcurrency,
    feedConcurrency: config.sync.feedConcurrency,
    roomPollMs: config.sync.roomPollMs,
    retention: config.retention,
    holdTtlMs: config.addin.holdMinutes * 60_000,
    metrics,
    changeLatency,
    workplace: integrations.workplace,
    syncWindow,
    ...(notifier ? { adminNotifier: notifier } : {}),
  });

  for (const line of describeConfig(config)) app.log.info(line);
  for (const warning of configWarnings(config)) app.log.warn(warning);
  await app.listen({ host: config.host, port: config.port });
  // Subscriptions need the webhook to answer Graph's validation request, so they come after listen.
  await runtime.start();
  await integrations.afterStart();
  for (const line of integrations.banner) app.log.info(line);

  let closing: Promise<void> | null = null;
  return {
    app,
    database,
    queue,
    emulators: integrations.emulators ?? null,
    /** What to tell the person who started it (URLs, a first booking to try). */
    banner: integrations.banner,
    close: () =>
      (closing ??= (async () => {
        // Stop taking work (HTTP, then the queue's claims), let running jobs finish within the grace
        // period (the rest go back to pending for another instance), then close the database.
        isStopping = true;
        await app.close();
        await intake.close();
        await drainer.stop();
        await queue.stop({ graceful: true, timeoutMs: config.shutdownGraceMs });
        await notifier?.flush();
        await integrations.close();
        await database.close();
      })()),
  };
}
