import type { RoomHealth } from '@workplace-sync/shared';
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { WorkplaceClient } from '../adapters/workplace/workplace-client.js';
import type { Db } from '../storage/create-db.js';
import { deltaCursors, failedItems, jobs, rooms, subscriptions } from '../storage/schema.js';
import { checkRoomSettings } from './room-settings-check.js';
import type { ExchangeRoomSettings } from './room-settings-check.js';

export type RoomHealthDeps = {
  db: Db;
  workplace: Pick<WorkplaceClient, 'listAreas'>;
  /** The room mailbox's calendar processing where it is known (the emulator in the embedded default); null otherwise. */
  exchangeSettingsOf: (mailbox: string) => Promise<ExchangeRoomSettings | null>;
};

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);
const roomOfFailedItem = sql<string>`split_part(${failedItems.key}, ' ', 1)`;

/**
 * Per linked room (enabled or not): its subscription, when it last synced, its backlog and failures,
 * and the mailbox settings that matter next to Workplace's rules for the area.
 */
export async function readRoomHealth({ db, workplace, exchangeSettingsOf }: RoomHealthDeps): Promise<RoomHealth[]> {
  const linked = await db.select().from(rooms).orderBy(rooms.mailbox);
  const mailboxes = linked.map((room) => room.mailbox);
  if (mailboxes.length === 0) return [];
  const [subs, cursors, jobCounts, failures, openItems, areas, settings] = await Promise.all([
    db
      .select()
      .from(subscriptions)
      .where(and(inArray(subscriptions.mailbox, mailboxes), eq(subscriptions.status, 'active'))),
    db
      .select()
      .from(deltaCursors)
      .where(and(eq(deltaCursors.source, 'graph'), inArray(deltaCursors.scope, mailboxes))),
    db
      .select({ key: jobs.key, state: jobs.state, count: sql<number>`count(*)::int` })
      .from(jobs)
      .where(inArray(jobs.key, mailboxes))
      .groupBy(jobs.key, jobs.state),
    db
      .select({ key: jobs.key, error: jobs.lastError, at: jobs.updatedAt })
      .from(jobs)
      .where(and(inArray(jobs.key, mailboxes), isNotNull(jobs.lastError))),
    db
      // A room's own failed jobs are keyed by its mailbox, its set-aside meetings by `mailbox eventId`
      // (quarantine, a declined hold): both are the room's open items.
      .select({ key: roomOfFailedItem, count: sql<number>`count(*)::int` })
      .from(failedItems)
      .where(and(inArray(roomOfFailedItem, mailboxes), isNull(failedItems.resolvedAt)))
      .groupBy(roomOfFailedItem),
    workplace.listAreas({ type: 'meetingRoom' }),
    Promise.all(mailboxes.map((mailbox) => exchangeSettingsOf(mailbox))),
  ]);
  const countOf = (mailbox: string, states: string[]) =>
    jobCounts
      .filter((row) => row.key === mailbox && states.includes(row.state))
      .reduce((sum, row) => sum + row.count, 0);
  const areaById = new Map(areas.map((area) => [area.id, area]));
  return linked.map((room, index) => {
    const subscription = subs.find((candidate) => candidate.mailbox === room.mailbox);
    const lastFailure = failures
      .filter((failure) => failure.key === room.mailbox)
      .sort((a, b) => b.at.getTime() - a.at.getTime())[0];
    const area = areaById.get(room.workplaceAreaId);
    return {
      mailbox: room.mailbox,
      workplaceAreaId: room.workplaceAreaId,
      displayName: room.displayName,
      isEnabled: room.isEnabled,
      subscription: subscription
        ? {
            id: subscription.id,
            status: subscription.status,
            expiresAt: subscription.expiresAt.toISOString(),
            lastNotificationAt: iso(subscription.lastNotificationAt),
          }
        : null,
      lastSyncedAt: iso(cursors.find((cursor) => cursor.scope === room.mailbox)?.updatedAt),
      backlog: countOf(room.mailbox, ['pending', 'active']),
      failedJobs: countOf(room.mailbox, ['dead']),
      openFailedItems: openItems.find((row) => row.key === room.mailbox)?.count ?? 0,
      lastFailure: lastFailure ? { at: lastFailure.at.toISOString(), error: lastFailure.error ?? '' } : null,
      calendarProcessing: {
        rewritesSubjects: room.rewritesSubjects,
        observedAt: iso(room.rewritesSubjectsSeenAt),
        warning: room.rewritesSubjects
          ? 'The room replaces meeting subjects with the organizer name (DeleteSubject/AddOrganizerToSubject): run Set-CalendarProcessing -DeleteSubject $false -AddOrganizerToSubject $false'
          : null,
      },
      settings: checkRoomSettings({
        exchange: settings[index] ?? null,
        observedRewritesSubjects: room.rewritesSubjects,
        area: area ? { bookingWindowDays: area.bookingWindowDays, approvalRequired: area.approvalRequired } : null,
      }),
    };
  });
}
