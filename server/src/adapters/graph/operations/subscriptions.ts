import { AppError, isAppError } from '../../../errors.js';
import { instantFromGraph } from '../mapping/graph-time.js';
import { GraphSubscription } from '../schemas/graph-subscription.js';
import { parseGraphBody } from '../transport/graph-http.js';
import type { GraphHttp } from '../transport/graph-http.js';
import { readAllItems } from '../transport/paging.js';

/** Outlook events without resource data: at most 10,080 minutes (just under 7 days). */
export const MAX_SUBSCRIPTION_MINUTES = 10_080;
/** Asked-for lifetimes stay this far below the maximum, so clock skew never makes Graph refuse one. */
export const SUBSCRIPTION_SAFETY_MINUTES = 60;
/** Graph echoes clientState in every notification; it allows at most 128 characters. */
export const MAX_CLIENT_STATE_LENGTH = 128;

export type Subscription = {
  id: string;
  resource: string;
  /** The mailbox from `users/{mailbox}/events`, as written in the resource (Graph may answer with a GUID). */
  mailbox: string | null;
  changeTypes: string[];
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  /** UTC ISO instant. */
  expiresAt: string;
  /** Only in create answers; list never returns it. */
  clientState: string | null;
};

export type CreateSubscriptionInput = {
  mailbox: string;
  notificationUrl: string;
  /** Without it Graph sends no `missed` / `subscriptionRemoved` (Outlook resources). */
  lifecycleNotificationUrl: string;
  clientState: string;
  /** Defaults to, and is clamped at, the longest lifetime Graph allows minus a safety margin. */
  expiresAt?: Date;
  changeTypes?: Array<'created' | 'updated' | 'deleted'>;
};

const RESOURCE = /^\/?users\/([^/]+)\/events$/i;

export function fromGraphSubscription(subscription: GraphSubscription): Subscription {
  const match = RESOURCE.exec(subscription.resource);
  return {
    id: subscription.id,
    resource: subscription.resource,
    mailbox: match ? decodeURIComponent(match[1]!) : null,
    changeTypes: subscription.changeType
      .split(',')
      .map((type) => type.trim())
      .filter(Boolean),
    notificationUrl: subscription.notificationUrl,
    lifecycleNotificationUrl: subscription.lifecycleNotificationUrl ?? null,
    expiresAt: instantFromGraph(subscription.expirationDateTime),
    clientState: subscription.clientState ?? null,
  };
}

/**
 * The expiry to ask for: Graph refuses more than the maximum (historically "Subscription expiration can
 * only be 4230 minutes in the future", ExtensionError), so requests are clamped here.
 */
export function subscriptionExpiry(now: Date, requested?: Date): Date {
  const latest = new Date(now.getTime() + (MAX_SUBSCRIPTION_MINUTES - SUBSCRIPTION_SAFETY_MINUTES) * 60_000);
  return requested && requested < latest ? requested : latest;
}

function assertHttps(name: string, url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new AppError('INVALID_REQUEST', `${name} is not a URL: '${url}'`);
  }
  if (protocol !== 'https:') throw new AppError('INVALID_REQUEST', `${name} must be https, got ${url}`);
}

/**
 * Subscribes to a room's events. Graph first POSTs a validation token to both URLs and expects it echoed
 * within 10 s; if that fails the create answers 400 (ValidationError / InvalidRequest "Subscription
 * validation request timed out."), mapped to INVALID_REQUEST (the renewal job retries it). Notifications then carry immutable ids.
 */
export async function createSubscription(http: GraphHttp, input: CreateSubscriptionInput): Promise<Subscription> {
  assertHttps('notificationUrl', input.notificationUrl);
  assertHttps('lifecycleNotificationUrl', input.lifecycleNotificationUrl);
  if (input.clientState.length === 0 || input.clientState.length > MAX_CLIENT_STATE_LENGTH) {
    throw new AppError('INVALID_REQUEST', `clientState must have 1 to ${MAX_CLIENT_STATE_LENGTH} characters`);
  }
  const { body } = await http.send({
    method: 'POST',
    path: '/subscriptions',
    headers: { Prefer: 'IdType="ImmutableId"' },
    body: {
      changeType: (input.changeTypes ?? ['created', 'updated', 'deleted']).join(','),
      notificationUrl: input.notificationUrl,
      lifecycleNotificationUrl: input.lifecycleNotificationUrl,
      resource: `/users/${input.mailbox}/events`,
      expirationDateTime: subscriptionExpiry(http.retryPolicy.now(), input.expiresAt).toISOString(),
      clientState: input.clientState,
    },
  });
  return fromGraphSubscription(parseGraphBody(GraphSubscription, body, 'subscription'));
}

/** Extends a subscription. NOT_FOUND means Graph already removed it: create a new one and resync by delta. */
export async function renewSubscription(
  http: GraphHttp,
  subscriptionId: string,
  expiresAt?: Date,
): Promise<Subscription> {
  const { body } = await http.send({
    method: 'PATCH',
    path: `/subscriptions/${encodeURIComponent(subscriptionId)}`,
    body: { expirationDateTime: subscriptionExpiry(http.retryPolicy.now(), expiresAt).toISOString() },
  });
  return fromGraphSubscription(parseGraphBody(GraphSubscription, body, 'subscription'));
}

/** The answer to a `reauthorizationRequired` lifecycle event; it does not extend the expiry. */
export async function reauthorizeSubscription(http: GraphHttp, subscriptionId: string): Promise<void> {
  await http.send({ method: 'POST', path: `/subscriptions/${encodeURIComponent(subscriptionId)}/reauthorize` });
}

/** Deletes a subscription; one Graph no longer has counts as deleted. */
export async function deleteSubscription(http: GraphHttp, subscriptionId: string): Promise<void> {
  try {
    await http.send({ method: 'DELETE', path: `/subscriptions/${encodeURIComponent(subscriptionId)}` });
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return;
    throw error;
  }
}

/** Every subscription this app holds in the tenant (paged; clientState is never returned). */
export async function listSubscriptions(http: GraphHttp): Promise<Subscription[]> {
  const subscriptions = await readAllItems(
    http,
    { method: 'GET', path: '/subscriptions' },
    GraphSubscription,
    'subscription',
  );
  return subscriptions.map(fromGraphSubscription);
}
