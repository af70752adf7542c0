import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN, ANN, BOB, MEETING, startSecurityApp } from './support/security-app.js';
import type { JsonBody, SecurityApp } from './support/security-app.js';
import { FOREIGN_TENANT, TENANT } from './support/token-forge.js';

// Every way a bearer token can be wrong, against every /api operation and the admin API. Each request
// would change something with a valid token (a hold, released hold, edited lines); with a bad one it
// is a 401 saying why (a 403 for a valid user who is not an admin), and nothing changed. The add-in
// API's checks one by one (expired, audience, issuer, tenant, scope, app-only, other key):
// test/server/plugins/addin-auth.test.ts.

let server: SecurityApp;
let attackerKey: CryptoKey;
let fingerprint: string;
beforeAll(async () => {
  server = await startSecurityApp();
  attackerKey = (await generateKeyPair('RS256', { extractable: true })).privateKey;
  fingerprint = await server.fingerprint();
});
afterAll(() => server?.close());

type Operation = { name: string; method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: () => string; body?: () => unknown };

/** The add-in API, each with a request that would succeed with Ann's valid token. */
const apiOperations: Operation[] = [
  { name: 'GET /api/rooms', method: 'GET', url: () => '/api/rooms' },
  {
    name: 'GET /api/availability',
    method: 'GET',
    url: () => `/api/availability?start=${MEETING.start}&end=${MEETING.end}&timeZone=Europe/Brussels`,
  },
  {
    name: 'POST /api/booking-intents',
    method: 'POST',
    url: () => '/api/booking-intents',
    body: () => ({
      clientRequestId: randomUUID(),
      start: '2026-03-04T09:00:00.000Z',
      end: '2026-03-04T10:00:00.000Z',
      timeZone: 'Europe/Brussels',
      roomId: 'a-bru-0.01',
    }),
  },
  {
    name: 'DELETE /api/booking-intents/:id',
    method: 'DELETE',
    url: () => `/api/booking-intents/${server.seeded.intentId}`,
  },
  {
    name: 'GET /api/reservations/for-meeting',
    method: 'GET',
    url: () => `/api/reservations/for-meeting?reservationId=${server.seeded.reservationId}`,
  },
  {
    name: 'PATCH /api/reservations/:id/lines',
    method: 'PATCH',
    url: () => `/api/reservations/${server.seeded.reservationId}/lines`,
    body: () => ({ version: 1, lines: [{ kind: 'equipment', objectId: 'as-bru-beamer-1' }] }),
  },
];
const link = () => ({ areaId: 'a-bru-0.02', mailbox: 'room-brussels-0.02@contoso.com' });
/** The admin API: reads, and the actions that link, unlink, resync, retry and cut over. */
const adminOperations: Operation[] = [
  ['GET', '/admin/api/me'],
  ['GET', '/admin/api/rooms'],
  ['GET', '/admin/api/room-links'],
  ['POST', '/admin/api/room-links', link],
  ['DELETE', '/admin/api/room-links/room-brussels-0.01@contoso.com'],
  ['GET', '/admin/api/room-links/room-brussels-0.01@contoso.com/progress'],
  ['POST', '/admin/api/room-links/progress', () => ({ mailboxes: ['room-brussels-0.01@contoso.com'] })],
  ['POST', '/admin/api/room-links/proposals', () => ({ by: ['email', 'name'] })],
  ['POST', '/admin/api/room-links/bulk', () => ({ links: [link()] })],
  ['GET', '/admin/api/sync-log'],
  ['GET', '/admin/api/drift'],
  ['POST', '/admin/api/rooms/room-brussels-0.01@contoso.com/resync'],
  ['GET', '/admin/api/failed-items'],
  ['GET', '/admin/api/failed-items/count'],
  ['POST', `/admin/api/failed-items/${randomUUID()}/retry`],
  ['POST', '/admin/api/cutover/dry-run', link],
  ['POST', '/admin/api/cutover/switch', link],
].map(([method, url, body]) => ({
  name: `${method} ${url}`,
  method: method as Operation['method'],
  url: () => url as string,
  ...(body ? { body: body as () => unknown } : {}),
}));

