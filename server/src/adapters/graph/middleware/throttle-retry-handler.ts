import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { nextRetryDelay, parseRetryAfter } from '../../../retry/index.js';
import type { Sleep } from '../transport/fetch-like.js';
import { discardBody, setHeader } from './request-headers.js';

export type ThrottleRetrySettings = {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** Waits longer than this are not slept through: the caller gets THROTTLED with retryAfterMs and reschedules. */
  maxDelayMs: number;
  /** Backoff when Graph sends no Retry-After (nextRetryDelay, capped at maxDelayMs). */
  baseDelayMs: number;
  sleep: Sleep;
  now: () => Date;
  random: () => number;
};

// 429 Too Many Requests and 503 (Outlook's MailboxConcurrency answer) carry Retry-After; 504 is a
// gateway timeout the SDK's own RetryHandler retries as well. Nothing else is retried here.
const RETRYABLE_STATUSES = new Set([429, 503, 504]);

/**
 * Retries throttled requests, honouring Retry-After (seconds or an HTTP date), with bounded attempts.
 * Replaces the SDK's RetryHandler, whose sleep cannot be injected and whose jitter cannot be controlled.
 * Request bodies are JSON strings, so a retry resends the same bytes; creates are made idempotent by
 * `transactionId`.
 */
export class ThrottleRetryHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly policy: ThrottleRetrySettings) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  private delayFor(response: Response, attempt: number): number {
    const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), this.policy.now());
    const { random } = this.policy;
    return nextRetryDelay(this.policy, attempt, { retryAfterMs, random });
  }

  async execute(context: Context): Promise<void> {
    const next = this.next;
    if (!next) throw new Error('ThrottleRetryHandler needs a next middleware');
    for (let attempt = 1; ; attempt += 1) {
      await next.execute(context);
      const { response } = context;
      if (!response || !RETRYABLE_STATUSES.has(response.status) || attempt >= this.policy.maxAttempts) return;
      const delay = this.delayFor(response, attempt);
      if (delay > this.policy.maxDelayMs) return;
      await discardBody(response);
      await this.policy.sleep(delay);
      setHeader(context, 'Retry-Attempt', String(attempt));
    }
  }
}
