import { describe, expect, test } from 'vitest';
import { AppError } from '../../../../server/src/errors.js';
import { readGraphFixture } from './support/graph-fixtures.js';
import { graphResponse, replay } from './support/fake-transport.js';
import { createTestHttp, TEST_NOW } from './support/graph-test-http.js';

const throttledBody = readGraphFixture('error-429-throttled.json');
const concurrencyBody = readGraphFixture('observed/error-429-mailbox-concurrency.json');
const ok = () => graphResponse(200, { id: 'x' });

const errorOf = async (promise: Promise<unknown>): Promise<AppError> => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

describe('retries', () => {
  test('429 with Retry-After: 10 (the docs example) waits 10 s, then succeeds', async () => {
    const { http, transport, sleeps } = createTestHttp(
      replay(graphResponse(429, throttledBody, { 'Retry-After': '10' }), ok()),
    );
    const response = await http.send({
      method: 'GET',
      path: '/users/a@contoso.com/events/x',
      mailbox: 'a@contoso.com',
    });
    expect(response.body).toEqual({ id: 'x' });
    expect(sleeps).toEqual([10_000]);
    expect(transport.requests).toHaveLength(2);
    expect(transport.requests[1]!.headers.get('Retry-Attempt')).toBe('1');
  });

  test('Retry-After as a fractional number of seconds and as an HTTP date', async () => {
    const later = new Date(TEST_NOW.getTime() + 3_000).toUTCString();
    const { http, sleeps } = createTestHttp(
      replay(
        graphResponse(503, concurrencyBody, { 'Retry-After': '2.128' }),
        graphResponse(429, concurrencyBody, { 'Retry-After': later }),
        ok(),
      ),
    );
    await http.send({ method: 'GET', path: '/users/a@contoso.com/events/x' });
    expect(sleeps).toEqual([2_128, 3_000]);
  });

  test('without Retry-After it backs off exponentially (504 too)', async () => {
    const { http, sleeps } = createTestHttp(replay(graphResponse(504), graphResponse(429), graphResponse(503), ok()));
    await http.send({ method: 'GET', path: '/subscriptions' });
    // nextRetryDelay from 1 s, doubling, random() = 0: the low end of its ±20 % jitter.
    expect(sleeps).toEqual([800, 1_600, 3_200]);
  });

  test('gives up after maxAttempts with THROTTLED and the last Retry-After', async () => {
    const throttled = () => graphResponse(429, concurrencyBody, { 'Retry-After': '1' });
    const { http, transport } = createTestHttp(replay(throttled, throttled, throttled), { retry: { maxAttempts: 3 } });
    const error = await errorOf(http.send({ method: 'GET', path: '/users/a@contoso.com/events' }));
    expect(error.code).toBe('THROTTLED');
    expect(error.details.retryAfterMs).toBe(1_000);
    expect(transport.requests).toHaveLength(3);
  });

  test('a Retry-After beyond maxDelayMs is not slept through: THROTTLED goes to the caller at once', async () => {
    const { http, sleeps, transport } = createTestHttp(
      replay(graphResponse(429, throttledBody, { 'Retry-After': '300' })),
      { retry: { maxDelayMs: 60_000 } },
    );
    const error = await errorOf(http.send({ method: 'GET', path: '/users/a@contoso.com/events' }));
    expect(error.code).toBe('THROTTLED');
    expect(error.details.retryAfterMs).toBe(300_000);
    expect(sleeps).toEqual([]);
    expect(transport.requests).toHaveLength(1);
  });

  test('a POST is resent with the same body', async () => {
    const { http, transport } = createTestHttp(replay(graphResponse(429, throttledBody, { 'Retry-After': '0' }), ok()));
    await http.send({
      method: 'POST',
      path: '/users/a@contoso.com/events',
      body: { subject: 'S', transactionId: 't-1' },
    });
    expect(transport.requests.map((request) => request.body)).toEqual([
      { subject: 'S', transactionId: 't-1' },
      { subject: 'S', transactionId: 't-1' },
    ]);
  });

  test('other errors are not retried', async () => {
    const { http, transport } = createTestHttp(
      replay(graphResponse(500, { error: { code: 'InternalServerError', message: 'x' } })),
    );
    const error = await errorOf(http.send({ method: 'GET', path: '/users/a@contoso.com/events' }));
    expect(error.code).toBe('UPSTREAM_FAILED');
    expect(transport.requests).toHaveLength(1);
  });
});

