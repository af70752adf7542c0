import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { Id, Instant } from '../contract/primitives.js';
import { CancelRequest, ReservationCreate, ReservationPatch } from '../contract/reservations.js';
import type { EmulatorContext } from '../emulator-context.js';
import { parseIfMatch, parseInput } from '../http/parse-input.js';

const Touchpoint = z.enum(['kiosk', 'app', 'display', 'web']);
const TouchpointParams = z.object({ touchpoint: Touchpoint });
const ReservationParams = z.object({ touchpoint: Touchpoint, reservationId: Id });
const TouchpointCreate = ReservationCreate.omit({ source: true });
/** A room's display or kiosk names its line (the room of the meeting it stands in); the app may name none. */
const CheckInRequest = z.strictObject({ occurrenceStart: Instant.optional(), lineId: Id.optional() });
const EndRequest = z.strictObject({ occurrenceStart: Instant.optional(), lineId: Id.optional() });

/**
 * People booking in Workplace itself (app, kiosk, room display, web). The same rules apply as on the
 * API; only the source differs, and a person does not need to know the version to edit.
 */
export const touchpointRoutes: FastifyPluginAsync<{ context: EmulatorContext }> = async (app, { context }) => {
  const { service } = context;

  app.post('/:touchpoint/reservations', async (request, reply) => {
    const { touchpoint } = parseInput(TouchpointParams, request.params, 'path');
    const body = parseInput(TouchpointCreate, request.body, 'body');
    return reply.code(201).send(service.create(body, touchpoint));
  });

  app.patch('/:touchpoint/reservations/:reservationId', async (request) => {
    const { reservationId } = parseInput(ReservationParams, request.params, 'path');
    const expected = parseIfMatch(request.headers['if-match']);
    return service.update(reservationId, parseInput(ReservationPatch, request.body, 'body'), expected);
  });

  app.post('/:touchpoint/reservations/:reservationId/cancel', async (request) => {
    const { reservationId } = parseInput(ReservationParams, request.params, 'path');
    parseInput(CancelRequest.optional(), request.body, 'body');
    return service.cancel(reservationId, parseIfMatch(request.headers['if-match']));
  });

  app.post('/:touchpoint/reservations/:reservationId/check-in', async (request) => {
    const { reservationId } = parseInput(ReservationParams, request.params, 'path');
    const { occurrenceStart, lineId } = parseInput(CheckInRequest.optional(), request.body, 'body') ?? {};
    return service.checkIn(reservationId, {
      ...(occurrenceStart !== undefined ? { occurrenceStart } : {}),
      ...(lineId !== undefined ? { lineId } : {}),
    });
  });

  /**
   * "End now" on the room display or kiosk: the occurrence running now ends in that room (its line), which
   * is free; the meeting's other rooms stay booked. Without a line, the whole occurrence ends.
   */
  app.post('/:touchpoint/reservations/:reservationId/end', async (request) => {
    const { reservationId } = parseInput(ReservationParams, request.params, 'path');
    const { occurrenceStart, lineId } = parseInput(EndRequest.optional(), request.body, 'body') ?? {};
    return service.release(reservationId, {
      ...(occurrenceStart !== undefined ? { occurrenceStart } : {}),
      ...(lineId !== undefined ? { lineId } : {}),
      reason: 'ended-early',
    });
  });
};
