import { etagOf } from '../calendar/event-view.js';
import { toGraphDateTimeOffset } from '../odata/graph-date-time.js';
import type { Subscription, SubscriptionChangeType } from '../subscriptions/subscription-store.js';

export type LifecycleEvent = 'missed' | 'subscriptionRemoved' | 'reauthorizationRequired';

/**
 * A change notification without resource data, as Outlook sends them (fixtures/graph/
 * change-notification-outlook-no-resource-data.json): the ids only, with the user's GUID in the path
 * even when the subscription named the mailbox by UPN.
 */
export function changeNotification(
  subscription: Subscription,
  change: { changeType: SubscriptionChangeType; mailboxId: string; eventId: string; changeKey: string },
  tenantId: string,
) {
  const resource = `Users/${change.mailboxId}/Events/${change.eventId}`;
  return {
    subscriptionId: subscription.id,
    subscriptionExpirationDateTime: toGraphDateTimeOffset(subscription.expirationDateTime),
    changeType: change.changeType,
    resource,
    resourceData: {
      '@odata.type': '#Microsoft.Graph.Event',
      '@odata.id': resource,
      '@odata.etag': etagOf(change.changeKey),
      id: change.eventId,
    },
    clientState: subscription.clientState,
    tenantId,
  };
}

/** A lifecycle notification: same envelope, `lifecycleEvent` instead of resource data (fixtures/graph/lifecycle-notification-*.json). */
export function lifecycleNotification(subscription: Subscription, lifecycleEvent: LifecycleEvent, tenantId: string) {
  return {
    subscriptionId: subscription.id,
    subscriptionExpirationDateTime: toGraphDateTimeOffset(subscription.expirationDateTime),
    tenantId,
    clientState: subscription.clientState,
    lifecycleEvent,
  };
}
