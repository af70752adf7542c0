import { z } from 'zod';
import { Id, Instant } from './primitives.js';

/** The closed set of error codes, with the one HTTP status each is sent with. */
export const ERROR_STATUS = {
  INVALID_REQUEST: 400,
  INVALID_CURSOR: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  DOUBLE_BOOKING: 409,
  RESERVATION_CANCELLED: 409,
  OCCURRENCE_CANCELLED: 409,
  CURSOR_EXPIRED: 410,
  PRECONDITION_FAILED: 412,
  UNKNOWN_OBJECT: 422,
  NOT_RESERVABLE: 422,
  INVALID_TIME_RANGE: 422,
  TIME_ZONE_MISMATCH: 422,
  INVALID_RECURRENCE: 422,
  UNKNOWN_OCCURRENCE: 422,
  BOOKING_WINDOW_EXCEEDED: 422,
  OUTSIDE_OPENING_HOURS: 422,
  CATERING_NOT_ALLOWED: 422,
  CHECK_IN_NOT_OPEN: 422,
  NOT_IN_PROGRESS: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  PRECONDITION_REQUIRED: 428,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  BAD_GATEWAY: 502,
  SERVICE_UNAVAILABLE: 503,
  GATEWAY_TIMEOUT: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ErrorCodeSchema = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

export const Conflict = z.object({
  objectId: Id,
  occurrenceStart: Instant.nullable().meta({
    description:
      'Original start of the occurrence of the requested series that collides; null for a single reservation.',
  }),
  start: Instant,
  end: Instant,
  conflictingReservationId: Id,
  conflictingStart: Instant,
  conflictingEnd: Instant,
});
export type Conflict = z.infer<typeof Conflict>;

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    details: z.object({ conflicts: z.array(Conflict) }).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
