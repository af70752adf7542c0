export type TimeErrorCode =
  'INVALID_DATE_TIME' | 'UNKNOWN_TIME_ZONE' | 'CUSTOM_TIME_ZONE' | 'SKIPPED_LOCAL_TIME' | 'AMBIGUOUS_LOCAL_TIME';

/** A date-time or zone that cannot be interpreted. Never silently replaced by UTC. */
export class TimeError extends Error {
  override readonly name = 'TimeError';
  constructor(
    readonly code: TimeErrorCode,
    message: string,
  ) {
    super(message);
  }
}
