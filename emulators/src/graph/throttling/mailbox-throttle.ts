import type { FastifyRequest } from 'fastify';
import { GraphError } from '../odata/graph-error.js';

export type ThrottleOptions = {
  /** Outlook's limit: 4 concurrent requests per app and mailbox (reference/graph.md §d1, [THL]). */
  concurrentRequestsPerMailbox: number;
  /** Requests per app and mailbox per 10 minutes (Outlook: 10,000). */
  requestsPerTenMinutes: number;
  /** The concurrency limit is reported as 429, or as 503 with Retry-After (both are seen, keeper.sh). */
  concurrencyStatus: 429 | 503;
  /** Retry-After for concurrency throttling; observed values are often 1 second. */
  concurrencyRetryAfterSeconds: number;
};

export const DEFAULT_THROTTLE_OPTIONS: ThrottleOptions = {
  concurrentRequestsPerMailbox: 4,
  requestsPerTenMinutes: 10_000,
  concurrencyStatus: 429,
  concurrencyRetryAfterSeconds: 1,
};

const WINDOW_MS = 10 * 60_000;

/** Per app + mailbox concurrency and request budget, answered the way Outlook throttles. */
export class MailboxThrottle {
  private readonly inFlight = new Map<string, number>();
  private readonly budgets = new Map<string, { windowStartMs: number; count: number }>();
  private readonly held = new WeakMap<FastifyRequest, string>();

  constructor(
    private readonly options: ThrottleOptions,
    private readonly nowMs: () => number,
  ) {}

  /** Takes a concurrency slot for the request or throws 429/503 ApplicationThrottled; release it when the response ends. */
  admit(request: FastifyRequest, appId: string, mailboxId: string): void {
    if (this.held.has(request)) return;
    const key = `${appId.toLowerCase()}|${mailboxId}`;
    const nowMs = this.nowMs();
    const budget = this.budgets.get(key);
    const current = !budget || nowMs - budget.windowStartMs >= WINDOW_MS ? { windowStartMs: nowMs, count: 0 } : budget;
    if (current.count >= this.options.requestsPerTenMinutes) {
      const retryAfter = Math.max(1, Math.ceil((current.windowStartMs + WINDOW_MS - nowMs) / 1000));
      throw new GraphError(429, 'ApplicationThrottled', 'Application is over its MailboxRequests limit.', {
        'Retry-After': String(retryAfter),
      });
    }
    const concurrent = this.inFlight.get(key) ?? 0;
    if (concurrent >= this.options.concurrentRequestsPerMailbox) {
      throw new GraphError(
        this.options.concurrencyStatus,
        'ApplicationThrottled',
        'Application is over its MailboxConcurrency limit.',
        {
          'Retry-After': String(this.options.concurrencyRetryAfterSeconds),
        },
      );
    }
    current.count += 1;
    this.budgets.set(key, current);
    this.inFlight.set(key, concurrent + 1);
    this.held.set(request, key);
  }

  release(request: FastifyRequest): void {
    const key = this.held.get(request);
    if (!key) return;
    this.held.delete(request);
    const remaining = (this.inFlight.get(key) ?? 1) - 1;
    if (remaining <= 0) this.inFlight.delete(key);
    else this.inFlight.set(key, remaining);
  }

  reset(): void {
    this.inFlight.clear();
    this.budgets.clear();
  }
}
