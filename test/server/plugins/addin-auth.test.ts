import { generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createGraphEmulator,
  DEMO_ADDIN_APP,
  DEMO_LIDIA,
  DEMO_SYNC_APP,
  DEMO_TENANT_ID,
  createTrustingFetch,
} from '../../../emulators/src/graph/index.js';
import type { GraphEmulator, ListeningEmulator } from '../../../emulators/src/graph/index.js';
import { connectToEmulatedGraph } from '../../../server/src/adapters/graph/index.js';
import { createCachedUserDirectory } from '../../../server/src/identity/user-directory.js';
import { createTokenVerifier, isUserAddress } from '../../../server/src/plugins/addin-auth.js';
import { API_CLIENT_ID, AUDIENCE, startAddinApi } from '../../support/addin-api-server.js';

describe('addin-auth: every /api call needs a valid add-in token', () => {
  let server: Awaited<ReturnType<typeof startAddinApi>>;
  beforeAll(async () => {
    server = await startAddinApi({ allowedOrigins: ['https://addin.example.com'] });
  });
  afterAll(() => server.close());

  const withToken = (token: string) =>
    server.call('GET', '/api/rooms', { user: null, headers: { authorization: `Bearer ${token}` } });

  test('a valid token: 200', async () => {
    expect((await server.call('GET', '/api/rooms')).status).toBe(200);
  });

  test('no token: 401 with a clear body and WWW-Authenticate', async () => {
    const response = await server.call('GET', '/api/rooms', { user: null });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      error: { code: 'UNAUTHORIZED', message: 'Sign-in required: send Authorization: Bearer <access token>' },
    });
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  test.each([
    ['expired', { lifetimeSeconds: -120 }, {}, 'The access token has expired'],
    ['for another API', {}, { aud: 'api://other/123' }, 'The access token is not for this API (audience)'],
    ['from another issuer', {}, { iss: 'https://evil.example.com/v2.0' }, 'The access token is from an unknown issuer'],
    [
      'from a tenant not on the allow-list',
      {},
      {
        tid: '00000000-0000-0000-0000-000000000000',
        iss: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
      },
      'The access token is from a tenant that is not allowed',
    ],
    ['without the scope', {}, { scp: 'User.Read' }, 'The access token lacks the scope access_as_user'],
    [
      'app-only (roles, no scp)',
      {},
      { scp: undefined, roles: ['Rooms.Read'] },
      'The access token is not a user token (no scp): app-only tokens are not accepted',
    ],
    ['without an object id', {}, { oid: undefined }, 'The access token names no user (oid)'],
  ])('a token %s: 401 saying why', async (_name, options, claims, message) => {
    const token = await server.issuer.sign(claims, options);
    const response = await withToken(token);
    expect(response.status).toBe(401);
    expect(response.body.error).toEqual({ code: 'UNAUTHORIZED', message });
    expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  test('a token signed with another key, or not a JWT: 401', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await server.issuer.sign({}, { key: privateKey });
    expect((await withToken(forged)).body.error.message).toBe('The access token signature is invalid');
    expect((await withToken('not.a.jwt')).body.error.message).toBe('The access token is malformed');
  });

  test('the client id as audience is accepted too (v2 tokens carry it)', async () => {
    expect((await withToken(await server.issuer.sign({ aud: API_CLIENT_ID }))).status).toBe(200);
  });

  test('the public routes need no token', async () => {
    const config = await server.call('GET', '/addin-config.json', { user: null });
    expect(config.status).toBe(200);
    expect(config.body.auth).toMatchObject({
      kind: 'naa',
      clientId: API_CLIENT_ID,
      scopes: [`${AUDIENCE}/access_as_user`],
    });
    expect((await server.call('GET', '/openapi/addin-api.json', { user: null })).status).toBe(200);
  });

  test('CORS: the add-in origin may preflight and read; other origins get no CORS headers', async () => {
    const preflight = await server.call('OPTIONS', '/api/rooms', {
      user: null,
      headers: { origin: 'https://addin.example.com', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://addin.example.com');
    expect(preflight.headers['access-control-allow-headers']).toContain('authorization');
    const other = await server.call('OPTIONS', '/api/rooms', {
      user: null,
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'GET' },
    });
    expect(other.status).toBe(403);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const read = await server.call('GET', '/api/rooms', { headers: { origin: 'https://addin.example.com' } });
    expect(read.headers['access-control-allow-origin']).toBe('https://addin.example.com');
    expect(read.headers.vary).toContain('Origin');
  });
});

describe('addin-auth: the Graph emulator as issuer (the embedded default)', () => {
  let emulator: GraphEmulator;
  let listening: ListeningEmulator;
  beforeAll(async () => {
    emulator = await createGraphEmulator({ tenantId: DEMO_TENANT_ID, seed: 'demo', noise: 'none' });
    listening = await emulator.listen();
  });
  afterAll(() => listening?.close());

  const verifierOfEmulator = () =>
    createTokenVerifier({
      directory: createCachedUserDirectory(
        connectToEmulatedGraph({
          baseUrl: listening.url,
          caPem: emulator.certificatePem,
          tenantId: DEMO_TENANT_ID,
          clientId: DEMO_SYNC_APP.clientId,
          credential: { kind: 'secret', secret: DEMO_SYNC_APP.clientSecret },
        }),
      ),
      jwks: {
        url: `${listening.url}/${DEMO_TENANT_ID}/discovery/v2.0/keys`,
        fetch: createTrustingFetch(emulator.certificatePem),
      },
      issuers: [`${listening.url}/{tenantid}/v2.0`],
      audiences: [DEMO_ADDIN_APP.audience, DEMO_ADDIN_APP.clientId],
      allowedTenants: [DEMO_TENANT_ID],
      requiredScope: 'access_as_user',
    });
  const tokenOf = (user: string) =>
    emulator.control.issueDelegatedToken({
      user,
      audience: DEMO_ADDIN_APP.audience,
      scopes: ['access_as_user'],
      clientId: DEMO_ADDIN_APP.clientId,
    });

  test('the same verification accepts its delegated tokens via its JWKS over HTTPS, and refuses app tokens', async () => {
    const verifyToken = verifierOfEmulator();
    const token = await emulator.control.issueDelegatedToken({
      user: 'adele.vance@contoso.com',
      audience: DEMO_ADDIN_APP.audience,
      scopes: ['access_as_user'],
      clientId: DEMO_ADDIN_APP.clientId,
    });
    await expect(verifyToken(token)).resolves.toMatchObject({
      email: 'adele.vance@contoso.com',
      name: 'Adele Vance',
      tenantId: DEMO_TENANT_ID,
    });
    const graphToken = await emulator.control.issueDelegatedToken({
      user: 'adele.vance@contoso.com',
      audience: 'https://graph.microsoft.com',
      scopes: ['Calendars.Read'],
    });
    await expect(verifyToken(graphToken)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  test('a user whose sign-in name (UPN) is not their mail address: identified by object id, addressed by the directory', async () => {
    const lidia = await verifierOfEmulator()(await tokenOf(DEMO_LIDIA.userPrincipalName));
    expect(lidia).toEqual({
      tenantId: DEMO_TENANT_ID,
      objectId: DEMO_LIDIA.id,
      name: DEMO_LIDIA.displayName,
      signInName: DEMO_LIDIA.userPrincipalName,
      email: DEMO_LIDIA.mail,
      addresses: [DEMO_LIDIA.mail, DEMO_LIDIA.alias],
      officeLocation: 'Brussels HQ',
    });
    expect(isUserAddress(lidia, 'Lidia@Contoso.com')).toBe(true);
    expect(isUserAddress(lidia, DEMO_LIDIA.userPrincipalName)).toBe(false);
  });
});