const adminRooms = () => adminOperations.find((operation) => operation.name === 'GET /admin/api/rooms')!;

type BadToken = [name: string, authorization: (user: string) => Promise<string>, message: RegExp];

const bearer = (token: string) => `Bearer ${token}`;
const forge = () => server.forge;

/** Every way a token can be wrong; `user` is the one it claims to be (an admin's, for the admin API). */
const badTokens: BadToken[] = [
  ['no Authorization header', async () => '', /Sign-in required/],
  ['an empty bearer', async () => 'Bearer ', /Sign-in required/],
  ['another scheme (Basic)', async () => `Basic ${Buffer.from('ann:secret').toString('base64')}`, /Sign-in required/],
  ['the token without a scheme', async (user) => forge().sign(user), /Sign-in required/],
  ['garbage', async () => bearer('garbage'), /malformed/],
  ['three empty parts', async () => bearer('..'), /malformed/],
  ['not base64url JSON', async () => bearer('eyJhbGciOi.eyJzdWIi.c2ln'), /malformed/],
  ['200 KB of token', async () => bearer('a'.repeat(200_000)), /malformed/],
  ['expired', async (user) => bearer(await forge().sign(user, {}, { lifetimeSeconds: -3600 })), /expired/],
  ['not yet valid', async (user) => bearer(await forge().sign(user, {}, { notBeforeSeconds: 3600 })), /not valid yet/],
  [
    'from a foreign tenant (its own issuer)',
    async (user) =>
      bearer(
        await forge().sign(user, {
          tid: FOREIGN_TENANT,
          iss: `https://login.microsoftonline.com/${FOREIGN_TENANT}/v2.0`,
        }),
      ),
    /tenant that is not allowed/,
  ],
  [
    "with our tid but another tenant's issuer",
    async (user) =>
      bearer(await forge().sign(user, { iss: `https://login.microsoftonline.com/${FOREIGN_TENANT}/v2.0` })),
    /unknown issuer/,
  ],
  [
    'from a look-alike issuer',
    async (user) =>
      bearer(await forge().sign(user, { iss: `https://login.microsoftonline.com.evil.example/${TENANT}/v2.0` })),
    /unknown issuer/,
  ],
  ['without a tenant', async (user) => bearer(await forge().sign(user, { tid: undefined })), /no tenant/],
  [
    'for Microsoft Graph (a token the user has, for another audience)',
    async (user) => bearer(await forge().sign(user, { aud: '00000003-0000-0000-c000-000000000000' })),
    /audience/,
  ],
  [
    'for another API',
    async (user) => bearer(await forge().sign(user, { aud: 'api://other.example.com/x' })),
    /audience/,
  ],
  ['without the scope', async (user) => bearer(await forge().sign(user, { scp: 'User.Read Calendars.Read' })), /scope/],
  [
    'app-only (roles, no scp)',
    async (user) => bearer(await forge().sign(user, { scp: undefined, roles: ['x'] })),
    /app-only/,
  ],
  ['alg: none', async (user) => bearer(forge().unsigned(user)), /algorithm/],
  ['alg: None', async (user) => bearer(forge().unsigned(user, 'None')), /algorithm|malformed/],
  ['alg: NONE', async (user) => bearer(forge().unsigned(user, 'NONE')), /algorithm|malformed/],
  [
    'alg: none with a real signature appended',
    async (user) => {
      const signature = (await forge().sign(user)).split('.')[2]!;
      return bearer(forge().assemble({ alg: 'none', typ: 'JWT' }, user, {}, signature));
    },
    /algorithm/,
  ],
  [
    'RS256 header with the signature stripped',
    async (user) => bearer(forge().assemble({ alg: 'RS256', kid: forge().kid, typ: 'JWT' }, user)),
    /signature|malformed/,
  ],
  [
    'HS256 keyed with the public key (PEM)',
    async (user) => bearer(await forge().hmacWithPublicKey(user, 'pem')),
    /algorithm/,
  ],
  [
    'HS256 keyed with the public key (JWK)',
    async (user) => bearer(await forge().hmacWithPublicKey(user, 'jwk')),
    /algorithm/,
  ],
  [
    "signed by an attacker's key under the issuer's kid",
    async (user) => bearer(await forge().sign(user, {}, { key: attackerKey })),
    /signature is invalid/,
  ],
  [
    'signed by a key whose kid is not in the JWKS',
    async (user) => bearer(await forge().sign(user, {}, { key: attackerKey, header: { kid: 'attacker-key' } })),
    /unknown key/,
  ],
  [
    "carrying the attacker's public key in its header (jwk)",
    async (user) => {
      const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
      const jwk = await exportJWK(publicKey);
      return bearer(await forge().sign(user, {}, { key: privateKey, header: { jwk } }));
    },
    /signature is invalid/,
  ],
  [
    "pointing at the attacker's key set (jku)",
    async (user) =>
      bearer(await forge().sign(user, {}, { key: attackerKey, header: { jku: 'https://evil.example/keys' } })),
    /signature is invalid/,
  ],
  [
    'a valid token whose payload was edited',
    async (user) => {
      const [header, , signature] = (await forge().sign(BOB)).split('.');
      const payload = (await forge().sign(user)).split('.')[1];
      return bearer(`${header}.${payload}.${signature}`);
    },
    /signature is invalid/,
  ],
];

