export { nextRetryDelay } from './next-retry-delay.js';
export type { Backoff } from './next-retry-delay.js';
export { parseRetryAfter } from './retry-after.js';
