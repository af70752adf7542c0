import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import { AppError } from '../errors.js';

export type MetricsRoutesOptions = {
  registry: Registry;
  /** When set, scrapes must send `Authorization: Bearer <token>` (Prometheus' `authorization` setting). */
  token: string | null;
};

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
const BEARER = /^Bearer\s+(\S+)$/i;

/** `GET /metrics`: the Prometheus text format of this app's own registry (observability/metrics.ts). */
export const metricsRoutes: FastifyPluginAsyncZod<MetricsRoutesOptions> = async (app, { registry, token }) => {
  const expected = token === null ? null : digest(token);
  app.get(
    '/metrics',
    {
      schema: {
        summary: 'Prometheus metrics (text exposition format)',
        tags: ['operations'],
        response: {
          200: {
            description: 'The metrics, as Prometheus scrapes them',
            content: { 'text/plain': { schema: z.string() } },
          },
        },
      },
    },
    async (request, reply) => {
      if (expected) {
        // Constant time: both sides are SHA-256 digests of the same length.
        const sent = BEARER.exec(request.headers.authorization ?? '')?.[1];
        if (!sent || !timingSafeEqual(digest(sent), expected)) {
          void reply.header('www-authenticate', 'Bearer');
          throw new AppError('UNAUTHORIZED', 'Metrics need Authorization: Bearer <METRICS_TOKEN>');
        }
      }
      return reply
        .header('content-type', registry.contentType)
        .header('cache-control', 'no-store')
        .send(await registry.metrics());
    },
  );
};
