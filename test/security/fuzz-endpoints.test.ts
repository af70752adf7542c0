import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  anyHostileString,
  hostileQuery,
  hostileString,
  hostileWellFormedString,
  malformedJson,
  nonJsonContentType,
  withValueAt,
  wrongTypeFor,
} from './support/hostile-input.js';
import { ADMIN, ANN, CLIENT_STATE, MEETING, SUBSCRIPTION_ID, startSecurityApp } from './support/security-app.js';
import type { JsonBody, SecurityApp } from './support/security-app.js';

// Fuzzing every public endpoint with what a broken or hostile client sends. For each request: a 4xx
// (never a 5xx) with the error handler's `{ error: { code, message } }`, the process still answers
// /healthz, and nothing changed (the sync's tables, Workplace's reservations and feed, the harness'
// meetings: SecurityApp.fingerprint). Token negatives: token-negatives.test.ts; webhook authenticity,
// replays and the validation handshake: webhook-negatives.test.ts.

const RUNS = 20;
const KIB = 1024;

let server: SecurityApp;
let fingerprint: string;
let reservationVersion: number;
beforeAll(async () => {
  server = await startSecurityApp();
  const found = await server.app.inject({
    url: `/api/reservations/for-meeting?reservationId=${server.seeded.reservationId}`,
    headers: await server.bearer(ANN),
  });
  reservationVersion = found.json().reservations[0].version;
  fingerprint = await server.fingerprint();
});
afterAll(() => server?.close());

/** A refusal: one of `statuses`, with an error body that names a code and says why. */
function expectRefusal(response: LightMyRequestResponse, statuses: readonly number[]) {
  expect(statuses, `${response.statusCode} ${response.body.slice(0, 300)}`).toContain(response.statusCode);
  const body = response.json() as JsonBody;
  expect(body.error.code).toMatch(/^[A-Z_]+$/);
  expect(body.error.message).toEqual(expect.stringMatching(/\S/));
}

/** Any answer but a server error; errors in the error handler's shape. */
function expectNoServerError(response: LightMyRequestResponse) {
  expect(response.statusCode, response.body.slice(0, 300)).toBeLessThan(500);
  if (response.statusCode >= 400) {
    const body = response.json() as JsonBody;
    // Fastify answers a URL it cannot decode itself, before the app's error handler: `{ error, code, message }`.
    const message = body.code === 'FST_ERR_BAD_URL' ? body.message : body.error.message;
    expect(message).toEqual(expect.stringMatching(/\S/));
  }
}