describe('tokens', () => {
  test('every request carries the bearer token', async () => {
    const { http, transport } = createTestHttp(replay(ok()));
    await http.send({ method: 'GET', path: '/users/a@contoso.com/events/x' });
    expect(transport.requests[0]!.headers.get('Authorization')).toBe('Bearer token-1');
    expect(transport.requests[0]!.url.href).toBe('https://graph.microsoft.com/v1.0/users/a@contoso.com/events/x');
  });

  test('a 401 triggers one forced refresh and a retry with the new token', async () => {
    const { http, transport, tokenCalls } = createTestHttp(
      replay(
        graphResponse(401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired.' } }),
        ok(),
      ),
    );
    await http.send({ method: 'GET', path: '/users/a@contoso.com/events/x' });
    expect(tokenCalls).toEqual([{ forceRefresh: false }, { forceRefresh: true }]);
    expect(transport.requests.map((request) => request.headers.get('Authorization'))).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  test('a second 401 is FORBIDDEN, without a third attempt', async () => {
    const unauthorized = () => graphResponse(401, { error: { code: 'InvalidAuthenticationToken', message: 'nope' } });
    const { http, transport } = createTestHttp(replay(unauthorized, unauthorized));
    const error = await errorOf(http.send({ method: 'GET', path: '/users/a@contoso.com/events/x' }));
    expect(error.code).toBe('FORBIDDEN');
    expect(transport.requests).toHaveLength(2);
  });

  test('a non-Microsoft https host gets the token via customHosts (host without port)', async () => {
    const { http, transport } = createTestHttp(replay(ok()), { baseUrl: 'https://127.0.0.1:8443' });
    await http.send({ method: 'GET', path: '/users/a@contoso.com/events/x' });
    expect(transport.requests[0]!.url.href).toBe('https://127.0.0.1:8443/v1.0/users/a@contoso.com/events/x');
    expect(transport.requests[0]!.headers.get('Authorization')).toBe('Bearer token-1');
  });

  test('an absolute link to another host never gets our token', async () => {
    const { http, transport } = createTestHttp(replay(ok()), { baseUrl: 'https://127.0.0.1:8443' });
    await http.send({ method: 'GET', path: 'https://evil.example.com/v1.0/users/a/events' });
    expect(transport.requests[0]!.headers.get('Authorization')).toBeNull();
  });

  test('a plain-http base URL is refused, since the SDK would silently send no token', () => {
    expect(() => createTestHttp(replay(), { baseUrl: 'http://127.0.0.1:8080' })).toThrow(/https/);
  });

  test('a failing token source keeps its AppError', async () => {
    const { http } = createTestHttp(replay(), {
      tokens: {
        getToken: async () => {
          throw new AppError('FORBIDDEN', 'invalid_client');
        },
      },
    });
    const error = await errorOf(http.send({ method: 'GET', path: '/users/a@contoso.com/events/x' }));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe('invalid_client');
  });
});

describe('per-mailbox concurrency', () => {
  test('at most 4 requests per mailbox are in flight; other mailboxes are not held back', async () => {
    const releases: Array<() => void> = [];
    let arrivals = 0;
    let onArrival: () => void = () => {};
    const { http, transport } = createTestHttp(
      (request) =>
        new Promise<Response>((resolve) => {
          releases.push(() => resolve(graphResponse(200, { id: request.url.pathname })));
          arrivals += 1;
          onArrival();
        }),
    );
    const waitForArrivals = (count: number) =>
      new Promise<void>((resolve) => {
        onArrival = () => arrivals >= count && resolve();
        onArrival();
      });
    const send = (mailbox: string, index: number) =>
      http.send({ method: 'GET', path: `/users/${mailbox}/events/e${index}`, mailbox });
    const roomA = Array.from({ length: 10 }, (_, index) => send('room-a@contoso.com', index));
    const roomB = Array.from({ length: 2 }, (_, index) => send('ROOM-B@contoso.com', index));
    // 4 of room A and both of room B reach the transport; the other 6 of room A wait for a slot.
    await waitForArrivals(6);
    expect(transport.inFlight('room-a@contoso.com')).toBe(4);
    expect(transport.inFlight('room-b@contoso.com')).toBe(2);
    while (releases.length > 0) {
      releases.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all([...roomA, ...roomB]);
    expect(transport.requests).toHaveLength(12);
    expect(transport.maxInFlight('room-a@contoso.com')).toBe(4);
  });

  test('requests without a mailbox (places, subscriptions) are not limited', async () => {
    const releases: Array<() => void> = [];
    let arrived: () => void = () => {};
    const sixArrived = new Promise<void>((resolve) => (arrived = resolve));
    const { http, transport } = createTestHttp(
      () =>
        new Promise<Response>((resolve) => {
          releases.push(() => resolve(graphResponse(200, { value: [] })));
          if (releases.length === 6) arrived();
        }),
    );
    const all = Array.from({ length: 6 }, () => http.send({ method: 'GET', path: '/places/microsoft.graph.room' }));
    await sixArrived;
    expect(transport.inFlight('')).toBe(6);
    for (const release of releases) release();
    await Promise.all(all);
  });
});

describe('transport failures', () => {
  test('a rejected fetch is UPSTREAM_FAILED with the original error as cause', async () => {
    const refused = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    const { http } = createTestHttp(() => Promise.reject(refused));
    const error = await errorOf(http.send({ method: 'GET', path: '/users/a@contoso.com/events' }));
    expect(error.code).toBe('UPSTREAM_FAILED');
    expect(error.cause).toBe(refused);
  });
});
