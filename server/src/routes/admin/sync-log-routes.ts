import { DriftReportSchema, QueuedSchema, SyncLogPageSchema, SyncLogQuerySchema } from '@workplace-sync/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RoomLinker } from '../../admin/room-linker.js';
import { readDriftReport, searchSyncLog } from '../../admin/sync-log-search.js';
import { AppError } from '../../errors.js';
import type { Db } from '../../storage/create-db.js';

export type SyncLogRoutesOptions = { db: Db; linker: Pick<RoomLinker, 'resync'>; now: () => Date };

const DAY_MS = 86_400_000;

/** What happened to each booking and why; drift found by reconciliation, and "repair now". */
export const syncLogRoutes: FastifyPluginAsyncZod<SyncLogRoutesOptions> = async (app, { db, linker, now }) => {
  app.get(
    '/admin/api/sync-log',
    {
      schema: {
        summary: 'The sync log, newest first: by room, organizer (part of the address), action and time range; paged',
        querystring: SyncLogQuerySchema,
        response: { 200: SyncLogPageSchema },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      if (from && to && new Date(from) > new Date(to)) {
        throw new AppError('INVALID_REQUEST', '`from` must not be after `to`');
      }
      return searchSyncLog(db, request.query);
    },
  );

  app.get(
    '/admin/api/drift',
    {
      schema: {
        summary:
          'Per room, the bookings full resyncs (reconciliation, repairs) had to write: drift the normal path missed',
        querystring: z.object({ days: z.coerce.number().int().min(1).max(90).default(7) }),
        response: { 200: DriftReportSchema },
      },
    },
    async (request) => readDriftReport(db, new Date(now().getTime() - request.query.days * DAY_MS)),
  );

  app.post(
    '/admin/api/rooms/:mailbox/resync',
    {
      schema: {
        summary: 'Repair now: queue a full resync of the room',
        params: z.object({ mailbox: z.email() }),
        response: { 202: QueuedSchema },
      },
    },
    async (request, reply) => {
      await linker.resync(request.params.mailbox);
      return reply.code(202).send({ queued: true as const, mailbox: request.params.mailbox.toLowerCase() });
    },
  );
};