/** After a batch of hostile requests: the process answers and nothing changed. */
async function expectAliveAndUnchanged() {
  expect((await server.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  expect(await server.fingerprint()).toBe(fingerprint);
}

type FieldKind = Parameters<typeof wrongTypeFor>[0];
type Field = {
  path: Array<string | number>;
  kind: FieldKind;
  /** What a hostile string in this field answers; absent: free text, where any string may be fine. */
  hostile?: number[];
  /** '' is a valid value here (a line without an id is a new line). */
  isEmptyValid?: boolean;
};

/** A body endpoint: a request it would accept (and act on), and the fields every case breaks one of. */
type BodyEndpoint = {
  name: string;
  method: 'POST' | 'PATCH';
  url: () => string;
  headers: () => Promise<Record<string, string>>;
  valid: () => unknown;
  fields: Field[];
  /** The answer to a body that is not JSON, or not the endpoint's kind of JSON. */
  refusal: number[];
};

const anonymous = async () => ({});
const asAnn = () => server.bearer(ANN);
const asAdmin = () => server.bearer(ADMIN);
const aLink = () => ({ areaId: 'a-bru-0.02', mailbox: 'room-brussels-0.02@contoso.com' });

const bodyEndpoints: BodyEndpoint[] = [
  {
    name: 'POST /webhooks/graph',
    method: 'POST',
    url: () => '/webhooks/graph',
    headers: anonymous,
    valid: () => ({
      value: [
        {
          subscriptionId: SUBSCRIPTION_ID,
          clientState: CLIENT_STATE,
          changeType: 'created',
          resource: 'Users/u/Events/e',
        },
      ],
    }),
    fields: [
      { path: ['value'], kind: 'array' },
      { path: ['value', 0], kind: 'object' },
      { path: ['value', 0, 'subscriptionId'], kind: 'string' },
      { path: ['value', 0, 'clientState'], kind: 'nullable-string', hostile: [400, 403] },
      { path: ['value', 0, 'changeType'], kind: 'nullable-string' },
      { path: ['value', 0, 'resource'], kind: 'nullable-string' },
    ],
    refusal: [400, 415],
  },
  {
    name: 'POST /webhooks/graph/lifecycle',
    method: 'POST',
    url: () => '/webhooks/graph/lifecycle',
    headers: anonymous,
    valid: () => ({
      value: [{ subscriptionId: SUBSCRIPTION_ID, clientState: CLIENT_STATE, lifecycleEvent: 'subscriptionRemoved' }],
    }),
    fields: [
      { path: ['value'], kind: 'array' },
      { path: ['value', 0, 'subscriptionId'], kind: 'string' },
      { path: ['value', 0, 'clientState'], kind: 'nullable-string', hostile: [400, 403] },
      { path: ['value', 0, 'lifecycleEvent'], kind: 'nullable-string' },
    ],
    refusal: [400, 415],
  },
  {
    // Unsigned: whatever the body, the signature is checked first (signed bodies: webhook-negatives).
    name: 'POST /webhooks/workplace',
    method: 'POST',
    url: () => '/webhooks/workplace',
    headers: async () => ({
      'x-workplace-timestamp': String(Math.floor(server.now().getTime() / 1000)),
      'x-workplace-signature': `sha256=${'0'.repeat(64)}`,
    }),
    valid: () => ({
      changes: [{ sequence: 1, reservationId: 'r-1', version: 1, type: 'created', occurredAt: MEETING.start }],
    }),
    fields: [
      { path: ['changes'], kind: 'array' },
      { path: ['changes', 0, 'sequence'], kind: 'number' },
      { path: ['changes', 0, 'reservationId'], kind: 'string', hostile: [401] },
    ],
    refusal: [401, 415],
  },
  {
    name: 'POST /api/booking-intents',
    method: 'POST',
    url: () => '/api/booking-intents',
    headers: asAnn,
    valid: () => ({
      clientRequestId: randomUUID(),
      subject: 'Design review',
      start: '2026-03-03T09:00:00.000Z',
      end: '2026-03-03T10:00:00.000Z',
      timeZone: 'Europe/Brussels',
      recurrence: null,
      roomId: 'a-bru-0.01',
      lines: [{ kind: 'catering', objectId: 'ci-coffee', quantity: 6 }],
      alternatives: [],
    }),
    fields: [
      { path: ['clientRequestId'], kind: 'string', hostile: [400] },
      { path: ['subject'], kind: 'string' },
      { path: ['start'], kind: 'string', hostile: [400] },
      { path: ['end'], kind: 'string', hostile: [400] },
      { path: ['timeZone'], kind: 'string', hostile: [400] },
      { path: ['recurrence'], kind: 'nullable-object' },
      { path: ['roomId'], kind: 'string', hostile: [400, 404] },
      { path: ['lines'], kind: 'array' },
      { path: ['lines', 0, 'kind'], kind: 'string', hostile: [400] },
      { path: ['lines', 0, 'objectId'], kind: 'string', hostile: [400, 404, 422] },
      { path: ['lines', 0, 'quantity'], kind: 'number' },
      { path: ['alternatives'], kind: 'array' },
    ],
    refusal: [400, 415],
  },
  {
    name: 'PATCH /api/reservations/:id/lines',
    method: 'PATCH',
    url: () => `/api/reservations/${server.seeded.reservationId}/lines`,
    headers: asAnn,
    valid: () => ({ version: reservationVersion, lines: [{ kind: 'equipment', objectId: 'as-bru-beamer-1' }] }),
    fields: [
      { path: ['version'], kind: 'number' },
      { path: ['lines'], kind: 'array' },
      { path: ['lines', 0], kind: 'object' },
      { path: ['lines', 0, 'kind'], kind: 'string', hostile: [400] },
      { path: ['lines', 0, 'objectId'], kind: 'string', hostile: [400, 404, 422] },
      { path: ['lines', 0, 'id'], kind: 'string', hostile: [400, 404, 422], isEmptyValid: true },
    ],
    refusal: [400, 415],
  },
  {
    name: 'POST /admin/api/room-links',
    method: 'POST',
    url: () => '/admin/api/room-links',
    headers: asAdmin,
    valid: aLink,
    fields: [
      { path: ['areaId'], kind: 'string', hostile: [400, 404, 409, 422] },
      { path: ['mailbox'], kind: 'string', hostile: [400] },
    ],
    refusal: [400, 415],
  },
  {
    name: 'POST /admin/api/room-links/proposals',
    method: 'POST',
    url: () => '/admin/api/room-links/proposals',
    headers: asAdmin,
    valid: () => ({ by: ['email', 'name'] }),
    fields: [
      { path: ['by'], kind: 'array' },
      { path: ['by', 0], kind: 'string', hostile: [400] },
    ],
    refusal: [400, 415],
  },
  {
    name: 'POST /admin/api/room-links/progress',
    method: 'POST',
    url: () => '/admin/api/room-links/progress',
    headers: asAdmin,
    valid: () => ({ mailboxes: [aLink().mailbox] }),
    fields: [
      { path: ['mailboxes'], kind: 'array' },
      { path: ['mailboxes', 0], kind: 'string', hostile: [400] },
    ],
    refusal: [400, 415],
  },
  {
    name: 'POST /admin/api/room-links/bulk',
    method: 'POST',
    url: () => '/admin/api/room-links/bulk',
    headers: asAdmin,
    valid: () => ({ links: [aLink()] }),
    fields: [
      { path: ['links'], kind: 'array' },
      { path: ['links', 0], kind: 'object' },
      { path: ['links', 0, 'areaId'], kind: 'string' },
      { path: ['links', 0, 'mailbox'], kind: 'string', hostile: [400] },
    ],
    refusal: [400, 415],
  },
  ...(['dry-run', 'switch'] as const).map((step): BodyEndpoint => ({
    name: `POST /admin/api/cutover/${step}`,
    method: 'POST',
    url: () => `/admin/api/cutover/${step}`,
    headers: asAdmin,
    valid: aLink,
    fields: [
      { path: ['areaId'], kind: 'string' },
      { path: ['mailbox'], kind: 'string', hostile: [400] },
    ],
    refusal: [400, 415],
  })),
  {
    name: 'POST /harness/send',
    method: 'POST',
    url: () => '/harness/send',
    headers: anonymous,
    valid: () => ({
      organizer: ANN,
      subject: 'Design review',
      start: MEETING.start,
      end: MEETING.end,
      timeZone: 'Europe/Brussels',
      recurrence: null,
      attendees: ['bob@contoso.com'],
      rooms: ['room-brussels-0.01@contoso.com'],
    }),
    fields: [
      { path: ['organizer'], kind: 'string', hostile: [400] },
      { path: ['subject'], kind: 'string' },
      { path: ['start'], kind: 'string', hostile: [400] },
      { path: ['timeZone'], kind: 'string', hostile: [400] },
      { path: ['recurrence'], kind: 'nullable-object' },
      { path: ['attendees'], kind: 'array' },
      { path: ['attendees', 0], kind: 'string', hostile: [400] },
      { path: ['rooms', 0], kind: 'string', hostile: [400] },
    ],
    refusal: [400, 415],
  },
  {
    name: 'POST /harness/token',
    method: 'POST',
    url: () => '/harness/token',
    headers: anonymous,
    valid: () => ({ user: ANN }),
    fields: [{ path: ['user'], kind: 'string', hostile: [400] }],
    refusal: [400, 415],
  },
];

const send = async (endpoint: BodyEndpoint, payload: string, contentType = 'application/json') =>
  server.app.inject({
    method: endpoint.method,
    url: endpoint.url(),
    headers: { ...(await endpoint.headers()), 'content-type': contentType },
    payload,
  });

describe.each(bodyEndpoints.map((endpoint) => [endpoint.name, endpoint] as const))('%s', (_name, endpoint) => {
  test('malformed JSON: refused, nothing stored', async () => {
    await fc.assert(
      fc.asyncProperty(malformedJson, async (text) => {
        expectRefusal(await send(endpoint, text), endpoint.refusal);
      }),
      { numRuns: RUNS },
    );
    await expectAliveAndUnchanged();
  });

  test('one field of the wrong type: refused, nothing stored', async () => {
    const wrongField = fc
      .constantFrom(...endpoint.fields)
      .chain((field) => wrongTypeFor(field.kind).map((value) => ({ path: field.path, value })));
    await fc.assert(
      fc.asyncProperty(wrongField, async ({ path, value }) => {
        const response = await send(endpoint, JSON.stringify(withValueAt(endpoint.valid(), path, value)));
        // A huge string may take the body over its limit: refused before parsing.
        expectRefusal(response, [endpoint.name === 'POST /webhooks/workplace' ? 401 : 400, 413]);
      }),
      { numRuns: RUNS },
    );
    await expectAliveAndUnchanged();
  });

  const checked = endpoint.fields.filter((field) => field.hostile);
  test.skipIf(checked.length === 0)(
    'control characters, surrogates, markup and huge strings where a format or a known id is due: refused',
    async () => {
      const hostileField = fc
        .constantFrom(...checked)
        .chain((field) =>
          anyHostileString.filter((text) => text !== '' || !field.isEmptyValid).map((text) => ({ field, text })),
        );
      await fc.assert(
        fc.asyncProperty(hostileField, async ({ field, text }) => {
          const response = await send(endpoint, JSON.stringify(withValueAt(endpoint.valid(), field.path, text)));
          // A huge string may take the body over its limit (64 KiB for some): refused before parsing.
          expectRefusal(response, [...field.hostile!, 413]);
        }),
        { numRuns: RUNS },
      );
      await expectAliveAndUnchanged();
    },
  );

  test('an acceptable body under a content type that is not JSON: refused', async () => {
    await fc.assert(
      fc.asyncProperty(nonJsonContentType, async (contentType) => {
        expectRefusal(await send(endpoint, JSON.stringify(endpoint.valid()), contentType), endpoint.refusal);
      }),
      { numRuns: 9 },
    );
    await expectAliveAndUnchanged();
  });

  test('an empty body, with or without a JSON content type: refused', async () => {
    for (const contentType of ['application/json', 'text/plain', null]) {
      const response = await server.app.inject({
        method: endpoint.method,
        url: endpoint.url(),
        headers: { ...(await endpoint.headers()), ...(contentType ? { 'content-type': contentType } : {}) },
      });
      expectRefusal(response, [400, 401]);
    }
    await expectAliveAndUnchanged();
  });
});

describe('bodies over the limit: a 413 before anything is parsed (the other endpoints: limits.test.ts)', () => {
  test.each([
    ['POST /webhooks/graph/lifecycle', 1024 * KIB],
    ['PATCH /api/reservations/:id/lines', 256 * KIB],
    ['POST /harness/token', 64 * KIB],
  ])('%s over %i bytes', async (name, limit) => {
    const endpoint = bodyEndpoints.find((candidate) => candidate.name === name)!;
    // A body the endpoint would accept, padded past the limit.
    const padded = JSON.stringify({ ...(endpoint.valid() as object), padding: 'x'.repeat(limit) });
    const response = await send(endpoint, padded);
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) });
    await expectAliveAndUnchanged();
  });
});

