import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import fp from 'fastify-plugin';

/** An id a caller (a proxy, a load balancer) sent: kept when it is short and plain, so it cannot forge log lines. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The log field of the request id (Fastify's LogController `requestIdLogLabel`). */
export const REQUEST_ID_LOG_LABEL = 'requestId';

/**
 * Fastify server options: every request gets an id, the caller's `X-Request-Id` when it is safe or a
 * new UUID; every log line of the request carries it as `requestId` (see REQUEST_ID_LOG_LABEL).
 */
export const requestIdServerOptions = {
  requestIdHeader: false as const,
  genReqId(request: IncomingMessage): string {
    const sent = request.headers['x-request-id'];
    return typeof sent === 'string' && SAFE_REQUEST_ID.test(sent) ? sent : randomUUID();
  },
};

/** Answers every request with its id in `X-Request-Id`, so a client's report can be found in the logs. */
export const requestIdHeader = fp(
  async (app) => {
    app.addHook('onRequest', async (request, reply) => {
      void reply.header('x-request-id', request.id);
    });
  },
  { name: 'request-id-header' },
);
