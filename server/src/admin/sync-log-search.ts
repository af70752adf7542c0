import type { DriftReport, SyncLogPage } from '@workplace-sync/shared';
import { HOUSEKEEPING_ACTIONS } from '@workplace-sync/shared';
import { and, desc, eq, gte, inArray, lt, lte, notInArray, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../storage/create-db.js';
import { rooms, syncLog } from '../storage/schema.js';
import type { SyncAction } from '../storage/schema.js';

export type SyncLogSearch = {
  mailbox?: string | undefined;
  room?: string | undefined;
  housekeeping?: boolean | undefined;
  organizer?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  before?: number | undefined;
  limit: number;
};

/** Entries written by a full resync (reconciliation, a repair) that changed something: drift. */
const DRIFT_TRIGGER = 'room-resync';
const WRITING_ACTIONS: SyncAction[] = ['created', 'updated', 'cancelled', 'declined', 'linked', 'conflict-resolved'];

const detail = (name: string) => sql<string | null>`${syncLog.details} ->> ${name}`;
const isDriftRepair = and(eq(detail('trigger'), DRIFT_TRIGGER), inArray(syncLog.action, WRITING_ACTIONS));

/** A LIKE pattern for a part of a lower-case text, its wildcards escaped. */
const containing = (part: string) =>
  `%${part
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The sync log, newest first, filtered in the database and paged by id (`before` = the last id seen). */
export async function searchSyncLog(db: Db, search: SyncLogSearch): Promise<SyncLogPage> {
  const conditions: SQL[] = [];
  if (search.mailbox) conditions.push(eq(syncLog.mailbox, search.mailbox.trim().toLowerCase()));
  if (search.organizer) {
    // Organizers are stored lower-case; a part of the address finds them ("megan", "@contoso.com").
    conditions.push(sql`${detail('organizer')} like ${containing(search.organizer)}`);
  }
  if (search.room) {
    const pattern = containing(search.room);
    conditions.push(sql`(${syncLog.mailbox} like ${pattern} or lower(${rooms.displayName}) like ${pattern})`);
  }
  if (search.action) conditions.push(eq(syncLog.action, search.action as SyncAction));
  else if (!search.housekeeping) conditions.push(notInArray(syncLog.action, [...HOUSEKEEPING_ACTIONS]));
  if (search.from) conditions.push(gte(syncLog.at, new Date(search.from)));
  if (search.to) conditions.push(lte(syncLog.at, new Date(search.to)));
  if (search.before) conditions.push(lt(syncLog.id, search.before));
  const rows = await db
    .select({
      id: syncLog.id,
      at: syncLog.at,
      mailbox: syncLog.mailbox,
      roomName: rooms.displayName,
      direction: syncLog.direction,
      action: syncLog.action,
      reason: syncLog.reason,
      details: syncLog.details,
      isDriftRepair: sql<boolean>`coalesce(${isDriftRepair}, false)`,
    })
    .from(syncLog)
    .leftJoin(rooms, eq(rooms.mailbox, syncLog.mailbox))
    .where(and(...conditions))
    .orderBy(desc(syncLog.id))
    .limit(search.limit + 1);
  const page = rows.slice(0, search.limit);
  const text = (details: Record<string, unknown> | null, name: string) =>
    typeof details?.[name] === 'string' ? (details[name] as string) : null;
  return {
    entries: page.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      mailbox: row.mailbox,
      roomName: row.roomName,
      direction: row.direction,
      action: row.action,
      reason: row.reason,
      reservationId: text(row.details, 'reservationId'),
      eventId: text(row.details, 'eventId'),
      organizer: text(row.details, 'organizer'),
      subject: text(row.details, 'subject'),
      isDriftRepair: row.isDriftRepair,
    })),
    nextCursor: rows.length > search.limit ? page[page.length - 1]!.id : null,
  };
}

/** Per room, the drift full resyncs repaired since `since`: what the normal path (notifications, delta) missed. */
export async function readDriftReport(db: Db, since: Date): Promise<DriftReport> {
  const rows = await db
    .select({
      mailbox: syncLog.mailbox,
      repairs: sql<number>`count(*)::int`,
      lastRepairAt: sql<string>`max(${syncLog.at})`,
      lastReason: sql<string>`(array_agg(${syncLog.reason} order by ${syncLog.id} desc))[1]`,
    })
    .from(syncLog)
    .where(and(isDriftRepair, gte(syncLog.at, since), sql`${syncLog.mailbox} is not null`))
    .groupBy(syncLog.mailbox)
    .orderBy(desc(sql`max(${syncLog.at})`));
  return {
    rooms: rows.map((row) => ({
      mailbox: row.mailbox!,
      repairs: row.repairs,
      lastRepairAt: new Date(row.lastRepairAt).toISOString(),
      lastReason: row.lastReason,
    })),
  };
}
