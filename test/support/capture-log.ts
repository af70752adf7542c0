import Fastify from 'fastify';
import type { FastifyBaseLogger } from 'fastify';
import { createLoggerOptions } from '../../server/src/observability/logger.js';

export type LogLine = Record<string, unknown> & { level: number; msg: string };

/** A pino destination that keeps every JSON line written to it. */
export function captureLog() {
  const raw: string[] = [];
  return {
    stream: { write: (line: string) => void raw.push(line) },
    /** Everything written, as one string (to search for secrets in any field). */
    text: () => raw.join(''),
    lines: (): LogLine[] => raw.map((line) => JSON.parse(line) as LogLine),
  };
}

/** The server's logger (redaction included), writing to a capture. */
export function capturingLogger(level = 'debug'): { log: FastifyBaseLogger; capture: ReturnType<typeof captureLog> } {
  const capture = captureLog();
  const app = Fastify({ logger: createLoggerOptions({ level, stream: capture.stream }) });
  return { log: app.log, capture };
}
