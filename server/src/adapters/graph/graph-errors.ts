import { AppError } from '../../errors.js';
import { GraphErrorBody } from './schemas/graph-error-body.js';

/** What Graph answered, kept as the `cause` of the AppError so logs show the Graph code and request id. */
export class GraphFailure extends Error {
  override readonly name = 'GraphFailure';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null,
  ) {
    super(`Graph ${status} ${code || '(no code)'}: ${message}`);
  }
}

export type GraphFailureInput = {
  status: number;
  /** The parsed response body; anything that is not Graph's error shape is tolerated. */
  body: unknown;
  retryAfterMs?: number;
};

// Codes compare case-insensitively: the docs write `syncStateNotFound`, tenants answer `SyncStateNotFound`.
const CURSOR_EXPIRED_CODES = new Set(['syncstatenotfound', 'resyncrequired']);
const NOT_FOUND_CODES = new Set(['erroritemnotfound', 'itemnotfound', 'resourcenotfound']);

function readErrorBody(body: unknown): { code: string; message: string; requestId: string | null } {
  const parsed = GraphErrorBody.safeParse(body);
  if (!parsed.success)
    return { code: '', message: typeof body === 'string' ? body.slice(0, 200) : '', requestId: null };
  const { error } = parsed.data;
  return { code: error.code ?? '', message: error.message ?? '', requestId: error.innerError?.['request-id'] ?? null };
}

/** Graph's answer as one of the closed error codes (CONVENTIONS §4). */
export function fromGraphFailure({ status, body, retryAfterMs }: GraphFailureInput): AppError {
  const { code, message, requestId } = readErrorBody(body);
  const cause = new GraphFailure(status, code, message, requestId);
  const normalizedCode = code.toLowerCase();
  if (status === 410 || CURSOR_EXPIRED_CODES.has(normalizedCode)) {
    return new AppError('CURSOR_EXPIRED', 'Graph no longer knows this delta link; a full resync is required', {
      cause,
      upstream: 'Microsoft 365',
    });
  }
  if (status === 429 || status === 503) {
    return new AppError('THROTTLED', `Graph throttled the request: ${message || code || status}`, {
      cause,
      upstream: 'Microsoft 365',
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status === 401 || status === 403) {
    // 403 ErrorAccessDenied "Access to OData is disabled." is what an ApplicationAccessPolicy (or an
    // RBAC management scope) answers for a mailbox outside the app's scope.
    return new AppError('FORBIDDEN', `Graph refused access (${code || status}): ${message}`, {
      cause,
      upstream: 'Microsoft 365',
    });
  }
  if (status === 404 || NOT_FOUND_CODES.has(normalizedCode)) {
    return new AppError('NOT_FOUND', `Graph item not found (${code || status}): ${message}`, {
      cause,
      upstream: 'Microsoft 365',
    });
  }
  // 400: Graph will not take this request as it is (ErrorInvalidRequest, ErrorInvalidRecipients, a range
  // too large…): repeating it cannot help, so a sync run sets the booking aside instead of retrying.
  if (status === 400) return new AppError('INVALID_REQUEST', cause.message, { cause, upstream: 'Microsoft 365' });
  return new AppError('UPSTREAM_FAILED', cause.message, { cause, upstream: 'Microsoft 365' });
}

/** A transport failure (DNS, TLS, reset) or an answer we could not read. */
export function upstreamFailed(message: string, cause: unknown): AppError {
  return new AppError('UPSTREAM_FAILED', message, { cause, upstream: 'Microsoft 365' });
}
