import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../storage/create-db.js';
import { failedItems } from '../storage/schema.js';

/** The payload of a `job:<queue>` failed item: enough to send the job again. */
export type FailedJobPayload = { queue: string; key: string; data: Record<string, unknown> };

export const failedJobKind = (queue: string) => `job:${queue}`;

/**
 * Records a job whose attempts are used up as an open failed item (one per queue and key; a later
 * failure of the same job updates it), so an admin sees it and can send it again from the console.
 */
export async function recordFailedJob(
  db: Db,
  job: FailedJobPayload & { attempts: number; error: unknown; now: Date },
): Promise<void> {
  const message = job.error instanceof Error ? job.error.message : String(job.error);
  const values = {
    kind: failedJobKind(job.queue),
    key: job.key,
    payload: { queue: job.queue, key: job.key, data: job.data } satisfies FailedJobPayload,
    error: message.slice(0, 2000),
    attempts: job.attempts,
    nextAttemptAt: job.now,
  };
  const [open] = await db
    .select({ id: failedItems.id })
    .from(failedItems)
    .where(and(eq(failedItems.kind, values.kind), eq(failedItems.key, values.key), isNull(failedItems.resolvedAt)));
  if (open) {
    await db
      .update(failedItems)
      .set({ error: values.error, attempts: sql`${failedItems.attempts} + ${job.attempts}`, payload: values.payload })
      .where(eq(failedItems.id, open.id));
  } else {
    await db.insert(failedItems).values(values);
  }
}
