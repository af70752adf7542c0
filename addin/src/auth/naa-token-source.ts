import type * as MsalBrowser from '@azure/msal-browser';
import type { TokenSource } from '@workplace-sync/shared';

/** The part of @azure/msal-browser this uses; the real module is loaded on first use (its own chunk). */
export type MsalModule = Pick<typeof MsalBrowser, 'createNestablePublicClientApplication'> & {
  InteractionRequiredAuthError: abstract new (...args: never[]) => Error;
};

export type NaaOptions = {
  clientId: string;
  authority: string;
  scopes: string[];
  /** The Outlook user, so MSAL picks their account silently. */
  loginHint?: string;
  loadMsal?: () => Promise<MsalModule>;
};

export class SignInError extends Error {
  override readonly name = 'SignInError';
}

/**
 * Nested app authentication: Outlook (the host) brokers the token, so the pane needs no redirect page
 * and no popup in the normal case. An access token for our own API scope is requested, never an ID token
 * (which services must not accept). Interaction is needed only for consent or MFA; then a popup asks.
 */
export function createNaaTokenSource(options: NaaOptions): TokenSource {
  const loadMsal = options.loadMsal ?? (() => import('./msal.js') as Promise<MsalModule>);
  let client: ReturnType<MsalModule['createNestablePublicClientApplication']> | null = null;
  let msal: MsalModule | null = null;

  return async ({ forceRefresh = false } = {}) => {
    msal ??= await loadMsal();
    client ??= msal.createNestablePublicClientApplication({
      auth: { clientId: options.clientId, authority: options.authority },
    });
    const pca = await client;
    const request = {
      scopes: options.scopes,
      forceRefresh,
      ...(options.loginHint ? { loginHint: options.loginHint } : {}),
    };
    try {
      const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
      const result = await pca.acquireTokenSilent(account ? { ...request, account } : request);
      return result.accessToken;
    } catch (error) {
      if (!(error instanceof msal.InteractionRequiredAuthError)) {
        throw new SignInError(`Signing in through Outlook failed: ${(error as Error).message}`);
      }
    }
    try {
      const result = await pca.acquireTokenPopup({ scopes: options.scopes });
      pca.setActiveAccount(result.account);
      return result.accessToken;
    } catch (error) {
      throw new SignInError(`Sign-in was not completed: ${(error as Error).message}`);
    }
  };
}
