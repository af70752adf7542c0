import type {
  FastifyPluginAsync,
  FastifyRequest,
  InjectOptions,
  LightMyRequestResponse as InjectResponse,
} from 'fastify';
import { GraphError, badRequest } from '../odata/graph-error.js';

export type BatchRouteOptions = {
  /** Runs one inner request through the whole emulator (auth, throttling, faults) as if it came alone. */
  inject: (options: InjectOptions) => Promise<InjectResponse>;
};

type BatchItem = {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
};

type BatchItemResponse = { id: string; status: number; headers: Record<string, string>; body?: unknown };

const MAX_REQUESTS = 20;
/** Outlook runs at most 4 requests of a batch at once against a mailbox ([THL]). */
const MAX_PARALLEL = 4;
const FORWARDED_HEADERS = [
  'content-type',
  'retry-after',
  'location',
  'odata-version',
  'cache-control',
  'preference-applied',
];

function readItems(body: unknown): BatchItem[] {
  const requests = (body as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) throw badRequest('Invalid batch payload format.');
  if (requests.length > MAX_REQUESTS)
    throw badRequest(
      `Unable to process the batch: it contains ${requests.length} requests, and the limit is ${MAX_REQUESTS}.`,
    );
  const seen = new Set<string>();
  const items = requests.map((raw: Partial<BatchItem>) => {
    if (typeof raw?.id !== 'string' || typeof raw.method !== 'string' || typeof raw.url !== 'string') {
      throw badRequest('Each batch request needs an id, a method and a url.');
    }
    if (seen.has(raw.id.toLowerCase()))
      throw badRequest(`Batch request ids must be unique; '${raw.id}' appears more than once.`);
    seen.add(raw.id.toLowerCase());
    if (/^https?:/i.test(raw.url))
      throw badRequest(`Invalid request URL '${raw.url}': batch URLs are relative to the version root.`);
    const hasContentType = Object.keys(raw.headers ?? {}).some((name) => name.toLowerCase() === 'content-type');
    if (raw.body !== undefined && !hasContentType)
      throw badRequest(`Write request id : ${raw.id} does not contain Content-Type header or body.`);
    return raw as BatchItem;
  });
  for (const item of items) {
    for (const dependency of item.dependsOn ?? []) {
      if (!seen.has(dependency.toLowerCase()))
        throw badRequest(`Request '${item.id}' depends on unknown request '${dependency}'.`);
    }
  }
  return items;
}

/**
 * POST /$batch ([BATCH]): up to 20 requests, `dependsOn` for sequencing (a failed dependency gives 424),
 * one 200 envelope whose items carry their own status, headers and body, in completion order.
 * Items are throttled like standalone requests, so a throttled item is a 429 with its own Retry-After.
 */
export const batchRoute: FastifyPluginAsync<BatchRouteOptions> = async (app, { inject }) => {
  app.post('/$batch', async (request) => {
    const items = readItems(request.body);
    const version = request.url.startsWith('/beta/') ? '/beta' : '/v1.0';
    const responses: BatchItemResponse[] = [];
    const settled = new Map<string, Promise<BatchItemResponse>>();
    let running = 0;
    const waiting: Array<() => void> = [];
    const slot = async () => {
      while (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
      running++;
    };
    const release = () => {
      running--;
      waiting.shift()?.();
    };

    const run = async (item: BatchItem): Promise<BatchItemResponse> => {
      const dependencies = await Promise.all((item.dependsOn ?? []).map((id) => settled.get(findId(items, id))!));
      if (dependencies.some((dependency) => dependency.status < 200 || dependency.status >= 300)) {
        return { id: item.id, status: 424, headers: {}, body: failedDependency(item) };
      }
      await slot();
      try {
        return await execute(item, version, request);
      } finally {
        release();
      }
    };

    for (const item of items) {
      const promise = run(item).then((response) => {
        responses.push(response);
        return response;
      });
      settled.set(item.id, promise);
    }
    await Promise.all(settled.values());
    return { responses };
  });

  async function execute(item: BatchItem, version: string, parent: FastifyRequest): Promise<BatchItemResponse> {
    const url = `${version}/${item.url.replace(/^\//, '')}`;
    const headers: Record<string, string> = { ...(item.headers ?? {}), host: parent.host };
    if (parent.headers.authorization) headers.authorization = parent.headers.authorization;
    const response = await inject({
      method: item.method.toUpperCase() as InjectOptions['method'],
      url,
      headers,
      ...(item.body !== undefined ? { payload: JSON.stringify(item.body) } : {}),
    });
    const responseHeaders: Record<string, string> = {};
    for (const name of FORWARDED_HEADERS) {
      const value = response.headers[name];
      if (value !== undefined) responseHeaders[headerName(name)] = String(value);
    }
    const isJson = String(response.headers['content-type'] ?? '').includes('json') && response.body.length > 0;
    return {
      id: item.id,
      status: response.statusCode,
      headers: responseHeaders,
      ...(isJson ? { body: response.json() } : {}),
    };
  }
};

function findId(items: BatchItem[], id: string): string {
  return items.find((item) => item.id.toLowerCase() === id.toLowerCase())!.id;
}

function failedDependency(item: BatchItem) {
  const error = new GraphError(
    424,
    'FailedDependency',
    `The request '${item.id}' was not run because a request it depends on failed.`,
  );
  return { error: { code: error.code, message: error.message } };
}

const headerName = (name: string) =>
  name
    .split('-')
    .map((part) => (part === 'odata' ? 'OData' : part[0]!.toUpperCase() + part.slice(1)))
    .join('-');
