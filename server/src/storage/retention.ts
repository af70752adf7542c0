import { and, eq, inArray, isNotNull, lt, or } from 'drizzle-orm';
import type { Db } from './create-db.js';
import { bookingLinks, changeLatencies, graphNotifications, syncLog } from './schema.js';

export type Retention = {
  /** Processed Graph notifications (whole payloads) are kept this long, for diagnosis. */
  notificationDays: number;
  /**
   * Sync log entries and change latencies (what the console's log and charts show) are kept this long;
   * so are the links of single meetings after they ended, and released links after their release.
   */
  syncLogDays: number;
};

const DAY_MS = 86_400_000;
// Deleted a batch at a time: one statement over months of rows would hold its locks (and, on PGlite,
// the one thread) for long.
const BATCH = 5_000;

async function deleteInBatches(remove: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const removed = await remove();
    total += removed;
    if (removed < BATCH) return total;
  }
}

/** Deletes what is older than the retention allows; unprocessed notifications are never deleted. */
export async function pruneStorage(db: Db, retention: Retention, now: Date) {
  const notificationsBefore = new Date(now.getTime() - retention.notificationDays * DAY_MS);
  const logBefore = new Date(now.getTime() - retention.syncLogDays * DAY_MS);
  const notifications = await deleteInBatches(async () => {
    const old = db
      .select({ id: graphNotifications.id })
      .from(graphNotifications)
      .where(and(isNotNull(graphNotifications.processedAt), lt(graphNotifications.processedAt, notificationsBefore)))
      .limit(BATCH);
    const deleted = await db
      .delete(graphNotifications)
      .where(inArray(graphNotifications.id, old))
      .returning({ id: graphNotifications.id });
    return deleted.length;
  });
  const logEntries = await deleteInBatches(async () => {
    const old = db.select({ id: syncLog.id }).from(syncLog).where(lt(syncLog.at, logBefore)).limit(BATCH);
    const deleted = await db.delete(syncLog).where(inArray(syncLog.id, old)).returning({ id: syncLog.id });
    return deleted.length;
  });
  const latencies = await deleteInBatches(async () => {
    const old = db
      .select({ id: changeLatencies.id })
      .from(changeLatencies)
      .where(lt(changeLatencies.at, logBefore))
      .limit(BATCH);
    const deleted = await db
      .delete(changeLatencies)
      .where(inArray(changeLatencies.id, old))
      .returning({ id: changeLatencies.id });
    return deleted.length;
  });
  // A link of a single meeting over this long, or released this long ago, is never read again: the room's
  // sync window starts a day back, and a feed entry for its reservation finds nothing to write. Without
  // this the table grows by every meeting ever booked (about 10 million rows a year at 10,000 rooms).
  // Series links (no end) and live ones stay.
  const links = await deleteInBatches(async () => {
    const old = db
      .select({ id: bookingLinks.id })
      .from(bookingLinks)
      .where(
        or(
          lt(bookingLinks.endsAt, logBefore),
          and(eq(bookingLinks.isCancelled, true), lt(bookingLinks.updatedAt, logBefore)),
        ),
      )
      .limit(BATCH);
    const deleted = await db
      .delete(bookingLinks)
      .where(inArray(bookingLinks.id, old))
      .returning({ id: bookingLinks.id });
    return deleted.length;
  });
  return { notifications, logEntries, latencies, links };
}
