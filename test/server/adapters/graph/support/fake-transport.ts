import type { FetchLike } from '../../../../../server/src/adapters/graph/index.js';

export type RecordedRequest = {
  method: string;
  url: URL;
  headers: Headers;
  /** The JSON body, parsed (other bodies as text); undefined without one. */
  body: unknown;
};

export type FakeHandler = (request: RecordedRequest) => Response | Promise<Response>;

const GRAPH_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** A Graph answer with Graph's headers. */
export function graphResponse(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  const hasBody = body !== undefined && status !== 204;
  return new Response(hasBody ? JSON.stringify(body) : null, {
    status,
    headers: { ...(hasBody ? { 'Content-Type': GRAPH_CONTENT_TYPE } : {}), 'OData-Version': '4.0', ...headers },
  });
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The mailbox segment of `/v1.0/users/{mailbox}/…`, lower-cased, or '' for tenant-wide paths. */
export function mailboxOf(url: URL): string {
  const match = /\/v1\.0\/users\/([^/?]+)/i.exec(url.pathname);
  return match ? decodeURIComponent(match[1]!).toLowerCase() : '';
}

/**
 * A fetch that records every request and answers from a handler (msgraph-sdk-javascript's "fake
 * transport" idea): no network, no module mocks. It counts requests in flight per mailbox, so tests can
 * check the concurrency limit by holding answers back.
 */
export function createFakeTransport(handler: FakeHandler) {
  const requests: RecordedRequest[] = [];
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();
  const fetch: FetchLike = async (url, init = {}) => {
    const text = typeof init.body === 'string' ? init.body : undefined;
    const request: RecordedRequest = {
      method: init.method ?? 'GET',
      url: new URL(url),
      headers: new Headers(init.headers),
      body: text === undefined || text === '' ? undefined : parseBody(text),
    };
    requests.push(request);
    const key = mailboxOf(request.url);
    inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
    maxInFlight.set(key, Math.max(maxInFlight.get(key) ?? 0, inFlight.get(key)!));
    try {
      return await handler(request);
    } finally {
      inFlight.set(key, inFlight.get(key)! - 1);
    }
  };
  return {
    fetch,
    requests,
    maxInFlight: (mailbox: string) => maxInFlight.get(mailbox.toLowerCase()) ?? 0,
    inFlight: (mailbox: string) => inFlight.get(mailbox.toLowerCase()) ?? 0,
  };
}

/** A handler that answers the n-th request with the n-th response and fails loudly past the script. */
export function replay(...responses: Array<Response | FakeHandler>): FakeHandler {
  let index = 0;
  return (request) => {
    const next = responses[index++];
    if (!next) throw new Error(`Unscripted request #${index}: ${request.method} ${request.url.href}`);
    return typeof next === 'function' ? next(request) : next;
  };
}
