import Fastify from 'fastify';
import type { FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { NotificationIntake } from './intake/notification-intake.js';
import type { SubscriptionSecrets } from './intake/subscription-verifier.js';
import { errorHandler } from './plugins/error-handler.js';
import { graphWebhookRoutes } from './routes/graph-webhooks.js';
import { healthRoutes } from './routes/health.js';
import { workplaceWebhookRoutes } from './routes/workplace-webhooks.js';
import { adminStatusRoutes } from './routes/admin-status.js';
import type { AdminStatusRoutesOptions } from './routes/admin-status.js';
import { addinApiRoutes, addinPublicRoutes, harnessRoutes } from './routes/addin-api/index.js';
import type {
  AddinApiRoutesOptions,
  AddinPublicRoutesOptions,
  HarnessRoutesOptions,
} from './routes/addin-api/index.js';
import type { Database } from './storage/create-db.js';

export type AppDeps = {
  config: Config;
  database: Database;
  /** Graph change notifications: stored before they are acknowledged. */
  graphWebhooks?: { intake: NotificationIntake; subscriptionSecrets: SubscriptionSecrets };
  /** Workplace's signed change webhook. */
  workplaceWebhooks?: { secret: string; now: () => Date; onChanges: () => Promise<void> };
  /** Room status for administrators. */
  adminStatus?: AdminStatusRoutesOptions;
  /** The Outlook add-in: its pages and sign-in config, its API, and (embedded mode) the harness. */
  addin?: { public: AddinPublicRoutesOptions; api: AddinApiRoutesOptions; harness: HarnessRoutesOptions | null };
};

/** Builds the HTTP app from its dependencies; never listens (tests use `app.inject`). */
export async function buildApp(deps: AppDeps, options: FastifyServerOptions = {}) {
  const app = Fastify({ bodyLimit: 1024 * 1024, ...options });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(errorHandler);
  await app.register(healthRoutes);
  if (deps.graphWebhooks) await app.register(graphWebhookRoutes, deps.graphWebhooks);
  if (deps.workplaceWebhooks) await app.register(workplaceWebhookRoutes, deps.workplaceWebhooks);
  if (deps.adminStatus) await app.register(adminStatusRoutes, deps.adminStatus);
  if (deps.addin) {
    await app.register(addinPublicRoutes, deps.addin.public);
    if (deps.addin.harness) await app.register(harnessRoutes, deps.addin.harness);
    await app.register(addinApiRoutes, deps.addin.api);
  }
  return app;
}
