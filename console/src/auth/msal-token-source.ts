import type { TokenSource } from '@workplace-sync/shared';

export type MsalSettings = { clientId: string; authority: string; scopes: string[] };

/**
 * Production sign-in: Entra ID with MSAL's redirect flow (the app registration of the add-in API, with
 * `https://<server>/admin/` as a single-page-application redirect URI). MSAL is loaded only here.
 * Returns null while the browser is being sent to the sign-in page.
 */
export async function createMsalTokenSource(settings: MsalSettings): Promise<TokenSource | null> {
  const { PublicClientApplication, InteractionRequiredAuthError } = await import('@azure/msal-browser');
  const client = new PublicClientApplication({
    auth: { clientId: settings.clientId, authority: settings.authority, redirectUri: `${location.origin}/admin/` },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await client.initialize();
  const redirect = await client.handleRedirectPromise();
  const account = redirect?.account ?? client.getAllAccounts()[0];
  if (!account) {
    await client.loginRedirect({ scopes: settings.scopes });
    return null;
  }
  return async ({ forceRefresh = false } = {}) => {
    try {
      return (await client.acquireTokenSilent({ account, scopes: settings.scopes, forceRefresh })).accessToken;
    } catch (error) {
      if (error instanceof InteractionRequiredAuthError)
        await client.acquireTokenRedirect({ scopes: settings.scopes, account });
      throw error;
    }
  };
}
