import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { errorHandler } from '../../../../server/src/plugins/error-handler.js';
import { securityHeaders } from '../../../../server/src/plugins/security-headers.js';
import { addinPublicRoutes } from '../../../../server/src/routes/addin-api/index.js';
import { adminConsoleRoutes } from '../../../../server/src/routes/admin/index.js';

// The console's page at /admin/ and its CSP, next to the add-in's pages, whose CSP must not change.

const csp = (header: unknown) =>
  new Map(
    String(header)
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...sources]) => [name!, sources]),
  );

describe('the admin console page', () => {
  let app: FastifyInstance;
  let dist: string;

  beforeAll(async () => {
    // console/dist, with a file next to it that must never be served.
    const consolePackage = await mkdtemp(path.join(tmpdir(), 'console-'));
    await writeFile(path.join(consolePackage, 'package.json'), '{"name":"outside the root"}');
    dist = path.join(consolePackage, 'dist');
    await mkdir(path.join(dist, 'assets'), { recursive: true });
    await writeFile(
      path.join(dist, 'index.html'),
      '<!doctype html><script type="module" src="/admin/assets/console-AbCdEf12.js"></script>',
    );
    await writeFile(path.join(dist, 'assets/console-AbCdEf12.js'), 'console.log(1)');
    const addinDist = await mkdtemp(path.join(tmpdir(), 'addin-dist-'));
    await writeFile(path.join(addinDist, 'taskpane.html'), '<!doctype html><p>pane</p>');
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(errorHandler);
    await app.register(securityHeaders, { hsts: true, signInOrigins: ['https://login.microsoftonline.com'] });
    await app.register(adminConsoleRoutes, {
      config: {
        auth: {
          kind: 'msal',
          clientId: 'c',
          authority: 'https://login.microsoftonline.com/t',
          scopes: ['api://x/access_as_user'],
        },
      },
      staticRoot: dist,
    });
    await app.register(addinPublicRoutes, {
      config: { auth: { kind: 'harness', tokenPath: '/harness/token' } },
      staticRoot: addinDist,
    });
  });
  afterAll(async () => {
    await app?.close();
    await rm(path.dirname(dist), { recursive: true, force: true });
  });

  test('is served at /admin/ with its scripts, under a CSP of its own that is never framed', async () => {
    expect((await app.inject({ url: '/admin' })).headers.location).toBe('/admin/');
    const page = await app.inject({ url: '/admin/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const policy = csp(page.headers['content-security-policy']);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", 'https://login.microsoftonline.com']);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    const script = await app.inject({ url: '/admin/assets/console-AbCdEf12.js' });
    expect(script.headers['cache-control']).toContain('immutable');
    expect(script.headers['content-type']).toMatch(/javascript/);
  });

  test.each(['/%61dmin/', '/adm%69n/'])(
    'the policy follows the route that runs: %s is the console page and gets its CSP',
    async (url) => {
      const page = await app.inject({ url });
      expect(page.statusCode).toBe(200);
      expect(page.body).toBe((await app.inject({ url: '/admin/' })).body);
      expect(csp(page.headers['content-security-policy']).get('frame-ancestors')).toEqual(["'none'"]);
    },
  );

  test('revalidated with a 304 that keeps the page’s headers (they replace the cached ones)', async () => {
    const page = await app.inject({ url: '/admin/', headers: { 'accept-encoding': 'br' } });
    const again = await app.inject({
      url: '/admin/',
      headers: { 'accept-encoding': 'br', 'if-none-match': String(page.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.headers['cache-control']).toBe('no-cache');
    expect(again.headers['content-security-policy']).toBe(page.headers['content-security-policy']);
    expect(again.headers['cross-origin-opener-policy']).toBe('same-origin');
  });

  test.each([
    '/admin/..%2f..%2fpackage.json',
    '/admin/..%2fpackage.json',
    '/admin/%2e%2e/package.json',
    '/admin/assets/..%2f..%2fpackage.json',
    '/admin/..%5cpackage.json',
    '/admin//..%2fpackage.json',
  ])('never a file outside the console: %s', async (url) => {
    const response = await app.inject({ url });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.body).not.toContain('outside the root');
  });

  test('the add-in pages keep their own CSP (office.js, Outlook may frame them)', async () => {
    const pane = await app.inject({ url: '/taskpane.html' });
    const policy = csp(pane.headers['content-security-policy']);
    expect(policy.get('script-src')).toEqual(["'self'", 'https://appsforoffice.microsoft.com']);
    expect(policy.get('frame-ancestors')).toContain('https://*.office.com');
  });

  test('publishes how to sign in; without a demo admin there is no token endpoint', async () => {
    const config = await app.inject({ url: '/admin/console-config.json' });
    expect(config.json().auth.kind).toBe('msal');
    expect((await app.inject({ method: 'POST', url: '/admin/token' })).statusCode).toBe(404);
  });
});
