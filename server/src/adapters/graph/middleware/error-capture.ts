import type { Context, Middleware, MiddlewareOptions } from '@microsoft/microsoft-graph-client';

/** Holds the error a middleware threw, for the caller of one request. */
export class ErrorCapture implements MiddlewareOptions {
  error: unknown = undefined;
}

/**
 * The SDK wraps anything the chain throws into a GraphError that keeps only the message (no cause, no
 * AppError code). The first middleware records the original, so a token failure stays an AppError and
 * a network failure keeps its `cause` (ECONNREFUSED, a TLS error).
 */
export class ErrorCaptureHandler implements Middleware {
  private next: Middleware | undefined;

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('ErrorCaptureHandler needs a next middleware');
    try {
      await this.next.execute(context);
    } catch (error) {
      const capture = context.middlewareControl?.getMiddlewareOptions(ErrorCapture) as ErrorCapture | undefined;
      if (capture) capture.error = error;
      throw error;
    }
  }
}
