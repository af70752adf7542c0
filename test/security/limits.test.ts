import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../server/src/storage/create-db.js';
import { createTestPglite } from '../support/test-db.js';
import { CLIENT_STATE, SUBSCRIPTION_ID, buildFullApp, tokenFor } from '../support/full-app.js';

const KIB = 1024;

let database: Database;
beforeAll(async () => {
  database = await createTestPglite();
});
afterAll(() => database?.close());

describe('rate limits on the public endpoints', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await buildFullApp({
      database,
      env: {
        RATE_LIMIT_WEBHOOKS_PER_MINUTE: '5',
        RATE_LIMIT_API_PER_MINUTE: '3',
        RATE_LIMIT_HARNESS_TOKEN_PER_MINUTE: '2',
        RATE_LIMIT_OPERATIONS_PER_MINUTE: '2',
      },
    }));
  });
  afterAll(() => app?.close());

  const statuses = async (count: number, request: InjectOptions) => {
    const codes: number[] = [];
    for (let i = 0; i < count; i++) codes.push((await app.inject(request)).statusCode);
    return codes;
  };

  test('/api/*: per verified caller; over the limit is a 429 with Retry-After', async () => {
    const asCarol = (remoteAddress: string) => ({
      url: '/api/booking-intents/unknown',
      method: 'DELETE' as const,
      remoteAddress,
      headers: { authorization: `Bearer ${tokenFor('carol@contoso.com')}` },
    });
    // The caller's budget follows them from one address to another.
    expect(await statuses(3, asCarol('203.0.113.20'))).not.toContain(429);
    const limited = await app.inject(asCarol('203.0.113.21'));
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('THROTTLED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['x-ratelimit-limit']).toBe('3');
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
  });

  test('/api/*: refused tokens share their address budget, however many tokens are made up', async () => {
    const withToken = (token: string) => ({
      url: '/api/rooms',
      remoteAddress: '203.0.113.30',
      headers: { authorization: `Bearer made-up-${token}` },
    });
    const codes: number[] = [];
    for (const token of ['a', 'b', 'c', 'd', 'e']) codes.push((await app.inject(withToken(token))).statusCode);
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    // A signed-in user behind the same address keeps their own budget.
    const asBob = {
      url: '/api/booking-intents/unknown',
      method: 'DELETE' as const,
      remoteAddress: '203.0.113.30',
      headers: { authorization: `Bearer ${tokenFor('bob@contoso.com')}` },
    };
    expect((await app.inject(asBob)).statusCode).not.toBe(429);
  });

  test('/api/* without a token: per client address', async () => {
    const from = (remoteAddress: string) => ({ url: '/api/rooms', remoteAddress });
    expect(await statuses(4, from('203.0.113.7'))).toEqual([401, 401, 401, 429]);
    expect((await app.inject(from('203.0.113.8'))).statusCode).toBe(401);
  });

  // The router decodes percent-escapes before it matches: `/%61pi/rooms` is `/api/rooms`, and so is
  // its budget. Fastify's routes are case-sensitive, so `/API/rooms` is a 404 and never reaches a route.
  test.each([
    ['/api/rooms', ['/%61pi/rooms', '/ap%69/rooms', '/api/%72ooms', '/%61%70%69/rooms']],
    ['/admin/api/rooms', ['/%61dmin/api/rooms', '/admin/%61pi/rooms', '/%61dmin/%61pi/rooms', '/admin/api/%72ooms']],
  ])('%s keeps one budget whatever its spelling', async (url, spellings) => {
    const remoteAddress = `198.18.0.${spellings.length}${url.length}`;
    const codes: number[] = [];
    for (const spelling of [url, ...spellings])
      codes.push((await app.inject({ url: spelling, remoteAddress })).statusCode);
    expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
    expect(codes.slice(3)).toEqual(spellings.slice(2).map(() => 429));
    expect((await app.inject({ url: '/API/rooms', remoteAddress: '198.18.1.1' })).statusCode).toBe(404);
  });

  test.each([
    [
      'webhooks',
      { method: 'POST' as const, url: '/%77ebhooks/graph', payload: { value: [{ subscriptionId: 'x' }] } },
      5,
    ],
    ['harness token', { method: 'POST' as const, url: '/harness/%74oken', payload: { user: 'ann@contoso.com' } }, 2],
    ['operations', { url: '/%72eadyz' }, 2],
  ])('an encoded spelling of a %s route is limited like the route', async (_name, request, limit) => {
    const remoteAddress = `198.19.0.${limit}${request.url.length}`;
    const codes = await statuses(limit + 1, { ...request, remoteAddress });
    expect(codes.slice(0, limit)).not.toContain(429);
    expect(codes[limit]).toBe(429);
  });

  test('/webhooks/*: per sender address, generous in production (here 5 a minute)', async () => {
    const delivery = (remoteAddress: string) => ({
      method: 'POST' as const,
      url: '/webhooks/graph',
      remoteAddress,
      payload: { value: [{ subscriptionId: 'unknown-subscription', clientState: 'x' }] },
    });
    expect(await statuses(6, delivery('198.51.100.1'))).toEqual([202, 202, 202, 202, 202, 429]);
    expect((await app.inject(delivery('198.51.100.2'))).statusCode).toBe(202);
  });

  test('/harness/token: strict', async () => {
    const ask = { method: 'POST' as const, url: '/harness/token', payload: { user: 'ann@contoso.com' } };
    expect(await statuses(3, ask)).toEqual([200, 200, 429]);
  });

  test('/readyz and /metrics: per address; /healthz is never limited', async () => {
    const probe = { url: '/readyz', remoteAddress: '192.0.2.50' };
    expect(await statuses(3, probe)).toEqual([200, 200, 429]);
    expect(await statuses(5, { url: '/healthz', remoteAddress: '192.0.2.50' })).toEqual([200, 200, 200, 200, 200]);
  });

  test('0 turns a limit off', async () => {
    const { app: unlimited } = await buildFullApp({ database, env: { RATE_LIMIT_HARNESS_TOKEN_PER_MINUTE: '0' } });
    try {
      const ask = { method: 'POST' as const, url: '/harness/token', payload: { user: 'ann@contoso.com' } };
      for (let i = 0; i < 30; i++) expect((await unlimited.inject(ask)).statusCode).toBe(200);
    } finally {
      await unlimited.close();
    }
  });
});

