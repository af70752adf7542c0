import type { TokenSource } from '@workplace-sync/shared';
import { DialogError } from '../office/auth-dialog.js';
import { parseAuthDialogMessage } from './auth-dialog-message.js';
import { SignInError } from './naa-token-source.js';

/** Opens the sign-in page in an Office dialog and resolves with the message it sends back. */
export type OpenAuthDialog = (url: string, options: { height: number; width: number }) => Promise<string>;

export type DialogTokenOptions = {
  /** The sign-in page, absolute: `https://<server>/auth-dialog.html`. */
  dialogUrl: string;
  /** The Outlook user, so Microsoft's sign-in page preselects their account. */
  loginHint?: string;
  openDialog: OpenAuthDialog;
  now?: () => number;
};

/** A token is renewed this long before it expires, so it does not run out between check and use. */
const EXPIRY_MARGIN_MS = 2 * 60_000;
/** Percent of the screen, as in Microsoft's samples; Microsoft's sign-in page adapts to narrow windows. */
const DIALOG_SIZE = { height: 60, width: 30 };

/** The `exp` claim of a JWT, in ms; null when the token cannot be read. */
function expiryOfJwt(token: string): number | null {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(
      payload
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(payload.length / 4) * 4, '='),
    );
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * The fallback for Outlook clients without nested app authentication: Microsoft's sign-in runs in an
 * Office dialog (auth-dialog.html, MSAL's redirect flow) that hands the access token back to the pane.
 * The token is kept until shortly before it expires; calls that need one at the same time share one
 * dialog (Office allows one dialog per pane anyway, 12007). A refresh after the server refused the token
 * asks the dialog for a new one instead of MSAL's cached one.
 */
export function createDialogTokenSource(options: DialogTokenOptions): TokenSource {
  const now = options.now ?? Date.now;
  let cached: { token: string; expiresAt: number } | null = null;
  let pending: Promise<string> | null = null;

  const signIn = async (forceRefresh: boolean): Promise<string> => {
    const url = new URL(options.dialogUrl);
    if (options.loginHint) url.searchParams.set('loginHint', options.loginHint);
    if (forceRefresh) url.searchParams.set('forceRefresh', '1');
    let text: string;
    try {
      text = await options.openDialog(url.href, DIALOG_SIZE);
    } catch (error) {
      // DialogError messages are already sentences about the sign-in window (closed, blocked, …).
      if (error instanceof DialogError) throw new SignInError(error.message, { cause: error });
      throw new SignInError(`Signing in failed: ${(error as Error).message}`, { cause: error });
    }
    const message = parseAuthDialogMessage(text);
    if (!message) throw new SignInError('The sign-in window sent something that is not a sign-in result.');
    if ('error' in message) throw new SignInError(`Microsoft sign-in failed: ${message.error}`);
    const expiresOn = message.expiresOn === null ? Number.NaN : Date.parse(message.expiresOn);
    // Without an expiry the token is used for this call only.
    const expiresAt = Number.isFinite(expiresOn) ? expiresOn : (expiryOfJwt(message.accessToken) ?? now());
    cached = { token: message.accessToken, expiresAt };
    return message.accessToken;
  };

  return async ({ forceRefresh = false } = {}) => {
    if (forceRefresh) cached = null;
    if (cached && cached.expiresAt - EXPIRY_MARGIN_MS > now()) return cached.token;
    pending ??= signIn(forceRefresh).finally(() => {
      pending = null;
    });
    return pending;
  };
}
