import { eq } from 'drizzle-orm';
import type { WorkplaceClient } from '../adapters/workplace/workplace-client.js';
import type { Db } from '../storage/create-db.js';
import { rooms } from '../storage/schema.js';
import { syncReservationIds } from '../sync/sync-reservations.js';
import type { ReportSyncProgress, SyncDeps, SyncRunResult } from '../sync/sync-room.js';

/**
 * Mirrors the existing reservations of a newly linked room's Workplace area into its Exchange calendar.
 * The change feed only carries reservations that change, so those booked before the link would never
 * reach Exchange. This runs the same per-reservation sync as the feed, fed with the area's reservations
 * in the sync window instead of the feed (the feed's cursor is not touched).
 */
export async function syncAreaReservations(
  mailbox: string,
  {
    deps,
    db,
    workplace,
    window,
    onProgress,
  }: {
    deps: SyncDeps;
    db: Db;
    workplace: Pick<WorkplaceClient, 'listReservations'>;
    window: () => { start: Date; end: Date };
    onProgress?: ReportSyncProgress;
  },
): Promise<SyncRunResult> {
  const [room] = await db.select().from(rooms).where(eq(rooms.mailbox, mailbox.toLowerCase()));
  if (!room?.isEnabled) return { changes: 0, isFullResync: true };
  const { start, end } = window();
  const reservations = await workplace.listReservations({ from: start, to: end, areaId: room.workplaceAreaId });
  const reservationIds = reservations.filter((reservation) => reservation.status !== 'cancelled').map((r) => r.id);
  await onProgress?.({ found: reservationIds.length, synced: 0 });
  await syncReservationIds(reservationIds, deps);
  await onProgress?.({ found: reservationIds.length, synced: reservationIds.length });
  return { changes: reservationIds.length, isFullResync: true };
}
