import type * as MsalBrowser from '@azure/msal-browser';
import type { AddinConfig } from '@workplace-sync/shared';
import type { AuthDialogMessage } from '../auth/auth-dialog-message.js';

/** The part of @azure/msal-browser the dialog uses. */
export type DialogMsalModule = Pick<typeof MsalBrowser, 'PublicClientApplication'>;

export type AuthDialogDeps = {
  /** This page's address when it loaded: the pane's request (loginHint, forceRefresh) or Entra's answer. */
  pageUrl: string;
  /** The pane's sign-in configuration (/addin-config.json). */
  loadConfig: () => Promise<AddinConfig>;
  loadMsal: () => Promise<DialogMsalModule>;
  /** Office's messageParent: the pane receives it as DialogMessageReceived. */
  sendToParent: (message: AuthDialogMessage) => void;
};

export type AuthDialogOutcome = 'sent-token' | 'sent-error' | 'redirecting';

type Account = MsalBrowser.AccountInfo;

function accountFor(accounts: Account[], loginHint: string | null): Account | null {
  if (!loginHint) return accounts[0] ?? null;
  return accounts.find((account) => account.username.toLowerCase() === loginHint.toLowerCase()) ?? null;
}

/** An Entra answer in the URL (response_mode fragment, MSAL's default; query just in case). */
const hasAuthResponse = (page: URL) => /[#&?](code|error)=/.test(page.hash) || /[?&](code|error)=/.test(page.search);

/**
 * The sign-in page in the Office dialog, a full-page redirect flow with MSAL's standard public client:
 * 1. back from Microsoft's sign-in page, MSAL redeems the answer and the token goes to the pane;
 * 2. else an account MSAL already knows (localStorage, kept between dialogs) gets a token silently;
 * 3. else the page goes to Microsoft's sign-in (`loginRedirect`) and comes back to step 1.
 * Every failure goes to the pane as `{ error }`, so the pane never waits for a dialog that gave up.
 */
export async function runAuthDialog(deps: AuthDialogDeps): Promise<AuthDialogOutcome> {
  const page = new URL(deps.pageUrl);
  // Registered in the Entra app as a single-page-application redirect URI, without query.
  const redirectUri = `${page.origin}${page.pathname}`;
  const loginHint = page.searchParams.get('loginHint');
  const forceRefresh = page.searchParams.get('forceRefresh') === '1';
  const fail = (error: string, errorCode?: string): AuthDialogOutcome => {
    deps.sendToParent({ error, ...(errorCode ? { errorCode } : {}) });
    return 'sent-error';
  };
  const sendToken = (result: MsalBrowser.AuthenticationResult): AuthDialogOutcome => {
    if (!result.accessToken) return fail('Microsoft sign-in returned no access token for the add-in’s API.');
    deps.sendToParent({ accessToken: result.accessToken, expiresOn: result.expiresOn?.toISOString() ?? null });
    return 'sent-token';
  };

  try {
    const { auth } = await deps.loadConfig();
    if (auth.kind !== 'naa') return fail('This server does not sign in with Microsoft Entra ID.');
    const { PublicClientApplication } = await deps.loadMsal();
    const client = new PublicClientApplication({
      auth: { clientId: auth.clientId, authority: auth.authority, redirectUri },
      // Each dialog is a new window: sessionStorage would forget the account every time.
      cache: { cacheLocation: 'localStorage' },
    });
    await client.initialize();
    // Handle Entra's answer on this page (the start page had the pane's query; there is nothing to return to).
    const redirect = await client.handleRedirectPromise({ navigateToLoginRequestUrl: false });
    if (redirect) return sendToken(redirect);
    // An answer MSAL could not match (its request state is gone): redirecting again would loop.
    if (hasAuthResponse(page)) return fail('Microsoft’s sign-in answer could not be read. Try again.');

    const account = accountFor(client.getAllAccounts(), loginHint);
    if (account) {
      try {
        return sendToken(await client.acquireTokenSilent({ account, scopes: auth.scopes, forceRefresh }));
      } catch {
        // Interaction needed (session expired, consent, MFA) or the cache is stale: sign in below.
      }
    }
    await client.loginRedirect({ scopes: auth.scopes, redirectUri, ...(loginHint ? { loginHint } : {}) });
    return 'redirecting';
  } catch (error) {
    const { message, errorCode } = error as { message?: string; errorCode?: unknown };
    return fail(message || String(error), typeof errorCode === 'string' && errorCode ? errorCode : undefined);
  }
}
