import { CutoverPlanSchema, CutoverSwitchResultSchema, LinkRequestSchema } from '@workplace-sync/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { CutoverAssistant } from '../../admin/cutover-assistant.js';

/** The EWS → Graph cutover assistant: a dry run, then the switch. */
export const cutoverRoutes: FastifyPluginAsyncZod<{ cutover: CutoverAssistant }> = async (app, { cutover }) => {
  app.post(
    '/admin/api/cutover/dry-run',
    {
      schema: {
        summary: 'What linking this room would do to the future bookings on both sides (nothing is written)',
        body: LinkRequestSchema,
        response: { 200: CutoverPlanSchema },
      },
    },
    async (request) => cutover.dryRun(request.body.areaId, request.body.mailbox),
  );
  app.post(
    '/admin/api/cutover/switch',
    {
      schema: {
        summary: 'Link the room with the matched bookings recorded as booking links, then run its first sync',
        body: LinkRequestSchema,
        response: { 202: CutoverSwitchResultSchema },
      },
    },
    async (request, reply) => reply.code(202).send(await cutover.switchRoom(request.body.areaId, request.body.mailbox)),
  );
};