async function call(operation: Operation, authorization: string) {
  const body = operation.body?.();
  return server.app.inject({
    method: operation.method,
    url: operation.url(),
    headers: authorization ? { authorization } : {},
    ...(body !== undefined ? { payload: body as object } : {}),
  });
}

describe.each([
  ['the add-in API', apiOperations, ANN],
  ['the admin API', adminOperations, ADMIN],
] as const)('%s', (_name, operations, user) => {
  test.each(badTokens)(
    'a token %s: 401 saying why, for every operation; nothing changed',
    async (_case, authorize, why) => {
      const authorization = await authorize(user);
      for (const operation of operations) {
        const response = await call(operation, authorization);
        expect(response.statusCode, `${operation.name}: ${response.body}`).toBe(401);
        const body = response.json() as JsonBody;
        expect(body.error.code).toBe('UNAUTHORIZED');
        expect(body.error.message).toMatch(why);
        if (operation.name.includes('/api/') && !operation.name.includes('/admin/')) {
          expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
        }
      }
      expect(await server.fingerprint()).toBe(fingerprint);
    },
  );
});

describe('the admin API', () => {
  test("a valid user's token who is not an administrator: 403 naming the user, for every operation; nothing changed", async () => {
    const token = bearer(await forge().sign(ANN));
    for (const operation of adminOperations) {
      const response = await call(operation, token);
      expect(response.statusCode, operation.name).toBe(403);
      expect(response.json().error).toEqual({ code: 'FORBIDDEN', message: `${ANN} is not a room-sync administrator` });
    }
    expect(await server.fingerprint()).toBe(fingerprint);
  });

  test("the admin's email in another claim than the one read, or in another case, grants nothing more", async () => {
    // upn and email are read only without preferred_username; a user cannot promote themself.
    const withUpn = await forge().sign(ANN, { upn: ADMIN, email: ADMIN });
    expect((await call(adminRooms(), bearer(withUpn))).statusCode).toBe(403);
    const upperCase = await forge().sign(ADMIN.toUpperCase());
    expect((await call(adminRooms(), bearer(upperCase))).statusCode).toBe(200);
  });

  test('the control: an administrator with a valid token reads the status', async () => {
    expect((await call(adminRooms(), bearer(await forge().sign(ADMIN)))).statusCode).toBe(200);
  });
});

test('the control: with a valid token the same reads succeed', async () => {
  for (const operation of apiOperations.filter((candidate) => candidate.method === 'GET')) {
    expect((await call(operation, bearer(await forge().sign(ANN)))).statusCode, operation.name).toBe(200);
  }
  expect(await server.fingerprint()).toBe(fingerprint);
});
