import { randomUUID } from 'node:crypto';
import { and, eq, getTableColumns, gt, inArray, isNull, like, lte, or, sql } from 'drizzle-orm';
import { AppError } from '../errors.js';
import type { SyncStore } from '../sync/ports.js';
import type { BookingLink, SyncDirection } from '../sync/sync-model.js';
import type { Db } from './create-db.js';
import {
  bookingIntents,
  bookingLinks,
  deltaCursors,
  failedItems,
  meetingLocks,
  pendingReservations,
  roomlessReservations,
  rooms,
  syncLog,
} from './schema.js';
import type { BookingLinkRow } from './schema.js';

const toLink = (row: BookingLinkRow): BookingLink => ({
  mailbox: row.mailbox,
  eventId: row.graphEventId,
  iCalUId: row.iCalUId,
  reservationId: row.workplaceReservationId,
  lineId: row.workplaceLineId,
  graphChangeKey: row.graphChangeKey,
  graphModifiedAt: row.graphModifiedAt?.toISOString() ?? null,
  workplaceVersion: row.workplaceVersion,
  graphHash: row.graphHash,
  workplaceHash: row.workplaceHash,
  origin: row.origin,
  isCancelled: row.isCancelled,
  isAwaitingApproval: row.isAwaitingApproval,
  endsAt: row.endsAt?.toISOString() ?? null,
  releasedOccurrences: row.releasedOccurrences,
});

/** An entry's organizer and subject (from the planners) and the job that wrote it (observability/sync-log-trigger.ts), for the admin console. */
const contextOf = (entry: object): Record<string, string> =>
  Object.fromEntries(
    (['organizer', 'subject', 'trigger'] as const).flatMap((field) => {
      const value = (entry as Record<string, unknown>)[field];
      return typeof value === 'string' ? [[field, value]] : [];
    }),
  );

/** Failed items of this kind are quarantined changes (docs/sync-engine.md, Quarantine). */
export const quarantineKind = (direction: SyncDirection) => `quarantine:${direction}`;

// A meeting's sync takes a few round trips; a lease this long outlives any of them, and is what a
// meeting waits at most when the worker holding it died. Waiting longer fails the job, which retries.
const MEETING_LEASE = sql`now() + interval '60 seconds'`;
const MEETING_WAIT_MS = 30_000;
const MEETING_POLL_MS = 20;
const LINK_READ_CHUNK = 1_000;
const MEETING_RENEW_MS = 20_000;

