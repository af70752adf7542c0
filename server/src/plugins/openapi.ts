import swagger from '@fastify/swagger';
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import fp from 'fastify-plugin';
import { createJsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export type OpenApiOptions = {
  /** The server's public URL, for the document's `servers`. */
  publicUrl: string | null;
  /** Whether /metrics asks for a bearer token. */
  isMetricsProtected: boolean;
};

type Transform = NonNullable<FastifyDynamicSwaggerOptions['transform']>;
type RouteDocs = { summary: string; description?: string };

const TAGS = [
  { name: 'operations', description: 'Liveness, readiness, metrics (docs/operations.md)' },
  { name: 'webhooks', description: 'Change notifications from Microsoft Graph and Workplace' },
  { name: 'add-in API', description: 'What the Outlook task pane calls; also at /openapi/addin-api.json' },
  { name: 'add-in', description: 'The task pane itself: pages and sign-in configuration' },
  { name: 'admin', description: 'Room-sync administration' },
  { name: 'harness', description: 'The embedded default only: a simulated Outlook for demos and tests' },
];

/** Docs of routes registered without a summary (their plugins predate this document). */
const ROUTE_DOCS: Record<string, RouteDocs> = {
  '/healthz': { summary: 'Liveness: the process answers (nothing else is checked)' },
  '/webhooks/graph': {
    summary: 'Graph change notifications (notificationUrl)',
    description:
      'Answers `?validationToken=` with the token as text/plain; otherwise stores each notification whose clientState matches its subscription (constant-time) and answers 202. A wrong clientState is a 403 and nothing is stored.',
  },
  '/webhooks/graph/lifecycle': {
    summary: 'Graph lifecycle notifications (lifecycleNotificationUrl)',
    description: 'As /webhooks/graph, for reauthorizationRequired, subscriptionRemoved and missed.',
  },
  '/webhooks/workplace': {
    summary: "Workplace's signed change webhook",
    description:
      'HMAC-SHA256 of `{timestamp}.{raw body}` in X-Workplace-Signature with X-Workplace-Timestamp, checked in constant time and refused when stale (401); a valid delivery queues a read of the change feed (202).',
  },
  '/openapi/addin-api.json': { summary: "The add-in API's own OpenAPI document" },
  '/admin': { summary: 'Redirects to the admin console (/admin/)' },
  '/admin/': {
    summary: 'The admin console (room links, health, sync log, failed items, EWS → Graph cutover)',
    description: 'Signs in as an administrator (ADMIN_USERS) and calls /admin/api/*; see docs/operations.md.',
  },
  '/harness/token': { summary: 'A delegated add-in token for a demo user (from this machine only)' },
  '/harness/send': { summary: 'Send a meeting as Outlook would (from this machine only)' },
  '/taskpane.html': { summary: "The task pane (the manifest's SourceLocation)" },
  '/harness.html': { summary: 'The harness: a simulated Outlook around the task pane (embedded default only)' },
};

const docsOf = (url: string): RouteDocs | undefined =>
  ROUTE_DOCS[url] ?? (url.endsWith('.html') ? { summary: `The add-in page ${url.slice(1)}` } : undefined);

const tagOf = (url: string): string | undefined => {
  if (['/healthz', '/readyz', '/metrics'].includes(url)) return 'operations';
  if (url.startsWith('/webhooks/')) return 'webhooks';
  if (url.startsWith('/api/')) return 'add-in API';
  if (url.startsWith('/admin')) return 'admin';
  if (url.startsWith('/harness')) return 'harness';
  if (url.endsWith('.html') || url === '/addin-config.json' || url.startsWith('/openapi/')) return 'add-in';
  return undefined;
};

/** Routes that are files rather than endpoints (the pane's scripts, icons), or the docs themselves. */
const isHidden = (url: string): boolean =>
  url === '/docs' ||
  url.startsWith('/docs/') ||
  url === '*' ||
  url.startsWith('/harness/office-js/') ||
  (/\.[a-z0-9]+$/i.test(url) && !url.endsWith('.html') && !url.endsWith('.json'));

/**
 * OpenAPI 3.1 for every server endpoint, from the routes' zod schemas (fastify-type-provider-zod's
 * transform), with tags, the bearer schemes and summaries for the routes that have none. Registered
 * before the routes; Swagger UI serves it at /docs (routes/docs.ts).
 */
export const openApi = fp<OpenApiOptions>(
  async (app, { publicUrl, isMetricsProtected }) => {
    const zodTransform = createJsonSchemaTransform({ skipList: [], zodToJsonConfig: { unrepresentable: 'any' } });
    const transform: Transform = (input) => {
      const { url } = input;
      if (isHidden(url)) return { schema: { hide: true }, url };
      const transformed = zodTransform(input) as { schema: Record<string, unknown>; url: string };
      const schema = { ...transformed.schema };
      const docs = docsOf(url);
      if (docs && schema['summary'] === undefined) Object.assign(schema, docs);
      const tag = tagOf(url);
      if (tag && schema['tags'] === undefined) schema['tags'] = [tag];
      if (url.startsWith('/api/') || url.startsWith('/admin/api/')) schema['security'] ??= [{ bearerToken: [] }];
      if (url === '/metrics' && isMetricsProtected) schema['security'] ??= [{ metricsToken: [] }];
      return { schema, url: transformed.url };
    };
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Workplace ⇄ Exchange room sync',
          version: '1.0.0',
          description:
            'Every endpoint of the sync server. The add-in API also has its own document at /openapi/addin-api.json.',
        },
        ...(publicUrl ? { servers: [{ url: publicUrl }] } : {}),
        tags: TAGS,
        components: {
          securitySchemes: {
            bearerToken: {
              type: 'http',
              scheme: 'bearer',
              bearerFormat: 'JWT',
              description: 'An Entra access token for the add-in API (scope access_as_user)',
            },
            metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN' },
          },
        },
      },
      transform,
      transformObject: jsonSchemaTransformObject,
    });
  },
  { name: 'openapi' },
);
