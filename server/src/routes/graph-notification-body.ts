import { z } from 'zod';

// `changeNotificationCollection` as POSTed by Graph to notificationUrl and lifecycleNotificationUrl
// (reference/graph.md a6, a8; fixtures/graph/change-notification-*.json, lifecycle-notification*.json).
// Only what the intake reads is checked; everything else is kept as received (loose objects), since
// the inbox stores the notification whole. Subscription ids are GUIDs in practice, but nothing here
// depends on that, so any non-empty string is accepted and simply not found if it is not ours.

export const GraphChangeNotification = z.looseObject({
  subscriptionId: z.string().min(1).max(200),
  clientState: z.string().max(255).nullish(),
  /** `created` | `updated` | `deleted` on change notifications; absent on lifecycle ones. */
  changeType: z.string().max(100).nullish(),
  /** e.g. `Users/{userGuid}/Events/{eventId}`; absent on lifecycle notifications. */
  resource: z.string().max(2_000).nullish(),
  /** `reauthorizationRequired` | `subscriptionRemoved` | `missed` on lifecycle notifications. */
  lifecycleEvent: z.string().max(100).nullish(),
});
export type GraphChangeNotification = z.infer<typeof GraphChangeNotification>;

export const GraphChangeNotificationCollection = z.looseObject({
  value: z.array(GraphChangeNotification).min(1).max(1_000),
});
