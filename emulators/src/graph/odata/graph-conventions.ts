import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphError } from './graph-error.js';
import type { GraphErrorBody } from './graph-error.js';
import { toGraphErrorDate } from './graph-date-time.js';

/** Response headers of every Graph JSON answer (reference/graph.md §0, fixtures/graph/batch-response.json). */
export const GRAPH_JSON_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

type RequestIds = { requestId: string; clientRequestId: string };
const requestIds = new WeakMap<FastifyRequest, RequestIds>();

export function requestIdsOf(request: FastifyRequest): RequestIds {
  let ids = requestIds.get(request);
  if (!ids) {
    const requestId = randomUUID();
    const header = request.headers['client-request-id'];
    ids = { requestId, clientRequestId: (Array.isArray(header) ? header[0] : header) ?? requestId };
    requestIds.set(request, ids);
  }
  return ids;
}

export function graphErrorBody(error: GraphError, request: FastifyRequest, now: Date): GraphErrorBody {
  const { requestId, clientRequestId } = requestIdsOf(request);
  return {
    error: {
      code: error.code,
      message: error.message,
      innerError: { date: toGraphErrorDate(now), 'request-id': requestId, 'client-request-id': clientRequestId },
    },
  };
}

export function sendGraphError(request: FastifyRequest, reply: FastifyReply, error: GraphError, now: Date) {
  return reply
    .code(error.status)
    .headers(error.headers)
    .send(graphErrorBody(error, request, now));
}

type GraphConventionsOptions = { now: () => Date };

/**
 * Graph's wire conventions for everything under /v1.0 and /beta: OData headers, request ids, the
 * error body for every failure, and 400 "Resource not found for the segment" for unknown paths.
 */
export const graphConventions = fp<GraphConventionsOptions>(
  async (app, { now }) => {
    app.addHook('onRequest', async (request, reply) => {
      const { requestId, clientRequestId } = requestIdsOf(request);
      reply.headers({ 'request-id': requestId, 'client-request-id': clientRequestId, 'Cache-Control': 'no-cache' });
    });

    app.addHook('onSend', async (_request, reply, payload) => {
      const contentType = String(reply.getHeader('content-type') ?? '');
      if (contentType.startsWith('application/json')) {
        reply.header('content-type', GRAPH_JSON_CONTENT_TYPE);
        reply.header('OData-Version', '4.0');
      }
      return payload;
    });

    app.setErrorHandler((error, request, reply) => {
      if (error instanceof GraphError) return sendGraphError(request, reply, error, now());
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 415) {
        return sendGraphError(
          request,
          reply,
          new GraphError(415, 'UnsupportedMediaType', 'Unsupported media type.'),
          now(),
        );
      }
      if (status !== undefined && status >= 400 && status < 500) {
        const message =
          'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.';
        return sendGraphError(request, reply, new GraphError(400, 'BadRequest', message), now());
      }
      request.log.error({ err: error }, 'graph emulator: unhandled error');
      return sendGraphError(
        request,
        reply,
        new GraphError(500, 'generalException', 'General exception while processing.'),
        now(),
      );
    });

    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      const segment = path.split('/').filter(Boolean).pop() ?? '';
      return sendGraphError(
        request,
        reply,
        new GraphError(400, 'BadRequest', `Resource not found for the segment '${decodeURIComponent(segment)}'.`),
        now(),
      );
    });
  },
  { name: 'graph-conventions' },
);