describe('body limits', () => {
  let app: FastifyInstance;
  let stored: Awaited<ReturnType<typeof buildFullApp>>['stored'];
  beforeAll(async () => {
    ({ app, stored } = await buildFullApp({ database }));
  });
  afterAll(() => app?.close());

  const json = (size: number, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ ...extra, padding: 'x'.repeat(size) });

  test("Graph's webhook takes up to 1 MiB (a delivery holds up to 1,000 notifications), not more", async () => {
    const notification = { subscriptionId: SUBSCRIPTION_ID, clientState: CLIENT_STATE, changeType: 'created' };
    const fits = await app.inject({
      method: 'POST',
      url: '/webhooks/graph',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ value: [{ ...notification, padding: 'x'.repeat(900 * KIB) }] }),
    });
    expect(fits.statusCode).toBe(202);
    expect(stored).toHaveLength(1);
    const tooBig = await app.inject({
      method: 'POST',
      url: '/webhooks/graph',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ value: [{ ...notification, padding: 'x'.repeat(1100 * KIB) }] }),
    });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(stored).toHaveLength(1);
  });

  test.each([
    ['/webhooks/workplace', 64, {}],
    ['/harness/send', 64, {}],
    ['/api/booking-intents', 256, { authorization: `Bearer ${tokenFor('ann@contoso.com')}` }],
  ] as const)('%s refuses bodies over %i KiB with a 413', async (url, limitKib, headers) => {
    const send = (size: number) =>
      app.inject({
        method: 'POST',
        url,
        headers: { ...headers, 'content-type': 'application/json' },
        payload: json(size),
      });
    const tooBig = await send(limitKib * KIB + 1);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    // Just under the limit, the body is read and judged on its content instead.
    expect((await send(limitKib * KIB - 100)).statusCode).not.toBe(413);
  });
});
