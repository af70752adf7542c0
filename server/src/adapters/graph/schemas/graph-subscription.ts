import { z } from 'zod';
import { GraphDateTimeOffset } from './graph-date-time.js';

/** `microsoft.graph.subscription` (v1.0 CSDL), the fields we read. `clientState` is null on list. */
export const GraphSubscription = z.object({
  id: z.string().min(1),
  resource: z.string(),
  changeType: z.string(),
  clientState: z.string().nullish(),
  notificationUrl: z.string(),
  lifecycleNotificationUrl: z.string().nullish(),
  expirationDateTime: GraphDateTimeOffset,
  applicationId: z.string().nullish(),
  creatorId: z.string().nullish(),
  includeResourceData: z.boolean().nullish(),
  latestSupportedTlsVersion: z.string().nullish(),
});
export type GraphSubscription = z.infer<typeof GraphSubscription>;
