import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EmulatorError } from '../domain/emulator-error.js';
import { errorBody } from './error-handler.js';
import type { Fault, Faults } from './faults.js';

type ServerErrorStatus = Extract<Fault, { kind: 'error' }>['status'];
const SERVER_ERROR_CODES = {
  500: 'INTERNAL',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
} as const;

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function isSameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `Authorization: Bearer <api key>` on every route of the scope. */
export function requireApiKey(app: FastifyInstance, apiKey: string): void {
  app.addHook('onRequest', async (request) => {
    const match = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '');
    if (!match || !isSameSecret(match[1]!, apiKey)) {
      throw new EmulatorError('UNAUTHORIZED', 'Send Authorization: Bearer <api key> with a valid key');
    }
  });
}

/** The control API and touchpoints answer only callers on this machine. */
export function requireLoopback(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (!LOOPBACK.has(request.socket.remoteAddress ?? '')) {
      throw new EmulatorError('FORBIDDEN', 'The emulator control API only answers loopback callers');
    }
  });
}

/** Request faults: errors before or after the handler, throttling with Retry-After, slow answers. */
export function applyRequestFaults(app: FastifyInstance, faults: Faults, sleep: (ms: number) => Promise<void>): void {
  const lostResponses = new WeakMap<object, ServerErrorStatus>();
  const targetOf = (request: FastifyRequest) => ({ method: request.method, path: request.url.split('?')[0]! });
  app.addHook('onRequest', async (request) => {
    const fault = faults.take(['error', 'throttle'], targetOf(request));
    if (!fault) return;
    if (fault.kind === 'throttle') {
      throw new EmulatorError('RATE_LIMITED', 'Too many requests (injected fault)', {
        retryAfterSeconds: fault.retryAfterSeconds,
      });
    }
    if (fault.phase === 'after') lostResponses.set(request, fault.status);
    else throw new EmulatorError(SERVER_ERROR_CODES[fault.status], `Injected ${fault.status} fault`);
  });
  // Slow once the request has fully arrived, so that a client that gives up still leaves a write behind.
  app.addHook('preHandler', async (request) => {
    const fault = faults.take(['slow'], targetOf(request));
    if (fault) await sleep(fault.delayMs);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const status = lostResponses.get(request);
    if (status === undefined) return payload;
    void reply.code(status).header('content-type', 'application/json; charset=utf-8');
    reply.removeHeader('idempotent-replayed');
    return JSON.stringify(
      errorBody(
        new EmulatorError(SERVER_ERROR_CODES[status], `Injected ${status} fault after the request was carried out`),
      ),
    );
  });
}
