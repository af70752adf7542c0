import { AuthenticationHandlerOptions } from '@microsoft/microsoft-graph-client';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { discardBody, setHeader } from './request-headers.js';
import type { RefreshingAuthenticationProviderOptions } from './token-authentication-provider.js';

/**
 * A token the cache still holds can be rejected early (revoked consent, a rotated signing key, clock
 * skew): on 401, ask once for a fresh token and resend. A second 401 is a real permission problem.
 * Sits in front of the SDK's AuthenticationHandler, which attaches tokens only to https hosts in
 * GRAPH_URLS or `customHosts`.
 */
export class ReauthenticateHandler implements Middleware {
  private next: Middleware | undefined;

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const next = this.next;
    if (!next) throw new Error('ReauthenticateHandler needs a next middleware');
    await next.execute(context);
    if (context.response?.status !== 401 || !context.middlewareControl) return;
    await discardBody(context.response);
    const refresh: RefreshingAuthenticationProviderOptions = { forceRefresh: true };
    context.middlewareControl.setMiddlewareOptions(
      AuthenticationHandlerOptions,
      new AuthenticationHandlerOptions(undefined, refresh),
    );
    // The AuthenticationHandler appends to an existing Authorization header; start from none.
    setHeader(context, 'Authorization', undefined);
    await next.execute(context);
  }
}
