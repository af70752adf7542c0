import type { FailedItem } from '@workplace-sync/shared';
import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { AppError } from '../errors.js';
import type { Db } from '../storage/create-db.js';
import { failedItems, rooms } from '../storage/schema.js';
import type { FailedItemRow } from '../storage/schema.js';
import { explainFailedItem } from './failed-item-explanation.js';

/** Sends a job again (the sync's queue); failed items of kind `job:<queue>` carry what it needs. */
export type SendJob = (queue: string, key: string, data: Record<string, unknown>) => Promise<void>;

type QuarantinePayload = {
  mailbox?: string | null;
  eventId?: string | null;
  reservationId?: string | null;
  booking?: { room: string | null; organizer: string | null; subject: string | null; start: string | null };
};

const QUARANTINE_PREFIX = 'quarantine:';
const directionOf = (row: FailedItemRow) =>
  row.kind === `${QUARANTINE_PREFIX}exchange-to-workplace`
    ? ('exchange-to-workplace' as const)
    : row.kind === `${QUARANTINE_PREFIX}workplace-to-exchange`
      ? ('workplace-to-exchange' as const)
      : null;

/**
 * The job that does the failed work again: a dead job is sent as it was; a quarantined room change by a
 * full resync of its room (which reads that meeting again), a quarantined reservation by syncing it.
 */
const jobOf = (row: FailedItemRow): { queue: string; key: string; data: Record<string, unknown> } | null => {
  const direction = directionOf(row);
  if (direction) {
    const payload = row.payload as QuarantinePayload;
    if (direction === 'exchange-to-workplace' && payload.mailbox) {
      return { queue: 'room-resync', key: payload.mailbox, data: { mailbox: payload.mailbox, reason: 'admin-repair' } };
    }
    if (direction === 'workplace-to-exchange' && payload.reservationId) {
      const reservationId = payload.reservationId;
      return { queue: 'retry-reservation', key: `reservation:${reservationId}`, data: { reservationId } };
    }
    return null;
  }
  const payload = row.payload as { queue?: unknown; key?: unknown; data?: unknown } | null;
  if (!row.kind.startsWith('job:') || typeof payload?.queue !== 'string' || typeof payload.key !== 'string')
    return null;
  const data = payload.data && typeof payload.data === 'object' ? (payload.data as Record<string, unknown>) : {};
  return { queue: payload.queue, key: payload.key, data };
};

const roomOf = (row: FailedItemRow): string | null => {
  if (!directionOf(row)) return null;
  const payload = row.payload as QuarantinePayload;
  return payload.booking?.room ?? payload.mailbox ?? null;
};

function bookingOf(row: FailedItemRow, roomNames: ReadonlyMap<string, string>): FailedItem['booking'] {
  const direction = directionOf(row);
  if (!direction) return null;
  const payload = row.payload as QuarantinePayload;
  const room = roomOf(row);
  return {
    direction,
    room,
    roomName: room ? (roomNames.get(room.toLowerCase()) ?? null) : null,
    organizer: payload.booking?.organizer ?? null,
    subject: payload.booking?.subject ?? null,
    start: payload.booking?.start ?? null,
    reservationId: payload.reservationId ?? null,
    eventId: payload.eventId ?? null,
  };
}

const toItem = (row: FailedItemRow, roomNames: ReadonlyMap<string, string> = new Map()): FailedItem => ({
  id: row.id,
  kind: row.kind,
  key: row.key,
  error: row.error,
  summary: explainFailedItem({ kind: row.kind, error: row.error, attempts: row.attempts, direction: directionOf(row) }),
  attempts: row.attempts,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  retriedAt: row.resolvedAt?.toISOString() ?? null,
  resolution: row.resolvedAt ? (row.resolution ?? 'retried') : null,
  isRetryable: row.resolvedAt === null && jobOf(row) !== null,
  booking: bookingOf(row, roomNames),
});

/** Failed items: open ones (to act on) or those already sent back to the queue. */
export async function listFailedItems(db: Db, state: 'open' | 'retried'): Promise<FailedItem[]> {
  const rows = await db
    .select()
    .from(failedItems)
    .where(state === 'open' ? isNull(failedItems.resolvedAt) : isNotNull(failedItems.resolvedAt))
    .orderBy(desc(failedItems.updatedAt))
    .limit(500);
  const mailboxes = [...new Set(rows.map(roomOf).filter((room): room is string => room !== null))];
  const named =
    mailboxes.length === 0
      ? []
      : await db
          .select({ mailbox: rooms.mailbox, displayName: rooms.displayName })
          .from(rooms)
          .where(
            inArray(
              rooms.mailbox,
              mailboxes.map((mailbox) => mailbox.toLowerCase()),
            ),
          );
  const roomNames = new Map(named.map((room) => [room.mailbox, room.displayName]));
  return rows.map((row) => toItem(row, roomNames));
}

/** How many items wait for an admin (the console's badge on Failed items). */
export async function countOpenFailedItems(db: Db): Promise<number> {
  const [row] = await db
    .select({ open: sql<number>`count(*)::int` })
    .from(failedItems)
    .where(isNull(failedItems.resolvedAt));
  return row?.open ?? 0;
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
    .set({ resolvedAt: now, resolution: 'retried', updatedAt: now })
    .where(eq(failedItems.id, id))
    .returning();
  return toItem(updated!);
}

/** "Dismiss": the admin accepts that the item will not be synced; it is closed without doing anything. */
export async function dismissFailedItem(db: Db, id: string, now: Date): Promise<FailedItem> {
  const [updated] = await db
    .update(failedItems)
    .set({ resolvedAt: now, resolution: 'dismissed', updatedAt: now })
    .where(and(eq(failedItems.id, id), isNull(failedItems.resolvedAt)))
    .returning();
  if (updated) return toItem(updated);
  const [row] = await db.select({ id: failedItems.id }).from(failedItems).where(eq(failedItems.id, id));
  throw row
    ? new AppError('CONFLICT', `The failed item ${id} is already closed`)
    : new AppError('NOT_FOUND', `No failed item ${id}`);
}

/** The raw payload of a quarantined item (what was read), shown on demand. */
export async function failedItemPayload(db: Db, id: string): Promise<unknown> {
  const [row] = await db.select({ payload: failedItems.payload }).from(failedItems).where(eq(failedItems.id, id));
  if (!row) throw new AppError('NOT_FOUND', `No failed item ${id}`);
  return row.payload;
}
