import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../../server/src/storage/create-db.js';
import { createTestPglite } from '../../support/test-db.js';
import { buildFullApp } from '../../support/full-app.js';

type Operation = {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ schema: object }>;
  requestBody?: { content: Record<string, { schema: object }> };
  responses?: Record<string, { content?: Record<string, { schema: object }> }>;
};
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

describe('OpenAPI for every server endpoint', () => {
  let database: Database;
  let pane: string;
  let app: FastifyInstance;
  let document: Document;

  beforeAll(async () => {
    database = await createTestPglite();
    pane = await mkdtemp(path.join(tmpdir(), 'pane-'));
    await mkdir(path.join(pane, 'assets'));
    await writeFile(path.join(pane, 'taskpane.html'), '<!doctype html><title>pane</title>');
    await writeFile(path.join(pane, 'assets/taskpane-AbCdEf12.js'), 'console.log(1)');
    ({ app } = await buildFullApp({ database, staticRoot: pane }));
    document = (await app.inject({ url: '/docs/json' })).json();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await rm(pane, { recursive: true, force: true });
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([url, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ url, method, operation })),
    );

  test('lists every endpoint: operations, webhooks, add-in pages and API, admin, harness', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(operations().map(({ method, url }) => `${method.toUpperCase()} ${url}`)).toEqual(
      expect.arrayContaining([
        'GET /healthz',
        'GET /readyz',
        'GET /metrics',
        'POST /webhooks/graph',
        'POST /webhooks/graph/lifecycle',
        'POST /webhooks/workplace',
        'GET /addin-config.json',
        'GET /openapi/addin-api.json',
        'GET /taskpane.html',
        'GET /api/rooms',
        'GET /api/availability',
        'POST /api/booking-intents',
        'DELETE /api/booking-intents/{intentId}',
        'GET /api/reservations/for-meeting',
        'PATCH /api/reservations/{reservationId}/lines',
        'GET /admin/api/rooms',
        'POST /harness/token',
        'POST /harness/send',
      ]),
    );
  });

  test('leaves out files (scripts, icons) and the docs themselves', () => {
    const urls = Object.keys(document.paths);
    expect(urls.filter((url) => url.startsWith('/assets/') || url.startsWith('/docs'))).toEqual([]);
    expect(urls).not.toContain('/harness/office-js/{file}');
    // Files answer HEAD too: GET alone is documented.
    expect(operations().filter(({ method }) => method === 'head')).toEqual([]);
  });

  test('the add-in API’s own document is this one, cut to what the task pane calls', async () => {
    const addin = (await app.inject({ url: '/openapi/addin-api.json' })).json() as Document & {
      components: { securitySchemes: Record<string, unknown> };
    };
    const expected = Object.keys(document.paths).filter(
      (url) => url.startsWith('/api/') || url === '/addin-config.json',
    );
    expect(Object.keys(addin.paths).sort()).toEqual(expected.sort());
    for (const url of expected) expect(addin.paths[url]).toEqual(document.paths[url]);
    expect(Object.keys(addin.components.securitySchemes)).toEqual(['bearerToken']);
    expect(addin.paths['/api/booking-intents']!['post']!.responses?.['default']).toBeDefined();
  });

  test('every operation has a summary and a tag; the add-in and admin APIs need a bearer token', () => {
    for (const { url, method, operation } of operations()) {
      expect(operation.summary, `${method} ${url}`).toBeTruthy();
      expect(operation.tags, `${method} ${url}`).toHaveLength(1);
      const needsToken = url.startsWith('/api/') || url.startsWith('/admin/api/');
      expect(operation.security, `${method} ${url}`).toEqual(needsToken ? [{ bearerToken: [] }] : undefined);
    }
  });

  test('request and response schemas come from the routes’ zod schemas, as valid JSON Schema 2020-12', () => {
    const intents = document.paths['/api/booking-intents']!['post']!;
    expect(intents.requestBody?.content['application/json']?.schema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['roomId', 'start', 'end']),
    });
    expect(document.paths['/readyz']!['get']!.responses?.['503']).toBeDefined();
    const ajv = new Ajv2020.default({ strict: false, validateFormats: false });
    let compiled = 0;
    for (const { operation } of operations()) {
      const schemas = [
        ...(operation.parameters ?? []).map((parameter) => parameter.schema),
        ...Object.values(operation.requestBody?.content ?? {}).map((media) => media.schema),
        ...Object.values(operation.responses ?? {}).flatMap((response) =>
          Object.values(response.content ?? {}).map((media) => media.schema),
        ),
      ];
      for (const schema of schemas) {
        ajv.compile(schema);
        compiled += 1;
      }
    }
    expect(compiled).toBeGreaterThan(20);
  });

  test('Swagger UI at /docs is served from the package itself (works offline)', async () => {
    const page = await app.inject({ url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const scripts = [...page.body.matchAll(/<script src="([^"]+)"/g)].map(([, src]) => src!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src).not.toMatch(/^https?:/);
      const asset = await app.inject({ url: new URL(src, 'http://server/docs/').pathname });
      expect(asset.statusCode, src).toBe(200);
    }
  });
});
