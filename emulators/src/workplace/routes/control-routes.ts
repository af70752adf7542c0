import type { FastifyPluginAsync } from 'fastify';
import { toInstant, toUtcIso, toWallClock } from '@workplace-sync/shared';
import { z } from 'zod';
import { Area, Asset, Building, CatalogItem, Floor } from '../contract/locations.js';
import { Id, Instant } from '../contract/primitives.js';
import { EmulatorError } from '../domain/emulator-error.js';
import { coversLine, occurrencesOf } from '../domain/occurrences.js';
import { isActiveLine } from '../domain/reservation-rules.js';
import { snapshotOf } from '../domain/workplace-state.js';
import type { EmulatorContext } from '../emulator-context.js';
import { FaultSchema } from '../http/faults.js';
import { parseInput } from '../http/parse-input.js';

const SeedSchema = z.strictObject({
  buildings: z.array(Building),
  floors: z.array(Floor),
  areas: z.array(Area),
  assets: z.array(Asset),
  catalogItems: z.array(CatalogItem),
});
const WebhookSchema = z.strictObject({
  url: z.url(),
  secret: z.string().min(8),
  retryDelaysMs: z.array(z.number().int().min(0).max(3_600_000)).max(20).optional(),
  timeoutMs: z.number().int().min(1).max(120_000).optional(),
});
const LineParams = z.object({ reservationId: Id, lineId: Id, decision: z.enum(['approve', 'reject']) });
const DayParams = z.object({ areaId: Id });
const DayQuery = z.object({ date: z.iso.date().optional() });

/** Test and demo controls; the caller must be on this machine (see requireLoopback). */
export const controlRoutes: FastifyPluginAsync<{ context: EmulatorContext }> = async (app, { context }) => {
  const everything = () => ({
    now: context.clock.now().toISOString(),
    ...snapshotOf(context.state()),
    faults: context.faults.list(),
    webhookDeliveries: context.webhooks.deliveries(),
  });

  app.get('/state', async () => everything());

  app.post('/reset', async () => {
    context.reset();
    return everything();
  });

  app.post('/seed', async (request) => {
    context.reset(parseInput(SeedSchema, request.body, 'body'));
    return everything();
  });

  app.post('/clock', async (request) => {
    const { now } = parseInput(z.strictObject({ now: Instant.nullable() }), request.body, 'body');
    context.clock.set(now === null ? null : new Date(now));
    return { now: context.clock.now().toISOString() };
  });

  app.get('/faults', async () => ({ faults: context.faults.list() }));
  app.post('/faults', async (request, reply) => {
    context.faults.add(parseInput(FaultSchema, request.body, 'body'));
    return reply.code(201).send({ faults: context.faults.list() });
  });
  app.delete('/faults', async () => {
    context.faults.clear();
    return { faults: [] };
  });

  app.put('/webhook', async (request) => {
    context.setWebhook(parseInput(WebhookSchema, request.body, 'body'));
    return { webhook: 'configured' };
  });
  app.delete('/webhook', async () => {
    context.setWebhook(null);
    return { webhook: 'off' };
  });
  app.get('/webhook/deliveries', async () => {
    await context.webhooks.whenIdle();
    return { deliveries: context.webhooks.deliveries() };
  });

  app.post('/feed/expire-cursors', async () => {
    context.expireCursors();
    return { generation: context.state().feed.generation };
  });

  app.post('/reservations/:reservationId/lines/:lineId/:decision', async (request) => {
    const { reservationId, lineId, decision } = parseInput(LineParams, request.params, 'path');
    return context.service.decideLine(reservationId, lineId, decision);
  });

  /** A room's day for the kiosk page: every occurrence that touches the local date, in the building's zone. */
  app.get('/areas/:areaId/day', async (request) => {
    const { areaId } = parseInput(DayParams, request.params, 'path');
    const query = parseInput(DayQuery, request.query, 'query');
    const state = context.state();
    const area = state.areas.get(areaId);
    if (!area) throw new EmulatorError('NOT_FOUND', `Unknown area '${areaId}'`);
    const timeZone = state.buildings.get(area.buildingId)?.timeZone ?? 'UTC';
    const date = query.date ?? toWallClock(context.clock.now(), timeZone).dateTime.slice(0, 10);
    const from = toInstant({ dateTime: `${date}T00:00:00`, timeZone });
    const to = new Date(from.getTime() + 86_400_000);
    const bookings = [...state.reservations.values()]
      .filter((reservation) => reservation.status !== 'cancelled')
      .filter((reservation) =>
        reservation.lines.some((line) => isActiveLine(line) && line.type === 'area' && line.objectId === areaId),
      )
      .flatMap((reservation) => {
        // The room's own line: its display checks in to it and a release of it frees this room only.
        const line = reservation.lines.find(
          (candidate) => isActiveLine(candidate) && candidate.type === 'area' && candidate.objectId === areaId,
        )!;
        return occurrencesOf(reservation, { from, to }).map((occurrence) => {
          const key = occurrence.originalStart ?? toUtcIso(occurrence.start);
          return {
            reservationId: reservation.id,
            version: reservation.version,
            subject: occurrence.subject,
            responsible: reservation.responsible,
            source: reservation.source,
            status: reservation.status,
            start: toWallClock(occurrence.start, timeZone).dateTime,
            end: toWallClock(occurrence.end, timeZone).dateTime,
            occurrenceStart: occurrence.originalStart,
            lineId: line.id,
            isCheckedIn: reservation.checkIns.some(
              (checkIn) => checkIn.occurrenceStart === key && coversLine(checkIn, line.id),
            ),
            release:
              reservation.releases.find((release) => release.occurrenceStart === key && coversLine(release, line.id)) ??
              null,
          };
        });
      })
      .sort((a, b) => (a.start < b.start ? -1 : 1));
    return { area, timeZone, date, now: toWallClock(context.clock.now(), timeZone).dateTime, bookings };
  });
};
