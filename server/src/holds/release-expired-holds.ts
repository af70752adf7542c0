import { and, eq, lt } from 'drizzle-orm';
import { AppError } from '../errors.js';
import type { ReservationSystem } from '../sync/ports.js';
import type { Db } from '../storage/create-db.js';
import { bookingIntents } from '../storage/schema.js';

/**
 * Releases the add-in's tentative holds whose meeting never reached the room (not sent, or the room
 * was removed before sending): the Workplace hold is cancelled, so kiosks can book the room again.
 * A hold the sync already confirmed is 'matched' and never expires here. The release is conditional
 * on both sides: the hold is cancelled only in the version read as tentative (If-Match), and the intent
 * is marked only while it is still 'held' — the meeting may arrive and confirm it at any moment.
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
  const mark = (intentId: string, status: 'released' | 'matched') =>
    db
      .update(bookingIntents)
      .set({ status, updatedAt: now })
      .where(and(eq(bookingIntents.id, intentId), eq(bookingIntents.status, 'held')));
  let released = 0;
  for (const intent of expired) {
    const hold = await reservations.getReservation(intent.workplaceReservationId);
    if (hold && hold.status !== 'tentative' && hold.status !== 'cancelled') {
      // The meeting confirmed it (its link may not be recorded yet: the sync finds the hold again by
      // the meeting's iCalUId, which confirming wrote into it).
      await mark(intent.id, 'matched');
      continue;
    }
    if (hold?.status === 'tentative') {
      try {
        await reservations.cancelReservation(intent.workplaceReservationId, 'The meeting was never sent from Outlook', {
          idempotencyKey: `release-hold-${intent.id}`,
          expectedVersion: hold.version,
        });
      } catch (error) {
        if (error instanceof AppError && error.code === 'PRECONDITION_FAILED') continue; // confirmed meanwhile
        if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
      }
    }
    await mark(intent.id, 'released');
    released++;
  }
  return released;
}
