import { AppError } from '../errors.js';
import type { FastifyPluginAsync } from 'fastify';
import { verifyWorkplaceWebhook } from '../adapters/workplace/verify-webhook-signature.js';

export type WorkplaceWebhookRoutesOptions = {
  secret: string;
  now: () => Date;
  /** Enqueues a read of the change feed; the delivery itself is only a hint. */
  onChanges: () => Promise<void>;
};

/**
 * `POST /webhooks/workplace`: Workplace's signed change delivery. The signature covers the raw bytes,
 * so this plugin keeps the body as a Buffer; a bad or stale signature is a 401 and nothing is queued.
 */
export const workplaceWebhookRoutes: FastifyPluginAsync<WorkplaceWebhookRoutesOptions> = async (
  app,
  { secret, now, onChanges },
) => {
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.post('/webhooks/workplace', async (request, reply) => {
    const verification = verifyWorkplaceWebhook({
      // A POST without a body has none (undefined); it is judged as the empty body it is.
      rawBody: (request.body as Buffer | string | undefined) ?? '',
      timestamp: request.headers['x-workplace-timestamp'] as string | undefined,
      signature: request.headers['x-workplace-signature'] as string | undefined,
      secret,
      now: now(),
    });
    if (!verification.ok) throw new AppError('UNAUTHORIZED', `Webhook rejected: ${verification.reason}`);
    await onChanges();
    return reply.code(202).send();
  });
};
