import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { buildApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { AppError } from '../../server/src/errors.js';
import type { Database } from '../../server/src/storage/create-db.js';
import { createTestPglite } from '../support/test-db.js';

describe('buildApp', () => {
  let app: FastifyInstance;
  let database: Database;

  beforeAll(async () => {
    database = await createTestPglite();
    app = await buildApp({ config: loadConfig({}), database });
    app.get('/test/throws/:code', async (request) => {
      const { code } = request.params as { code: string };
      if (code === 'bug') throw new Error('secret internal detail');
      throw new AppError(code as 'NOT_FOUND', `failure ${code}`, code === 'THROTTLED' ? { retryAfterMs: 2500 } : {});
    });
    app.post('/test/echo', { schema: { body: z.object({ name: z.string() }) } }, async (request) => request.body);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  test('GET /healthz answers 200 {"status":"ok"}', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  test('the root lists the pages the server serves, under a CSP without inline scripts; the favicon is a 204', async () => {
    const page = await app.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('href="/admin/"');
    expect(page.body).toContain('href="/docs"');
    expect(page.body).not.toContain('harness.html'); // no harness without the embedded default
    expect(page.body).not.toContain('Who is who in the demo');
    const scripts = String(page.headers['content-security-policy']).match(/script-src ([^;]*)/)?.[1];
    expect(scripts).toBeDefined();
    expect(scripts).not.toContain("'unsafe-inline'");
    expect((await app.inject({ url: '/favicon.ico' })).statusCode).toBe(204);
  });

  test('an unknown route is a JSON 404', async () => {
    const response = await app.inject({ method: 'GET', url: '/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No route GET /nope' } });
  });

  test.each([
    ['NOT_FOUND', 404],
    ['PRECONDITION_FAILED', 412],
    ['UPSTREAM_FAILED', 502],
    ['THROTTLED', 429],
  ])('AppError %s becomes HTTP %i with its code', async (code, status) => {
    const response = await app.inject({ method: 'GET', url: `/test/throws/${code}` });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual({ error: { code, message: `failure ${code}` } });
  });

  test('a throttled error carries Retry-After in seconds', async () => {
    const response = await app.inject({ method: 'GET', url: '/test/throws/THROTTLED' });
    expect(response.headers['retry-after']).toBe('3');
  });

  test('an unexpected error is a 500 that does not leak its message', async () => {
    const response = await app.inject({ method: 'GET', url: '/test/throws/bug' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret internal detail');
    expect(response.json()).toEqual({ error: { code: 'INTERNAL', message: 'Internal Server Error' } });
  });

  test('a URL that cannot be decoded is a 400 in the same error shape, with the security headers', async () => {
    const response = await app.inject({ url: '/api/rooms/%E0%A4%A' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: { code: 'INVALID_REQUEST', message: expect.any(String) } });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  test('malformed JSON is a 400 with a message, not a crash', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('INVALID_REQUEST');
  });

  test('a body that fails validation is a 400 naming the problem', async () => {
    const response = await app.inject({ method: 'POST', url: '/test/echo', payload: { other: 1 } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/name/);
  });
});
