import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { securityHeaders } from '../../../server/src/plugins/security-headers.js';
import { addinPublicRoutes } from '../../../server/src/routes/addin-api/index.js';
import { describeIfAvailable } from '../../support/system-requirements.js';
import { CHROMIUM_PATH, chromiumRequirement } from '../../support/addin-requirements.js';
import { buildPane } from '../../support/pane-stack.js';

// The built sign-in dialog page with the real @azure/msal-browser in headless Chromium, served with the
// server's CSP. Microsoft is simulated at the network: office.js (messageParent recorded, and history's
// pushState/replaceState set to null as office.js does) and Entra's authorize and token endpoints.

const AUTHORITY_ORIGIN = 'https://login.microsoftonline.com';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT_ID = '66666666-7777-8888-9999-000000000000';
const SCOPE = `api://rooms.contoso.com/${CLIENT_ID}/access_as_user`;
const ANN = 'ann@contoso.com';

const FAKE_OFFICE_JS = `
  history.pushState = null;
  history.replaceState = null;
  window.Office = {
    onReady: () => Promise.resolve({ host: 'Outlook', platform: 'PC' }),
    context: { ui: { messageParent: (message) => { (window.sentToParent ??= []).push(message); } } },
  };
`;

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const clientInfo = base64url({ uid: 'oid-ann', utid: TENANT });

/** Entra as far as MSAL's redirect flow sees it: metadata, authorize (a redirect back), token. */
function simulatedEntra() {
  const authorizeRequests: URLSearchParams[] = [];
  const tokenRequests: URLSearchParams[] = [];
  let nonce = '';
  let issued = 0;
  const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' };
  const tenantUrl = `${AUTHORITY_ORIGIN}/${TENANT}`;
  const idToken = () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      aud: CLIENT_ID,
      iss: `${tenantUrl}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + 3600,
      nonce,
      oid: 'oid-ann',
      sub: 'sub-ann',
      tid: TENANT,
      preferred_username: ANN,
      name: 'Ann',
      ver: '2.0',
    };
    return `${base64url({ alg: 'RS256', typ: 'JWT' })}.${base64url(claims)}.signature`;
  };

  const handle = async (route: Route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
    if (url.pathname.endsWith('/.well-known/openid-configuration')) {
      return route.fulfill({
        headers: cors,
        json: {
          issuer: `${tenantUrl}/v2.0`,
          authorization_endpoint: `${tenantUrl}/oauth2/v2.0/authorize`,
          token_endpoint: `${tenantUrl}/oauth2/v2.0/token`,
          end_session_endpoint: `${tenantUrl}/oauth2/v2.0/logout`,
          jwks_uri: `${tenantUrl}/discovery/v2.0/keys`,
        },
      });
    }
    if (url.pathname.endsWith('/discovery/instance')) {
      return route.fulfill({
        headers: cors,
        json: {
          tenant_discovery_endpoint: `${tenantUrl}/v2.0/.well-known/openid-configuration`,
          metadata: [
            {
              preferred_network: 'login.microsoftonline.com',
              preferred_cache: 'login.windows.net',
              aliases: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com'],
            },
          ],
        },
      });
    }
    if (url.pathname === `/${TENANT}/oauth2/v2.0/authorize`) {
      authorizeRequests.push(url.searchParams);
      nonce = url.searchParams.get('nonce') ?? '';
      const answer = new URLSearchParams({
        code: 'code-1',
        state: url.searchParams.get('state') ?? '',
        client_info: clientInfo,
      });
      return route.fulfill({ status: 302, headers: { location: `${url.searchParams.get('redirect_uri')}#${answer}` } });
    }
    if (url.pathname === `/${TENANT}/oauth2/v2.0/token`) {
      tokenRequests.push(new URLSearchParams(request.postData() ?? ''));
      issued += 1;
      return route.fulfill({
        headers: cors,
        json: {
          token_type: 'Bearer',
          scope: SCOPE,
          expires_in: 3600,
          ext_expires_in: 3600,
          access_token: `api-token-${issued}`,
          refresh_token: `refresh-${issued}`,
          id_token: idToken(),
          client_info: clientInfo,
        },
      });
    }
    return route.abort();
  };
  return { handle, authorizeRequests, tokenRequests };
}

