import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Directory, Mailbox } from '../directory/directory.js';
import { callerOf, READ_CALENDARS, requirePermission } from '../auth/graph-caller.js';
import type { GraphCaller } from '../auth/graph-caller.js';
import { newGuid } from '../ids/graph-ids.js';
import { accessDenied, GraphError } from '../odata/graph-error.js';
import { toGraphDateTimeOffset } from '../odata/graph-date-time.js';
import { serviceRootOf } from '../odata/service-root.js';
import type { SeededRandom } from '../random/seeded-random.js';
import type { NotificationDispatcher } from '../notifications/notification-dispatcher.js';
import type { OutgoingTls } from '../notifications/outgoing-post.js';
import { assertNotificationUrl } from './notification-url.js';
import { mailboxOfResource } from './subscription-resource.js';
import type { Subscription, SubscriptionChangeType, SubscriptionStore } from './subscription-store.js';
import { runValidationHandshake } from './validation-handshake.js';

export type SubscriptionRoutesOptions = {
  directory: Directory;
  subscriptions: SubscriptionStore;
  notifications: NotificationDispatcher;
  random: SeededRandom;
  nowMs: () => number;
  /** Outlook events without resource data: 10,080 minutes ([LIFE]). */
  maxExpirationMinutes: number;
  /** Current docs: a second subscription for the same app, resource and changeType is a 409 (disputed, contrib #9039). */
  rejectDuplicates: boolean;
  validationTimeoutMs: number;
  tls: OutgoingTls;
};

const CHANGE_TYPES: SubscriptionChangeType[] = ['created', 'updated', 'deleted'];
const MAX_CLIENT_STATE_LENGTH = 128;

const notFound = () => new GraphError(404, 'ResourceNotFound', 'The object was not found.');

/** `clientState` is returned at creation only; GET and list show null ([SUB-LIST]). */
function renderSubscription(
  request: FastifyRequest,
  subscription: Subscription,
  { withClientState }: { withClientState: boolean },
) {
  return {
    '@odata.context': `${serviceRootOf(request)}/$metadata#subscriptions/$entity`,
    id: subscription.id,
    resource: subscription.resource,
    applicationId: subscription.applicationId,
    changeType: subscription.changeTypes.join(','),
    clientState: withClientState ? subscription.clientState : null,
    notificationUrl: subscription.notificationUrl,
    notificationQueryOptions: null,
    lifecycleNotificationUrl: subscription.lifecycleNotificationUrl,
    expirationDateTime: toGraphDateTimeOffset(subscription.expirationDateTime),
    creatorId: subscription.creatorId,
    includeResourceData: null,
    latestSupportedTlsVersion: subscription.latestSupportedTlsVersion,
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
  };
}

function readChangeTypes(value: unknown): SubscriptionChangeType[] {
  if (typeof value !== 'string' || value.trim() === '')
    throw new GraphError(400, 'InvalidRequest', "The 'changeType' property is required.");
  const changeTypes = value.split(',').map((part) => part.trim());
  for (const changeType of changeTypes) {
    if (!CHANGE_TYPES.includes(changeType as SubscriptionChangeType)) {
      throw new GraphError(400, 'InvalidRequest', `Invalid 'changeType' attribute: '${changeType}'.`);
    }
  }
  return [...new Set(changeTypes)] as SubscriptionChangeType[];
}

function ownerOf(caller: GraphCaller, subscription: Subscription | undefined): Subscription {
  // Apps see only the subscriptions they created ([SUB-LIST]).
  if (!subscription || subscription.applicationId.toLowerCase() !== caller.appId.toLowerCase()) throw notFound();
  return subscription;
}

