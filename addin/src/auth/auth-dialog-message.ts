/**
 * What the sign-in dialog (auth-dialog.html) sends the pane through Office's `messageParent`, as JSON:
 * the access token for our API with its expiry (ISO 8601; null when MSAL did not say), or why sign-in
 * failed in words, with MSAL's error code when there is one.
 */
export type AuthDialogMessage =
  { accessToken: string; expiresOn: string | null } | { error: string; errorCode?: string };

/** The message from its JSON text; null when it is not one (the text crossed a window boundary). */
export function parseAuthDialogMessage(text: string): AuthDialogMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const message = value as Record<string, unknown>;
  if (typeof message.accessToken === 'string' && message.accessToken !== '') {
    return {
      accessToken: message.accessToken,
      expiresOn: typeof message.expiresOn === 'string' ? message.expiresOn : null,
    };
  }
  if (typeof message.error === 'string') {
    return {
      error: message.error,
      ...(typeof message.errorCode === 'string' ? { errorCode: message.errorCode } : {}),
    };
  }
  return null;
}