describeIfAvailable('add-in e2e: the sign-in dialog page with MSAL in Chromium', chromiumRequirement(), () => {
  let pane: Awaited<ReturnType<typeof buildPane>>;
  let server: FastifyInstance;
  let origin: string;
  let browser: Browser;
  let context: BrowserContext;
  const entra = simulatedEntra();
  const problems: string[] = [];

  beforeAll(async () => {
    pane = await buildPane();
    server = Fastify();
    server.setValidatorCompiler(validatorCompiler);
    server.setSerializerCompiler(serializerCompiler);
    await server.register(securityHeaders, { hsts: false, signInOrigins: [AUTHORITY_ORIGIN] });
    await server.register(addinPublicRoutes, {
      config: {
        auth: { kind: 'naa', clientId: CLIENT_ID, authority: `${AUTHORITY_ORIGIN}/${TENANT}`, scopes: [SCOPE] },
      },
      staticRoot: pane.dir,
    });
    origin = await server.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    context = await browser.newContext();
    await context.route('https://appsforoffice.microsoft.com/**', (route) =>
      route.fulfill({ contentType: 'text/javascript', body: FAKE_OFFICE_JS }),
    );
    await context.route(`${AUTHORITY_ORIGIN}/**`, entra.handle);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    pane?.remove();
  });

  /** Opens the dialog page as the pane would and waits for what it sends back. */
  async function openDialog(query: string): Promise<{ page: Page; message: Record<string, unknown> }> {
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (entry) => {
      if (/Content[- ]Security[- ]Policy|Refused to/i.test(entry.text())) problems.push(entry.text());
    });
    await page.goto(`${origin}/auth-dialog.html?${query}`);
    const sent = await page.waitForFunction(() => (globalThis as { sentToParent?: string[] }).sentToParent?.[0], null, {
      timeout: 20_000,
    });
    return { page, message: JSON.parse(String(await sent.jsonValue())) as Record<string, unknown> };
  }

  test('first sign-in: loginRedirect for our scope and the Outlook user, back with the token for the pane', async () => {
    const started = Date.now();
    const { page, message } = await openDialog(`loginHint=${encodeURIComponent(ANN)}`);
    expect(message.accessToken).toBe('api-token-1');
    const expiresOn = Date.parse(String(message.expiresOn));
    expect(expiresOn).toBeGreaterThan(started + 3_500_000);

    expect(entra.authorizeRequests).toHaveLength(1);
    const authorize = entra.authorizeRequests[0]!;
    expect(authorize.get('client_id')).toBe(CLIENT_ID);
    expect(authorize.get('redirect_uri')).toBe(`${origin}/auth-dialog.html`);
    expect(authorize.get('scope')?.split(' ')).toContain(SCOPE);
    expect(authorize.get('login_hint')).toBe(ANN);
    expect(authorize.get('response_mode')).toBe('fragment');
    expect(authorize.get('code_challenge_method')).toBe('S256');
    const token = entra.tokenRequests[0]!;
    expect(token.get('grant_type')).toBe('authorization_code');
    expect(token.get('code')).toBe('code-1');
    expect(token.get('redirect_uri')).toBe(`${origin}/auth-dialog.html`);
    expect(token.get('code_verifier')).toBeTruthy();

    // Entra's answer is gone from the address; the page says what happened.
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.getByRole('status').textContent()).toBe('Signed in. This window closes by itself.');
    expect(problems).toEqual([]);
  });

  test('the next dialog gets the token without Microsoft’s sign-in page; after a refusal, a new one', async () => {
    const again = await openDialog(`loginHint=${encodeURIComponent(ANN)}`);
    expect(again.message.accessToken).toBe('api-token-1');
    expect(entra.authorizeRequests).toHaveLength(1);
    expect(entra.tokenRequests).toHaveLength(1);

    const refreshed = await openDialog(`loginHint=${encodeURIComponent(ANN)}&forceRefresh=1`);
    expect(refreshed.message.accessToken).toBe('api-token-2');
    expect(entra.authorizeRequests).toHaveLength(1);
    expect(entra.tokenRequests.at(-1)?.get('grant_type')).toBe('refresh_token');
    expect(problems).toEqual([]);
  });
});
