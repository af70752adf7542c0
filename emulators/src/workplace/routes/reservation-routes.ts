import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { Id, Instant } from '../contract/primitives.js';
import {
  CancelRequest,
  OccurrencePatch,
  ReleaseRequest,
  ReservationCreate,
  ReservationPatch,
  ReservationQuery,
} from '../contract/reservations.js';
import { occurrencesOf } from '../domain/occurrences.js';
import type { EmulatorContext } from '../emulator-context.js';
import { replyIdempotently } from '../http/idempotency.js';
import { paginate } from '../http/paginate.js';
import { parseIfMatch, parseInput, requireIfMatch } from '../http/parse-input.js';

const ReservationParams = z.object({ reservationId: Id });
const OccurrenceParams = z.object({ reservationId: Id, originalStart: Instant });
const FAR_PAST = new Date(Date.UTC(1970, 0, 1));
const FAR_FUTURE = new Date(Date.UTC(9999, 0, 1));

export const reservationRoutes: FastifyPluginAsync<{ context: EmulatorContext }> = async (app, { context }) => {
  const { service } = context;

  app.get('/reservations', async (request) => {
    const query = parseInput(ReservationQuery, request.query, 'query');
    const window = {
      from: query.from ? new Date(query.from) : FAR_PAST,
      to: query.to ? new Date(query.to) : FAR_FUTURE,
    };
    const reservations = [...context.state().reservations.values()].filter(
      (reservation) =>
        (!query.areaId || reservation.lines.some((line) => line.type === 'area' && line.objectId === query.areaId)) &&
        ((!query.from && !query.to) || occurrencesOf(reservation, window).length > 0),
    );
    return paginate(reservations, query);
  });

  app.get('/reservations/:reservationId', async (request, reply) => {
    const { reservationId } = parseInput(ReservationParams, request.params, 'path');
    const reservation = service.get(reservationId);
    return reply.header('etag', `"${reservation.version}"`).send(reservation);
  });

  app.post('/reservations', async (request, reply) => {
    const body = parseInput(ReservationCreate, request.body, 'body');
    return replyIdempotently(context.state(), request, reply, 201, () => service.create(body, body.source ?? 'api'));
  });

  app.patch('/reservations/:reservationId', async (request, reply) => {
    const { reservationId } = parseInput(ReservationParams, request.params, 'path');
    const expected = requireIfMatch(request.headers['if-match']);
    const body = parseInput(ReservationPatch, request.body, 'body');
    return replyIdempotently(context.state(), request, reply, 200, () => service.update(reservationId, body, expected));
  });

  app.post('/reservations/:reservationId/cancel', async (request, reply) => {
    const { reservationId } = parseInput(ReservationParams, request.params, 'path');
    const expected = parseIfMatch(request.headers['if-match']);
    parseInput(CancelRequest.optional(), request.body, 'body');
    return replyIdempotently(context.state(), request, reply, 200, () => service.cancel(reservationId, expected));
  });

  app.post('/reservations/:reservationId/release', async (request, reply) => {
    const { reservationId } = parseInput(ReservationParams, request.params, 'path');
    const { occurrenceStart, reason, lineId } = parseInput(ReleaseRequest.optional(), request.body, 'body') ?? {};
    return replyIdempotently(context.state(), request, reply, 200, () =>
      service.release(reservationId, {
        ...(occurrenceStart !== undefined ? { occurrenceStart } : {}),
        ...(lineId !== undefined ? { lineId } : {}),
        ...(reason !== undefined ? { reason } : {}),
      }),
    );
  });

  app.patch('/reservations/:reservationId/occurrences/:originalStart', async (request, reply) => {
    const { reservationId, originalStart } = parseInput(OccurrenceParams, request.params, 'path');
    const expected = requireIfMatch(request.headers['if-match']);
    const body = parseInput(OccurrencePatch, request.body, 'body');
    return replyIdempotently(context.state(), request, reply, 200, () =>
      service.updateOccurrence(reservationId, originalStart, body, expected),
    );
  });

  app.post('/reservations/:reservationId/occurrences/:originalStart/cancel', async (request, reply) => {
    const { reservationId, originalStart } = parseInput(OccurrenceParams, request.params, 'path');
    const expected = parseIfMatch(request.headers['if-match']);
    parseInput(CancelRequest.optional(), request.body, 'body');
    return replyIdempotently(context.state(), request, reply, 200, () =>
      service.cancelOccurrence(reservationId, originalStart, expected),
    );
  });
};
