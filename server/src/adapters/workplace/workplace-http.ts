import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../errors.js';
import { nextRetryDelay, parseRetryAfter } from '../../retry/index.js';
import { fromWorkplaceFailure } from './workplace-errors.js';
import type { WorkplaceFailure } from './workplace-errors.js';
import { WorkplaceErrorBodySchema } from './workplace-schemas.js';

export type WorkplaceHttpOptions = {
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1): the jitter source. */
  random?: () => number;
  /** Reads HTTP-date Retry-After values. */
  now?: () => Date;
  /** A signal that aborts one attempt when it runs too long. */
  timeoutSignal?: (ms: number) => AbortSignal;
  timeoutMs?: number;
  /** Attempts per request, the first included. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A longer Retry-After is not waited out here: the request fails with THROTTLED and its retryAfterMs. */
  maxRetryAfterMs?: number;
};

export type WorkplaceRequest = {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  idempotencyKey?: string;
  ifMatch?: number;
};

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

async function failureOf(response: Response): Promise<WorkplaceFailure> {
  const text = await response.text().catch(() => '');
  let parsed: ReturnType<typeof WorkplaceErrorBodySchema.safeParse> | null = null;
  try {
    parsed = WorkplaceErrorBodySchema.safeParse(JSON.parse(text));
  } catch {
    parsed = null;
  }
  if (parsed?.success) {
    const { code, message, details } = parsed.data.error;
    return { status: response.status, code, message, ...(details?.conflicts ? { conflicts: details.conflicts } : {}) };
  }
  return { status: response.status, code: 'UNKNOWN', message: text.slice(0, 200) || response.statusText };
}

/**
 * The Idempotency-Key actually sent: the caller's key (what the write is for) plus a digest of the exact
 * request (method, path, body, If-Match). Workplace refuses a key reused for another request (422
 * IDEMPOTENCY_KEY_REUSED), so a key must identify one write, not one event: two different writes can
 * never share a key, while a retry of the very same request replays the first answer.
 */
export function idempotencyKeyOf(request: WorkplaceRequest): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([request.method, request.path, request.body ?? null, request.ifMatch ?? null]))
    .digest('base64url')
    .slice(0, 22);
  const purpose = request.idempotencyKey ?? '';
  // Workplace takes up to 255 characters; an iCalUId alone can be longer than that.
  const readable = purpose.length <= 200 ? purpose : createHash('sha256').update(purpose).digest('base64url');
  return `${readable}.${digest}`;
}

export type WorkplaceHttp = ReturnType<typeof createWorkplaceHttp>;

/**
 * One request to the Workplace API with a timeout per attempt, retried with exponential backoff and
 * jitter on 429, 5xx, timeouts and network errors (honouring Retry-After up to a bound). Writes are
 * safe to retry only because they carry an Idempotency-Key, which the caller chooses deterministically.
 */
export function createWorkplaceHttp(options: WorkplaceHttpOptions) {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => new Date());
  const timeoutSignal = options.timeoutSignal ?? ((ms: number) => AbortSignal.timeout(ms));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxAttempts = options.maxAttempts ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 8_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  function urlOf(request: WorkplaceRequest): string {
    const url = new URL(`${baseUrl}${request.path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url.toString();
  }

  function headersOf(request: WorkplaceRequest): Record<string, string> {
    return {
      accept: 'application/json',
      authorization: `Bearer ${options.apiKey}`,
      ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(request.idempotencyKey !== undefined ? { 'idempotency-key': idempotencyKeyOf(request) } : {}),
      ...(request.ifMatch !== undefined ? { 'if-match': String(request.ifMatch) } : {}),
    };
  }

  async function send<T>(request: WorkplaceRequest, schema: z.ZodType<T>): Promise<T> {
    const url = urlOf(request);
    const init = {
      method: request.method,
      headers: headersOf(request),
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
    };
    for (let attempt = 1; ; attempt++) {
      let failure: WorkplaceFailure;
      let retryAfterMs: number | undefined;
      try {
        const response = await fetchImpl(url, { ...init, signal: timeoutSignal(timeoutMs) });
        if (response.ok) return parseBody(response, schema, request);
        failure = await failureOf(response);
        retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
        if (!RETRYABLE_STATUSES.has(response.status)) throw fromWorkplaceFailure(failure, retryAfterMs);
      } catch (error) {
        if (error instanceof AppError) throw error;
        const isTimeout = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
        failure = {
          status: null,
          code: isTimeout ? 'TIMEOUT' : 'NETWORK',
          message: `${request.method} ${request.path}: ${(error as Error).message}`,
        };
      }
      if (attempt >= maxAttempts || (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs)) {
        throw fromWorkplaceFailure(failure, retryAfterMs);
      }
      await sleep(nextRetryDelay({ baseDelayMs, maxDelayMs }, attempt, { retryAfterMs, random }));
    }
  }

  async function parseBody<T>(response: Response, schema: z.ZodType<T>, request: WorkplaceRequest): Promise<T> {
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      throw new AppError('UPSTREAM_FAILED', `Workplace sent no JSON for ${request.method} ${request.path}`, {
        cause: error,
        upstream: 'Workplace',
      });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      throw new AppError(
        'UPSTREAM_FAILED',
        `Workplace answered ${request.method} ${request.path} with an unexpected shape (${problems.join('; ')})`,
        { cause: parsed.error, upstream: 'Workplace' },
      );
    }
    return parsed.data;
  }

  return { send };
}
