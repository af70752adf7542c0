import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../server/src/storage/create-db.js';
import { createTestPglite } from '../support/test-db.js';
import { CLIENT_STATE, SUBSCRIPTION_ID, buildFullApp, tokenFor } from './support/full-app.js';

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

  test('/api/*: per token; over the limit is a 429 with Retry-After, before the token is even checked', async () => {
    const asAnn = { url: '/api/rooms', headers: { authorization: 'Bearer not-a-valid-token-of-ann' } };
    expect(await statuses(3, asAnn)).toEqual([401, 401, 401]);
    const limited = await app.inject(asAnn);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('THROTTLED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['x-ratelimit-limit']).toBe('3');
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
    // Another user behind the same address keeps their own budget.
    const asBob = { url: '/api/rooms', headers: { authorization: `Bearer ${tokenFor('bob@contoso.com')}` } };
    expect((await app.inject(asBob)).statusCode).not.toBe(429);
  });

  test('/api/* without a token: per client address', async () => {
    const from = (remoteAddress: string) => ({ url: '/api/rooms', remoteAddress });
    expect(await statuses(4, from('203.0.113.7'))).toEqual([401, 401, 401, 429]);
    expect((await app.inject(from('203.0.113.8'))).statusCode).toBe(401);
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
