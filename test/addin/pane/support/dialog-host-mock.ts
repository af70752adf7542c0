/** office.js's names of the two dialog events. */
export const DIALOG_EVENTS = {
  DialogMessageReceived: 'dialogMessageReceived',
  DialogEventReceived: 'dialogEventReceived',
} as const;

type AsyncResultStatus = { Succeeded: string; Failed: string };
type DialogArgs = { message: string; origin: string | undefined } | { error: number };

export type SimulatedDialog = {
  url: string;
  options: Office.DialogOptions;
  isClosed: boolean;
  /** The page calls messageParent; `origin` is what DialogOrigin 1.1 reports (the page's own by default). */
  send(message: string, origin?: string): void;
  /** Office raises DialogEventReceived: 12002 page not loaded, 12003 http, 12006 closed by the user. */
  raise(code: number): void;
};

/**
 * `Office.context.ui` as Outlook offers it, on both sides: the pane opens dialogs (one at a time, 12007
 * otherwise), the dialog page answers with `messageParent`. Tests drive what the dialog does.
 */
export function createSimulatedDialogHost(status: AsyncResultStatus) {
  const dialogs: SimulatedDialog[] = [];
  const sentToParent: string[] = [];
  let nextFailure: { code: number; message: string } | null = null;
  const failed = (code: number, message: string) => ({
    status: status.Failed,
    error: { code, name: 'Dialog error', message },
    value: undefined,
  });

  const ui = {
    displayDialogAsync(url: string, options: Office.DialogOptions, callback: (result: unknown) => void) {
      if (nextFailure) {
        const { code, message } = nextFailure;
        nextFailure = null;
        callback(failed(code, message));
        return;
      }
      if (dialogs.some((dialog) => !dialog.isClosed)) {
        callback(failed(12007, 'A dialog box is already opened from this host window.'));
        return;
      }
      const handlers = new Map<string, (args: DialogArgs) => void>();
      const dialog: SimulatedDialog = {
        url,
        options,
        isClosed: false,
        send(message, origin = new URL(url).origin) {
          if (!dialog.isClosed) handlers.get(DIALOG_EVENTS.DialogMessageReceived)?.({ message, origin });
        },
        raise(code) {
          if (code === 12006) dialog.isClosed = true;
          handlers.get(DIALOG_EVENTS.DialogEventReceived)?.({ error: code });
        },
      };
      dialogs.push(dialog);
      callback({
        status: status.Succeeded,
        value: {
          addEventHandler: (type: string, handler: (args: DialogArgs) => void) => handlers.set(type, handler),
          close: () => {
            // Closing a dialog that is gone fails in Office; the bridge must not care.
            if (dialog.isClosed) throw new Error('The dialog is already closed.');
            dialog.isClosed = true;
          },
        },
      });
    },
    messageParent: (message: string) => sentToParent.push(message),
  };

  return {
    ui,
    dialogs,
    sentToParent,
    /** The next displayDialogAsync fails with Office's `code` (12004, 12009, 12011, …). */
    failNextOpen(code: number, message = `Office error ${code}`) {
      nextFailure = { code, message };
    },
    latest(): SimulatedDialog {
      const dialog = dialogs.at(-1);
      if (!dialog) throw new Error('No dialog was opened');
      return dialog;
    },
  };
}
