import swagger from '@fastify/swagger';
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { ApiErrorBodySchema, addinApi } from '@workplace-sync/shared';
import type { AddinApiOperation } from '@workplace-sync/shared';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createJsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';

export type OpenApiOptions = {
  /** The server's public URL, for the document's `servers`. */
  publicUrl: string | null;
  /** Whether /metrics asks for a bearer token. */
  isMetricsProtected: boolean;
};

type Transform = NonNullable<FastifyDynamicSwaggerOptions['transform']>;
type TransformObject = NonNullable<FastifyDynamicSwaggerOptions['transformObject']>;
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
  url.endsWith('/index.html') || // the console's page, documented at /admin/
  (/\.[a-z0-9]+$/i.test(url) && !url.endsWith('.html') && !url.endsWith('.json'));

/** The add-in API's operations in the shared contract (their names: `getAvailability`), by `METHOD url`. */
const ADDIN_OPERATIONS = new Map(
  Object.entries(addinApi).map(([operationId, operation]) => [
    `${operation.method} ${operation.url}`,
    { operationId, success: operation.success as AddinApiOperation['success'] },
  ]),
);

/** Every failure leaves as `{ error: { code, message } }` (plugins/error-handler.ts). */
const ERROR_RESPONSES = {
  401: ApiErrorBodySchema.describe('No valid bearer token'),
  default: ApiErrorBodySchema.describe('Error'),
};

const methodsOf = (method: string | string[]) => (Array.isArray(method) ? method : [method]);

/** Pages and files answer HEAD as well as GET (@fastify/static's routes): GET alone is documented. */
const withoutHead: TransformObject = (input) => {
  const document = jsonSchemaTransformObject(input) as { paths?: Record<string, Record<string, unknown>> };
  for (const operations of Object.values(document.paths ?? {})) {
    if (operations['get']) delete operations['head'];
  }
  return document as ReturnType<TransformObject>;
};

/**
 * OpenAPI 3.1 for every server endpoint, from the routes' zod schemas (fastify-type-provider-zod's
 * transform), with tags, the bearer schemes, the APIs' error answers, the add-in API's operation ids
 * from the shared contract and summaries for the routes that have none. Registered before the routes;
 * Swagger UI serves it at /docs (routes/docs.ts), and the add-in API's part of it is served at
 * /openapi/addin-api.json (`addinApiDocumentOf`).
 */
export const openApi = fp<OpenApiOptions>(
  async (app, { publicUrl, isMetricsProtected }) => {
    const zodTransform = createJsonSchemaTransform({ skipList: [], zodToJsonConfig: { unrepresentable: 'any' } });
    const transform: Transform = (input) => {
      const { url } = input;
      if (isHidden(url)) return { schema: { hide: true }, url };
      const isApi = url.startsWith('/api/') || url.startsWith('/admin/api/');
      const addinOperation = methodsOf(input.route.method)
        .map((method) => ADDIN_OPERATIONS.get(`${method} ${url}`))
        .find(Boolean);
      const { status, body } = addinOperation?.success ?? {};
      const declared = input.schema?.response as object | undefined;
      // A success without a body (204) is not among the route's response schemas; errors are added to
      // the API's declared answers (a route that declares none keeps Swagger's default answer).
      const success = status && !body ? { [status]: z.null().describe('Done') } : undefined;
      const response = declared || success ? { ...(isApi ? ERROR_RESPONSES : {}), ...success, ...declared } : undefined;
      const transformed = zodTransform(response ? { ...input, schema: { ...input.schema, response } } : input) as {
        schema: Record<string, unknown>;
        url: string;
      };
      const schema = { ...transformed.schema };
      const docs = docsOf(url);
      if (docs && schema['summary'] === undefined) Object.assign(schema, docs);
      const tag = tagOf(url);
      if (tag && schema['tags'] === undefined) schema['tags'] = [tag];
      if (isApi) schema['security'] ??= [{ bearerToken: [] }];
      if (addinOperation) schema['operationId'] ??= addinOperation.operationId;
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
      transformObject: withoutHead,
    });
  },
  { name: 'openapi' },
);

type Operation = { security?: Array<Record<string, unknown>>; tags?: string[] };
/** The parts of the server's document the add-in document is cut from. */
type ServerDocument = {
  info: { version: string };
  servers?: Array<{ url: string }>;
  tags?: Array<{ name: string }>;
  components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
  paths?: Record<string, Record<string, Operation>>;
};

const isAddinApiPath = (url: string) => url.startsWith('/api/') || url === '/addin-config.json';

/** `#/components/schemas/…` references in `value`, and in the schemas they name, transitively. */
function referencedSchemas(value: unknown, schemas: Record<string, unknown>, found = new Set<string>()) {
  if (Array.isArray(value)) {
    for (const item of value) referencedSchemas(item, schemas, found);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const name = key === '$ref' && typeof item === 'string' ? /^#\/components\/schemas\/(.+)$/.exec(item)?.[1] : null;
      if (name && !found.has(name)) {
        found.add(name);
        referencedSchemas(schemas[name], schemas, found);
      } else {
        referencedSchemas(item, schemas, found);
      }
    }
  }
  return found;
}

/**
 * The add-in API's own document (/openapi/addin-api.json), cut from the server's (`app.swagger()`):
 * what the task pane calls (`/api/*`, `/addin-config.json`) with the component schemas, tags and
 * security schemes (the bearer token) those operations use. `serverUrl` names the server the pane
 * talks to when the server's document has none (the embedded default).
 */
export function addinApiDocumentOf(serverDocument: ReturnType<FastifyInstance['swagger']>, serverUrl?: string) {
  const document = serverDocument as ServerDocument;
  const paths = Object.fromEntries(Object.entries(document.paths ?? {}).filter(([url]) => isAddinApiPath(url)));
  const operations = Object.values(paths).flatMap((methods) => Object.values(methods));
  const schemes = new Set(operations.flatMap((operation) => (operation.security ?? []).flatMap(Object.keys)));
  const tags = new Set(operations.flatMap((operation) => operation.tags ?? []));
  const allSchemas = document.components?.schemas ?? {};
  const schemas = [...referencedSchemas(paths, allSchemas)].map((name) => [name, allSchemas[name]]);
  const servers = serverUrl ? [{ url: serverUrl }] : document.servers;
  return {
    openapi: '3.1.0',
    info: {
      title: 'Workplace rooms: add-in API',
      version: document.info.version,
      description: 'What the Outlook task pane calls: rooms, availability, holds, reservations of a meeting.',
    },
    ...(servers ? { servers } : {}),
    tags: (document.tags ?? []).filter((tag) => tags.has(tag.name)),
    components: {
      ...(schemas.length > 0 ? { schemas: Object.fromEntries(schemas) } : {}),
      securitySchemes: Object.fromEntries(
        Object.entries(document.components?.securitySchemes ?? {}).filter(([name]) => schemes.has(name)),
      ),
    },
    paths,
  };
}
