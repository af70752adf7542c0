import { AppError } from '../../errors.js';
import type { AppErrorCode } from '../../errors.js';

/** What Workplace said when it refused a request; kept as the AppError's cause. */
export type WorkplaceFailure = {
  status: number | null;
  code: string;
  message: string;
  conflicts?: Array<Record<string, unknown>>;
};

// 422s that say our request cannot be right (a recurrence or occurrence Workplace cannot read, times
// out of order), as opposed to its booking rules (opening hours, window, not reservable, catering, one
// zone per reservation, an unknown area): those are refusals, which decline the meeting with the reason;
// these are set aside (quarantined) for an admin.
const MALFORMED_422 = new Set(['INVALID_RECURRENCE', 'UNKNOWN_OCCURRENCE', 'INVALID_TIME_RANGE']);

function codeOf(status: number, code: string): AppErrorCode {
  // A key reused for another request is our bug (keys are derived from each request), never Workplace
  // refusing the booking: it must not decline anybody's meeting.
  if (code === 'IDEMPOTENCY_KEY_REUSED') return 'INTERNAL';
  if (status === 422 && MALFORMED_422.has(code)) return 'INVALID_REQUEST';
  if (status === 400) return 'INVALID_REQUEST';
  if (status === 401 || status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 410) return 'CURSOR_EXPIRED';
  // 428: we sent an update without If-Match; to the caller it is the same as a stale version.
  if (status === 412 || status === 428) return 'PRECONDITION_FAILED';
  if (status === 422) return 'UNPROCESSABLE';
  if (status === 429) return 'THROTTLED';
  return 'UPSTREAM_FAILED';
}

export function fromWorkplaceFailure(failure: WorkplaceFailure, retryAfterMs?: number): AppError {
  const where = failure.status === null ? 'Workplace unreachable' : `Workplace ${failure.status} ${failure.code}`;
  return new AppError(
    failure.status === null ? 'UPSTREAM_FAILED' : codeOf(failure.status, failure.code),
    `${where}: ${failure.message}`,
    {
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      cause: failure,
      upstream: 'Workplace',
      ...(failure.code === 'TIME_ZONE_MISMATCH' ? { refusal: 'other-time-zone' as const } : {}),
    },
  );
}

/** The Workplace refusal behind an AppError from this adapter, e.g. the conflicting occurrences of a 409. */
export function workplaceFailureOf(error: unknown): WorkplaceFailure | null {
  const cause = error instanceof AppError ? error.details.cause : undefined;
  return cause && typeof cause === 'object' && 'code' in cause && 'status' in cause
    ? (cause as WorkplaceFailure)
    : null;
}
