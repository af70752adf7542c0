import type { FailedItem } from '@workplace-sync/shared';
import { desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { AppError } from '../errors.js';
import type { Db } from '../storage/create-db.js';
import { failedItems } from '../storage/schema.js';
import type { FailedItemRow } from '../storage/schema.js';

/** Sends a job again (the sync's queue); failed items of kind `job:<queue>` carry what it needs. */
export type SendJob = (queue: string, key: string, data: Record<string, unknown>) => Promise<void>;

const jobOf = (row: FailedItemRow): { queue: string; key: string; data: Record<string, unknown> } | null => {
  const payload = row.payload as { queue?: unknown; key?: unknown; data?: unknown } | null;
  if (!row.kind.startsWith('job:') || typeof payload?.queue !== 'string' || typeof payload.key !== 'string')
    return null;
  const data = payload.data && typeof payload.data === 'object' ? (payload.data as Record<string, unknown>) : {};
  return { queue: payload.queue, key: payload.key, data };
};

const toItem = (row: FailedItemRow): FailedItem => ({
  id: row.id,
  kind: row.kind,
  key: row.key,
  error: row.error,
  attempts: row.attempts,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  retriedAt: row.resolvedAt?.toISOString() ?? null,
  isRetryable: row.resolvedAt === null && jobOf(row) !== null,
});

/** Failed items: open ones (to act on) or those already sent back to the queue. */
export async function listFailedItems(db: Db, state: 'open' | 'retried'): Promise<FailedItem[]> {
  const rows = await db
    .select()
    .from(failedItems)
    .where(state === 'open' ? isNull(failedItems.resolvedAt) : isNotNull(failedItems.resolvedAt))
    .orderBy(desc(failedItems.updatedAt))
    .limit(500);
  return rows.map(toItem);
}

/**
 * "Retry": the job goes back to the queue with a fresh set of attempts, and the item is closed as
 * retried (a new failure opens a new item). Items that are not jobs cannot be retried from here.
 */
export async function retryFailedItem(db: Db, sendJob: SendJob, id: string, now: Date): Promise<FailedItem> {
  const [row] = await db.select().from(failedItems).where(eq(failedItems.id, id));
  if (!row) throw new AppError('NOT_FOUND', `No failed item ${id}`);
  if (row.resolvedAt) throw new AppError('CONFLICT', `The failed item ${id} was already retried`);
  const job = jobOf(row);
  if (!job) throw new AppError('UNPROCESSABLE', `A failed item of kind ${row.kind} cannot be retried from the console`);
  await sendJob(job.queue, job.key, job.data);
  const [updated] = await db
    .update(failedItems)
    .set({ resolvedAt: now, updatedAt: now })
    .where(eq(failedItems.id, id))
    .returning();
  return toItem(updated!);
}
