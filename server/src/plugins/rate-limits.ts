import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';
import { routePathOf } from './route-path.js';

/** Requests per minute per client; 0 turns a limit off. */
export type RateLimitSettings = {
  /** `/webhooks/*`, per IP: generous, Graph delivers in bursts (and behind a proxy without TRUST_PROXY every sender is one IP). */
  webhooksPerMinute: number;
  /** `/api/*` and `/admin/api/*`, per verified caller (per IP without a token, or with a refused one). */
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
};

/** A caller whose token was verified: tenant and object id, the identity no rename changes. */
export type VerifiedCaller = { tenantId: string; objectId: string };

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Counts a request of the API against its caller's budget, once its token was checked: a verified
     * caller's own budget, or (`null`: the token was refused) the client address's, which every
     * unverified request shares. Throws THROTTLED over the limit. Called by the API's auth hooks.
     */
    limitApiCaller(request: FastifyRequest, reply: FastifyReply, caller: VerifiedCaller | null): Promise<void>;
  }
}

const byIp = (request: FastifyRequest) => `ip:${request.ip}`;
const hasBearer = (request: FastifyRequest) => /^Bearer\s/i.test(request.headers.authorization ?? '');
const isApiPath = (path: string) => path.startsWith('/api/') || path.startsWith('/admin/api/');

type LimitState = Awaited<ReturnType<ReturnType<FastifyInstance['createRateLimit']>>>;

function refuseOver(state: LimitState, name: string, reply: FastifyReply) {
  if (state.isAllowed) return;
  void reply
    .header('x-ratelimit-limit', state.max)
    .header('x-ratelimit-remaining', state.remaining)
    .header('x-ratelimit-reset', state.ttlInSeconds);
  if (state.isExceeded) {
    throw new AppError('THROTTLED', `Too many ${name} requests; retry in ${state.ttlInSeconds} s`, {
      retryAfterMs: state.ttl,
    });
  }
}

/**
 * Rate limits on the public endpoints, chosen by the route that runs (routePathOf: percent-encoded
 * spellings of a path are the same route). Over the limit is a 429 with Retry-After and the
 * X-RateLimit-* headers. Counts are per process (an in-memory LRU per category).
 *
 * Most limits are per client address and are checked before anything else of the request. The API's
 * is per caller: a request without a token counts against its address, before anything else; a request
 * with one counts once the token is checked, against the verified caller (tenant + object id) — so users
 * behind one proxy address keep their own budgets — or, when the token is refused, against its address,
 * so that random tokens share one budget instead of each getting a fresh one.
 */
export const rateLimits = fp<RateLimitSettings>(
  async (app, settings) => {
    await app.register(rateLimit, { global: false });
    const byAddress: Category[] = [
      {
        name: 'harness token',
        matches: (path) => path === '/harness/token' || path === '/admin/token',
        perMinute: settings.harnessTokenPerMinute,
      },
      { name: 'webhooks', matches: (path) => path.startsWith('/webhooks/'), perMinute: settings.webhooksPerMinute },
      {
        name: 'operations',
        matches: (path) => path === '/readyz' || path === '/metrics',
        perMinute: settings.operationsPerMinute,
      },
    ];
    const limiters = byAddress
      .filter((category) => category.perMinute > 0)
      .map((category) => ({
        ...category,
        check: app.createRateLimit({ max: category.perMinute, timeWindow: 60_000, keyGenerator: byIp }),
      }));
    const apiLimit = settings.apiPerMinute;
    const apiByAddress =
      apiLimit > 0 ? app.createRateLimit({ max: apiLimit, timeWindow: 60_000, keyGenerator: byIp }) : null;
    const callers = new WeakMap<FastifyRequest, VerifiedCaller>();
    const apiByCaller =
      apiLimit > 0
        ? app.createRateLimit({
            max: apiLimit,
            timeWindow: 60_000,
            keyGenerator: (request) => {
              const caller = callers.get(request)!;
              return `caller:${caller.tenantId}/${caller.objectId}`;
            },
          })
        : null;

    app.decorate(
      'limitApiCaller',
      async (request: FastifyRequest, reply: FastifyReply, caller: VerifiedCaller | null) => {
        if (!caller) {
          if (apiByAddress) refuseOver(await apiByAddress(request), 'API', reply);
          return;
        }
        callers.set(request, caller);
        if (apiByCaller) refuseOver(await apiByCaller(request), 'API', reply);
      },
    );

    app.addHook('onRequest', async (request, reply) => {
      const path = routePathOf(request);
      if (isApiPath(path)) {
        // A token is counted by the route's auth hook once checked; no route, no auth hook.
        const isCountedOnceVerified = hasBearer(request) && request.routeOptions.url !== undefined;
        if (!isCountedOnceVerified && apiByAddress) refuseOver(await apiByAddress(request), 'API', reply);
        return;
      }
      const limiter = limiters.find((candidate) => candidate.matches(path));
      if (limiter) refuseOver(await limiter.check(request), limiter.name, reply);
    });
  },
  { name: 'rate-limits' },
);

/** limitApiCaller where the rate limits are registered (an app without them, e.g. a unit test's, has none). */
export async function countApiCaller(request: FastifyRequest, reply: FastifyReply, caller: VerifiedCaller | null) {
  if (request.server.hasDecorator('limitApiCaller')) await request.server.limitApiCaller(request, reply, caller);
}