const ROOM = 'room-brussels-0.01@contoso.com';
/** GET endpoints (and a DELETE) with the parameter names they read. */
const reads: Array<{ url: () => string; names: string[]; headers: () => Promise<Record<string, string>> }> = [
  { url: () => '/api/rooms', names: ['buildingId', 'floorId', 'minCapacity', 'equipment'], headers: asAnn },
  {
    url: () => '/api/reservations/for-meeting',
    names: ['reservationId', 'organizer', 'start', 'rooms'],
    headers: asAnn,
  },
  { url: () => `/api/booking-intents/${randomUUID()}`, names: ['intentId'], headers: asAnn },
  { url: () => '/admin/api/rooms', names: ['mailbox', 'limit'], headers: asAdmin },
  { url: () => '/admin/api/me', names: ['email'], headers: asAdmin },
  { url: () => '/admin/api/room-links', names: ['areaId', 'mailbox'], headers: asAdmin },
  { url: () => `/admin/api/room-links/${ROOM}/progress`, names: ['mailbox'], headers: asAdmin },
  {
    url: () => '/admin/api/sync-log',
    names: ['mailbox', 'organizer', 'action', 'from', 'to', 'before', 'limit'],
    headers: asAdmin,
  },
  { url: () => '/admin/api/drift', names: ['days'], headers: asAdmin },
  { url: () => '/admin/api/failed-items', names: ['state'], headers: asAdmin },
  { url: () => '/admin/console-config.json', names: ['tenant'], headers: anonymous },
  { url: () => '/admin/', names: ['page'], headers: anonymous },
  { url: () => '/healthz', names: ['verbose'], headers: anonymous },
  { url: () => '/readyz', names: ['verbose'], headers: anonymous },
  { url: () => '/metrics', names: ['name[]'], headers: anonymous },
  { url: () => '/docs/json', names: ['url'], headers: anonymous },
  { url: () => '/openapi/addin-api.json', names: ['url'], headers: anonymous },
  { url: () => '/addin-config.json', names: ['tenant'], headers: anonymous },
  { url: () => '/taskpane.html', names: ['_host_Info', 'et'], headers: anonymous },
  { url: () => '/harness/office-js/office.js', names: ['file'], headers: anonymous },
];

