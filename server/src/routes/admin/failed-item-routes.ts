import { FailedItemCountSchema, FailedItemSchema, FailedItemsSchema } from '@workplace-sync/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  countOpenFailedItems,
  dismissFailedItem,
  failedItemPayload,
  listFailedItems,
  retryFailedItem,
} from '../../admin/failed-items.js';
import type { SendJob } from '../../admin/failed-items.js';
import type { Db } from '../../storage/create-db.js';

export type FailedItemRoutesOptions = { db: Db; sendJob: SendJob; now: () => Date };

/** Work that failed for good (a job whose attempts are used up, a quarantined booking): list, retry, dismiss. */
export const failedItemRoutes: FastifyPluginAsyncZod<FailedItemRoutesOptions> = async (app, { db, sendJob, now }) => {
  app.get(
    '/admin/api/failed-items',
    {
      schema: {
        summary: 'Failed items: open ones, or those already sent back to the queue',
        querystring: z.object({ state: z.enum(['open', 'retried']).default('open') }),
        response: { 200: FailedItemsSchema },
      },
    },
    async (request) => ({ items: await listFailedItems(db, request.query.state) }),
  );
  app.get(
    '/admin/api/failed-items/count',
    {
      schema: {
        summary: 'How many failed items are open (the console’s badge)',
        response: { 200: FailedItemCountSchema },
      },
    },
    async () => ({ open: await countOpenFailedItems(db) }),
  );
  app.post(
    '/admin/api/failed-items/:id/retry',
    {
      schema: {
        summary: 'Send the failed job back to the queue and mark the item retried',
        params: z.object({ id: z.uuid() }),
        response: { 202: FailedItemSchema },
      },
    },
    async (request, reply) => reply.code(202).send(await retryFailedItem(db, sendJob, request.params.id, now())),
  );
  app.post(
    '/admin/api/failed-items/:id/dismiss',
    {
      schema: {
        summary: 'Close the item without syncing it (the admin accepts it stays as it is)',
        params: z.object({ id: z.uuid() }),
        response: { 200: FailedItemSchema },
      },
    },
    async (request) => dismissFailedItem(db, request.params.id, now()),
  );
  app.get(
    '/admin/api/failed-items/:id/payload',
    {
      schema: {
        summary: 'What was read of a quarantined booking (the raw payload)',
        params: z.object({ id: z.uuid() }),
        response: { 200: z.object({ payload: z.unknown() }) },
      },
    },
    async (request) => ({ payload: await failedItemPayload(db, request.params.id) }),
  );
};
