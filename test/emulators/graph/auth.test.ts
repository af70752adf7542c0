import { createLocalJWKSet, decodeJwt, importPKCS8, jwtVerify, SignJWT } from 'jose';
import { generate } from 'selfsigned';
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { ADELE, encode, START, SYNC_APP, TENANT_ID, useEmulator } from './support/emulator-harness.js';

type TokenResponse = { token_type: string; expires_in: number; access_token: string };
type EntraErrorBody = { error: string; error_description: string; error_codes: number[] };

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };

describe('OIDC issuer and token endpoint', () => {
  const harness = useEmulator();
  const tokenUrl = `/${TENANT_ID}/oauth2/v2.0/token`;

  test('discovery documents name the token endpoint, JWKS and issuer on the emulator host', async () => {
    const { body } = await harness.anonymous.get<Record<string, string>>(
      `/${TENANT_ID}/v2.0/.well-known/openid-configuration`,
    );
    expect(body.token_endpoint).toBe(`${harness.url}/${TENANT_ID}/oauth2/v2.0/token`);
    expect(body.jwks_uri).toBe(`${harness.url}/${TENANT_ID}/discovery/v2.0/keys`);
    expect(body.issuer).toBe(`${harness.url}/${TENANT_ID}/v2.0`);
    const keys = await harness.anonymous.get<{ keys: Array<Record<string, string>> }>(
      `/${TENANT_ID}/discovery/v2.0/keys`,
    );
    expect(keys.body.keys[0]).toMatchObject({
      kty: 'RSA',
      use: 'sig',
      kid: expect.any(String),
      n: expect.any(String),
      e: 'AQAB',
    });
  });

  test('client credentials with a secret issue an RS256 Graph token with roles, tid and appid', async () => {
    const response = await harness.anonymous.post<TokenResponse>(
      tokenUrl,
      form({
        grant_type: 'client_credentials',
        client_id: SYNC_APP.clientId,
        client_secret: SYNC_APP.clientSecret,
        scope: 'https://graph.microsoft.com/.default',
      }),
      { headers: formHeaders },
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    const claims = decodeJwt(response.body.access_token);
    expect(claims).toMatchObject({
      aud: 'https://graph.microsoft.com',
      tid: TENANT_ID,
      appid: SYNC_APP.clientId,
      roles: ['Calendars.ReadWrite', 'Place.Read.All'],
      appidacr: '1',
      ver: '1.0',
    });
    expect(claims.exp).toBe(START.getTime() / 1000 + 3599);
    const graph = harness.anonymous.withToken(response.body.access_token);
    expect((await graph.get(`/v1.0/users/${encode(ADELE)}/events`)).status).toBe(200);
  });

  test('token endpoint errors use Entra codes', async () => {
    const wrongSecret = await harness.anonymous.post<EntraErrorBody>(
      tokenUrl,
      form({
        grant_type: 'client_credentials',
        client_id: SYNC_APP.clientId,
        client_secret: 'nope',
        scope: 'https://graph.microsoft.com/.default',
      }),
      { headers: formHeaders },
    );
    expect([wrongSecret.status, wrongSecret.body.error, wrongSecret.body.error_codes]).toEqual([
      401,
      'invalid_client',
      [7000215],
    ]);
    const unknownApp = await harness.anonymous.post<EntraErrorBody>(
      tokenUrl,
      form({
        grant_type: 'client_credentials',
        client_id: 'nobody',
        client_secret: 'x',
        scope: 'https://graph.microsoft.com/.default',
      }),
      { headers: formHeaders },
    );
    expect([unknownApp.status, unknownApp.body.error_codes]).toEqual([400, [700016]]);
    const badScope = await harness.anonymous.post<EntraErrorBody>(
      tokenUrl,
      form({
        grant_type: 'client_credentials',
        client_id: SYNC_APP.clientId,
        client_secret: SYNC_APP.clientSecret,
        scope: 'Calendars.Read',
      }),
      { headers: formHeaders },
    );
    expect([badScope.status, badScope.body.error]).toEqual([400, 'invalid_scope']);
    const wrongTenant = await harness.anonymous.post<EntraErrorBody>(
      '/other-tenant/oauth2/v2.0/token',
      form({ grant_type: 'client_credentials' }),
      { headers: formHeaders },
    );
    expect(wrongTenant.body.error_codes).toEqual([90002]);
  });

  test('a certificate assertion signed by the registered certificate’s key is accepted; another key is not', async () => {
    const pems = await generate([{ name: 'commonName', value: 'sync-app' }], { keySize: 2048, algorithm: 'sha256' });
    harness.control.registerApp({ clientId: 'cert-app', certificates: [pems.cert], graphRoles: ['Calendars.Read'] });
    const assertion = async (privateKeyPem: string) =>
      new SignJWT({ jti: crypto.randomUUID() })
        .setProtectedHeader({ alg: 'RS256', x5t: createHash('sha1').update(pems.cert).digest('base64url') })
        .setIssuer('cert-app')
        .setSubject('cert-app')
        .setAudience(`${harness.url}${tokenUrl}`)
        .setIssuedAt(START.getTime() / 1000)
        .setExpirationTime(START.getTime() / 1000 + 600)
        .sign(await importPKCS8(privateKeyPem, 'RS256'));
    const request = async (clientAssertion: string) =>
      harness.anonymous.post<TokenResponse & EntraErrorBody>(
        tokenUrl,
        form({
          grant_type: 'client_credentials',
          client_id: 'cert-app',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: clientAssertion,
          scope: 'https://graph.microsoft.com/.default',
        }),
        { headers: formHeaders },
      );
    const accepted = await request(await assertion(pems.private));
    expect(accepted.status).toBe(200);
    expect(decodeJwt(accepted.body.access_token)).toMatchObject({
      appid: 'cert-app',
      appidacr: '2',
      roles: ['Calendars.Read'],
    });
    const other = await generate([{ name: 'commonName', value: 'other' }], { keySize: 2048 });
    const refused = await request(await assertion(other.private));
    expect([refused.status, refused.body.error_codes]).toEqual([401, [700027]]);
  });
});

describe('Graph token checks', () => {
  const harness = useEmulator();
  const events = `/v1.0/users/${encode(ADELE)}/events`;

  test('no token, a malformed token and a token from another issuer are 401 InvalidAuthenticationToken', async () => {
    for (const token of [null, 'not.a.jwt', 'abc']) {
      const response = await harness.anonymous.get<{ error: { code: string } }>(events, { token });
      expect([response.status, response.body.error.code]).toEqual([401, 'InvalidAuthenticationToken']);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    }
  });

  test('tokens expire on the emulator clock', async () => {
    expect((await harness.graph.get(events)).status).toBe(200);
    await harness.control.clock.advance(3600_000);
    const expired = await harness.graph.get<{ error: { code: string; message: string } }>(events);
    expect([expired.status, expired.body.error.code]).toEqual([401, 'InvalidAuthenticationToken']);
    expect(expired.body.error.message).toContain('expired');
  });

  test('missing application permissions give 403 ErrorAccessDenied', async () => {
    harness.control.registerApp({ clientId: 'reader', graphRoles: ['Calendars.Read'] });
    const reader = harness.anonymous.withToken(await harness.control.issueAppToken('reader'));
    expect((await reader.get(events)).status).toBe(200);
    const write = await reader.post<{ error: { code: string } }>(events, {
      subject: 'x',
      start: { dateTime: '2027-03-02T10:00:00', timeZone: 'UTC' },
      end: { dateTime: '2027-03-02T11:00:00', timeZone: 'UTC' },
    });
    expect([write.status, write.body.error.code]).toEqual([403, 'ErrorAccessDenied']);
    expect((await reader.get('/v1.0/places/microsoft.graph.room')).status).toBe(403);
  });

  test('delegated tokens for the add-in API verify against the JWKS with the v2 issuer, and carry the user', async () => {
    const audience = 'api://localhost:3000/9b2d4f6a';
    const token = await harness.control.issueDelegatedToken({
      user: ADELE,
      audience,
      scopes: ['access_as_user'],
      clientId: '9b2d4f6a',
    });
    const { body: jwks } = await harness.anonymous.get<{ keys: [] }>(`/${TENANT_ID}/discovery/v2.0/keys`);
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
      issuer: `${harness.url}/${TENANT_ID}/v2.0`,
      audience,
      currentDate: START,
    });
    const [adele] = harness.control.mailboxes().filter((mailbox) => mailbox.email === ADELE);
    expect(payload).toMatchObject({
      scp: 'access_as_user',
      preferred_username: ADELE,
      oid: adele!.id,
      tid: TENANT_ID,
      azp: '9b2d4f6a',
      ver: '2.0',
    });
    // A token for the add-in API is not a Graph token.
    expect((await harness.anonymous.withToken(token).get(events)).status).toBe(401);
  });
});