/** The sync core's memory (links, cursors, intents, log) on drizzle: the same code on PGlite and PostgreSQL. */
export function createSyncStore(db: Db, clock: { now(): Date } = { now: () => new Date() }): SyncStore {
  /** Takes the meeting's lease if it is free or expired (database clock: the emulated one may stand still). */
  async function tryLockMeeting(iCalUId: string, holder: string): Promise<boolean> {
    const taken = await db
      .insert(meetingLocks)
      .values({ iCalUId, holder, expiresAt: MEETING_LEASE })
      .onConflictDoUpdate({
        target: meetingLocks.iCalUId,
        set: { holder, expiresAt: MEETING_LEASE },
        setWhere: sql`${meetingLocks.expiresAt} < now()`,
      })
      .returning({ holder: meetingLocks.holder });
    return taken.length > 0;
  }

  const rowOf = (link: BookingLink) => ({
    mailbox: link.mailbox.toLowerCase(),
    graphEventId: link.eventId,
    iCalUId: link.iCalUId,
    workplaceReservationId: link.reservationId,
    workplaceLineId: link.lineId,
    graphChangeKey: link.graphChangeKey,
    ...(link.graphModifiedAt !== undefined
      ? { graphModifiedAt: link.graphModifiedAt === null ? null : new Date(link.graphModifiedAt) }
      : {}),
    workplaceVersion: link.workplaceVersion,
    graphHash: link.graphHash,
    workplaceHash: link.workplaceHash,
    origin: link.origin,
    isCancelled: link.isCancelled,
    isAwaitingApproval: link.isAwaitingApproval,
    endsAt: link.endsAt === null ? null : new Date(link.endsAt),
    ...(link.releasedOccurrences !== undefined ? { releasedOccurrences: link.releasedOccurrences } : {}),
    updatedAt: clock.now(),
  });

  const linkColumns = getTableColumns(bookingLinks);
  /** `set` of a many-row upsert: each row takes its own values (`excluded`), not the first row's. */
  const eachRowsOwn = (fields: string[]) =>
    Object.fromEntries(
      fields.map((field) => [field, sql.raw(`excluded."${linkColumns[field as keyof typeof linkColumns].name}"`)]),
    );

  return {
    async withMeetingLock(iCalUId, work) {
      const holder = randomUUID();
      const deadline = Date.now() + MEETING_WAIT_MS;
      while (!(await tryLockMeeting(iCalUId, holder))) {
        if (Date.now() > deadline) {
          throw new AppError('UNAVAILABLE', `Another room of meeting ${iCalUId} has been syncing it for too long`);
        }
        await new Promise((resolve) => setTimeout(resolve, MEETING_POLL_MS));
      }
      // Renewed while the work runs: one Workplace call may take longer than the lease (retries, Retry-After).
      const renewal = setInterval(() => {
        void db
          .update(meetingLocks)
          .set({ expiresAt: MEETING_LEASE })
          .where(and(eq(meetingLocks.iCalUId, iCalUId), eq(meetingLocks.holder, holder)))
          .catch(() => undefined); // a failed renewal only shortens the lease
      }, MEETING_RENEW_MS);
      try {
        return await work();
      } finally {
        clearInterval(renewal);
        await db.delete(meetingLocks).where(and(eq(meetingLocks.iCalUId, iCalUId), eq(meetingLocks.holder, holder)));
      }
    },
    async noteRoomlessReservation(reservationId, iCalUId, dueAt) {
      await db
        .insert(roomlessReservations)
        .values({ reservationId, iCalUId, dueAt })
        .onConflictDoUpdate({ target: roomlessReservations.reservationId, set: { dueAt } });
    },
    async dueRoomlessReservations(now) {
      const rows = await db
        .select({ reservationId: roomlessReservations.reservationId })
        .from(roomlessReservations)
        .where(lte(roomlessReservations.dueAt, now));
      return rows.map((row) => row.reservationId);
    },
    async clearRoomlessReservation(reservationId) {
      await db.delete(roomlessReservations).where(eq(roomlessReservations.reservationId, reservationId));
    },
    async linkedMailboxes() {
      const rows = await db.select({ mailbox: rooms.mailbox }).from(rooms).where(eq(rooms.isEnabled, true));
      return new Set(rows.map((row) => row.mailbox));
    },
    async findLink(mailbox, eventId) {
      const [row] = await db
        .select()
        .from(bookingLinks)
        .where(and(eq(bookingLinks.mailbox, mailbox.toLowerCase()), eq(bookingLinks.graphEventId, eventId)));
      return row ? toLink(row) : null;
    },
    async findLinksByICalUId(iCalUId) {
      return (await db.select().from(bookingLinks).where(eq(bookingLinks.iCalUId, iCalUId))).map(toLink);
    },
    async findLinksByReservation(reservationId) {
      const rows = await db.select().from(bookingLinks).where(eq(bookingLinks.workplaceReservationId, reservationId));
      return rows.map(toLink);
    },
    async findLinksOfReservations(reservationIds) {
      const links: BookingLink[] = [];
      // A first sync's feed names thousands: a bounded list per statement.
      for (let start = 0; start < reservationIds.length; start += LINK_READ_CHUNK) {
        const chunk = reservationIds.slice(start, start + LINK_READ_CHUNK);
        const rows = await db.select().from(bookingLinks).where(inArray(bookingLinks.workplaceReservationId, chunk));
        links.push(...rows.map(toLink));
      }
      return links;
    },
    async findLinksOfEvents(mailbox, eventIds, iCalUIds) {
      if (eventIds.length === 0 && iCalUIds.length === 0) return [];
      const rows = await db
        .select()
        .from(bookingLinks)
        .where(
          or(
            and(eq(bookingLinks.mailbox, mailbox.toLowerCase()), inArray(bookingLinks.graphEventId, [...eventIds])),
            inArray(bookingLinks.iCalUId, [...iCalUIds]),
          ),
        );
      return rows.map(toLink);
    },
    async findActiveLinksByMailbox(mailbox) {
      const rows = await db
        .select()
        .from(bookingLinks)
        .where(and(eq(bookingLinks.mailbox, mailbox.toLowerCase()), eq(bookingLinks.isCancelled, false)));
      return rows.map(toLink);
    },
    async saveLink(link) {
      const values = rowOf(link);
      await db.transaction(async (tx) => {
        // A line re-linked to a new event (e.g. a room copy recreated after a decline) replaces its old link.
        await tx
          .delete(bookingLinks)
          .where(
            and(
              eq(bookingLinks.workplaceReservationId, values.workplaceReservationId),
              eq(bookingLinks.workplaceLineId, values.workplaceLineId),
              sql`${bookingLinks.occurrenceOriginalStart} is null`,
              sql`not (${bookingLinks.mailbox} = ${values.mailbox} and ${bookingLinks.graphEventId} = ${values.graphEventId})`,
            ),
          );
        await tx
          .insert(bookingLinks)
          .values(values)
          .onConflictDoUpdate({ target: [bookingLinks.mailbox, bookingLinks.graphEventId], set: values });
      });
    },
    async saveNewLinks(links, settledICalUIds) {
      if (links.length === 0 && settledICalUIds.length === 0) return;
      await db.transaction(async (tx) => {
        if (links.length > 0) {
          await tx
            .insert(bookingLinks)
            .values(links.map(rowOf))
            .onConflictDoUpdate({
              target: [bookingLinks.mailbox, bookingLinks.graphEventId],
              set: eachRowsOwn(Object.keys(rowOf(links[0]!))),
            });
        }
        if (settledICalUIds.length > 0) {
          await tx.delete(pendingReservations).where(inArray(pendingReservations.iCalUId, [...settledICalUIds]));
        }
      });
    },
    async markLinkCancelled(mailbox, eventId) {
      await db
        .update(bookingLinks)
        .set({ isCancelled: true, updatedAt: clock.now() })
        .where(and(eq(bookingLinks.mailbox, mailbox.toLowerCase()), eq(bookingLinks.graphEventId, eventId)));
    },
    async openIntents(mailbox) {
      const rows = await db
        .select()
        .from(bookingIntents)
        .where(
          and(
            eq(bookingIntents.mailbox, mailbox.toLowerCase()),
            eq(bookingIntents.status, 'held'),
            gt(bookingIntents.expiresAt, clock.now()),
            isNull(bookingIntents.alternativeOf),
          ),
        );
      const alternatives =
        rows.length === 0
          ? []
          : await db
              .select()
              .from(bookingIntents)
              .where(
                and(
                  inArray(
                    bookingIntents.alternativeOf,
                    rows.map((row) => row.id),
                  ),
                  eq(bookingIntents.status, 'held'),
                ),
              );
      return rows.map((row) => ({
        intentId: row.id,
        organizerEmail: row.organizerEmail,
        mailbox: row.mailbox,
        reservationId: row.workplaceReservationId,
        start: row.startAt.toISOString(),
        end: row.endAt.toISOString(),
        expiresAt: row.expiresAt.toISOString(),
        alternatives: alternatives
          .filter((alternative) => alternative.alternativeOf === row.id)
          .map((alternative) => ({
            intentId: alternative.id,
            mailbox: alternative.mailbox,
            reservationId: alternative.workplaceReservationId,
            start: alternative.startAt.toISOString(),
            end: alternative.endAt.toISOString(),
          })),
      }));
    },
    async markIntentMatched(intentId, link) {
      const [row] = link
        ? await db
            .select({ id: bookingLinks.id })
            .from(bookingLinks)
            .where(
              and(eq(bookingLinks.mailbox, link.mailbox.toLowerCase()), eq(bookingLinks.graphEventId, link.eventId)),
            )
        : [];
      await db
        .update(bookingIntents)
        .set({ status: 'matched', matchedBookingLinkId: row?.id ?? null, updatedAt: clock.now() })
        .where(eq(bookingIntents.id, intentId));
    },
    async markIntentReleased(intentId) {
      await db
        .update(bookingIntents)
        .set({ status: 'released', updatedAt: clock.now() })
        .where(and(eq(bookingIntents.id, intentId), eq(bookingIntents.status, 'held')));
    },
    async readCursor(source, scope) {
      const [row] = await db
        .select({ cursor: deltaCursors.cursor })
        .from(deltaCursors)
        .where(and(eq(deltaCursors.source, source), eq(deltaCursors.scope, scope)));
      return row?.cursor ?? null;
    },
    async saveCursor(source, scope, cursor) {
      await db
        .insert(deltaCursors)
        .values({ source, scope, cursor, updatedAt: clock.now() })
        .onConflictDoUpdate({
          target: [deltaCursors.source, deltaCursors.scope],
          set: { cursor, updatedAt: clock.now() },
        });
    },
    async notePendingReservation(iCalUId, { mailboxes, from, to }) {
      await db
        .insert(pendingReservations)
        .values({ iCalUId, mailboxes, searchFrom: from, searchTo: to, createdAt: clock.now() })
        .onConflictDoNothing();
    },
    async notePendingReservations(notes) {
      if (notes.length === 0) return;
      await db
        .insert(pendingReservations)
        .values(
          notes.map(({ iCalUId, near }) => ({
            iCalUId,
            mailboxes: near.mailboxes,
            searchFrom: near.from,
            searchTo: near.to,
            createdAt: clock.now(),
          })),
        )
        .onConflictDoNothing();
    },
    async meetingsWithPendingReservations(iCalUIds) {
      if (iCalUIds.length === 0) return new Set();
      const rows = await db
        .selectDistinct({ iCalUId: pendingReservations.iCalUId })
        .from(pendingReservations)
        .where(inArray(pendingReservations.iCalUId, [...iCalUIds]));
      return new Set(rows.map((row) => row.iCalUId));
    },
    async pendingReservationSearches(iCalUId) {
      const rows = await db.select().from(pendingReservations).where(eq(pendingReservations.iCalUId, iCalUId));
      return rows.map((row) => ({ mailboxes: row.mailboxes, from: row.searchFrom, to: row.searchTo }));
    },
    async clearPendingReservations(iCalUId) {
      await db.delete(pendingReservations).where(eq(pendingReservations.iCalUId, iCalUId));
    },
    async quarantine(change) {
      const values = {
        kind: quarantineKind(change.direction),
        key: change.key,
        payload: {
          mailbox: change.mailbox,
          eventId: change.eventId,
          reservationId: change.reservationId,
          booking: change.booking,
          raw: change.raw,
        },
        error: change.reason.slice(0, 2000),
        nextAttemptAt: clock.now(),
        updatedAt: clock.now(),
      };
      await db
        .insert(failedItems)
        .values(values)
        .onConflictDoUpdate({
          target: [failedItems.kind, failedItems.key],
          targetWhere: isNull(failedItems.resolvedAt),
          set: {
            payload: values.payload,
            error: values.error,
            updatedAt: values.updatedAt,
            attempts: sql`${failedItems.attempts} + 1`,
          },
        });
    },
    async openQuarantineKeys(direction, mailbox) {
      const rows = await db
        .select({ key: failedItems.key })
        .from(failedItems)
        .where(
          and(
            eq(failedItems.kind, quarantineKind(direction)),
            isNull(failedItems.resolvedAt),
            ...(mailbox === null ? [] : [like(failedItems.key, `${mailbox.toLowerCase()} %`)]),
          ),
        );
      return new Set(rows.map((row) => row.key));
    },
    async resolveQuarantine(direction, key) {
      await db
        .update(failedItems)
        .set({ resolvedAt: clock.now(), resolution: 'synced', updatedAt: clock.now() })
        .where(
          and(
            eq(failedItems.kind, quarantineKind(direction)),
            eq(failedItems.key, key),
            isNull(failedItems.resolvedAt),
          ),
        );
    },
    async noteSubjectRewriting(mailbox, rewritesSubjects) {
      await db
        .update(rooms)
        .set({ rewritesSubjects, rewritesSubjectsSeenAt: clock.now() })
        .where(eq(rooms.mailbox, mailbox.toLowerCase()));
    },
    async appendLog(entries) {
      if (entries.length === 0) return;
      await db.insert(syncLog).values(
        entries.map((entry) => ({
          at: clock.now(),
          mailbox: entry.mailbox?.toLowerCase() ?? null,
          direction: entry.direction,
          action: entry.action,
          reason: entry.reason,
          details: { reservationId: entry.reservationId, eventId: entry.eventId, ...contextOf(entry) },
        })),
      );
    },
  };
}
