import { addinApi, fromRecurrenceQuery, ianaFromGraphZone } from '@workplace-sync/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import { addinAuth, addinUserOf } from '../../plugins/addin-auth.js';
import { corsPolicy } from '../../plugins/cors-policy.js';
import type { VerifyToken } from '../../plugins/addin-auth.js';
import type { BookingIntentStore } from '../../holds/index.js';
import {
  checkAvailability,
  createRoomCatalogue,
  filterRooms,
  findMeetingReservations,
  placeHolds,
  releaseDeclinedIntent,
  releaseIntent,
  updateLines,
} from '../../addin/index.js';
import type { AddinWorkplace, ConflictTolerancesOf, GetSchedule, RoomCatalogueSource } from '../../addin/index.js';

export type AddinApiRoutesOptions = {
  workplace: AddinWorkplace;
  /** Exchange free/busy (GraphAdapter['getSchedule']); without it, availability is Workplace's alone. */
  graph?: { getSchedule: GetSchedule };
  /**
   * Room mailboxes' tolerance of conflicts in a series (Set-CalendarProcessing; Graph does not expose it,
   * the emulator does). Without it, whether Exchange would decline a partly free series is unknown.
   */
  conflictTolerancesOf?: ConflictTolerancesOf;
  intents: BookingIntentStore;
  verifyToken: VerifyToken;
  /**
   * Origins allowed to call the API from a browser (the pane's origin, when it is served elsewhere):
   * plugins/cors-policy.ts; preflights from any other origin are refused.
   */
  allowedOrigins?: string[];
  /** How long a hold waits for its meeting before the sync releases it (default 30 minutes). */
  holdTtlMs?: number;
  /** How many rooms one user may hold at once (default 20; ADDIN_MAX_ACTIVE_HOLDS). */
  maxActiveHolds?: number;
  /** A shared catalogue (cache of Workplace master data); one is made from `workplace` otherwise. */
  roomDirectory?: RoomCatalogueSource;
  now?: () => Date;
};

const DEFAULT_HOLD_TTL_MS = 30 * 60_000;
const DEFAULT_MAX_ACTIVE_HOLDS = 20;

/** The meeting's zone as IANA (Outlook names a series' zone the Windows way). */
function ianaZoneOf(name: string): string {
  try {
    return ianaFromGraphZone(name);
  } catch {
    throw new AppError('INVALID_REQUEST', `Unknown time zone '${name}'`);
  }
}

/**
 * The add-in API (DESIGN §8) under /api: every route needs a valid add-in token (addin-auth), and its
 * request and answer are validated with the shared contract's zod schemas.
 */
export const addinApiRoutes: FastifyPluginAsyncZod<AddinApiRoutesOptions> = async (app, options) => {
  const now = options.now ?? (() => new Date());
  const rooms = options.roomDirectory ?? createRoomCatalogue(options.workplace, { now: () => now().getTime() });
  const holdTtlMs = options.holdTtlMs ?? DEFAULT_HOLD_TTL_MS;
  const getSchedule = options.graph?.getSchedule;
  await app.register(corsPolicy, { origins: options.allowedOrigins ?? [], pathPrefix: '/api/' });
  await app.register(addinAuth, { verifyToken: options.verifyToken });

  const { listRooms, getAvailability, createBookingIntent, releaseBookingIntent } = addinApi;
  const { getReservationsForMeeting, updateReservationLines, reportDeclinedBookingIntent } = addinApi;

  app.get(
    listRooms.url,
    {
      schema: {
        summary: listRooms.summary,
        querystring: listRooms.querystring,
        response: { 200: listRooms.success.body },
      },
    },
    async (request) => {
      const catalogue = await rooms.load();
      const { buildings, floors, assets, catalogItems } = catalogue;
      const { officeLocation } = addinUserOf(request);
      return {
        buildings,
        floors,
        assets,
        catalogItems,
        rooms: filterRooms(catalogue.rooms, request.query),
        officeLocation,
      };
    },
  );

  app.get(
    getAvailability.url,
    {
      schema: {
        summary: getAvailability.summary,
        querystring: getAvailability.querystring,
        response: { 200: getAvailability.success.body },
      },
    },
    async (request) => {
      const query = request.query;
      const start = new Date(query.start);
      const end = new Date(query.end);
      if (end <= start) {
        throw new AppError('INVALID_REQUEST', 'The meeting ends before it starts: change its times in Outlook');
      }
      const recurrence = fromRecurrenceQuery(query);
      if (!recurrence && end <= now()) {
        // Every room would read as free, and the hold would be refused at Book.
        throw new AppError('UNPROCESSABLE', 'The meeting has already ended: there is no room to book for it');
      }
      if (end.getTime() - start.getTime() > 14 * 86_400_000) {
        throw new AppError('INVALID_REQUEST', 'A meeting (occurrence) may last at most 14 days');
      }
      const catalogue = await rooms.load();
      return checkAvailability(
        { workplace: options.workplace, getSchedule, conflictTolerancesOf: options.conflictTolerancesOf },
        { start, end, timeZone: ianaZoneOf(query.timeZone), recurrence },
        filterRooms(catalogue.rooms, query),
        query.excludeReservationIds ?? [],
      );
    },
  );

  app.post(
    createBookingIntent.url,
    {
      schema: {
        summary: createBookingIntent.summary,
        body: createBookingIntent.body,
        response: { 201: createBookingIntent.success.body },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const intent = await placeHolds(
        {
          workplace: options.workplace,
          intents: options.intents,
          catalogue: await rooms.load(),
          holdTtlMs,
          maxActiveHolds: options.maxActiveHolds ?? DEFAULT_MAX_ACTIVE_HOLDS,
          now,
        },
        addinUserOf(request),
        body,
        ianaZoneOf(body.timeZone),
      );
      return reply.code(201).send(intent);
    },
  );

  app.delete(
    releaseBookingIntent.url,
    { schema: { summary: releaseBookingIntent.summary, params: releaseBookingIntent.params } },
    async (request, reply) => {
      await releaseIntent(
        { workplace: options.workplace, intents: options.intents },
        addinUserOf(request),
        request.params.intentId,
      );
      return reply.code(204).send();
    },
  );

  app.post(
    reportDeclinedBookingIntent.url,
    { schema: { summary: reportDeclinedBookingIntent.summary, params: reportDeclinedBookingIntent.params } },
    async (request, reply) => {
      await releaseDeclinedIntent(
        { workplace: options.workplace, intents: options.intents },
        addinUserOf(request),
        request.params.intentId,
      );
      return reply.code(204).send();
    },
  );

  app.get(
    getReservationsForMeeting.url,
    {
      schema: {
        summary: getReservationsForMeeting.summary,
        querystring: getReservationsForMeeting.querystring,
        response: { 200: getReservationsForMeeting.success.body },
      },
    },
    async (request) => {
      const deps = { workplace: options.workplace, intents: options.intents, catalogue: await rooms.load(), now };
      return { reservations: await findMeetingReservations(deps, addinUserOf(request), request.query) };
    },
  );

  app.patch(
    updateReservationLines.url,
    {
      schema: {
        summary: updateReservationLines.summary,
        params: updateReservationLines.params,
        body: updateReservationLines.body,
        response: { 200: updateReservationLines.success.body },
      },
    },
    async (request) => {
      const deps = { workplace: options.workplace, intents: options.intents, catalogue: await rooms.load(), now };
      return updateLines(deps, addinUserOf(request), request.params.reservationId, request.body);
    },
  );
};
