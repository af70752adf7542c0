import { AdminUserSchema, RoomHealthListSchema } from '@workplace-sync/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readRoomHealth } from '../../admin/room-health.js';
import type { RoomHealthDeps } from '../../admin/room-health.js';
import { adminOf } from './admin-guard.js';

/** Who is signed in, and the health of every linked room. */
export const roomHealthRoutes: FastifyPluginAsyncZod<RoomHealthDeps> = async (app, deps) => {
  app.get(
    '/admin/api/me',
    { schema: { summary: 'The signed-in administrator', response: { 200: AdminUserSchema } } },
    async (request) => {
      const user = adminOf(request);
      return { email: user.email, name: user.name };
    },
  );
  app.get(
    '/admin/api/rooms',
    {
      schema: {
        summary:
          'Per linked room: subscription, last sync, backlog, failures, and the mailbox settings compared with Workplace’s rules',
        response: { 200: RoomHealthListSchema },
      },
    },
    async () => ({ rooms: await readRoomHealth(deps) }),
  );
};
