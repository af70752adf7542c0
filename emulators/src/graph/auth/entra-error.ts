import { randomUUID } from 'node:crypto';

/** An OAuth error as Entra ID returns it from its token endpoint (AADSTS codes). */
export class EntraError extends Error {
  override readonly name = 'EntraError';
  constructor(
    readonly status: number,
    readonly error: string,
    readonly aadstsCode: number,
    message: string,
  ) {
    super(message);
  }
}

export function entraErrorBody(error: EntraError, now: Date) {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = `${now.toISOString().slice(0, 19).replace('T', ' ')}Z`;
  return {
    error: error.error,
    error_description: `AADSTS${error.aadstsCode}: ${error.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [error.aadstsCode],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${error.aadstsCode}`,
  };
}
