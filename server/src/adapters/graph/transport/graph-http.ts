import { AuthenticationHandler, Client, ResponseType } from '@microsoft/microsoft-graph-client';
import type { GraphRequest as SdkRequest, Middleware } from '@microsoft/microsoft-graph-client';
import type { z } from 'zod';
import { isAppError } from '../../../errors.js';
import type { TokenSource } from '../auth/token-source.js';
import { fromGraphFailure, upstreamFailed } from '../graph-errors.js';
import { ErrorCapture, ErrorCaptureHandler } from '../middleware/error-capture.js';
import { FetchHandler } from '../middleware/fetch-handler.js';
import { MailboxConcurrencyHandler } from '../middleware/mailbox-concurrency-handler.js';
import { MailboxOption } from '../middleware/mailbox-option.js';
import { ReauthenticateHandler } from '../middleware/reauthenticate-handler.js';
import { ResponseObserverHandler } from '../middleware/response-observer.js';
import type { OnGraphResponse } from '../middleware/response-observer.js';
import { ThrottleRetryHandler } from '../middleware/throttle-retry-handler.js';
import type { ThrottleRetrySettings } from '../middleware/throttle-retry-handler.js';
import { TokenAuthenticationProvider } from '../middleware/token-authentication-provider.js';
import { realSleep } from './fetch-like.js';
import type { FetchLike } from './fetch-like.js';
import { parseRetryAfter } from '../../../retry/index.js';

export const GRAPH_BASE_URL = 'https://graph.microsoft.com';

export type GraphMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export type GraphHttpRequest = {
  method: GraphMethod;
  /** `/users/…` relative to `{baseUrl}/v1.0`, or an absolute `@odata.nextLink`/`deltaLink`. */
  path: string;
  /** The mailbox the request touches: it takes one of that mailbox's 4 concurrency slots. */
  mailbox?: string;
  /** The mailboxes a `$batch`'s items touch, when they are several: it takes a slot of each. */
  mailboxes?: string[];
  headers?: Record<string, string>;
  body?: unknown;
};

export type GraphHttpResponse = { status: number; headers: Headers; body: unknown };

export interface GraphHttp {
  /** Sends one request; a non-2xx answer becomes an AppError (graph-errors.ts). */
  send(request: GraphHttpRequest): Promise<GraphHttpResponse>;
  /** Retry settings and clock, shared with `$batch` item retries and time-dependent callers. */
  readonly retryPolicy: ThrottleRetrySettings;
}

export type GraphHttpOptions = {
  tokens: TokenSource;
  /** `https://graph.microsoft.com`, or the emulator's `https://127.0.0.1:{port}`. */
  baseUrl?: string;
  fetch?: FetchLike;
  mailboxConcurrency?: number;
  retry?: Partial<Omit<ThrottleRetrySettings, 'now'>>;
  /** The clock for Retry-After dates and subscription expiries (the emulator's clock in tests). */
  now?: () => Date;
  /** Called for every attempt on the wire with its status and duration (metrics: requests, throttling). */
  onResponse?: OnGraphResponse;
};

const DEFAULT_RETRY: Omit<ThrottleRetrySettings, 'now'> = {
  maxAttempts: 5,
  maxDelayMs: 60_000,
  baseDelayMs: 1_000,
  sleep: realSleep,
  random: Math.random,
};

/**
 * The SDK's AuthenticationHandler attaches the token only to https URLs whose host, without the port,
 * is in GRAPH_URLS or `customHosts`; a non-Microsoft base URL (the emulator) must be listed, or every
 * request goes out without a token.
 */
function customHostsFor(baseUrl: string): Set<string> | undefined {
  const { protocol, hostname } = new URL(baseUrl);
  if (protocol !== 'https:')
    throw new Error(`Graph base URL must be https (the SDK sends no token otherwise): ${baseUrl}`);
  return hostname === new URL(GRAPH_BASE_URL).hostname ? undefined : new Set([hostname]);
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json') && !/^\s*[[{]/.test(text)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // A broken error body still has a status worth mapping (a throttled answer stays THROTTLED).
    if (!response.ok) return text;
    throw upstreamFailed(`Graph sent a body that is not JSON (${response.status})`, error);
  }
}

function sendThroughSdk(request: SdkRequest, { method, body }: GraphHttpRequest): Promise<Response> {
  switch (method) {
    case 'GET':
      return request.get() as Promise<Response>;
    case 'POST':
      return request.post(body ?? {}) as Promise<Response>;
    case 'PATCH':
      return request.patch(body ?? {}) as Promise<Response>;
    case 'DELETE':
      return request.delete() as Promise<Response>;
  }
}

/**
 * Graph calls through `@microsoft/microsoft-graph-client` with our middleware chain:
 * error capture → 401 → one forced token refresh → token attached (SDK) → 429/503/504 retried after Retry-After
 * → per-mailbox concurrency limit → (observer of each attempt) → the injected fetch.
 */
export function createGraphHttp(options: GraphHttpOptions): GraphHttp {
  const baseUrl = (options.baseUrl ?? GRAPH_BASE_URL).replace(/\/+$/, '');
  const retryPolicy: ThrottleRetrySettings = {
    ...DEFAULT_RETRY,
    ...options.retry,
    now: options.now ?? (() => new Date()),
  };
  const { now } = retryPolicy;
  const chain: Middleware[] = [
    new ErrorCaptureHandler(),
    new ReauthenticateHandler(),
    new AuthenticationHandler(new TokenAuthenticationProvider(options.tokens)),
    new ThrottleRetryHandler(retryPolicy),
    new MailboxConcurrencyHandler(options.mailboxConcurrency ?? 4),
    ...(options.onResponse ? [new ResponseObserverHandler(options.onResponse)] : []),
    new FetchHandler(options.fetch ?? ((url, init) => globalThis.fetch(url, init))),
  ];
  const customHosts = customHostsFor(baseUrl);
  const client = Client.initWithMiddleware({
    baseUrl,
    defaultVersion: 'v1.0',
    middleware: chain,
    ...(customHosts ? { customHosts } : {}),
  });

  async function send(request: GraphHttpRequest): Promise<GraphHttpResponse> {
    const sdkRequest = client.api(request.path).responseType(ResponseType.RAW);
    if (request.headers) sdkRequest.headers(request.headers);
    const capture = new ErrorCapture();
    const mailboxes = [...(request.mailbox ? [request.mailbox] : []), ...(request.mailboxes ?? [])];
    sdkRequest.middlewareOptions(mailboxes.length > 0 ? [capture, new MailboxOption(mailboxes)] : [capture]);
    let response: Response;
    try {
      response = await sendThroughSdk(sdkRequest, request);
    } catch (error) {
      const original = capture.error ?? error;
      if (isAppError(original)) throw original;
      throw upstreamFailed(`Graph request failed: ${request.method} ${request.path}`, original);
    }
    const body = await readBody(response);
    if (response.ok) return { status: response.status, headers: response.headers, body };
    const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), now());
    throw fromGraphFailure({ status: response.status, body, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  }

  return { send, retryPolicy };
}

/** Parses a response body with a zod schema; a mismatch is Graph breaking its contract, not our input. */
export function parseGraphBody<Schema extends z.ZodType>(schema: Schema, body: unknown, what: string): z.infer<Schema> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw upstreamFailed(`Graph ${what} did not have the expected shape: ${parsed.error.message}`, parsed.error);
  }
  return parsed.data;
}
