import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { AppRegistry } from './auth/app-registry.js';
import { oidcRoutes } from './auth/oidc-routes.js';
import { TokenIssuer } from './auth/token-issuer.js';
import { CalendarStore } from './calendar/calendar-store.js';
import { EventWriter } from './calendar/event-writer.js';
import { EmulatorClock } from './clock/emulator-clock.js';
import { Scheduler } from './clock/scheduler.js';
import { controlRoutes } from './control/control-routes.js';
import { FaultInjector } from './control/fault-injector.js';
import { createControl } from './control/graph-emulator-control.js';
import type { GraphEmulatorControl } from './control/graph-emulator-control.js';
import { DeltaSyncStates } from './delta/delta-sync-states.js';
import { Directory } from './directory/directory.js';
import { resolveOptions } from './emulator-options.js';
import type { GraphEmulatorOptions } from './emulator-options.js';
import type { EmulatorState } from './emulator-state.js';
import { graphApi } from './graph-api.js';
import { MessageStore } from './mail/mailbox-messages.js';
import { MeetingCoordinator } from './meetings/meeting-coordinator.js';
import { NotificationDispatcher } from './notifications/notification-dispatcher.js';
import { SeededRandom } from './random/seeded-random.js';
import { SubscriptionStore } from './subscriptions/subscription-store.js';
import { MailboxThrottle } from './throttling/mailbox-throttle.js';
import { generateEmulatorCertificate } from './tls/emulator-certificate.js';

export type ListeningEmulator = { url: string; port: number; close: () => Promise<void> };

export type GraphEmulator = {
  app: FastifyInstance;
  tenantId: string;
  /** The TLS certificate (PEM) the emulator serves; trust it to reach it (it is self-signed, its own CA). */
  certificatePem: string;
  /** The TLS private key (PEM), e.g. to restart with the same certificate. */
  certificateKeyPem: string;
  control: GraphEmulatorControl;
  /** Starts HTTPS on `port` (0 = any free port) and `host` (default 127.0.0.1). */
  listen: (port?: number, host?: string) => Promise<ListeningEmulator>;
  close: () => Promise<void>;
};

/** Parses JSON bodies leniently: Graph accepts an empty body on POST actions (cancel, accept, reauthorize). */
function registerBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      (error as { statusCode?: number }).statusCode = 400;
      done(error as Error, undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
}

/**
 * An in-memory Microsoft Graph (v1.0 calendar, subscriptions, places) plus the Entra token endpoint
 * of one tenant, served over HTTPS. See docs/emulators-graph.md.
 */
export async function createGraphEmulator(options: GraphEmulatorOptions): Promise<GraphEmulator> {
  const settings = resolveOptions(options);
  const clock = options.clock instanceof EmulatorClock ? options.clock : new EmulatorClock(options.clock);
  const randomRoot = new SeededRandom(options.randomSeed ?? 1);
  const ids = randomRoot.fork();
  const noise = randomRoot.fork();
  const scheduler = new Scheduler(clock);
  const now = () => clock.now();
  const nowMs = () => clock.nowMs();
  const directory = new Directory();
  const calendars = new CalendarStore(now, ids);
  const faults = new FaultInjector();
  const subscriptions = new SubscriptionStore(scheduler, nowMs);
  const notifications = new NotificationDispatcher({
    tenantId: options.tenantId,
    subscriptions,
    scheduler,
    faults,
    noise,
    nowMs,
    noiseOptions: settings.noise,
    delivery: settings.delivery,
  });
  calendars.onChange((change) => notifications.onCalendarChange(change));
  const messages = new MessageStore();
  const meetings = new MeetingCoordinator({
    directory,
    messages,
    calendars,
    scheduler,
    now,
    random: ids,
    options: settings.meetings,
  });
  const state: EmulatorState = {
    tenantId: options.tenantId,
    clock,
    scheduler,
    ids,
    noise,
    directory,
    apps: new AppRegistry(),
    issuer: await TokenIssuer.create(options.tenantId, now, settings.tokenLifetimeSeconds),
    calendars,
    writer: new EventWriter({ calendars, meetings, random: ids, now }),
    messages,
    subscriptions,
    notifications,
    deltaStates: new DeltaSyncStates(nowMs, settings.deltaTokenLifetimeMs),
    faults,
    throttle: new MailboxThrottle(settings.throttling, nowMs),
    publicUrl: null,
  };
  const control = createControl(state);
  control.reset(options.seed ?? 'empty');

  const certificate = options.certificate ?? (await generateEmulatorCertificate());
  const app = Fastify({
    https: { key: certificate.key, cert: certificate.cert },
    logger: options.logger ?? false,
  });
  registerBodyParsers(app);
  await app.register(oidcRoutes, {
    issuer: state.issuer,
    apps: state.apps,
    tenantAliases: options.tenantAliases ?? [],
    now,
  });
  for (const prefix of ['/v1.0', '/beta']) {
    await app.register(graphApi, { prefix, state, settings, inject: (injectOptions) => app.inject(injectOptions) });
  }
  await app.register(controlRoutes, { prefix: '/_emulator', control });

  const close = async () => {
    scheduler.dispose();
    await app.close();
  };

  return {
    app,
    tenantId: options.tenantId,
    certificatePem: certificate.cert,
    certificateKeyPem: certificate.key,
    control,
    close,
    async listen(port = 0, host = '127.0.0.1') {
      await app.listen({ port, host });
      const address = app.server.address();
      const boundPort = typeof address === 'object' && address ? address.port : port;
      const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
      const url = `https://${urlHost}:${boundPort}`;
      state.publicUrl = url;
      return { url, port: boundPort, close };
    },
  };
}
