import type { FastifyPluginAsync } from 'fastify';
import { AvailabilityQuery } from '../contract/availability.js';
import { ChangesQuery } from '../contract/changes.js';
import { availabilityOf } from '../domain/availability.js';
import type { EmulatorContext } from '../emulator-context.js';
import { DEFAULT_FEED_LIMIT, readChanges } from '../feed/change-feed.js';
import { parseInput } from '../http/parse-input.js';

/** The read side the sync polls: availability for booking UIs and the change feed. */
export const feedRoutes: FastifyPluginAsync<{ context: EmulatorContext }> = async (app, { context }) => {
  app.get('/availability', async (request) => {
    const query = parseInput(AvailabilityQuery, request.query, 'query');
    const window = { from: new Date(query.from), to: new Date(query.to) };
    return availabilityOf(context.state(), query.areaIds.split(','), window, context.clock.now());
  });

  app.get('/changes', async (request) => {
    const query = parseInput(ChangesQuery, request.query, 'query');
    return readChanges(context.state(), query.cursor, query.limit ?? DEFAULT_FEED_LIMIT, context.faults);
  });
};
