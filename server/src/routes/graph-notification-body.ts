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

// What PostgreSQL cannot hold: `text` and `jsonb` refuse U+0000, `jsonb` refuses unpaired surrogates and
// nesting beyond its stack depth. Graph sends none of these; a body with them is refused as a 400 here,
// rather than failing the lookup of its subscription (a 500) or its inbox INSERT (a 503 for every request
// sharing the batch).
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const isStorableText = (text: string) => !text.includes('\u0000') && !UNPAIRED_SURROGATE.test(text);
const MAX_DEPTH = 32;

/** Whether every key and string of a parsed JSON value can be stored, within MAX_DEPTH levels. */
export function isStorableJson(root: unknown): boolean {
  // Iterative: a deeply nested body must not overflow the stack of the process that checks it.
  const pending: Array<[value: unknown, depth: number]> = [[root, 0]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (typeof value === 'string') {
      if (!isStorableText(value)) return false;
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_DEPTH) return false;
      for (const [key, item] of Object.entries(value)) {
        if (!isStorableText(key)) return false;
        pending.push([item, depth + 1]);
      }
    }
  }
  return true;
}

export const GraphChangeNotificationCollection = z
  .looseObject({
    value: z.array(GraphChangeNotification).min(1).max(1_000),
  })
  .refine(isStorableJson, {
    message: `notifications may not contain U+0000, unpaired surrogates or nest deeper than ${MAX_DEPTH} levels`,
  });
