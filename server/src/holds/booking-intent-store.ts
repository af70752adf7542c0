import type { ReservationLine } from '@workplace-sync/shared';
import { and, count, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../storage/create-db.js';
import { bookingIntents, bookingLinks, failedItems, pendingReservations, syncLog } from '../storage/schema.js';
import { quarantineKind } from '../storage/sync-store.js';
import type { IntentStatus } from '../storage/schema.js';

/** A hold placed from the add-in: one tentative Workplace reservation, waiting for its meeting. */
export type BookingIntentRecord = {
  id: string;
  organizerEmail: string;
  /** Who placed the hold (`tid/oid`, ownerIdOf); null on holds placed before owners were kept. */
  ownerId: string | null;
  mailbox: string;
  workplaceReservationId: string;
  lines: ReservationLine[];
  /** The meeting's (first occurrence's) start and end: the sync matches the arriving event on these. */
  startAt: Date;
  endAt: Date;
  status: IntentStatus;
  expiresAt: Date;
  /** An alternative room's hold: the series' own hold it is confirmed (and released) with. */
  alternativeOf: string | null;
};

export type NewBookingIntent = Omit<BookingIntentRecord, 'id' | 'status' | 'alternativeOf'> & {
  alternativeOf?: string | null;
};

/** What the add-in API needs of the booking_intents table (the sync reads the same rows). */
export type BookingIntentStore = {
  create(intent: NewBookingIntent): Promise<BookingIntentRecord>;
  get(id: string): Promise<BookingIntentRecord | null>;
  findByReservationId(reservationId: string): Promise<BookingIntentRecord | null>;
  /** The alternative rooms' holds placed with this one (a series' per-date alternatives). */
  findAlternatives(intentId: string): Promise<BookingIntentRecord[]>;
  markReleased(id: string): Promise<void>;
  /** How many holds of this owner still hold a room (held, not expired). */
  countActiveHolds(ownerId: string, now: Date): Promise<number>;
  /** Whether the sync links the reservation to an Exchange event (booking_links). */
  isLinkedToExchange(reservationId: string): Promise<boolean>;
  /**
   * Whether Exchange declined the meeting this hold waited for: the sync released the hold and logged
   * it as declined (sync_log; no column of its own, so no migration for a state only the pane shows).
   */
  isDeclinedByExchange(intent: Pick<BookingIntentRecord, 'mailbox' | 'workplaceReservationId'>): Promise<boolean>;
  /**
   * Records that Exchange declined the hold's meeting, as the sync records what it sees: a `declined`
   * sync log entry and an open quarantined item (Failed items, the room's Health) with `reason`.
   */
  recordDeclined(intent: BookingIntentRecord, reason: string): Promise<void>;
  /**
   * Write-ahead note of a hold about to be created (its externalRef, room and times, `at` its time):
   * a create whose answer is lost (Workplace applied it, then failed or timed out) leaves a tentative
   * reservation no intent names; release-expired-holds finds it by the note and lets it go.
   */
  notePendingHold(externalRef: string, near: { mailboxes: string[]; from: Date; to: Date }, at: Date): Promise<void>;
  /** The hold's outcome is known (recorded as an intent, refused, or released again): the note goes. */
  clearPendingHold(externalRef: string): Promise<void>;
};

const toRecord = (row: typeof bookingIntents.$inferSelect): BookingIntentRecord => ({
  id: row.id,
  organizerEmail: row.organizerEmail,
  ownerId: row.ownerId,
  mailbox: row.mailbox,
  workplaceReservationId: row.workplaceReservationId,
  lines: row.lines,
  startAt: row.startAt,
  endAt: row.endAt,
  status: row.status,
  expiresAt: row.expiresAt,
  alternativeOf: row.alternativeOf,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The store on the database (PGlite or PostgreSQL). Addresses are stored lower-case, as the table requires. */
export function createDrizzleBookingIntentStore(db: Db): BookingIntentStore {
  return {
    async create(intent) {
      const [row] = await db
        .insert(bookingIntents)
        .values({
          ...intent,
          organizerEmail: intent.organizerEmail.toLowerCase(),
          mailbox: intent.mailbox.toLowerCase(),
        })
        .returning();
      return toRecord(row!);
    },
    async get(id) {
      if (!UUID.test(id)) return null;
      const [row] = await db.select().from(bookingIntents).where(eq(bookingIntents.id, id));
      return row ? toRecord(row) : null;
    },
    async findByReservationId(reservationId) {
      const [row] = await db
        .select()
        .from(bookingIntents)
        .where(eq(bookingIntents.workplaceReservationId, reservationId))
        .orderBy(bookingIntents.createdAt)
        .limit(1);
      return row ? toRecord(row) : null;
    },
    async findAlternatives(intentId) {
      if (!UUID.test(intentId)) return [];
      const rows = await db.select().from(bookingIntents).where(eq(bookingIntents.alternativeOf, intentId));
      return rows.map(toRecord);
    },
    async markReleased(id) {
      await db
        .update(bookingIntents)
        .set({ status: 'released', updatedAt: new Date() })
        .where(and(eq(bookingIntents.id, id), eq(bookingIntents.status, 'held')));
    },
    async countActiveHolds(ownerId, now) {
      const [row] = await db
        .select({ count: count() })
        .from(bookingIntents)
        .where(
          and(
            eq(bookingIntents.ownerId, ownerId),
            eq(bookingIntents.status, 'held'),
            gt(bookingIntents.expiresAt, now),
          ),
        );
      return row?.count ?? 0;
    },
    async isLinkedToExchange(reservationId) {
      const [row] = await db
        .select({ id: bookingLinks.id })
        .from(bookingLinks)
        .where(and(eq(bookingLinks.workplaceReservationId, reservationId), eq(bookingLinks.isCancelled, false)))
        .limit(1);
      return row !== undefined;
    },
    async isDeclinedByExchange(intent) {
      const [row] = await db
        .select({ id: syncLog.id })
        .from(syncLog)
        .where(
          and(
            eq(syncLog.mailbox, intent.mailbox),
            eq(syncLog.action, 'declined'),
            sql`${syncLog.details}->>'reservationId' = ${intent.workplaceReservationId}`,
          ),
        )
        .limit(1);
      return row !== undefined;
    },
    async recordDeclined(intent, reason) {
      const at = new Date();
      const organizer = intent.organizerEmail.toLowerCase();
      await db.transaction(async (tx) => {
        await tx.insert(syncLog).values({
          at,
          mailbox: intent.mailbox,
          direction: 'exchange-to-workplace',
          action: 'declined',
          reason,
          details: { reservationId: intent.workplaceReservationId, eventId: null, organizer },
        });
        await tx
          .insert(failedItems)
          .values({
            kind: quarantineKind('exchange-to-workplace'),
            key: `${intent.mailbox} declined ${intent.id}`,
            payload: {
              mailbox: intent.mailbox,
              eventId: null,
              reservationId: intent.workplaceReservationId,
              booking: { room: intent.mailbox, organizer, subject: null, start: intent.startAt.toISOString() },
            },
            error: reason,
            nextAttemptAt: at,
          })
          .onConflictDoNothing();
      });
    },
    async notePendingHold(externalRef, near, at) {
      // The sync's write-ahead table: keyed by the external reference the create carries.
      await db
        .insert(pendingReservations)
        .values({
          iCalUId: externalRef,
          mailboxes: near.mailboxes,
          searchFrom: near.from,
          searchTo: near.to,
          createdAt: at,
        })
        .onConflictDoNothing();
    },
    async clearPendingHold(externalRef) {
      await db.delete(pendingReservations).where(eq(pendingReservations.iCalUId, externalRef));
    },
  };
}

/** The same store in memory, for tests and tools. */
export function createMemoryBookingIntentStore(
  options: { linkedReservations?: Set<string>; declinedReservations?: Set<string> } = {},
) {
  const records = new Map<string, BookingIntentRecord>();
  const declined = options.declinedReservations ?? new Set<string>();
  const declineReasons = new Map<string, string>();
  const pendingHolds = new Set<string>();
  let sequence = 0;
  const store: BookingIntentStore & {
    all(): BookingIntentRecord[];
    pendingHolds(): string[];
    markMatched(id: string): void;
    clear(): void;
    declineReasonOf(intentId: string): string | null;
  } = {
    async create(intent) {
      sequence += 1;
      const id = `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
      const record: BookingIntentRecord = {
        ...structuredClone(intent),
        organizerEmail: intent.organizerEmail.toLowerCase(),
        mailbox: intent.mailbox.toLowerCase(),
        alternativeOf: intent.alternativeOf ?? null,
        id,
        status: 'held',
      };
      records.set(id, record);
      return structuredClone(record);
    },
    get: async (id) => structuredClone(records.get(id) ?? null),
    findByReservationId: async (reservationId) =>
      structuredClone([...records.values()].find((record) => record.workplaceReservationId === reservationId) ?? null),
    findAlternatives: async (intentId) =>
      structuredClone([...records.values()].filter((record) => record.alternativeOf === intentId)),
    async markReleased(id) {
      const record = records.get(id);
      if (record?.status === 'held') record.status = 'released';
    },
    countActiveHolds: async (ownerId, now) =>
      [...records.values()].filter(
        (record) => record.ownerId === ownerId && record.status === 'held' && record.expiresAt > now,
      ).length,
    isLinkedToExchange: async (reservationId) => options.linkedReservations?.has(reservationId) ?? false,
    isDeclinedByExchange: async (intent) => declined.has(intent.workplaceReservationId),
    async recordDeclined(intent, reason) {
      declined.add(intent.workplaceReservationId);
      declineReasons.set(intent.id, reason);
    },
    async notePendingHold(externalRef) {
      pendingHolds.add(externalRef);
    },
    async clearPendingHold(externalRef) {
      pendingHolds.delete(externalRef);
    },
    /** Holds whose create's outcome is not known yet (tests). */
    pendingHolds: () => [...pendingHolds],
    /** The reason recorded for a declined hold (tests). */
    declineReasonOf: (intentId: string) => declineReasons.get(intentId) ?? null,
    all: () => structuredClone([...records.values()]),
    markMatched(id) {
      const record = records.get(id);
      if (record) record.status = 'matched';
    },
    clear: () => records.clear(),
  };
  return store;
}
