import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { RecurrenceError, TimeError } from '@workplace-sync/shared';
import { AppError, httpStatusOf } from '../errors.js';
import { callerFacingError } from './upstream-failure.js';

/**
 * Every error leaves as `{ error: { code, message } }` with the status of its code; a failure of Workplace
 * or Microsoft 365 in our own words with the request id (upstream-failure.ts), its details in the log.
 */
export const errorHandler = fp(
  async (app) => {
    app.setErrorHandler((error, request, reply) => {
      if (error instanceof AppError) {
        if (error.details.retryAfterMs !== undefined) {
          void reply.header('retry-after', Math.ceil(error.details.retryAfterMs / 1000));
        }
        const system = error.details.upstream;
        if (system) {
          request.log.warn({ err: error, upstream: system }, `${system} failed a request: ${error.message}`);
          const answer = callerFacingError(error, system, request.id);
          return reply.code(httpStatusOf[answer.code]).send({ error: answer });
        }
        return reply.code(httpStatusOf[error.code]).send({ error: { code: error.code, message: error.message } });
      }
      if (error instanceof RecurrenceError || error instanceof TimeError) {
        return reply
          .code(httpStatusOf.UNPROCESSABLE)
          .send({ error: { code: 'UNPROCESSABLE', message: error.message } });
      }
      if (hasZodFastifySchemaValidationErrors(error) || (error as { validation?: unknown }).validation) {
        return reply.code(400).send({ error: { code: 'INVALID_REQUEST', message: (error as Error).message } });
      }
      const status = (error as { statusCode?: number }).statusCode;
      if (status !== undefined && status >= 400 && status < 500) {
        // Fastify's own client errors: bad JSON, body too large, unsupported media type.
        const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INVALID_REQUEST';
        return reply.code(status).send({ error: { code, message: (error as Error).message } });
      }
      request.log.error({ err: error }, 'unhandled error');
      return reply.code(500).send({ error: { code: 'INTERNAL', message: 'Internal Server Error' } });
    });
    app.setNotFoundHandler((request, reply) =>
      reply.code(404).send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url}` } }),
    );
  },
  { name: 'error-handler' },
);
