import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildOpenApiDocument } from './contract/openapi-document.js';
import { createReservationService } from './domain/reservation-service.js';
import { createState, snapshotOf } from './domain/workplace-state.js';
import type { WorkplaceSeed, WorkplaceSnapshot, WorkplaceState } from './domain/workplace-state.js';
import type { EmulatorContext } from './emulator-context.js';
import { headCursor } from './feed/change-feed.js';
import { createWebhookDispatcher } from './feed/webhook-dispatcher.js';
import type { WebhookConfig, WebhookDelivery } from './feed/webhook-dispatcher.js';
import { installErrorHandler } from './http/error-handler.js';
import { createFaults, FaultSchema } from './http/faults.js';
import type { FaultInput } from './http/faults.js';
import { applyRequestFaults, requireApiKey, requireLoopback } from './http/guards.js';
import { KIOSK_PAGE } from './kiosk/kiosk-page.js';
import { controlRoutes } from './routes/control-routes.js';
import { feedRoutes } from './routes/feed-routes.js';
import { locationRoutes } from './routes/location-routes.js';
import { reservationRoutes } from './routes/reservation-routes.js';
import { touchpointRoutes } from './routes/touchpoint-routes.js';
import { workplaceDemoSeed } from './seed/demo-seed.js';

export const DEFAULT_WORKPLACE_API_KEY = 'workplace-emulator-key';

export type WorkplaceEmulatorOptions = {
  /** The key clients send as `Authorization: Bearer <key>`. */
  apiKey?: string;
  /** The emulator's clock; rules (booking window, check-in) and timestamps read it. */
  now?: () => Date;
  /** Master data; the demo seed by default. */
  seed?: WorkplaceSeed;
  webhook?: WebhookConfig;
  /** Used to deliver webhooks. */
  fetch?: typeof fetch;
  /** Waits for slow-response faults and between webhook retries. */
  sleep?: (ms: number) => Promise<void>;
  logger?: FastifyServerOptions['logger'];
};

export type WorkplaceEmulator = {
  /** Never listens by itself: use `app.inject`, or `app.listen({ host: '127.0.0.1', port: 0 })`. */
  app: FastifyInstance;
  apiKey: string;
  snapshot: () => WorkplaceSnapshot;
  /** Back to the seed with no reservations; every cursor handed out so far expires. */
  reset: (seed?: WorkplaceSeed) => void;
  /** Sets the clock (null: the real time again) and releases the no-shows whose check-in window it passed. */
  setNow: (at: Date | null) => void;
  injectFault: (fault: FaultInput) => void;
  clearFaults: () => void;
  /** A cursor at the newest change, for a reader that has just resynchronised. */
  headCursor: () => string;
  setWebhook: (config: WebhookConfig | null) => void;
  webhookDeliveries: () => WebhookDelivery[];
  /** Resolves when every webhook delivery started so far has succeeded or given up. */
  whenWebhooksIdle: () => Promise<void>;
};

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function createClock(base: () => Date) {
  let offsetMs = 0;
  return {
    now: () => new Date(base().getTime() + offsetMs),
    set: (at: Date | null) => void (offsetMs = at === null ? 0 : at.getTime() - base().getTime()),
  };
}

/** The Workplace emulator (DESIGN §6): the contract at /api/v1, the control API at /_emulator, a kiosk at /kiosk. */
export function createWorkplaceEmulator(options: WorkplaceEmulatorOptions = {}): WorkplaceEmulator {
  const apiKey = options.apiKey ?? DEFAULT_WORKPLACE_API_KEY;
  const initialSeed = options.seed ?? workplaceDemoSeed;
  const sleep = options.sleep ?? realSleep;
  const clock = createClock(options.now ?? (() => new Date()));
  const faults = createFaults();
  let state: WorkplaceState = createState(initialSeed);
  let webhook: WebhookConfig | null = options.webhook ?? null;

  const webhooks = createWebhookDispatcher({
    config: () => webhook,
    fetch: options.fetch ?? globalThis.fetch,
    sleep,
    now: clock.now,
    faults,
  });
  const service = createReservationService({
    state: () => state,
    now: clock.now,
    onChange: (change) => webhooks.send([change]),
  });
  // Auto-release follows the emulator's clock: swept when it is set and before every request.
  const setClock = (at: Date | null) => {
    clock.set(at);
    service.sweepReleases();
  };
  const context: EmulatorContext = {
    state: () => state,
    service,
    faults,
    webhooks,
    clock: { now: clock.now, set: setClock },
    reset: (seed = initialSeed) => {
      state = createState(seed, state.feed.generation + 1);
      faults.clear();
      webhooks.clear();
    },
    expireCursors: () => void (state.feed.generation += 1),
    setWebhook: (config) => void (webhook = config),
  };

  // An emulator is closed by tests and Ctrl-C: do not wait for clients' keep-alive connections.
  const app = Fastify({ logger: options.logger ?? false, forceCloseConnections: true });
  installErrorHandler(app);
  app.addHook('onRequest', async () => void service.sweepReleases());
  const openApiDocument = buildOpenApiDocument();
  app.get('/api/v1/openapi.json', async () => openApiDocument);
  app.get('/kiosk', async (_request, reply) => reply.type('text/html; charset=utf-8').send(KIOSK_PAGE));
  app.register(
    async (api) => {
      applyRequestFaults(api, faults, sleep);
      requireApiKey(api, apiKey);
      await api.register(locationRoutes, { context });
      await api.register(reservationRoutes, { context });
      await api.register(feedRoutes, { context });
    },
    { prefix: '/api/v1' },
  );
  app.register(
    async (control) => {
      requireLoopback(control);
      await control.register(controlRoutes, { context });
      await control.register(touchpointRoutes, { context, prefix: '/touchpoints' });
    },
    { prefix: '/_emulator' },
  );

  return {
    app,
    apiKey,
    snapshot: () => snapshotOf(state),
    reset: context.reset,
    setNow: setClock,
    injectFault: (fault) => faults.add(FaultSchema.parse(fault)),
    clearFaults: faults.clear,
    headCursor: () => headCursor(state),
    setWebhook: context.setWebhook,
    webhookDeliveries: webhooks.deliveries,
    whenWebhooksIdle: webhooks.whenIdle,
  };
}
