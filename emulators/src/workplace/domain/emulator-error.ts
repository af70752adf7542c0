import { ERROR_STATUS } from '../contract/errors.js';
import type { Conflict, ErrorCode } from '../contract/errors.js';

/** A refusal with one of the contract's error codes; the error handler sends it as `{ error: { code, message } }`. */
export class EmulatorError extends Error {
  override readonly name = 'EmulatorError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { conflicts?: Conflict[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}
