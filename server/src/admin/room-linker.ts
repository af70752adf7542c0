import type { SyncProgress } from '@workplace-sync/shared';
import { and, desc, eq, inArray, or } from 'drizzle-orm';
import { AppError } from '../errors.js';
import type { SyncJobQueue } from '../jobs/sync-jobs.js';
import type { Db } from '../storage/create-db.js';
import { jobs, rooms } from '../storage/schema.js';

export type RoomToLink = { areaId: string; mailbox: string; displayName: string; buildingId: string };

export type RoomLinkerDeps = {
  db: Db;
  queue: Pick<SyncJobQueue, 'send'>;
};

const PROGRESS_OF_STATE = { pending: 'queued', active: 'running', done: 'finished', dead: 'failed' } as const;

/**
 * Linking and unlinking rooms: the `rooms` row says which area is which mailbox and whether it syncs,
 * the Graph subscription brings its notifications, and a full `room-resync` (reason `linked`) is the
 * first sync: both calendars of the room, Exchange into Workplace and the area's reservations into Exchange.
 * Subscriptions are made and deleted by the `renew-subscriptions` job, which this makes due: it is the
 * one writer of subscriptions in the cluster.
 */
export function createRoomLinker({ db, queue }: RoomLinkerDeps) {
  /** The latest full sync of each room, in one query however many rooms (a bulk link's 1,000 included). */
  async function progressOf(mailboxes: readonly string[]): Promise<SyncProgress[]> {
    const keys = [...new Set(mailboxes.map((mailbox) => mailbox.toLowerCase()))];
    if (keys.length === 0) return [];
    const latest = await db
      .selectDistinctOn([jobs.key])
      .from(jobs)
      .where(and(eq(jobs.queue, 'room-resync'), inArray(jobs.key, keys)))
      .orderBy(jobs.key, desc(jobs.id));
    const jobOfRoom = new Map(latest.map((job) => [job.key, job]));
    return keys.map((mailbox): SyncProgress => {
      const job = jobOfRoom.get(mailbox);
      if (!job)
        return { mailbox, state: 'none', attempts: 0, finishedAt: null, error: null, found: null, synced: null };
      const counts = job.progress as { found?: unknown; synced?: unknown } | null;
      return {
        mailbox,
        state: PROGRESS_OF_STATE[job.state],
        attempts: job.attempts,
        finishedAt: job.finishedAt?.toISOString() ?? null,
        error: job.state === 'done' ? null : job.lastError,
        found: typeof counts?.found === 'number' ? counts.found : null,
        synced: typeof counts?.synced === 'number' ? counts.synced : null,
      };
    });
  }

  async function progress(mailbox: string): Promise<SyncProgress> {
    const [room] = await progressOf([mailbox]);
    return room!;
  }

  /** A pair that contradicts an enabled link is refused (409). */
  async function refuseClash(room: RoomToLink): Promise<void> {
    const mailbox = room.mailbox.toLowerCase();
    const existing = await db
      .select()
      .from(rooms)
      .where(or(eq(rooms.workplaceAreaId, room.areaId), eq(rooms.mailbox, mailbox)));
    const clash = existing.find(
      (row) => row.isEnabled && !(row.workplaceAreaId === room.areaId && row.mailbox === mailbox),
    );
    if (clash) {
      throw new AppError('CONFLICT', `${clash.workplaceAreaId} is linked to ${clash.mailbox}: unlink it first`);
    }
  }

  /** Creates or re-enables the row. A pair that contradicts an enabled link is refused (409), a disabled one is replaced. */
  async function saveLink(room: RoomToLink): Promise<void> {
    const mailbox = room.mailbox.toLowerCase();
    await db.transaction(async (tx) => {
      const existing = await tx
        .select()
        .from(rooms)
        .where(or(eq(rooms.workplaceAreaId, room.areaId), eq(rooms.mailbox, mailbox)));
      const same = existing.find((row) => row.workplaceAreaId === room.areaId && row.mailbox === mailbox);
      const clash = existing.find((row) => row !== same && row.isEnabled);
      if (clash) {
        throw new AppError('CONFLICT', `${clash.workplaceAreaId} is linked to ${clash.mailbox}: unlink it first`);
      }
      for (const row of existing) if (row !== same) await tx.delete(rooms).where(eq(rooms.id, row.id));
      if (same) {
        await tx.update(rooms).set({ isEnabled: true, displayName: room.displayName }).where(eq(rooms.id, same.id));
      } else {
        await tx.insert(rooms).values({
          workplaceAreaId: room.areaId,
          mailbox,
          displayName: room.displayName,
          buildingId: room.buildingId,
        });
      }
    });
  }

  return {
    progress,
    progressOf,
    saveLink,
    /** Saves the link, subscribes and queues the first sync; `beforeEnabling` runs before the room can sync (cutover links). */
    async link(room: RoomToLink, beforeEnabling?: () => Promise<void>): Promise<SyncProgress> {
      const mailbox = room.mailbox.toLowerCase();
      // Refused before `beforeEnabling` writes anything (a cutover's links would replace another room's).
      await refuseClash(room);
      await beforeEnabling?.();
      await saveLink(room);
      await queue.send('renew-subscriptions', 'renew-subscriptions', {});
      await queue.send('room-resync', mailbox, { mailbox, reason: 'linked' });
      return progress(mailbox);
    },
    /**
     * Links many rooms (a bulk link): each saved and its first sync queued on its own, one failing
     * leaves the others linked; subscriptions are made due once for all of them. Returns each room's
     * failure, or null.
     */
    async linkMany(rooms: readonly RoomToLink[]): Promise<Array<Error | null>> {
      const failures: Array<Error | null> = [];
      for (const room of rooms) {
        const mailbox = room.mailbox.toLowerCase();
        try {
          await saveLink(room);
          await queue.send('room-resync', mailbox, { mailbox, reason: 'linked' });
          failures.push(null);
        } catch (error) {
          failures.push(error instanceof Error ? error : new Error(String(error)));
        }
      }
      if (failures.includes(null)) await queue.send('renew-subscriptions', 'renew-subscriptions', {});
      return failures;
    },
    /** Stops syncing the room: the row stays (disabled), its subscription is deleted; links and log are kept. */
    async unlink(mailbox: string): Promise<void> {
      const address = mailbox.toLowerCase();
      const updated = await db
        .update(rooms)
        .set({ isEnabled: false })
        .where(eq(rooms.mailbox, address))
        .returning({ id: rooms.id });
      if (updated.length === 0) throw new AppError('NOT_FOUND', `${address} is not linked`);
      await queue.send('renew-subscriptions', 'renew-subscriptions', {});
    },
    /** "Repair now": a full resync of the room, as reconciliation would run it. */
    async resync(mailbox: string): Promise<void> {
      const address = mailbox.toLowerCase();
      const [row] = await db.select().from(rooms).where(eq(rooms.mailbox, address));
      if (!row?.isEnabled) throw new AppError('NOT_FOUND', `${address} is not a linked room`);
      await queue.send('room-resync', address, { mailbox: address, reason: 'admin-repair' });
    },
  };
}

export type RoomLinker = ReturnType<typeof createRoomLinker>;
