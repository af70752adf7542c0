import type { AuthenticationProvider, AuthenticationProviderOptions } from '@microsoft/microsoft-graph-client';
import type { TokenSource } from '../auth/token-source.js';

export type RefreshingAuthenticationProviderOptions = AuthenticationProviderOptions & { forceRefresh?: boolean };

/** The SDK's authentication provider over our one-method token port. */
export class TokenAuthenticationProvider implements AuthenticationProvider {
  constructor(private readonly tokens: TokenSource) {}

  getAccessToken(options?: RefreshingAuthenticationProviderOptions): Promise<string> {
    return this.tokens.getToken({ forceRefresh: options?.forceRefresh === true });
  }
}
