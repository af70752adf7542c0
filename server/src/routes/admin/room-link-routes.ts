import {
  BulkLinkRequestSchema,
  BulkLinkResultSchema,
  LinkProposalsSchema,
  LinkRequestSchema,
  LinkResultSchema,
  ProposalRequestSchema,
  RoomLinksSchema,
  SyncProgressListSchema,
  SyncProgressRequestSchema,
  SyncProgressSchema,
} from '@workplace-sync/shared';
import type { BulkLinkResult } from '@workplace-sync/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AdminDirectory } from '../../admin/admin-directory.js';
import { proposeRoomLinks } from '../../admin/link-proposals.js';
import type { RoomLinker, RoomToLink } from '../../admin/room-linker.js';

export type RoomLinkRoutesOptions = { directory: AdminDirectory; linker: RoomLinker };

const MailboxParams = z.object({ mailbox: z.email() });

/** Workplace areas and Exchange rooms side by side; link, unlink, the first sync's progress, bulk links. */
export const roomLinkRoutes: FastifyPluginAsyncZod<RoomLinkRoutesOptions> = async (app, { directory, linker }) => {
  app.get(
    '/admin/api/room-links',
    { schema: { summary: 'Workplace areas and Exchange rooms, with their links', response: { 200: RoomLinksSchema } } },
    async () => directory.roomLinks(),
  );

  app.post(
    '/admin/api/room-links',
    {
      schema: {
        summary: 'Link an area to a room mailbox: subscribe, then the first sync (a full room-resync) runs',
        body: LinkRequestSchema,
        response: { 202: LinkResultSchema },
      },
    },
    async (request, reply) => {
      const room = await directory.requirePair(request.body.areaId, request.body.mailbox);
      const progress = await linker.link(room);
      return reply.code(202).send({ areaId: room.areaId, mailbox: room.mailbox, isEnabled: true, progress });
    },
  );

  app.delete(
    '/admin/api/room-links/:mailbox',
    {
      schema: {
        summary: 'Unlink a room: its sync stops (the link is disabled, its Graph subscription deleted)',
        params: MailboxParams,
        response: { 200: z.object({ mailbox: z.string(), isEnabled: z.literal(false) }) },
      },
    },
    async (request) => {
      await linker.unlink(request.params.mailbox);
      return { mailbox: request.params.mailbox.toLowerCase(), isEnabled: false as const };
    },
  );

  app.get(
    '/admin/api/room-links/:mailbox/progress',
    {
      schema: {
        summary: 'The state of the room’s latest full sync (the first one after linking)',
        params: MailboxParams,
        response: { 200: SyncProgressSchema },
      },
    },
    async (request) => linker.progress(request.params.mailbox.toLowerCase()),
  );

  app.post(
    '/admin/api/room-links/progress',
    {
      schema: {
        summary:
          'The latest full sync of many rooms at once (a bulk link’s first syncs): state, bookings found and synced. One request a second serves any number of rooms, within the API’s rate limit',
        body: SyncProgressRequestSchema,
        response: { 200: SyncProgressListSchema },
      },
    },
    async (request) => ({ rooms: await linker.progressOf(request.body.mailboxes) }),
  );

  app.post(
    '/admin/api/room-links/proposals',
    {
      schema: {
        summary: 'Proposed links between unlinked areas and rooms, by email and/or name (nothing is written)',
        body: ProposalRequestSchema,
        response: { 200: LinkProposalsSchema },
      },
    },
    async (request) => {
      const links = await directory.roomLinks();
      const proposals = proposeRoomLinks(
        links.areas.map((area) => ({ ...area, isLinked: area.link?.isEnabled === true })),
        links.exchangeRooms.map((room) => ({ ...room, isLinked: room.isEnabled })),
        request.body.by,
      );
      return { proposals };
    },
  );

  app.post(
    '/admin/api/room-links/bulk',
    {
      schema: {
        summary: 'Link many areas at once (e.g. the accepted proposals); each link succeeds or fails on its own',
        body: BulkLinkRequestSchema,
        response: { 200: BulkLinkResultSchema },
      },
    },
    async (request) => {
      const pairOf = await directory.readPairs();
      const pairs = request.body.links.map(({ areaId, mailbox }) => {
        try {
          return pairOf(areaId, mailbox);
        } catch (error) {
          return error as Error;
        }
      });
      const linkable = pairs.filter((pair): pair is RoomToLink => !(pair instanceof Error));
      const failures = await linker.linkMany(linkable);
      const failureOf = new Map(linkable.map((pair, index) => [pair, failures[index]]));
      const results: BulkLinkResult['results'] = request.body.links.map(({ areaId, mailbox }, index) => {
        const pair = pairs[index]!;
        const failure = pair instanceof Error ? pair : failureOf.get(pair);
        return {
          areaId,
          mailbox: mailbox.toLowerCase(),
          outcome: failure ? ('failed' as const) : ('linked' as const),
          message: failure ? failure.message : null,
        };
      });
      return { results };
    },
  );
};
