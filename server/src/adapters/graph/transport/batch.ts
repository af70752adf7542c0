import { fromGraphFailure } from '../graph-errors.js';
import { GraphBatchResponse } from '../schemas/graph-batch.js';
import { parseGraphBody } from './graph-http.js';
import type { GraphHttp, GraphMethod } from './graph-http.js';
import { parseRetryAfter } from '../../../retry/index.js';
import type { AppError } from '../../../errors.js';

/** JSON batching allows at most 20 requests per `$batch`. */
export const MAX_BATCH_SIZE = 20;

export type BatchItemRequest = {
  id: string;
  method: GraphMethod;
  /** Relative to the version: `/users/{id}/events/{id}?$expand=…`. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
};

export type BatchItemResult = { id: string; status: number; headers: Record<string, string>; body: unknown };

const RETRYABLE_STATUSES = new Set([429, 503, 504]);
// 424 Failed Dependency: the item did not run because an item it depends on failed.
const FAILED_DEPENDENCY = 424;

function toWire(item: BatchItemRequest, pending: Set<string>) {
  const dependsOn = item.dependsOn?.filter((id) => pending.has(id));
  // An item with a body must name its Content-Type (json-batching.md).
  const headers = { ...item.headers, ...(item.body === undefined ? {} : { 'Content-Type': 'application/json' }) };
  return {
    id: item.id,
    method: item.method,
    url: item.url,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(item.body === undefined ? {} : { body: item.body }),
    ...(dependsOn && dependsOn.length > 0 ? { dependsOn } : {}),
  };
}

/**
 * Sends requests in `$batch`es of 20 and retries the items Graph throttled. The envelope is 200 even
 * when items fail; a throttled item has status 429 (or 503) with Retry-After in its own headers, and
 * neither the SDK nor Graph retries it (throttling.md). Items are resent after the longest Retry-After
 * among them, together with the items that failed only because they depended on one (424), within the
 * same attempt budget as single requests. Answers come in any order and are returned by id.
 * `mailbox` names the one mailbox all items touch, `mailboxes` those of items across mailboxes: each
 * takes one of its mailbox's concurrency slots while a batch is on the wire.
 */
export async function sendBatch(
  http: GraphHttp,
  requests: BatchItemRequest[],
  { mailbox, mailboxes }: { mailbox?: string; mailboxes?: string[] } = {},
): Promise<Map<string, BatchItemResult>> {
  const ids = new Set<string>();
  for (const request of requests) {
    const id = request.id.toLowerCase();
    if (ids.has(id)) throw new Error(`Duplicate $batch id '${request.id}' (ids compare case-insensitively)`);
    ids.add(id);
  }
  const results = new Map<string, BatchItemResult>();
  for (let offset = 0; offset < requests.length; offset += MAX_BATCH_SIZE) {
    await sendChunk(http, requests.slice(offset, offset + MAX_BATCH_SIZE), results, { mailbox, mailboxes });
  }
  return results;
}

async function sendChunk(
  http: GraphHttp,
  chunk: BatchItemRequest[],
  results: Map<string, BatchItemResult>,
  { mailbox, mailboxes }: { mailbox: string | undefined; mailboxes: string[] | undefined },
): Promise<void> {
  const policy = http.retryPolicy;
  let pending = chunk;
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    const pendingIds = new Set(pending.map((item) => item.id));
    const { body } = await http.send({
      method: 'POST',
      path: '/$batch',
      ...(mailbox ? { mailbox } : {}),
      ...(mailboxes ? { mailboxes } : {}),
      body: { requests: pending.map((item) => toWire(item, pendingIds)) },
    });
    const { responses } = parseGraphBody(GraphBatchResponse, body, '$batch response');
    for (const response of responses) {
      results.set(response.id, { ...response, headers: response.headers ?? {}, body: response.body });
    }
    const throttled = pending.filter((item) => RETRYABLE_STATUSES.has(results.get(item.id)?.status ?? 0));
    if (throttled.length === 0 || attempt >= policy.maxAttempts) return;
    const retrying = new Set(throttled.map((item) => item.id));
    const blocked = pending.filter(
      (item) => results.get(item.id)?.status === FAILED_DEPENDENCY && item.dependsOn?.some((id) => retrying.has(id)),
    );
    const delays = throttled.map((item) =>
      parseRetryAfter(headerOf(results.get(item.id)?.headers, 'Retry-After'), policy.now()),
    );
    const delay = Math.max(...delays.map((ms) => ms ?? policy.baseDelayMs * 2 ** (attempt - 1)));
    if (delay > policy.maxDelayMs) return;
    await policy.sleep(delay);
    pending = [...throttled, ...blocked];
  }
}

/** A failed item as the closed error code, Retry-After included. */
export function batchItemError(result: BatchItemResult, now: Date): AppError {
  const retryAfterMs = parseRetryAfter(headerOf(result.headers, 'Retry-After'), now);
  return fromGraphFailure({
    status: result.status,
    body: result.body,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/** Header lookup in a plain record, as `$batch` items carry them, ignoring case. */
export function headerOf(headers: Record<string, string> | null | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
  return undefined;
}
