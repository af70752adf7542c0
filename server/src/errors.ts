/** The closed set of failures the service reports. Adapters translate external errors into these. */
export type AppErrorCode =
  | 'INVALID_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNPROCESSABLE'
  | 'THROTTLED'
  | 'CURSOR_EXPIRED'
  | 'UPSTREAM_FAILED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** The one place where an error code becomes an HTTP status. */
export const httpStatusOf: Record<AppErrorCode, number> = {
  INVALID_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE: 422,
  THROTTLED: 429,
  // A delta or feed cursor the other system no longer knows: internal, it triggers a full resync.
  CURSOR_EXPIRED: 500,
  UPSTREAM_FAILED: 502,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** The systems behind the adapters, as users know them. */
export type UpstreamSystem = 'Workplace' | 'Microsoft 365';

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: {
      retryAfterMs?: number;
      cause?: unknown;
      /** Set by an adapter: the failure is the other system's (its words are for the log, not for users). */
      upstream?: UpstreamSystem;
      /**
       * Set by the reservation adapter when a refusal says what the core can do about it: a reservation
       * keeps one time zone, and this room's building is in another (the room needs a reservation of its own).
       */
      refusal?: 'other-time-zone';
    } = {},
  ) {
    super(message, { cause: details.cause });
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
