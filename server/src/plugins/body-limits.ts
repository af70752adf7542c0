import fp from 'fastify-plugin';

const KIB = 1024;

/**
 * Body limits per kind of route, under the server's 1 MiB default (which Graph's webhook keeps: a
 * delivery holds up to 1,000 notifications). A route that sets its own limit keeps it.
 */
export const ROUTE_BODY_LIMITS: ReadonlyArray<{ prefix: string; bytes: number; why: string }> = [
  { prefix: '/webhooks/workplace', bytes: 64 * KIB, why: "Workplace's webhook is a small signed hint" },
  { prefix: '/harness/', bytes: 64 * KIB, why: 'a simulated meeting' },
  { prefix: '/api/', bytes: 256 * KIB, why: 'a booking intent or reservation lines' },
  { prefix: '/admin/api/', bytes: 256 * KIB, why: 'admin actions' },
];

/** Applies ROUTE_BODY_LIMITS to every route registered after it. */
export const bodyLimits = fp(
  async (app) => {
    app.addHook('onRoute', (route) => {
      if (route.bodyLimit !== undefined) return;
      const limit = ROUTE_BODY_LIMITS.find(({ prefix }) => route.url.startsWith(prefix));
      if (limit) route.bodyLimit = limit.bytes;
    });
  },
  { name: 'body-limits' },
);
