import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, describe, expect, test } from 'vitest';
import { errorHandler } from '../../../../server/src/plugins/error-handler.js';
import { addinPublicRoutes, harnessRoutes } from '../../../../server/src/routes/addin-api/index.js';
import type { HarnessMeeting } from '../../../../server/src/routes/addin-api/index.js';

const dist = mkdtempSync(path.join(tmpdir(), 'addin-public-'));
mkdirSync(path.join(dist, 'assets'));
writeFileSync(path.join(dist, 'taskpane.html'), '<!doctype html><title>pane</title>');
writeFileSync(path.join(dist, 'harness.html'), '<!doctype html><title>harness</title>');
const paneScript = `console.log(${JSON.stringify('the pane '.repeat(200))})`;
writeFileSync(path.join(dist, 'assets/taskpane-AbCdEfGh12.js'), paneScript);
// As the build writes them next to each script (vite-plugin-compression2).
writeFileSync(path.join(dist, 'assets/taskpane-AbCdEfGh12.js.br'), brotliCompressSync(paneScript));
writeFileSync(path.join(dist, 'assets/taskpane-AbCdEfGh12.js.gz'), gzipSync(paneScript));
writeFileSync(path.join(dist, 'assets/harness-ZyXwVuTs98.js'), 'console.log(2)');
writeFileSync(path.join(dist, 'assets/icon-16.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
// office.js's dist folder, with a file next to it that must never be served.
const officeJsPackage = mkdtempSync(path.join(tmpdir(), 'office-js-'));
const officeJs = path.join(officeJsPackage, 'dist');
mkdirSync(officeJs);
writeFileSync(path.join(officeJs, 'office.js'), 'var Office = {};');
writeFileSync(path.join(officeJsPackage, 'package.json'), '{"name":"outside the root"}');
afterAll(() => {
  rmSync(dist, { recursive: true, force: true });
  rmSync(officeJsPackage, { recursive: true, force: true });
});

async function appWith(options: { includeHarness?: boolean; staticRoot?: string; harness?: boolean } = {}) {
  const sent: Array<{ organizer: string; meeting: HarnessMeeting }> = [];
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(errorHandler);
  await app.register(addinPublicRoutes, {
    config: { auth: { kind: 'harness', tokenPath: '/harness/token' } },
    staticRoot: options.staticRoot ?? dist,
    includeHarness: options.includeHarness ?? false,
  });
  if (options.harness) {
    await app.register(harnessRoutes, {
      officeJsRoot: officeJs,
      issueToken: async (user) => ({ accessToken: `token-for-${user}`, expiresAt: '2026-03-02T09:00:00.000Z' }),
      sendMeeting: async (organizer, meeting) => {
        sent.push({ organizer, meeting });
        return { eventId: 'AAMk-event' };
      },
    });
  }
  return { app, sent };
}

describe('the built pane, served on the manifest’s origin', () => {
  test('pages, hashed scripts (cached for a year) and icons; no harness outside the embedded default', async () => {
    const { app } = await appWith();
    const page = await app.inject({ url: '/taskpane.html' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    const script = await app.inject({ url: '/assets/taskpane-AbCdEfGh12.js' });
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject({ url: '/assets/icon-16.png' })).headers['content-type']).toBe('image/png');
    expect((await app.inject({ url: '/harness.html' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/assets/harness-ZyXwVuTs98.js' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/assets/../taskpane.html' })).statusCode).not.toBe(500);
  });

  test('compressed as the browser accepts (br, gzip), from the files the build wrote; identity otherwise', async () => {
    const { app } = await appWith();
    const url = '/assets/taskpane-AbCdEfGh12.js';
    const brotli = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['vary']).toContain('accept-encoding');
    expect(brotli.headers['content-type']).toMatch(/javascript/);
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotli.rawPayload.length).toBeLessThan(paneScript.length / 5);
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(paneScript);
    const gzip = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(paneScript);
    const identity = await app.inject({ url });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.headers['vary']).toContain('accept-encoding');
    expect(identity.body).toBe(paneScript);
    // Each encoding is its own representation, with its own validator.
    expect(new Set([brotli.headers.etag, gzip.headers.etag, identity.headers.etag]).size).toBe(3);
    expect((await app.inject({ url: `${url}.br` })).statusCode).toBe(404);
  });

  test('a browser that has a file revalidates it: 304 without a body (ETag, Last-Modified)', async () => {
    const { app } = await appWith();
    for (const [url, encoding] of [
      ['/taskpane.html', 'identity'],
      ['/assets/taskpane-AbCdEfGh12.js', 'br'],
      ['/assets/icon-16.png', 'gzip'],
    ] as const) {
      const first = await app.inject({ url, headers: { 'accept-encoding': encoding } });
      expect(first.statusCode).toBe(200);
      expect(first.headers.etag).toBeTruthy();
      expect(first.headers['last-modified']).toBeTruthy();
      for (const condition of [
        { 'if-none-match': String(first.headers.etag) },
        { 'if-modified-since': String(first.headers['last-modified']) },
      ]) {
        const again = await app.inject({ url, headers: { 'accept-encoding': encoding, ...condition } });
        expect(again.statusCode, `${url} ${JSON.stringify(condition)}`).toBe(304);
        expect(again.rawPayload.length).toBe(0);
        expect(again.headers['cache-control']).toBe(first.headers['cache-control']);
        // A 304's headers replace the cached ones: the type (which picks the security headers) stays.
        expect(again.headers['content-type']).toBe(first.headers['content-type']);
      }
      const changed = await app.inject({ url, headers: { 'accept-encoding': encoding, 'if-none-match': 'W/"other"' } });
      expect(changed.statusCode).toBe(200);
    }
  });

  test('before the pane is built, the server still starts and says what to do', async () => {
    const { app } = await appWith({ staticRoot: path.join(dist, 'missing') });
    const page = await app.inject({ url: '/taskpane.html' });
    expect(page.statusCode).toBe(503);
    expect(page.json().error.message).toContain('npm run build -w addin');
  });
});

