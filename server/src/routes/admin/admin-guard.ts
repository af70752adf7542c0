import { and, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { VerifyToken } from '../plugins/addin-auth.js';
import type { Db } from '../storage/create-db.js';
import { deltaCursors, jobs, rooms, subscriptions } from '../storage/schema.js';

export type AdminStatusRoutesOptions = {
  db: Db;
  verifyToken: VerifyToken;
  /** Who may see the admin pages (lower-case emails); the admin console's role check builds on this. */
  isAdmin: (user: { email: string }) => boolean;
};

const RoomStatus = z.object({
  mailbox: z.string(),
  workplaceAreaId: z.string(),
  displayName: z.string(),
  isEnabled: z.boolean(),
  subscription: z
    .object({ id: z.string(), status: z.string(), expiresAt: z.string(), lastNotificationAt: z.string().nullable() })
    .nullable(),
  lastSyncedAt: z.string().nullable(),
  backlog: z.number().int(),
  failedJobs: z.number().int(),
  calendarProcessing: z.object({
    rewritesSubjects: z.boolean().nullable(),
    observedAt: z.string().nullable(),
    warning: z.string().nullable(),
  }),
});

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;
const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/**
 * `GET /admin/api/rooms`: per linked room, its subscription, when it last synced, its backlog and
 * failed jobs, and what the sync observed of its calendar processing (a room that replaces subjects
 * with the organizer's name gets a warning: Workplace cannot learn those meetings' subjects).
 */
export const adminStatusRoutes: FastifyPluginAsyncZod<AdminStatusRoutesOptions> = async (
  app,
  { db, verifyToken, isAdmin },
) => {
  app.addHook('onRequest', async (request) => {
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match) throw new AppError('UNAUTHORIZED', 'Sign-in required: send Authorization: Bearer <access token>');
    const user = await verifyToken(match[1]!);
    if (!isAdmin(user)) throw new AppError('FORBIDDEN', `${user.email} is not a room-sync administrator`);
  });

  app.get('/admin/api/rooms', { schema: { response: { 200: z.object({ rooms: z.array(RoomStatus) }) } } }, async () => {
    const linked = await db.select().from(rooms).orderBy(rooms.mailbox);
    const mailboxes = linked.map((room) => room.mailbox);
    if (mailboxes.length === 0) return { rooms: [] };
    const [subs, cursors, jobCounts] = await Promise.all([
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
    ]);
    const countOf = (mailbox: string, states: string[]) =>
      jobCounts
        .filter((row) => row.key === mailbox && states.includes(row.state))
        .reduce((sum, row) => sum + row.count, 0);
    return {
      rooms: linked.map((room) => {
        const subscription = subs.find((candidate) => candidate.mailbox === room.mailbox);
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
          calendarProcessing: {
            rewritesSubjects: room.rewritesSubjects,
            observedAt: iso(room.rewritesSubjectsSeenAt),
            warning: room.rewritesSubjects
              ? 'The room replaces meeting subjects with the organizer name (DeleteSubject/AddOrganizerToSubject): run Set-CalendarProcessing -DeleteSubject $false -AddOrganizerToSubject $false'
              : null,
          },
        };
      }),
    };
  });
};
