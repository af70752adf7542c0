import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../server/src/storage/create-db.js';
import { createTestPglite } from '../support/test-db.js';
import { buildFullApp, tokenFor } from '../support/full-app.js';

// One mechanism (plugins/cors-policy.ts, @fastify/cors) for the add-in API, configured from
// ADDIN_ALLOWED_ORIGINS (plus the server's own origin in startServer); nothing else answers CORS.

const PANE_CDN = 'https://cdn.contoso.com';
const EVIL = 'https://evil.example.com';

describe('strict CORS', () => {
  let database: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await createTestPglite();
    ({ app } = await buildFullApp({ database, env: { ADDIN_ALLOWED_ORIGINS: `${PANE_CDN}/taskpane.html` } }));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const preflight = (origin: string, url = '/api/rooms') =>
    app.inject({
      method: 'OPTIONS',
      url,
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });

  test('the configured origin may preflight the add-in API, for its methods and headers', async () => {
    const response = await preflight(PANE_CDN);
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(PANE_CDN);
    expect(response.headers['access-control-allow-methods']).toBe('GET, POST, PATCH, DELETE');
    expect(response.headers['access-control-allow-headers']).toBe('authorization, content-type');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });

  test('any other origin: a 403 without CORS headers, so the browser refuses', async () => {
    const response = await preflight(EVIL);
    expect(response.statusCode).toBe(403);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['access-control-allow-methods']).toBeUndefined();
  });

  test('answers name the allowed origin only, and vary by Origin', async () => {
    const headers = { authorization: `Bearer ${tokenFor('ann@contoso.com')}` };
    const allowed = await app.inject({ url: '/api/rooms', headers: { ...headers, origin: PANE_CDN } });
    expect(allowed.headers['access-control-allow-origin']).toBe(PANE_CDN);
    expect(allowed.headers.vary).toContain('Origin');
    const other = await app.inject({ url: '/api/rooms', headers: { ...headers, origin: EVIL } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  test.each(['/healthz', '/readyz', '/addin-config.json', '/openapi/addin-api.json', '/docs/json'])(
    '%s is not readable cross-origin',
    async (url) => {
      const response = await app.inject({ url, headers: { origin: PANE_CDN } });
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    },
  );

  test('the webhooks answer no preflight', async () => {
    const response = await preflight(PANE_CDN, '/webhooks/graph');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
  });
});
