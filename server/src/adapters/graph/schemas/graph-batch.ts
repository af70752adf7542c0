import { z } from 'zod';

/** One answer in a `$batch` response; answers come in any order and are matched by `id`. */
export const GraphBatchItemResponse = z.object({
  id: z.string(),
  status: z.number().int(),
  headers: z.record(z.string(), z.string()).nullish(),
  body: z.unknown().optional(),
});
export type GraphBatchItemResponse = z.infer<typeof GraphBatchItemResponse>;

export const GraphBatchResponse = z.object({ responses: z.array(GraphBatchItemResponse) });