describe('query strings', () => {
  test('random names and hostile values on every GET endpoint: never a 5xx, nothing changed', async () => {
    const request = fc
      .constantFrom(...reads)
      .chain((read) => hostileQuery(read.names).map((query) => ({ read, query })));
    await fc.assert(
      fc.asyncProperty(request, async ({ read, query }) => {
        const method = read.url().startsWith('/api/booking-intents/') ? 'DELETE' : 'GET';
        const url = `${read.url()}?${query}`;
        expectNoServerError(await server.app.inject({ method, url, headers: await read.headers() }));
      }),
      { numRuns: RUNS * 3 },
    );
    await expectAliveAndUnchanged();
  });

  const availabilityNames = [
    'start',
    'end',
    'timeZone',
    'freq',
    'interval',
    'byDay',
    'byMonthDay',
    'bySetPos',
    'byMonth',
    'weekStart',
    'count',
    'until',
    'roomIds',
    'excludeReservationIds',
    'buildingId',
    'minCapacity',
    'equipment',
  ];
  const usualValues = fc.constantFrom(
    '0',
    '-1',
    '1',
    '31',
    '999',
    '1000000',
    '1e3',
    'daily',
    'weekly',
    'monthly',
    'yearly',
    'MO,TU',
    'XX',
    '2026-02-30',
    '9999-12-31',
    '2026-03-02T09:00:00Z',
    '+275760-09-13T00:00:00Z',
    'W. Europe Standard Time',
    'Europe/Brussels',
    ',,,',
  );

  test('GET /api/availability: a valid meeting with some parameters replaced: 200, 400 or 422', async () => {
    const overrides = fc.array(
      fc.tuple(fc.constantFrom(...availabilityNames), fc.oneof(usualValues, hostileWellFormedString)),
      { minLength: 1, maxLength: 4 },
    );
    await fc.assert(
      fc.asyncProperty(overrides, async (pairs) => {
        const query = new URLSearchParams({ start: MEETING.start, end: MEETING.end, timeZone: 'Europe/Brussels' });
        for (const [name, value] of pairs) query.set(name, value);
        const response = await server.app.inject({ url: `/api/availability?${query}`, headers: await asAnn() });
        expectNoServerError(response);
        expect([200, 400, 422]).toContain(response.statusCode);
      }),
      { numRuns: RUNS * 2 },
    );
    await expectAliveAndUnchanged();
  });

  test('POST endpoints with hostile query strings and an empty object: refused', async () => {
    const request = fc
      .constantFrom(...bodyEndpoints.filter((endpoint) => !endpoint.name.includes('webhooks/workplace')))
      .chain((endpoint) => hostileQuery(['value', 'user', 'version']).map((query) => ({ endpoint, query })));
    await fc.assert(
      fc.asyncProperty(request, async ({ endpoint, query }) => {
        const response = await server.app.inject({
          method: endpoint.method,
          url: `${endpoint.url()}?${query}`,
          headers: { ...(await endpoint.headers()), 'content-type': 'application/json' },
          payload: '{}',
        });
        expectRefusal(response, [400]);
      }),
      { numRuns: RUNS },
    );
    await expectAliveAndUnchanged();
  });
});

