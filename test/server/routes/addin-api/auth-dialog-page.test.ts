import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, describe, expect, test } from 'vitest';
import {
  OFFICE_FRAME_ANCESTORS,
  OFFICE_JS_ORIGIN,
  pagePolicy,
  securityHeaders,
} from '../../../../server/src/plugins/security-headers.js';
import { addinPublicRoutes } from '../../../../server/src/routes/addin-api/index.js';

const addinRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../addin');
const AUTHORITY = 'https://login.microsoftonline.com';

const dist = mkdtempSync(path.join(tmpdir(), 'addin-dialog-'));
writeFileSync(path.join(dist, 'taskpane.html'), '<!doctype html><title>pane</title>');
writeFileSync(path.join(dist, 'auth-dialog.html'), '<!doctype html><title>sign in</title>');
afterAll(() => rmSync(dist, { recursive: true, force: true }));

async function paneServer() {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(securityHeaders, { hsts: false, signInOrigins: [`${AUTHORITY}/`] });
  await app.register(addinPublicRoutes, {
    config: { auth: { kind: 'naa', clientId: 'c', authority: `${AUTHORITY}/t`, scopes: ['api://x/c/access_as_user'] } },
    staticRoot: dist,
  });
  return app;
}

const cspOf = (header: unknown) =>
  new Map(
    String(header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...sources]) => [name!, sources]),
  );

describe('the sign-in dialog page (auth-dialog.html)', () => {
  test('is served next to the pane; its CSP allows office.js and MSAL’s calls to the authority', async () => {
    const app = await paneServer();
    const page = await app.inject({ url: '/auth-dialog.html' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    const csp = cspOf(page.headers['content-security-policy']);
    expect(csp.get('script-src')).toEqual(["'self'", OFFICE_JS_ORIGIN]);
    // MSAL's metadata and token requests; the redirect to the sign-in page is a navigation CSP does not limit.
    expect(csp.get('connect-src')).toEqual(["'self'", AUTHORITY]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'self'", ...OFFICE_FRAME_ANCESTORS]);
    await app.close();
  });

  test('keeps its opener (COOP unsafe-none), with the pane’s query too; the pane keeps its own policy', async () => {
    const app = await paneServer();
    for (const url of ['/auth-dialog.html', '/auth-dialog.html?loginHint=ann%40contoso.com&_host_Info=Outlook']) {
      const page = await app.inject({ url });
      expect(page.headers['cross-origin-opener-policy']).toBe('unsafe-none');
      // A revalidation's headers replace the cached ones: the 304 keeps the opener too.
      const again = await app.inject({ url, headers: { 'if-none-match': String(page.headers.etag) } });
      expect(again.statusCode).toBe(304);
      expect(again.headers['cross-origin-opener-policy']).toBe('unsafe-none');
    }
    expect((await app.inject({ url: '/taskpane.html' })).headers['cross-origin-opener-policy']).toBe(
      'same-origin-allow-popups',
    );
    await app.close();
  });

  test('every script the page loads is allowed by the page policy', () => {
    const html = readFileSync(path.join(addinRoot, 'auth-dialog.html'), 'utf8');
    const origins = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map(([, src]) =>
      /^https?:\/\//.test(src!) ? new URL(src!).origin : "'self'",
    );
    expect(origins).toEqual([OFFICE_JS_ORIGIN, "'self'"]);
    for (const origin of origins) expect(pagePolicy([])['script-src']).toContain(origin);
  });
});
