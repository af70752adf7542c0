import type { AddinConfig, TokenSource } from '@workplace-sync/shared';
import { createDialogTokenSource } from './dialog-token-source.js';
import type { OpenAuthDialog } from './dialog-token-source.js';
import { createHarnessTokenSource } from './harness-token-source.js';
import { createNaaTokenSource } from './naa-token-source.js';
import type { MsalModule } from './naa-token-source.js';

/** What this Outlook client offers for signing in (office-host.ts reads it from Office.js). */
export type SignInSupport = { supportsNestedAppAuth: boolean; supportsAuthDialog: boolean };

export type SignInMethod = 'harness' | 'naa' | 'dialog';

export type TokenSourceDeps = {
  /** The Outlook user's address: the account to sign in with. */
  user: string;
  /** The dialog's sign-in page, absolute (`https://<server>/auth-dialog.html`). */
  dialogUrl: string;
  openDialog: OpenAuthDialog;
  loadMsal?: () => Promise<MsalModule>;
};

/**
 * How the pane gets its API token. Microsoft's guidance: nested app authentication where the client
 * supports NestedAppAuth 1.1, else the Office dialog with MSAL. The embedded default's harness gets
 * tokens from the server. Null when the client can do neither.
 */
export function chooseTokenSource(
  auth: AddinConfig['auth'],
  client: SignInSupport,
  deps: TokenSourceDeps,
): { method: SignInMethod; getToken: TokenSource } | null {
  if (auth.kind === 'harness') {
    return { method: 'harness', getToken: createHarnessTokenSource({ tokenPath: auth.tokenPath, user: deps.user }) };
  }
  if (client.supportsNestedAppAuth) {
    return {
      method: 'naa',
      getToken: createNaaTokenSource({
        ...auth,
        loginHint: deps.user,
        ...(deps.loadMsal ? { loadMsal: deps.loadMsal } : {}),
      }),
    };
  }
  if (client.supportsAuthDialog) {
    return {
      method: 'dialog',
      getToken: createDialogTokenSource({
        dialogUrl: deps.dialogUrl,
        loginHint: deps.user,
        openDialog: deps.openDialog,
      }),
    };
  }
  return null;
}
