import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EmulatorError } from '../domain/emulator-error.js';
import type { WorkplaceState } from '../domain/workplace-state.js';

/** JSON with sorted keys, so that two spellings of one body compare equal. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Runs a write at most once per `Idempotency-Key`: a repeat with the same method, path and body gets
 * the first answer again; the same key on another request is refused. Only successful answers are
 * kept, so a write refused by a rule can be retried with the same key once the obstacle is gone.
 */
export function replyIdempotently(
  state: WorkplaceState,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  run: () => unknown,
): unknown {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return reply.code(status).send(run());
  const key = String(header);
  if (key.length === 0 || key.length > 255)
    throw new EmulatorError('INVALID_REQUEST', 'Idempotency-Key must be 1–255 characters');
  const path = request.url.split('?')[0];
  const fingerprint = createHash('sha256')
    .update(`${request.method} ${path} ${canonicalJson(request.body ?? null)}`)
    .digest('hex');
  const stored = state.idempotency.get(key);
  if (stored) {
    if (stored.fingerprint !== fingerprint) {
      throw new EmulatorError('IDEMPOTENCY_KEY_REUSED', `Idempotency-Key '${key}' was used for another request`);
    }
    return reply.code(stored.status).header('idempotent-replayed', 'true').send(stored.body);
  }
  const body = run();
  state.idempotency.set(key, { fingerprint, status, body });
  return reply.code(status).send(body);
}
