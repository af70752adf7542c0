import { z } from 'zod';

/**
 * Graph's error body, `{"error":{"code","message","innerError":{"request-id","date",…}}}`. The code's
 * casing varies by workload (`SyncStateNotFound` / `syncStateNotFound`), and some items in `$batch`
 * answers carry an empty code.
 */
export const GraphErrorBody = z.object({
  error: z.object({
    code: z.string().nullish(),
    message: z.string().nullish(),
    innerError: z
      .object({
        'request-id': z.string().nullish(),
        'client-request-id': z.string().nullish(),
        date: z.string().nullish(),
      })
      .nullish(),
  }),
});
export type GraphErrorBody = z.infer<typeof GraphErrorBody>;
