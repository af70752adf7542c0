import { and, eq, lt } from 'drizzle-orm';
import { AppError } from '../errors.js';
import type { ReservationSystem } from '../sync/ports.js';
import type { Db } from '../storage/create-db.js';
import { bookingIntents } from '../storage/schema.js';

/**
 * Releases the add-in's tentative holds whose meeting never reached the room (not sent, or the room
 * was removed before sending): the Workplace hold is cancelled, so kiosks can book the room again.
 * A hold the sync already confirmed is 'matched' and never expires here.
 */
export async function releaseExpiredHolds({
  db,
  reservations,
  now,
}: {
  db: Db;
  reservations: ReservationSystem;
  now: Date;
}) {
  const expired = await db
    .select()
    .from(bookingIntents)
    .where(and(eq(bookingIntents.status, 'held'), lt(bookingIntents.expiresAt, now)));
  let released = 0;
  for (const intent of expired) {
    const hold = await reservations.getReservation(intent.workplaceReservationId);
    if (hold && hold.status === 'tentative') {
      try {
        await reservations.cancelReservation(intent.workplaceReservationId, 'The meeting was never sent from Outlook', {
          idempotencyKey: `release-hold-${intent.id}`,
        });
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
      }
    }
    await db.update(bookingIntents).set({ status: 'released', updatedAt: now }).where(eq(bookingIntents.id, intent.id));
    released++;
  }
  return released;
}
