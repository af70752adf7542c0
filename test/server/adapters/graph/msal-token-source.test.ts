import { createPublicKey, X509Certificate } from 'node:crypto';
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import { generate } from 'selfsigned';
import { describe, expect, test } from 'vitest';
import { createMsalTokenSource, readClientCertificate } from '../../../../server/src/adapters/graph/index.js';
import { AppError } from '../../../../server/src/errors.js';
import { createFakeTransport } from './support/fake-transport.js';

const AUTHORITY = 'https://login.example.test:8443/tenant-1';
const TOKEN_ENDPOINT = `${AUTHORITY}/oauth2/v2.0/token`;

/** A stand-in authority: OIDC discovery and a client-credentials token endpoint, as MSAL reads them. */
function fakeAuthority(onToken: (form: URLSearchParams) => Response | undefined = () => undefined) {
  let issued = 0;
  const forms: URLSearchParams[] = [];
  const transport = createFakeTransport(({ method, url, body }) => {
    if (url.href === `${AUTHORITY}/v2.0/.well-known/openid-configuration`) {
      return Response.json({
        issuer: `${AUTHORITY}/v2.0`,
        authorization_endpoint: `${AUTHORITY}/oauth2/v2.0/authorize`,
        token_endpoint: TOKEN_ENDPOINT,
        jwks_uri: `${AUTHORITY}/discovery/v2.0/keys`,
      });
    }
    if (url.href.startsWith(TOKEN_ENDPOINT) && method === 'POST') {
      const form = new URLSearchParams(String(body));
      forms.push(form);
      const answer = onToken(form);
      if (answer) return answer;
      issued += 1;
      return Response.json({
        token_type: 'Bearer',
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: `at-${issued}`,
      });
    }
    return Response.json({ error: 'not_found' }, { status: 404 });
  });
  return { fetch: transport.fetch, forms, requests: transport.requests };
}

describe('MSAL token source', () => {
  test('client secret: discovery on the non-Microsoft authority, one token request, cached, forced refresh', async () => {
    const authority = fakeAuthority();
    const tokens = createMsalTokenSource({
      clientId: 'app-1',
      authority: AUTHORITY,
      credential: { kind: 'secret', secret: 's3cret' },
      fetch: authority.fetch,
    });
    expect(await tokens.getToken()).toBe('at-1');
    expect(await tokens.getToken()).toBe('at-1');
    expect(authority.forms).toHaveLength(1);
    const [form] = authority.forms;
    expect(form!.get('grant_type')).toBe('client_credentials');
    expect(form!.get('client_id')).toBe('app-1');
    expect(form!.get('client_secret')).toBe('s3cret');
    expect(form!.get('scope')).toContain('https://graph.microsoft.com/.default');
    expect(authority.requests[0]!.url.href).toBe(`${AUTHORITY}/v2.0/.well-known/openid-configuration`);
    expect(await tokens.getToken({ forceRefresh: true })).toBe('at-2');
    expect(authority.forms).toHaveLength(2);
  });

  test('certificate: a client assertion signed with the key, for the token endpoint, naming the SHA-256 thumbprint', async () => {
    const pems = await generate([{ name: 'commonName', value: 'workplace-sync' }], { keySize: 2048 });
    const certificate = readClientCertificate(`${pems.cert}\n${pems.private}`);
    expect(certificate.thumbprintSha256).toBe(new X509Certificate(pems.cert).fingerprint256.replaceAll(':', ''));
    const authority = fakeAuthority();
    const tokens = createMsalTokenSource({
      clientId: 'app-2',
      authority: AUTHORITY,
      credential: { kind: 'certificate', certificate },
      fetch: authority.fetch,
    });
    expect(await tokens.getToken()).toBe('at-1');
    const [form] = authority.forms;
    expect(form!.get('client_secret')).toBeNull();
    expect(form!.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    const assertion = form!.get('client_assertion')!;
    await expect(compactVerify(assertion, createPublicKey(pems.cert))).resolves.toBeDefined();
    expect(decodeJwt(assertion)).toMatchObject({ aud: TOKEN_ENDPOINT, iss: 'app-2', sub: 'app-2' });
    expect(decodeProtectedHeader(assertion)['x5t#S256']).toBe(
      Buffer.from(certificate.thumbprintSha256, 'hex').toString('base64url'),
    );
  });

  test('a PEM without a private key, or with an encrypted one, is refused with a clear message', () => {
    const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    expect(() => readClientCertificate(cert)).toThrow(/PRIVATE KEY/);
    expect(() =>
      readClientCertificate(`${cert}\n-----BEGIN ENCRYPTED PRIVATE KEY-----\nx\n-----END ENCRYPTED PRIVATE KEY-----`),
    ).toThrow(/encrypted/);
  });

  test('a refused credential (invalid_client) is FORBIDDEN', async () => {
    const authority = fakeAuthority(() =>
      Response.json(
        {
          error: 'invalid_client',
          error_description: 'AADSTS7000215: Invalid client secret provided.',
          error_codes: [7000215],
        },
        { status: 401 },
      ),
    );
    const tokens = createMsalTokenSource({
      clientId: 'app-1',
      authority: AUTHORITY,
      credential: { kind: 'secret', secret: 'wrong' },
      fetch: authority.fetch,
    });
    const error = await tokens.getToken().catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('FORBIDDEN');
  });

  test('an unreachable authority is UPSTREAM_FAILED', async () => {
    const tokens = createMsalTokenSource({
      clientId: 'app-1',
      authority: AUTHORITY,
      credential: { kind: 'secret', secret: 's' },
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    const error = await tokens.getToken().catch((reason: unknown) => reason);
    expect((error as AppError).code).toBe('UPSTREAM_FAILED');
  });
});
