import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../errors.js';
import type { InboxNotification, NotificationIntake } from '../intake/notification-intake.js';
import type { SubscriptionSecrets } from '../intake/subscription-verifier.js';
import { GraphChangeNotificationCollection, type GraphChangeNotification } from './graph-notification-body.js';

export type GraphWebhookRoutesOptions = {
  intake: NotificationIntake;
  subscriptionSecrets: SubscriptionSecrets;
};

/**
 * `POST /webhooks/graph` (notificationUrl) and `POST /webhooks/graph/lifecycle`
 * (lifecycleNotificationUrl). Graph retries only non-2xx answers, so 202 means "stored": every
 * accepted notification is committed to the inbox before the answer, and a failed write is a 503
 * that Graph retries. A notification is a hint; the inbox drain turns it into a job.
 */
export const graphWebhookRoutes: FastifyPluginAsyncZod<GraphWebhookRoutesOptions> = async (
  app,
  { intake, subscriptionSecrets },
) => {
  const receive = async (
    request: FastifyRequest<{ Body: { value: GraphChangeNotification[] } }>,
    reply: FastifyReply,
  ) => {
    const notifications = request.body.value;
    const claims = notifications.map((notification) => ({
      subscriptionId: notification.subscriptionId,
      clientState: notification.clientState ?? null,
    }));
    const checked = subscriptionSecrets.verifyAll(claims);
    const verdicts = Array.isArray(checked) ? checked : await checked;
    const forged = verdicts.indexOf('mismatch');
    if (forged !== -1) {
      // Nothing of a request carrying a forged notification is stored: Graph never sends one.
      request.log.warn({ subscriptionId: claims[forged]!.subscriptionId }, 'notification with a wrong clientState');
      throw new AppError('FORBIDDEN', 'clientState does not match the subscription');
    }
    // Unknown subscriptions (deleted, expired, or not ours) are acknowledged and dropped.
    const accepted = notifications.filter((_, index) => verdicts[index] === 'ok').map(toInboxNotification);
    if (accepted.length > 0) {
      try {
        await intake.store(accepted);
      } catch (error) {
        request.log.error({ err: error }, 'storing Graph notifications failed; answering 503 so that Graph retries');
        throw new AppError('UNAVAILABLE', 'The notifications could not be stored; retry later', { cause: error });
      }
    }
    return reply.code(202).send();
  };

  for (const url of ['/webhooks/graph', '/webhooks/graph/lifecycle']) {
    app.post(
      url,
      { onRequest: answerValidationHandshake, schema: { body: GraphChangeNotificationCollection } },
      receive,
    );
  }
};

/**
 * Graph's validation tokens are a sentence of about 120 characters ("Validation: Testing client
 * application reachability for subscription Request-Id: <guid>"); anything much longer is not Graph,
 * and is not reflected.
 */
export const MAX_VALIDATION_TOKEN_LENGTH = 1_024;

/**
 * Subscription creation (and renewal of the lifecycle URL) first POSTs `?validationToken=…` with an
 * empty text/plain body and wants the decoded token back within 10 s as text/plain. Answered before
 * body parsing, so no content type or body can get in the way.
 */
async function answerValidationHandshake(request: FastifyRequest, reply: FastifyReply) {
  const token = (request.query as Record<string, unknown>).validationToken;
  if (token === undefined) return;
  if (typeof token !== 'string') throw new AppError('INVALID_REQUEST', 'validationToken must be given once');
  if (token.length > MAX_VALIDATION_TOKEN_LENGTH) {
    throw new AppError('INVALID_REQUEST', `validationToken is longer than ${MAX_VALIDATION_TOKEN_LENGTH} characters`);
  }
  return reply
    .code(200)
    .header('content-type', 'text/plain; charset=utf-8')
    .header('x-content-type-options', 'nosniff')
    .send(token);
}

function toInboxNotification(notification: GraphChangeNotification): InboxNotification {
  const { clientState: _secret, ...payload } = notification;
  return {
    subscriptionId: notification.subscriptionId,
    changeType: notification.changeType ?? null,
    lifecycleEvent: notification.lifecycleEvent ?? null,
    resource: notification.resource ?? null,
    payload,
  };
}
