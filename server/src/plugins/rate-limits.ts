import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';

/** Requests per minute per client; 0 turns a limit off. */
export type RateLimitSettings = {
  /** `/webhooks/*`, per IP: generous, Graph delivers in bursts (and behind a proxy without TRUST_PROXY every sender is one IP). */
  webhooksPerMinute: number;
  /** `/api/*` and `/admin/api/*`, per bearer token (per IP without one). */
  apiPerMinute: number;
  /** `/harness/token` and `/admin/token` (embedded mode only), per IP: strict, they mint tokens. */
  harnessTokenPerMinute: number;
  /** `/readyz` and `/metrics`, per IP: probes and scrapes, each readiness check calls Graph and Workplace. */
  operationsPerMinute: number;
};

type Category = {
  name: string;
  matches: (path: string) => boolean;
  perMinute: number;
  key: (request: FastifyRequest) => string;
};

const BEARER = /^Bearer\s+(\S+)$/i;
const byIp = (request: FastifyRequest) => `ip:${request.ip}`;
/** The token's hash, not the token: the store must not hold credentials. Unverified tokens count too. */
const byTokenOrIp = (request: FastifyRequest) => {
  const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
  return token ? `token:${createHash('sha256').update(token).digest('hex').slice(0, 32)}` : byIp(request);
};

/**
 * Rate limits on the public endpoints, checked before anything else of the request (body parsing,
 * token verification): over the limit is a 429 with Retry-After and the X-RateLimit-* headers.
 * Counts are per process (an in-memory LRU per category).
 */
export const rateLimits = fp<RateLimitSettings>(
  async (app, settings) => {
    await app.register(rateLimit, { global: false });
    const categories: Category[] = [
      {
        name: 'harness token',
        matches: (path) => path === '/harness/token' || path === '/admin/token',
        perMinute: settings.harnessTokenPerMinute,
        key: byIp,
      },
      {
        name: 'webhooks',
        matches: (path) => path.startsWith('/webhooks/'),
        perMinute: settings.webhooksPerMinute,
        key: byIp,
      },
      {
        name: 'API',
        matches: (path) => path.startsWith('/api/') || path.startsWith('/admin/api/'),
        perMinute: settings.apiPerMinute,
        key: byTokenOrIp,
      },
      {
        name: 'operations',
        matches: (path) => path === '/readyz' || path === '/metrics',
        perMinute: settings.operationsPerMinute,
        key: byIp,
      },
    ];
    const limiters = categories
      .filter((category) => category.perMinute > 0)
      .map((category) => ({
        ...category,
        check: app.createRateLimit({ max: category.perMinute, timeWindow: 60_000, keyGenerator: category.key }),
      }));

    app.addHook('onRequest', async (request, reply) => {
      const path = request.url.split('?', 1)[0]!;
      const limiter = limiters.find((candidate) => candidate.matches(path));
      if (!limiter) return;
      const state = await limiter.check(request);
      if (state.isAllowed) return;
      void reply
        .header('x-ratelimit-limit', state.max)
        .header('x-ratelimit-remaining', state.remaining)
        .header('x-ratelimit-reset', state.ttlInSeconds);
      if (state.isExceeded) {
        throw new AppError('THROTTLED', `Too many ${limiter.name} requests; retry in ${state.ttlInSeconds} s`, {
          retryAfterMs: state.ttl,
        });
      }
    });
  },
  { name: 'rate-limits' },
);
