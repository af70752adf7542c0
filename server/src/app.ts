import Fastify, { LogController } from 'fastify';
import type { FastifyReply, FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { NotificationIntake } from './intake/notification-intake.js';
import type { SubscriptionSecrets } from './intake/subscription-verifier.js';
import { createLoggerOptions } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';
import type { Metrics } from './observability/metrics.js';
import { databaseCheck } from './observability/readiness-checks.js';
import { bodyLimits } from './plugins/body-limits.js';
import { errorHandler } from './plugins/error-handler.js';
import { openApi } from './plugins/openapi.js';
import { rateLimits } from './plugins/rate-limits.js';
import { REQUEST_ID_LOG_LABEL, requestIdHeader, requestIdServerOptions } from './plugins/request-id.js';
import { requestMetrics } from './plugins/request-metrics.js';
import { securityHeaders } from './plugins/security-headers.js';
import { docsRoutes } from './routes/docs.js';
import { metricsRoutes } from './routes/metrics.js';
import { readinessRoutes } from './routes/readiness.js';
import type { ReadinessRoutesOptions } from './routes/readiness.js';
import { graphWebhookRoutes } from './routes/graph-webhooks.js';
import { healthRoutes } from './routes/health.js';
import { landingRoutes } from './routes/landing.js';
import { workplaceWebhookRoutes } from './routes/workplace-webhooks.js';
import { adminApiRoutes, adminConsoleRoutes, requireAdmin } from './routes/admin/index.js';
import type { AdminAccess, AdminApiRoutesOptions, AdminConsoleRoutesOptions } from './routes/admin/index.js';
import { roomHealthRoutes } from './routes/admin/room-health-routes.js';
import { addinApiRoutes, addinPublicRoutes, harnessRoutes } from './routes/addin-api/index.js';
import type {
  AddinApiRoutesOptions,
  AddinPublicRoutesOptions,
  HarnessRoutesOptions,
} from './routes/addin-api/index.js';
import type { Database, Db } from './storage/create-db.js';

export type AppDeps = {
  config: Config;
  database: Database;
  /** Graph change notifications: stored before they are acknowledged. */
  graphWebhooks?: { intake: NotificationIntake; subscriptionSecrets: SubscriptionSecrets };
  /** Workplace's signed change webhook. */
  workplaceWebhooks?: { secret: string; now: () => Date; onChanges: () => Promise<void> };
  /** The admin console: its API (`/admin/api/*`) and its page (`/admin/`). */
  admin?: { api: AdminApiRoutesOptions; console: AdminConsoleRoutesOptions };
  /** Without the console: only the admin API's room health, from the database alone (no Workplace, no Graph). */
  adminStatus?: AdminAccess & { db: Db };
  /** The Outlook add-in: its pages and sign-in config, its API, and (embedded mode) the harness. */
  addin?: { public: AddinPublicRoutesOptions; api: AddinApiRoutesOptions; harness: HarnessRoutesOptions | null };
  /** This app's metrics (served at /metrics); one without process metrics is made when absent. */
  metrics?: Metrics;
  /** What /readyz checks; the database alone when absent. */
  readiness?: ReadinessRoutesOptions;
};

/** Logger options as given, with the redaction of observability/logger.ts underneath. */
function withRedaction(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (logger === true) return createLoggerOptions();
  if (logger && typeof logger === 'object') return { ...createLoggerOptions(), ...logger };
  return logger;
}

/** Builds the HTTP app from its dependencies; never listens (tests use `app.inject`). */
export async function buildApp(deps: AppDeps, options: FastifyServerOptions = {}) {
  const { config } = deps;
  const { disableRequestLogging, ...serverOptions } = options;
  const app = Fastify({
    bodyLimit: 1024 * 1024,
    // A hop count is valid at runtime (proxy-addr) though Fastify's types omit it.
    trustProxy: config.security.trustProxy as FastifyServerOptions['trustProxy'],
    ...requestIdServerOptions,
    logController: new LogController({
      requestIdLogLabel: REQUEST_ID_LOG_LABEL,
      ...(disableRequestLogging !== undefined ? { disableRequestLogging } : {}),
    }),
    // A URL Fastify cannot decode (`/api/%E0%A4%A`) never reaches a route, nor our hooks: answer it in
    // our error shape, with the headers an API error gets.
    frameworkErrors: (error, _request, reply) =>
      void (reply as unknown as FastifyReply)
        .code(400)
        .headers({
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
          'cache-control': 'no-store',
        })
        .send({ error: { code: 'INVALID_REQUEST', message: error.message } }),
    ...serverOptions,
    logger: withRedaction(options.logger),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const metrics = deps.metrics ?? createMetrics();
  await app.register(errorHandler);
  // Observability and security first: their hooks must see every route registered after them.
  await app.register(requestIdHeader);
  await app.register(requestMetrics, { metrics });
  await app.register(securityHeaders, {
    hsts: config.mode === 'real',
    signInOrigins: config.graph.kind === 'microsoft' ? [config.graph.authorityHost] : [],
  });
  await app.register(rateLimits, config.security.rateLimits);
  await app.register(bodyLimits);
  await app.register(openApi, {
    publicUrl: config.publicUrl,
    isMetricsProtected: config.security.metricsToken !== null,
  });
  await app.register(healthRoutes);
  await app.register(landingRoutes, {
    hasHarness: Boolean(deps.addin?.harness),
    kioskUrl: config.emulators ? `http://127.0.0.1:${config.emulators.workplacePort}/kiosk` : null,
  });
  await app.register(readinessRoutes, deps.readiness ?? { checks: { database: databaseCheck(deps.database) } });
  await app.register(metricsRoutes, { registry: metrics.registry, token: config.security.metricsToken });
  await app.register(docsRoutes);
  if (deps.graphWebhooks) await app.register(graphWebhookRoutes, deps.graphWebhooks);
  if (deps.workplaceWebhooks) await app.register(workplaceWebhookRoutes, deps.workplaceWebhooks);
  if (deps.admin) {
    await app.register(adminConsoleRoutes, deps.admin.console);
    await app.register(adminApiRoutes, deps.admin.api);
  } else if (deps.adminStatus) {
    const { db } = deps.adminStatus;
    await app.register(async (admin) => {
      admin.addHook('onRequest', requireAdmin(deps.adminStatus!));
      await admin.register(roomHealthRoutes, {
        db,
        workplace: { listAreas: async () => [] },
        exchangeSettingsOf: async () => null,
      });
    });
  }
  if (deps.addin) {
    await app.register(addinPublicRoutes, deps.addin.public);
    if (deps.addin.harness) await app.register(harnessRoutes, deps.addin.harness);
    await app.register(addinApiRoutes, deps.addin.api);
  }
  return app;
}
