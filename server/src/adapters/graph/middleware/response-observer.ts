import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/** One Graph request on the wire: every attempt of a retried request is one. */
export type GraphResponseEvent = {
  method: string;
  /** The HTTP status, or 'network-error' when no answer came. */
  status: number | 'network-error';
  durationMs: number;
};

export type OnGraphResponse = (event: GraphResponseEvent) => void;

/**
 * Reports each attempt to an injected callback (metrics: requests, throttling). Placed after the
 * retry handler, so throttled attempts that are retried are seen too. A throwing callback never
 * fails the request.
 */
export class ResponseObserverHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly onResponse: OnGraphResponse,
    private readonly now: () => number = () => performance.now(),
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  private report(context: Context, status: GraphResponseEvent['status'], startedAt: number): void {
    try {
      this.onResponse({ method: context.options?.method ?? 'GET', status, durationMs: this.now() - startedAt });
    } catch {
      // Observation must not change the outcome of the request.
    }
  }

  async execute(context: Context): Promise<void> {
    const next = this.next;
    if (!next) throw new Error('ResponseObserverHandler needs a next middleware');
    const startedAt = this.now();
    try {
      await next.execute(context);
    } catch (error) {
      this.report(context, 'network-error', startedAt);
      throw error;
    }
    this.report(context, context.response?.status ?? 'network-error', startedAt);
  }
}
