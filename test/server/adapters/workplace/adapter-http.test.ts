import { describe, expect, test } from 'vitest';
import { AppError } from '../../../../server/src/errors.js';
import {
  createWorkplaceClient,
  idempotencyKeyOf,
  workplaceFailureOf,
} from '../../../../server/src/adapters/workplace/index.js';

// The adapter's HTTP behaviour against a scripted fetch: retries, Retry-After, timeouts, error mapping.

type Scripted =
  number | 'network-error' | 'timeout' | { status: number; body?: unknown; headers?: Record<string, string> };

const errorBody = (code: string, message = 'refused') => ({ error: { code, message } });
const BUILDINGS = { items: [{ id: 'b-1', name: 'HQ', timeZone: 'Europe/Brussels' }], nextCursor: null };

function scriptedFetch(script: Scripted[]) {
  const requests: Array<{ url: string; method: string; headers: Record<string, string>; body?: string }> = [];
  const fetch: typeof globalThis.fetch = async (input, init = {}) => {
    requests.push({
      url: String(input),
      method: init.method ?? 'GET',
      headers: init.headers as Record<string, string>,
      ...(init.body ? { body: String(init.body) } : {}),
    });
    const step = script.shift() ?? 200;
    if (step === 'network-error') throw new TypeError('fetch failed');
    if (step === 'timeout') {
      // What fetch does when the timeout signal fires.
      const signal = init.signal!;
      if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve));
      throw signal.reason;
    }
    const { status, body, headers } =
      typeof step === 'number' ? { status: step, body: step < 300 ? BUILDINGS : errorBody('X'), headers: {} } : step;
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
  };
  return { fetch, requests };
}

