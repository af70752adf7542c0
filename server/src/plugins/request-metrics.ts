import fp from 'fastify-plugin';
import type { Metrics } from '../observability/metrics.js';

/** Counts and times every answer by method, route pattern (never the raw URL) and status. */
export const requestMetrics = fp<{ metrics: Metrics }>(
  async (app, { metrics }) => {
    app.addHook('onResponse', async (request, reply) => {
      const route = request.is404 ? 'unmatched' : (request.routeOptions.url ?? 'unmatched');
      metrics.httpResponse(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    });
  },
  { name: 'request-metrics' },
);
