import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import { REDACTED, redactPaths, scrubText, scrubUrl, scrubValue, serializeError } from './redaction.js';

/** What Fastify accepts as `logger` options: pino's, plus a destination stream. */
export type AppLoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

export type LoggerSettings = {
  level?: string;
  /** Where JSON lines go; stdout by default (tests capture them). */
  stream?: { write(line: string): void };
};

/** A request as it appears in logs: no headers, secret query values replaced. */
function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: scrubUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

type SerializedError = { [key: string]: unknown; type: string; message: string; stack: string };
const serializeLoggedError = (error: unknown) => serializeError(error) as SerializedError;

/**
 * Structured JSON logs (pino, Fastify's logger) that never carry a secret: every logged object is
 * scrubbed by key name and by content (redaction.ts), errors included, header paths are redacted, and
 * the message strings themselves are scrubbed. Each line carries `requestId` within a request
 * (request-id.ts) and `mailbox`, `reservationId`, `eventId` where the sync logs its work.
 */
export function createLoggerOptions({ level = 'info', stream }: LoggerSettings = {}): AppLoggerOptions {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: redactPaths, censor: REDACTED },
    serializers: {
      req: serializeRequest,
      err: serializeLoggedError,
      error: serializeLoggedError,
    },
    formatters: {
      log: (object) => scrubValue(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((argument) => (typeof argument === 'string' ? scrubText(argument) : argument));
        return method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
}