/** /subscriptions: create with the validation handshake, renew, reauthorize, list, delete ([WH], [SUB-POST], [LC]). */
export const subscriptionRoutes: FastifyPluginAsync<SubscriptionRoutesOptions> = async (app, options) => {
  const { subscriptions, notifications, directory } = options;

  const readExpiration = (value: unknown): Date => {
    const expiration = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(expiration.getTime()))
      throw new GraphError(
        400,
        'InvalidRequest',
        "The 'expirationDateTime' property is required and must be a date-time.",
      );
    const nowMs = options.nowMs();
    if (expiration.getTime() <= nowMs) {
      throw new GraphError(400, 'ExtensionError', 'Subscription expiration date must be in the future.');
    }
    if (expiration.getTime() - nowMs > options.maxExpirationMinutes * 60_000) {
      // fixtures/graph/observed/error-subscription-expiration-too-far.json, with today's limit.
      throw new GraphError(
        400,
        'ExtensionError',
        `Subscription expiration can only be ${options.maxExpirationMinutes} minutes in the future.`,
      );
    }
    return expiration;
  };

  const handshake = (url: string) =>
    runValidationHandshake(url, { timeoutMs: options.validationTimeoutMs, tls: options.tls });

  app.post('/subscriptions', async (request, reply) => {
    const caller = callerOf(request);
    requirePermission(caller, READ_CALENDARS);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const changeTypes = readChangeTypes(body.changeType);
    if (typeof body.notificationUrl !== 'string')
      throw new GraphError(400, 'InvalidRequest', "The 'notificationUrl' property is required.");
    if (typeof body.resource !== 'string')
      throw new GraphError(400, 'InvalidRequest', "The 'resource' property is required.");
    assertNotificationUrl(body.notificationUrl, 'notificationUrl');
    const lifecycleNotificationUrl =
      typeof body.lifecycleNotificationUrl === 'string' ? body.lifecycleNotificationUrl : null;
    if (lifecycleNotificationUrl) assertNotificationUrl(lifecycleNotificationUrl, 'lifecycleNotificationUrl');
    if (body.includeResourceData === true) {
      throw new GraphError(
        400,
        'ValidationError',
        'The emulator does not support change notifications with resource data (includeResourceData).',
      );
    }
    const clientState = typeof body.clientState === 'string' ? body.clientState : null;
    if (clientState && clientState.length > MAX_CLIENT_STATE_LENGTH) {
      throw new GraphError(
        400,
        'ValidationError',
        `The clientState must not be longer than ${MAX_CLIENT_STATE_LENGTH} characters.`,
      );
    }
    const expirationDateTime = readExpiration(body.expirationDateTime);
    const me: Mailbox | undefined =
      caller.kind === 'delegated'
        ? (directory.find(caller.userId) ?? directory.find(caller.userPrincipalName))
        : undefined;
    const mailbox = mailboxOfResource(body.resource, directory, me);
    if (caller.kind === 'app' && caller.app && caller.app.mailboxScope !== 'all') {
      const scope = caller.app.mailboxScope;
      const isInScope =
        scope === 'rooms'
          ? mailbox.kind === 'room'
          : scope.some((entry) => entry.toLowerCase() === mailbox.email.toLowerCase());
      if (!isInScope) throw accessDenied('Access to OData is disabled.');
    }
    if (options.rejectDuplicates) {
      const duplicate = subscriptions
        .forMailbox(mailbox.id)
        .find(
          (other) =>
            other.applicationId === caller.appId &&
            other.changeTypes.join(',') === changeTypes.join(',') &&
            other.resource.toLowerCase() === body.resource!.toString().toLowerCase(),
        );
      if (duplicate) {
        throw new GraphError(
          409,
          'Conflict',
          `Subscription Id ${duplicate.id} already exists for the requested combination.`,
        );
      }
    }
    await handshake(body.notificationUrl);
    // The lifecycle URL is validated too, even when it is the same URL ([LC]).
    if (lifecycleNotificationUrl) await handshake(lifecycleNotificationUrl);
    const subscription = subscriptions.save({
      id: newGuid(options.random),
      resource: body.resource,
      mailboxId: mailbox.id,
      changeTypes,
      clientState,
      notificationUrl: body.notificationUrl,
      lifecycleNotificationUrl,
      expirationDateTime,
      applicationId: caller.appId,
      creatorId: caller.kind === 'app' ? (caller.app?.servicePrincipalId ?? caller.appId) : caller.userId,
      latestSupportedTlsVersion:
        typeof body.latestSupportedTlsVersion === 'string' ? body.latestSupportedTlsVersion : 'v1_2',
      isAwaitingReauthorization: false,
    });
    return reply.code(201).send(renderSubscription(request, subscription, { withClientState: true }));
  });

  app.get('/subscriptions', async (request) => {
    const caller = callerOf(request);
    return {
      '@odata.context': `${serviceRootOf(request)}/$metadata#subscriptions`,
      value: subscriptions
        .all()
        .filter((subscription) => subscription.applicationId.toLowerCase() === caller.appId.toLowerCase())
        .map((subscription) => {
          const { '@odata.context': _context, ...rendered } = renderSubscription(request, subscription, {
            withClientState: false,
          });
          return rendered;
        }),
    };
  });

  app.get('/subscriptions/:id', async (request: FastifyRequest<{ Params: { id: string } }>) => {
    const subscription = ownerOf(callerOf(request), subscriptions.get(request.params.id));
    return renderSubscription(request, subscription, { withClientState: false });
  });

  app.patch('/subscriptions/:id', async (request: FastifyRequest<{ Params: { id: string } }>) => {
    const subscription = ownerOf(callerOf(request), subscriptions.get(request.params.id));
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (
      body.lifecycleNotificationUrl !== undefined &&
      body.lifecycleNotificationUrl !== subscription.lifecycleNotificationUrl
    ) {
      // PATCH cannot add or change the lifecycle URL: delete and recreate instead ([LC]).
      throw new GraphError(
        400,
        'InvalidRequest',
        'lifecycleNotificationUrl cannot be changed on an existing subscription; delete and recreate it.',
      );
    }
    const changes: Partial<Subscription> = { isAwaitingReauthorization: false };
    if (body.expirationDateTime !== undefined) changes.expirationDateTime = readExpiration(body.expirationDateTime);
    if (typeof body.notificationUrl === 'string' && body.notificationUrl !== subscription.notificationUrl) {
      assertNotificationUrl(body.notificationUrl, 'notificationUrl');
      await handshake(body.notificationUrl);
      changes.notificationUrl = body.notificationUrl;
    }
    const renewed = subscriptions.save({ ...subscription, ...changes });
    notifications.resume(renewed.id);
    return renderSubscription(request, renewed, { withClientState: false });
  });

  app.delete('/subscriptions/:id', async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const subscription = ownerOf(callerOf(request), subscriptions.get(request.params.id));
    subscriptions.delete(subscription.id);
    return reply.code(204).send();
  });

  app.post('/subscriptions/:id/reauthorize', async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const subscription = ownerOf(callerOf(request), subscriptions.get(request.params.id));
    // Reauthorizing resumes delivery but does not extend the expiry ([LC]).
    subscriptions.save({ ...subscription, isAwaitingReauthorization: false });
    notifications.resume(subscription.id);
    return reply.code(204).send();
  });
};
