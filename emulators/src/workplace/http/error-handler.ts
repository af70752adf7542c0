import type { FastifyInstance } from 'fastify';
import type { ErrorBody } from '../contract/errors.js';
import { EmulatorError } from '../domain/emulator-error.js';

export const errorBody = (error: EmulatorError): ErrorBody => ({
  error: {
    code: error.code,
    message: error.message,
    ...(error.details.conflicts ? { details: { conflicts: error.details.conflicts } } : {}),
  },
});

/** Every error leaves as `{ error: { code, message } }`. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof EmulatorError) {
      if (error.details.retryAfterSeconds !== undefined)
        void reply.header('retry-after', String(error.details.retryAfterSeconds));
      return reply.code(error.status).send(errorBody(error));
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      // Fastify's own refusals: malformed JSON, unsupported media type, body too large.
      return reply.code(400).send(errorBody(new EmulatorError('INVALID_REQUEST', (error as Error).message)));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(errorBody(new EmulatorError('INTERNAL', 'Internal error in the Workplace emulator')));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody(new EmulatorError('NOT_FOUND', `No route ${request.method} ${request.url}`))),
  );
}
