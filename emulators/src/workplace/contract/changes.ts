import { z } from 'zod';
import { Id, Instant } from './primitives.js';

export const ChangeType = z.enum(['created', 'updated', 'cancelled']);

export const Change = z.object({
  sequence: z.number().int().min(1),
  reservationId: Id,
  version: z.number().int().min(1),
  type: ChangeType,
  occurredAt: Instant,
});
export type Change = z.infer<typeof Change>;

export const ChangesQuery = z.object({
  cursor: z.string().min(1).max(512).optional().meta({
    description: 'The nextCursor of the previous read; without it, reading starts at the oldest retained change.',
  }),
  limit: z.coerce.number().int().min(1).max(500).optional().meta({ description: 'Page size, 1–500 (default 100).' }),
});

export const ChangesPage = z.object({ changes: z.array(Change), nextCursor: z.string(), hasMore: z.boolean() });
export type ChangesPage = z.infer<typeof ChangesPage>;

export const WebhookPayload = z.object({ changes: z.array(Change).min(1) });