describe('harness routes (embedded default only)', () => {
  test('a token for the simulated user; Send as Outlook would, the recurrence as Graph’s patternedRecurrence', async () => {
    const { app, sent } = await appWith({ includeHarness: true, harness: true });
    expect((await app.inject({ url: '/harness.html' })).statusCode).toBe(200);
    const token = await app.inject({
      method: 'POST',
      url: '/harness/token',
      payload: { user: 'Adele.Vance@contoso.com' },
    });
    expect(token.json()).toEqual({
      accessToken: 'token-for-adele.vance@contoso.com',
      expiresAt: '2026-03-02T09:00:00.000Z',
    });
    const send = await app.inject({
      method: 'POST',
      url: '/harness/send',
      payload: {
        organizer: 'adele.vance@contoso.com',
        subject: 'Weekly planning',
        start: '2026-03-02T09:00:00.000Z',
        end: '2026-03-02T10:00:00.000Z',
        timeZone: 'Romance Standard Time',
        recurrence: { freq: 'weekly', interval: 1, byDay: ['MO'], weekStart: 'MO', end: { type: 'count', count: 4 } },
        attendees: ['alex.wilber@contoso.com'],
        rooms: ['room-brussels-0.01@contoso.com'],
      },
    });
    expect(send.statusCode).toBe(201);
    expect(sent[0]).toMatchObject({
      organizer: 'adele.vance@contoso.com',
      meeting: {
        start: { dateTime: '2026-03-02T10:00:00', timeZone: 'Europe/Paris' },
        rooms: ['room-brussels-0.01@contoso.com'],
        recurrence: {
          pattern: expect.objectContaining({ type: 'weekly', daysOfWeek: ['monday'] }),
          range: expect.objectContaining({ type: 'numbered', numberOfOccurrences: 4 }),
        },
      },
    });
  });

  test('the real office.js files, and nothing else from disk', async () => {
    const { app } = await appWith({ includeHarness: true, harness: true });
    const office = await app.inject({ url: '/harness/office-js/office.js' });
    expect(office.statusCode).toBe(200);
    expect(office.body).toBe('var Office = {};');
    expect((await app.inject({ url: '/harness/office-js/missing.js' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/harness/office-js/office.js.map' })).statusCode).toBe(404);
    const revalidated = await app.inject({
      url: '/harness/office-js/office.js',
      headers: { 'if-none-match': String(office.headers.etag) },
    });
    expect(revalidated.statusCode).toBe(304);
  });

  test.each([
    '/harness/office-js/..%2Fpackage.json',
    '/harness/office-js/..%2f..',
    '/harness/office-js/..',
    '/harness/office-js/%2e%2e%2fpackage.json',
    '/harness/office-js/..%5cpackage.json',
    '/harness/office-js/../package.json',
    '/harness/package.json',
    '/assets/..%2f..%2fpackage.json',
    '/%2e%2e/package.json',
  ])('never a file outside the roots: %s', async (url) => {
    const { app } = await appWith({ includeHarness: true, harness: true });
    const response = await app.inject({ url });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.body).not.toContain('outside the root');
  });

  test('only from this machine: tokens for any user must not reach the network', async () => {
    const { app } = await appWith({ harness: true });
    const remote = await app.inject({
      method: 'POST',
      url: '/harness/token',
      payload: { user: 'adele.vance@contoso.com' },
      remoteAddress: '192.168.1.20',
    });
    expect(remote.statusCode).toBe(403);
  });
});
