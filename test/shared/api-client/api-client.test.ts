import { describe, expect, test, vi } from 'vitest';
import {
  ApiError,
  createApiCaller,
  createCachedTokenSource,
  fetchPublicJson,
  toPath,
  toQueryString,
} from '@workplace-sync/shared';

// The client both browser apps build their endpoints on (the pane's and the console's own tests cover
// their endpoints); a scripted fetch stands in for the server.

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const headersOf = (init: RequestInit | undefined) => init!.headers as Record<string, string>;

describe('createApiCaller', () => {
  test('sends the bearer token; after a 401 it takes a fresh token and retries once', async () => {
    const tokens = ['old', 'fresh'];
    const getToken = vi.fn(async () => tokens.shift()!);
    const fetch = vi.fn(async (_url: string | URL | Request, init?: RequestInit) =>
      headersOf(init).authorization === 'Bearer old'
        ? json(401, { error: { code: 'UNAUTHORIZED', message: 'expired' } })
        : json(200, { ok: true }),
    );
    const call = createApiCaller({ baseUrl: 'https://rooms.example.com', getToken, fetch });
    expect(await call('POST', '/api/things', { name: 'x' })).toEqual({ ok: true });
    expect(getToken.mock.calls).toEqual([[{ forceRefresh: false }], [{ forceRefresh: true }]]);
    expect(fetch).toHaveBeenCalledTimes(2);
    const [url, init] = fetch.mock.calls[1]!;
    expect(url).toBe('https://rooms.example.com/api/things');
    expect(init).toMatchObject({ method: 'POST', body: '{"name":"x"}' });
    expect(headersOf(init)).toEqual({
      accept: 'application/json',
      authorization: 'Bearer fresh',
      'content-type': 'application/json',
    });
  });

  test('a second 401 is the answer: no further retry', async () => {
    const getToken = vi.fn(async () => 't');
    const fetch = vi.fn(async () => json(401, { error: { code: 'UNAUTHORIZED', message: 'Token rejected' } }));
    const call = createApiCaller({ getToken, fetch });
    await expect(call('GET', '/api/rooms')).rejects.toEqual(new ApiError(401, 'UNAUTHORIZED', 'Token rejected'));
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(getToken).toHaveBeenCalledTimes(2);
  });

  test('without a body: no content type; 204 answers undefined', async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 204 }));
    const call = createApiCaller({ getToken: async () => 't', fetch });
    expect(await call('DELETE', '/api/things/1')).toBeUndefined();
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(init.body).toBeUndefined();
    expect(headersOf(init)).not.toHaveProperty('content-type');
  });

  const failures: Array<[string, () => Response, ApiError]> = [
    [
      'the error body’s code and message',
      () => json(409, { error: { code: 'CONFLICT', message: 'Room taken' } }),
      new ApiError(409, 'CONFLICT', 'Room taken'),
    ],
    [
      'a body that is not JSON: the status text',
      () => new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' }),
      new ApiError(502, 'HTTP_502', 'Bad Gateway'),
    ],
    [
      'JSON without an error: the status text',
      () => json(500, { message: 'oops' }),
      new ApiError(500, 'HTTP_500', 'HTTP 500'),
    ],
    [
      'an error without a message: its code, and the status text',
      () => new Response('{"error":{"code":"THROTTLED"}}', { status: 429, statusText: 'Too Many Requests' }),
      new ApiError(429, 'THROTTLED', 'Too Many Requests'),
    ],
  ];
  for (const [name, answer, expected] of failures) {
    test(`error: ${name}`, async () => {
      const call = createApiCaller({ getToken: async () => 't', fetch: async () => answer() });
      const error = await call('GET', '/api/rooms').catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toEqual(expected);
      expect((error as ApiError).name).toBe('ApiError');
    });
  }

  test('no network: an ApiError with status 0, code NETWORK and the browser’s reason', async () => {
    const call = createApiCaller({
      getToken: async () => 't',
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(call('GET', '/api/rooms')).rejects.toEqual(
      new ApiError(0, 'NETWORK', 'The server could not be reached (Failed to fetch)'),
    );
  });

  test('a request that gets no answer in time fails with TIMEOUT, and a retry can succeed', async () => {
    let answers = false;
    const call = createApiCaller({
      getToken: async () => 't',
      timeoutMs: 50,
      fetch: (_url, init) =>
        answers
          ? Promise.resolve(new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } }))
          : new Promise((_resolve, reject) =>
              init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)),
            ),
    });
    await expect(call('GET', '/api/rooms')).rejects.toEqual(
      new ApiError(0, 'TIMEOUT', 'The server did not answer within 1 s; try again'),
    );
    answers = true;
    await expect(call('GET', '/api/rooms')).resolves.toEqual({ ok: true });
  });

  test('a token that cannot be had is the token source’s own error', async () => {
    const fetch = vi.fn();
    const call = createApiCaller({
      getToken: async () => {
        throw new Error('Sign-in was not completed');
      },
      fetch,
    });
    await expect(call('GET', '/api/rooms')).rejects.toThrow('Sign-in was not completed');
    expect(fetch).not.toHaveBeenCalled();
  });

  test('uses the global fetch of the moment when none is given', async () => {
    const fetch = vi.fn(async () => json(200, { rooms: [] }));
    vi.stubGlobal('fetch', fetch);
    try {
      expect(await createApiCaller({ getToken: async () => 't' })('GET', '/api/rooms')).toEqual({ rooms: [] });
      expect(fetch).toHaveBeenCalledWith('/api/rooms', expect.anything());
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('fetchPublicJson', () => {
  test('no token; an error answer is an ApiError, no network the browser’s own error', async () => {
    const fetch = vi.fn(async () => json(200, { auth: { kind: 'embedded' } }));
    expect(await fetchPublicJson('/admin/console-config.json', fetch)).toEqual({ auth: { kind: 'embedded' } });
    expect(fetch).toHaveBeenCalledWith('/admin/console-config.json', { headers: { accept: 'application/json' } });
    await expect(
      fetchPublicJson('/x', async () => json(503, { error: { code: 'DOWN', message: 'Down' } })),
    ).rejects.toEqual(new ApiError(503, 'DOWN', 'Down'));
    const offline = new TypeError('Failed to fetch');
    await expect(
      fetchPublicJson('/x', async () => {
        throw offline;
      }),
    ).rejects.toBe(offline);
  });
});

describe('request URLs', () => {
  const queries: Array<[string, Record<string, string | number | undefined>, string]> = [
    ['nothing set', {}, ''],
    ['undefined and empty values are left out', { a: undefined, b: '', c: 'x' }, '?c=x'],
    ['numbers as text, zero kept', { limit: 50, before: 0 }, '?limit=50&before=0'],
    ['spaces as +', { reservationId: 'r 1' }, '?reservationId=r+1'],
    ['separators encoded', { q: 'a&b=c?d#e/f' }, '?q=a%26b%3Dc%3Fd%23e%2Ff'],
    ['commas of lists encoded', { byDay: 'MO,WE' }, '?byDay=MO%2CWE'],
    ['plus and percent encoded', { q: '1+1=2 100%' }, '?q=1%2B1%3D2+100%25'],
    ['non-ASCII as UTF-8', { organizer: 'zoë@contoso.com' }, '?organizer=zo%C3%AB%40contoso.com'],
    ['in the order given', { z: '1', a: '2' }, '?z=1&a=2'],
  ];
  for (const [name, query, expected] of queries) {
    test(`toQueryString: ${name}`, () => {
      expect(toQueryString(query)).toBe(expected);
      const read = Object.fromEntries(new URLSearchParams(expected));
      const kept = Object.entries(query).filter(([, value]) => value !== undefined && value !== '');
      expect(read).toEqual(Object.fromEntries(kept.map(([key, value]) => [key, String(value)])));
    });
  }

  test('toPath: each parameter is one encoded segment', () => {
    expect(toPath('/admin/api/room-links/:mailbox/progress', { mailbox: 'room a/b@contoso.com' })).toBe(
      '/admin/api/room-links/room%20a%2Fb%40contoso.com/progress',
    );
    expect(toPath('/api/booking-intents/:intentId', { intentId: '../x?y#z' })).toBe(
      '/api/booking-intents/..%2Fx%3Fy%23z',
    );
    expect(toPath('/api/rooms')).toBe('/api/rooms');
  });
});

describe('createCachedTokenSource', () => {
  const minted = (token: string, expiresAt: number) => ({
    accessToken: token,
    expiresAt: new Date(expiresAt).toISOString(),
  });

  test('keeps a token until a minute before it expires; forceRefresh mints anew', async () => {
    let now = 0;
    let count = 0;
    const mint = vi.fn(async () => minted(`t${++count}`, 10 * 60_000));
    const getToken = createCachedTokenSource(mint, () => now);
    expect(await getToken()).toBe('t1');
    now = 9 * 60_000 - 1;
    expect(await getToken()).toBe('t1');
    now = 9 * 60_000;
    expect(await getToken()).toBe('t2');
    expect(await getToken({ forceRefresh: true })).toBe('t3');
    expect(mint).toHaveBeenCalledTimes(3);
  });

  test('calls that start together share one request; a failure is not kept', async () => {
    let release!: () => void;
    const mint = vi
      .fn()
      .mockImplementationOnce(
        () => new Promise((resolve) => (release = () => resolve(minted('t1', Date.now() + 3_600_000)))),
      )
      .mockRejectedValueOnce(new Error('The demo sign-in failed (HTTP 500)'))
      .mockResolvedValueOnce(minted('t3', Date.now() + 3_600_000));
    const getToken = createCachedTokenSource(mint);
    const together = Promise.all([getToken(), getToken(), getToken({ forceRefresh: true })]);
    release();
    expect(await together).toEqual(['t1', 't1', 't1']);
    expect(mint).toHaveBeenCalledTimes(1);
    await expect(getToken({ forceRefresh: true })).rejects.toThrow('HTTP 500');
    expect(await getToken({ forceRefresh: true })).toBe('t3');
  });
});
