import type { AppError, AppErrorCode, UpstreamSystem } from '../errors.js';

export type CallerFacingError = { code: AppErrorCode; message: string };

/**
 * What a caller is told when Workplace or Microsoft 365 failed a request made on their behalf: our own
 * words and the request id to quote; the other system's own text goes to the log only (it names our
 * credentials, its internals, or reads like the caller's own fault: "Workplace 403" is our API key, not
 * the user's rights).
 */
export function callerFacingError(error: AppError, system: UpstreamSystem, requestId: string): CallerFacingError {
  const quote = `(request id ${requestId})`;
  switch (error.code) {
    case 'UNAUTHORIZED':
    case 'FORBIDDEN':
      return {
        code: 'UPSTREAM_FAILED',
        message: `${system} refused this service's access. This is not about your account: ask an administrator to check the ${system} connection ${quote}.`,
      };
    case 'INVALID_REQUEST':
    case 'INTERNAL':
    case 'CURSOR_EXPIRED':
      return {
        code: 'UPSTREAM_FAILED',
        message: `${system} could not handle this service's request. Try again; if it keeps failing, an administrator can find the details in the server log ${quote}.`,
      };
    case 'NOT_FOUND':
      return { code: 'NOT_FOUND', message: `It no longer exists in ${system} ${quote}.` };
    case 'CONFLICT':
      return { code: 'CONFLICT', message: `${system} refused the change: it conflicts with another booking ${quote}.` };
    case 'PRECONDITION_FAILED':
      return { code: 'PRECONDITION_FAILED', message: `It changed in ${system} since it was read: reload it ${quote}.` };
    case 'UNPROCESSABLE':
      return {
        code: 'UNPROCESSABLE',
        message: `${system} does not allow this booking; an administrator can find its reason in the server log ${quote}.`,
      };
    case 'THROTTLED':
      return { code: 'THROTTLED', message: `${system} is busy right now: try again in a moment ${quote}.` };
    default:
      return {
        code: error.code === 'UNAVAILABLE' ? 'UNAVAILABLE' : 'UPSTREAM_FAILED',
        message: `${system} could not be reached or failed: try again in a moment ${quote}.`,
      };
  }
}
