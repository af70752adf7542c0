import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OFFICE_FRAME_ANCESTORS, OFFICE_JS_ORIGIN, pagePolicy } from '../../server/src/plugins/security-headers.js';
import type { Database } from '../../server/src/storage/create-db.js';
import { createTestPglite } from '../support/test-db.js';
import { buildFullApp } from '../support/full-app.js';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const realEnv = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://rooms.contoso.com',
  GRAPH_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  GRAPH_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
  GRAPH_CLIENT_SECRET: 'a-secret',
  GRAPH_CLIENT_STATE_SECRET: 'a-client-state-secret-of-some-length',
  WORKPLACE_BASE_URL: 'https://contoso.spacewell.example/',
  WORKPLACE_API_KEY: 'wp-key',
  ADDIN_CLIENT_ID: '66666666-7777-8888-9999-000000000000',
  DATABASE_URL: 'postgres://sync@db.contoso.com/sync',
};

/** A CSP header as directive → sources. */
function parseCsp(header: string | string[] | number | undefined): Map<string, string[]> {
  return new Map(
    String(header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** Where a page's scripts come from: 'self' for relative URLs, the origin otherwise. */
async function scriptOriginsOf(file: string): Promise<string[]> {
  const html = await readFile(file, 'utf8');
  return [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map(([, src]) =>
    /^https?:\/\//.test(src!) ? new URL(src!).origin : "'self'",
  );
}

describe('security headers', () => {
  let database: Database;
  let pane: string;
  let embedded: FastifyInstance;
  let real: FastifyInstance;

  beforeAll(async () => {
    database = await createTestPglite();
    pane = await mkdtemp(path.join(tmpdir(), 'pane-'));
    await mkdir(path.join(pane, 'assets'));
    await writeFile(path.join(pane, 'taskpane.html'), '<!doctype html><title>pane</title>');
    await writeFile(path.join(pane, 'assets/icon-32.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    embedded = (await buildFullApp({ database, staticRoot: pane })).app;
    real = (await buildFullApp({ database, staticRoot: pane, env: realEnv })).app;
  });
  afterAll(async () => {
    await embedded?.close();
    await real?.close();
    await database?.close();
    await rm(pane, { recursive: true, force: true });
  });

  test('a JSON answer: nothing may load from it, no sniffing, no referrer, and Outlook may still frame the site', async () => {
    const response = await embedded.inject({ url: '/healthz' });
    const csp = parseCsp(response.headers['content-security-policy']);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'self'", ...OFFICE_FRAME_ANCESTORS]);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    // X-Frame-Options cannot name Outlook's hosts: frame-ancestors replaces it.
    expect(response.headers['x-frame-options']).toBeUndefined();
    // Errors and 404s carry the same headers.
    const missing = await embedded.inject({ url: '/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-security-policy']).toBe(response.headers['content-security-policy']);
  });

  test('HSTS only in real mode (embedded mode would pin https on localhost)', async () => {
    expect((await embedded.inject({ url: '/healthz' })).headers['strict-transport-security']).toBeUndefined();
    expect((await real.inject({ url: '/healthz' })).headers['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    );
  });

  test('the task pane page may run office.js from Microsoft, sign in with the authority, and keep popups', async () => {
    const response = await real.inject({ url: '/taskpane.html' });
    expect(response.statusCode).toBe(200);
    const csp = parseCsp(response.headers['content-security-policy']);
    expect(csp.get('script-src')).toEqual(["'self'", OFFICE_JS_ORIGIN]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'https://login.microsoftonline.com']);
    expect(csp.get('frame-ancestors')).toEqual(["'self'", ...OFFICE_FRAME_ANCESTORS]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(response.headers['cross-origin-opener-policy']).toBe('same-origin-allow-popups');
  });

  test.each(['addin/taskpane.html', 'addin/harness.html'])(
    'every script %s loads is allowed by the page policy',
    async (page) => {
      const allowed = pagePolicy([])['script-src']!;
      for (const origin of await scriptOriginsOf(path.join(repositoryRoot, page))) expect(allowed).toContain(origin);
    },
  );

  test("the manifest's icons may be shown by Outlook from its own origin", async () => {
    const response = await embedded.inject({ url: '/assets/icon-32.png' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect((await embedded.inject({ url: '/healthz' })).headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  test('the API docs page runs only its own bundled scripts', async () => {
    const response = await embedded.inject({ url: '/docs' });
    expect(response.statusCode).toBe(200);
    const csp = parseCsp(response.headers['content-security-policy']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
  });

  test('every answer names its request id, and a safe caller id is kept', async () => {
    const generated = await embedded.inject({ url: '/healthz' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await embedded.inject({ url: '/healthz', headers: { 'x-request-id': 'lb-1234.abc' } });
    expect(kept.headers['x-request-id']).toBe('lb-1234.abc');
    const forged = await embedded.inject({ url: '/healthz', headers: { 'x-request-id': 'x\n{"level":60}' } });
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