function clientWith(script: Scripted[], options: { maxAttempts?: number; maxRetryAfterMs?: number } = {}) {
  const { fetch, requests } = scriptedFetch(script);
  const sleeps: number[] = [];
  const client = createWorkplaceClient({
    baseUrl: 'https://workplace.example/',
    apiKey: 'secret-key',
    fetch,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    now: () => new Date('2026-03-02T08:00:00Z'),
    timeoutSignal: () => AbortSignal.abort(new DOMException('The operation timed out', 'TimeoutError')),
    baseDelayMs: 100,
    maxDelayMs: 1_000,
    ...options,
  });
  return { client, requests, sleeps };
}

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('retries', () => {
  test('5xx and network errors are retried with exponential backoff and jitter, then succeed', async () => {
    const { client, requests, sleeps } = clientWith([503, 'network-error', 500]);
    expect(await client.listBuildings()).toEqual(BUILDINGS.items);
    expect(requests).toHaveLength(4);
    // nextRetryDelay from 100 ms, doubling; random() = 0.5 is the middle of its ±20 % jitter.
    expect(sleeps).toEqual([100, 200, 400]);
  });

  test('after maxAttempts the last failure is reported as UPSTREAM_FAILED', async () => {
    const { client, requests } = clientWith([503, 503, 503, 503], { maxAttempts: 3 });
    const error = await failureOf(client.listBuildings());
    expect(error.code).toBe('UPSTREAM_FAILED');
    expect(requests).toHaveLength(3);
  });

  test('429 waits as long as Retry-After says, in seconds or as an HTTP date', async () => {
    const { client, sleeps } = clientWith([
      { status: 429, body: errorBody('RATE_LIMITED'), headers: { 'retry-after': '3' } },
      { status: 429, body: errorBody('RATE_LIMITED'), headers: { 'retry-after': 'Mon, 02 Mar 2026 08:00:07 GMT' } },
    ]);
    await client.listBuildings();
    expect(sleeps).toEqual([3_000, 7_000]);
  });

  test('a Retry-After beyond the bound is not waited out: THROTTLED with retryAfterMs, at once', async () => {
    const { client, requests, sleeps } = clientWith(
      [{ status: 429, body: errorBody('RATE_LIMITED'), headers: { 'retry-after': '120' } }],
      {
        maxRetryAfterMs: 30_000,
      },
    );
    const error = await failureOf(client.listBuildings());
    expect(error.code).toBe('THROTTLED');
    expect(error.details.retryAfterMs).toBe(120_000);
    expect(requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  test('a timed-out attempt is retried', async () => {
    const { client, requests } = clientWith(['timeout', 200]);
    expect(await client.listBuildings()).toEqual(BUILDINGS.items);
    expect(requests).toHaveLength(2);
  });

  test('timeouts until the end fail as UPSTREAM_FAILED naming the timeout', async () => {
    const { client } = clientWith(['timeout', 'timeout'], { maxAttempts: 2 });
    const error = await failureOf(client.listBuildings());
    expect(error.code).toBe('UPSTREAM_FAILED');
    expect(workplaceFailureOf(error)).toMatchObject({ status: null, code: 'TIMEOUT' });
  });

  test('writes repeat the same Idempotency-Key and body on every attempt', async () => {
    const reservation = {
      id: 'r-1',
      version: 1,
      subject: 's',
      start: '2026-03-03T10:00:00',
      end: '2026-03-03T11:00:00',
      timeZone: 'Europe/Brussels',
      responsible: { email: 'a@contoso.com' },
      requestor: { email: 'a@contoso.com' },
      participants: [],
      recurrence: null,
      exceptions: [],
      lines: [],
      status: 'confirmed',
      source: 'outlook',
      createdAt: '2026-03-02T08:00:00Z',
      updatedAt: '2026-03-02T08:00:00Z',
    };
    const { client, requests } = clientWith([503, { status: 200, body: reservation }]);
    await client.updateReservation('r-1', { subject: 's' }, { idempotencyKey: 'key-1', ifMatch: 4 });
    expect(
      requests.map((request) => [
        request.method,
        request.headers['idempotency-key'],
        request.headers['if-match'],
        request.body,
      ]),
    ).toEqual([
      ['PATCH', expect.stringMatching(/^key-1\.[\w-]{22}$/), '4', '{"subject":"s"}'],
      ['PATCH', requests[0]!.headers['idempotency-key'], '4', '{"subject":"s"}'],
    ]);
    expect(requests[0]!.headers.authorization).toBe('Bearer secret-key');
    expect(requests[0]!.url).toBe('https://workplace.example/api/v1/reservations/r-1');
  });
});

describe('idempotency keys identify one write', () => {
  const request = { method: 'PATCH' as const, path: '/api/v1/reservations/r-1', body: { subject: 's' }, ifMatch: 4 };
  const keyOf = (changes: Partial<typeof request> & { idempotencyKey?: string }) =>
    idempotencyKeyOf({ idempotencyKey: 'exchange-e-1', ...request, ...changes });

  test('the same request gets the same key: a retry replays the first answer', () => {
    expect(keyOf({})).toBe(keyOf({}));
    expect(keyOf({})).toMatch(/^exchange-e-1\./);
  });

  test('another body, version, path or method gets another key, whatever the caller named it', () => {
    const keys = [
      keyOf({}),
      keyOf({ body: { subject: 't' } }),
      keyOf({ ifMatch: 5 }),
      keyOf({ path: '/api/v1/reservations/r-2' }),
      keyOf({ method: 'POST' as never }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('a caller key too long for Workplace (255) is shortened, the key still unique', () => {
    const long = keyOf({ idempotencyKey: `exchange-${'x'.repeat(400)}` });
    expect(long.length).toBeLessThanOrEqual(255);
    expect(long).not.toBe(keyOf({ idempotencyKey: `exchange-${'y'.repeat(400)}` }));
  });
});

describe('errors map to the closed set of codes', () => {
  test.each([
    [400, 'INVALID_REQUEST', 'INVALID_REQUEST'],
    [401, 'UNAUTHORIZED', 'FORBIDDEN'],
    [403, 'FORBIDDEN', 'FORBIDDEN'],
    [404, 'NOT_FOUND', 'NOT_FOUND'],
    [409, 'DOUBLE_BOOKING', 'CONFLICT'],
    [410, 'CURSOR_EXPIRED', 'CURSOR_EXPIRED'],
    [412, 'PRECONDITION_FAILED', 'PRECONDITION_FAILED'],
    [422, 'BOOKING_WINDOW_EXCEEDED', 'UNPROCESSABLE'],
    // Keys are derived from each request: a reused key is our bug, never Workplace refusing a booking.
    [422, 'IDEMPOTENCY_KEY_REUSED', 'INTERNAL'],
    // Our request cannot be right: set aside for an admin, not a refusal that declines the meeting.
    [422, 'INVALID_RECURRENCE', 'INVALID_REQUEST'],
    [422, 'UNKNOWN_OCCURRENCE', 'INVALID_REQUEST'],
    [422, 'OUTSIDE_OPENING_HOURS', 'UNPROCESSABLE'],
    [422, 'TIME_ZONE_MISMATCH', 'UNPROCESSABLE'],
    [428, 'PRECONDITION_REQUIRED', 'PRECONDITION_FAILED'],
  ])('%i %s → %s, without a retry, keeping what Workplace said', async (status, workplaceCode, appCode) => {
    const { client, requests } = clientWith([{ status, body: errorBody(workplaceCode, 'because') }]);
    const error = await failureOf(client.listBuildings());
    expect(error.code).toBe(appCode);
    expect(error.message).toContain(workplaceCode);
    expect(workplaceFailureOf(error)).toMatchObject({ status, code: workplaceCode, message: 'because' });
    expect(requests).toHaveLength(1);
  });

  test('a 409 keeps the conflicting occurrences for the caller', async () => {
    const conflicts = [
      { objectId: 'a-1', occurrenceStart: '2026-03-10T09:00:00.000Z', conflictingReservationId: 'r-9' },
    ];
    const { client } = clientWith([
      { status: 409, body: { error: { code: 'DOUBLE_BOOKING', message: 'taken', details: { conflicts } } } },
    ]);
    const error = await failureOf(client.listBuildings());
    expect(workplaceFailureOf(error)?.conflicts).toEqual(conflicts);
  });

  test('an error body that is not JSON still maps by status', async () => {
    const { client } = clientWith([{ status: 404, body: undefined }]);
    expect((await failureOf(client.listBuildings())).code).toBe('NOT_FOUND');
  });

  test('a 2xx body in an unexpected shape is UPSTREAM_FAILED, not a crash later on', async () => {
    const { client } = clientWith([{ status: 200, body: { items: [{ id: 'b-1' }], nextCursor: null } }]);
    const error = await failureOf(client.listBuildings());
    expect(error.code).toBe('UPSTREAM_FAILED');
    expect(error.message).toContain('unexpected shape');
  });
});
