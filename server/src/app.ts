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
import type { Database } from './storage/create-db.js';

export type AppDeps = {
  config: Config;
  database: Database;
  /** Graph change notifications: stored before they are acknowledged. */
  graphWebhooks?: { intake: NotificationIntake; subscriptionSecrets: SubscriptionSecrets };
  /** Workplace's signed change webhook. */
  workplaceWebhooks?: { secret: string; now: () => Date; onChanges: () => Promise<void> };
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
  return app;
}