describe('paths and methods', () => {
  const prefixes = [
    '',
    'api',
    'api/booking-intents',
    'api/reservations',
    'admin',
    'admin/api',
    'admin/api/room-links',
    'admin/api/rooms',
    'admin/api/failed-items',
    'webhooks',
    'harness',
    'docs',
  ];
  const segment = fc.oneof(
    hostileWellFormedString.map(encodeURIComponent),
    fc.constantFrom('%', '%%', '%E0%A4%A', '%00', '%2e%2e', '..', '.', '', 'lines', 'rooms', '%C0%AF', '%FF'),
  );
  const request = fc.record({
    method: fc.constantFrom<InjectOptions['method']>('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
    path: fc
      .tuple(fc.constantFrom(...prefixes), fc.array(segment, { minLength: 1, maxLength: 3 }))
      .map(([prefix, segments]) => `/${[prefix, ...segments].filter(Boolean).join('/')}`),
    user: fc.constantFrom(null, ANN, ADMIN),
    body: fc.oneof(fc.constant(undefined), fc.constant('{}'), hostileString),
  });

  test('random paths under every prefix, any method, as nobody, a user or an admin: never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, user, body }) => {
        const hasBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
        const response = await server.app.inject({
          method,
          url: path,
          headers: {
            ...(user ? await server.bearer(user) : {}),
            ...(hasBody ? { 'content-type': 'application/json' } : {}),
          },
          ...(hasBody ? { payload: body } : {}),
        });
        if (method === 'HEAD') expect(response.statusCode).toBeLessThan(500);
        else expectNoServerError(response);
      }),
      { numRuns: RUNS * 4 },
    );
    await expectAliveAndUnchanged();
  });
});

