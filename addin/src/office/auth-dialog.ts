/** Why an Office dialog ended without a message; `code` is Office's number. */
export type DialogFailure =
  | 'page-not-loaded'
  | 'not-https'
  | 'untrusted-domain'
  | 'already-open'
  | 'closed-by-user'
  | 'ignored-by-user'
  | 'popup-blocked'
  | 'foreign-origin'
  | 'failed';

/** The dialog could not be opened, or ended without sending its message. */
export class DialogError extends Error {
  override readonly name = 'DialogError';
  constructor(
    readonly failure: DialogFailure,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

// Office's dialog codes (develop/dialog-handle-errors-events): 12004, 12005, 12007, 12009 and 12011 come
// back from displayDialogAsync itself; 12002, 12003 and 12006 arrive later as DialogEventReceived.
const FAILURES: Record<number, [DialogFailure, string]> = {
  12002: [
    'page-not-loaded',
    'The sign-in window could not load its page (it does not exist, or sign-in sent it to a page that could not be loaded).',
  ],
  12003: ['not-https', 'The sign-in window was sent to an http:// address; Office allows only https.'],
  12004: ['untrusted-domain', 'Office refused to open the sign-in page: it is not on the add-in’s own domain.'],
  12005: ['not-https', 'Office refused to open the sign-in page: it must be served over https.'],
  12006: ['closed-by-user', 'The sign-in window was closed before signing in finished.'],
  12007: ['already-open', 'Another window of this add-in is still open. Close it, then try again.'],
  12009: ['ignored-by-user', 'Outlook was not allowed to open the sign-in window. Choose Allow when Outlook asks.'],
  12011: [
    'popup-blocked',
    'The browser’s settings blocked the sign-in window (pop-ups). Allow pop-ups for Outlook, or use another browser.',
  ],
};

export function dialogErrorOf(code: number, officeMessage?: string): DialogError {
  const known = FAILURES[code];
  if (known) return new DialogError(known[0], code, known[1]);
  const detail = officeMessage ? `: ${officeMessage}` : '';
  return new DialogError('failed', code, `The sign-in window failed (Office error ${code}${detail}).`);
}

export type AuthDialogOptions = {
  /** Percent of the screen. */
  height: number;
  width: number;
  /** Office on the web asks the user before opening unless false (then only a click may open it). */
  promptBeforeOpen?: boolean;
};

type DialogArgs = { message: string | boolean; origin?: string | undefined } | { error: number };

/**
 * Opens `url` in an Office dialog once and resolves with the first message the page sends with
 * `messageParent`. Rejects with a DialogError when the dialog cannot open, is closed, or fails to load.
 * The dialog is closed in every case. Office's callbacks only settle the promise and never throw (a
 * throw there would be swallowed while the caller waits forever).
 */
export function openAuthDialog(url: string, options: AuthDialogOptions): Promise<string> {
  // Read now: the callbacks may run after a test (or the page) tore Office down.
  const succeeded = Office.AsyncResultStatus.Succeeded;
  const { DialogMessageReceived, DialogEventReceived } = Office.EventType;
  const expectedOrigin = new URL(url).origin;
  return new Promise<string>((resolve, reject) => {
    let dialog: Office.Dialog | null = null;
    let isSettled = false;
    const settle = (outcome: () => void) => {
      if (isSettled) return;
      isSettled = true;
      try {
        dialog?.close();
      } catch {
        // Already gone: the user closed it (12006), or Office did.
      }
      outcome();
    };
    const onDialog = (args: DialogArgs) => {
      if ('error' in args) {
        settle(() => reject(dialogErrorOf(args.error)));
      } else if (args.origin && args.origin !== expectedOrigin) {
        // DialogOrigin 1.1 names the sender; only our own page may hand the pane a token.
        settle(() =>
          reject(new DialogError('foreign-origin', 0, `The sign-in window sent a message from ${args.origin}.`)),
        );
      } else {
        settle(() => resolve(String(args.message)));
      }
    };
    const dialogOptions: Office.DialogOptions = {
      height: options.height,
      width: options.width,
      ...(options.promptBeforeOpen === undefined ? {} : { promptBeforeOpen: options.promptBeforeOpen }),
    };
    try {
      Office.context.ui.displayDialogAsync(url, dialogOptions, (result) => {
        if (result.status !== succeeded) {
          settle(() => reject(dialogErrorOf(result.error?.code ?? 0, result.error?.message)));
          return;
        }
        dialog = result.value;
        try {
          dialog.addEventHandler(DialogMessageReceived, onDialog);
          dialog.addEventHandler(DialogEventReceived, onDialog);
        } catch (error) {
          settle(() => reject(error instanceof Error ? error : new Error(String(error))));
        }
      });
    } catch (error) {
      // Some clients throw synchronously (e.g. no dialog API in this client).
      settle(() => reject(error instanceof Error ? error : new Error(String(error))));
    }
  });
}
