import { and, eq, like, lt } from 'drizzle-orm';
import { AppError } from '../errors.js';
import type { ReservationSystem } from '../sync/ports.js';
import type { Db } from '../storage/create-db.js';
import { bookingIntents, bookingLinks, pendingReservations } from '../storage/schema.js';

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
  holdTtlMs = DEFAULT_HOLD_TTL_MS,
}: {
  db: Db;
  reservations: ReservationSystem;
  now: Date;
  /** How long a hold waits for its meeting (ADDIN_HOLD_MINUTES): a note older than that is due. */
  holdTtlMs?: number;
}) {
  const lost = await releaseLostHolds(db, reservations, new Date(now.getTime() - holdTtlMs));
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
      // The meeting confirmed it. Its link may not be recorded yet (a crash right after confirming): the
      // sync finds the hold again by the meeting's iCalUId, which confirming wrote into it, the next time
      // it reads the room's copy — unless the copy left the room meanwhile (its delegate declined it).
      // A day on, the nightly full round has read every meeting of the room: nothing will link it.
      const [linked] = await db
        .select({ id: bookingLinks.id })
        .from(bookingLinks)
        .where(eq(bookingLinks.workplaceReservationId, hold.reservationId))
        .limit(1);
      if (linked) {
        await mark(intent.id, 'matched');
        continue;
      }
      if (now.getTime() < intent.expiresAt.getTime() + UNLINKED_CONFIRMATION_GRACE_MS) continue;
      try {
        await reservations.cancelReservation(hold.reservationId, 'Its meeting never reached the room in Exchange', {
          idempotencyKey: `release-unlinked-hold-${intent.id}`,
          expectedVersion: hold.version,
        });
      } catch (error) {
        if (error instanceof AppError && error.code === 'PRECONDITION_FAILED') continue; // changed meanwhile
        if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
      }
      await mark(intent.id, 'released');
      released++;
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
  return released + lost;
}

const DEFAULT_HOLD_TTL_MS = 30 * 60_000;
/** How long a hold its meeting confirmed may stay without a link before it is let go (see above). */
const UNLINKED_CONFIRMATION_GRACE_MS = 24 * 3_600_000;
/** The externalRef of every hold the add-in places (booking-holds.ts, HOLD_REF_PREFIX). */
const HOLD_REF = 'outlook-addin:%';

/**
 * Holds whose create lost its answer (Workplace made it, then failed or timed out): the add-in told the
 * organizer it failed and recorded no intent, so nothing above would ever release them. Their
 * write-ahead notes older than a hold's lifetime are looked up by externalRef; one found tentative with
 * no intent naming it is cancelled.
 */
async function releaseLostHolds(db: Db, reservations: ReservationSystem, notedBefore: Date) {
  const notes = await db
    .select()
    .from(pendingReservations)
    .where(and(like(pendingReservations.iCalUId, HOLD_REF), lt(pendingReservations.createdAt, notedBefore)));
  let released = 0;
  for (const note of notes) {
    const near = { mailboxes: note.mailboxes, from: note.searchFrom, to: note.searchTo };
    const hold = await reservations.findByExternalRef(note.iCalUId, near);
    const [intent] = hold
      ? await db.select().from(bookingIntents).where(eq(bookingIntents.workplaceReservationId, hold.reservationId))
      : [];
    if (hold && !intent && hold.status === 'tentative') {
      try {
        await reservations.cancelReservation(hold.reservationId, 'The Outlook add-in could not finish placing it', {
          idempotencyKey: `release-lost-hold-${hold.reservationId}`,
          expectedVersion: hold.version,
        });
        released++;
      } catch (error) {
        // Changed meanwhile: read again at the next run.
        if (error instanceof AppError && error.code === 'PRECONDITION_FAILED') continue;
        if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
      }
    }
    await db.delete(pendingReservations).where(eq(pendingReservations.iCalUId, note.iCalUId));
  }
  return released;
}