describe('route spellings', () => {
  // The router decodes percent-escapes before it matches (`/%61pi/rooms` is `/api/rooms`) and matches
  // case-sensitively (`/API/rooms` is no route). Every policy — auth, rate limits, CSP — must follow the
  // route that runs, so any spelling of a route answers as the route does.
  const spell = (path: string, encoded: boolean[], upper: boolean[]) =>
    [...path]
      .map((character, index) => {
        const cased = upper[index % upper.length] ? character.toUpperCase() : character;
        return encoded[index % encoded.length] && /[A-Za-z0-9.-]/.test(cased)
          ? `%${cased.charCodeAt(0).toString(16).padStart(2, '0')}`
          : cased;
      })
      .join('');
  const routes = [...reads.map((read) => ({ method: 'GET' as const, ...read })), ...bodyEndpoints];
  const spelling = fc.record({
    route: fc.constantFrom(...routes),
    signedIn: fc.boolean(),
    encoded: fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
    upper: fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
  });

  test('a percent-encoded spelling of every route answers as the route, signed in or not (status and CSP)', async () => {
    await fc.assert(
      fc.asyncProperty(spelling, async ({ route, signedIn, encoded }) => {
        const path = route.url();
        const headers = {
          ...(signedIn ? await route.headers() : {}),
          ...(route.method === 'GET' ? {} : { 'content-type': 'application/json' }),
        };
        const ask = (url: string) =>
          server.app.inject({
            method: route.method,
            url,
            headers,
            ...(route.method === 'GET' ? {} : { payload: '{}' }),
          });
        const [plain, spelled] = [await ask(path), await ask(spell(path, encoded, [false]))];
        expect({ status: spelled.statusCode, csp: spelled.headers['content-security-policy'] }).toEqual({
          status: plain.statusCode,
          csp: plain.headers['content-security-policy'],
        });
      }),
      { numRuns: RUNS * 4 },
    );
    await expectAliveAndUnchanged();
  });

  test('a spelling in other letter cases is no route: a 404 in our error shape, never the route', async () => {
    await fc.assert(
      fc.asyncProperty(spelling, async ({ route, encoded, upper }) => {
        const path = route.url();
        const staticPart = path.split('/').slice(0, 3).join('/');
        const cased = spell(staticPart, [false], upper) + path.slice(staticPart.length);
        fc.pre(cased !== path);
        const response = await server.app.inject({
          method: route.method,
          url: spell(cased, encoded, [false]),
          headers: await route.headers(),
        });
        expectRefusal(response, [404]);
      }),
      { numRuns: RUNS * 4 },
    );
  });
});
