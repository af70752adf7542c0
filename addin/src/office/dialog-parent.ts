/** The pane that opened this page as an Office dialog. */
export type DialogParent = { send(message: string): void };

/**
 * Waits for Office.js in a page Office opened as a dialog and returns a way to answer the pane
 * (`messageParent`, delivered as DialogMessageReceived). Null when office.js did not load or the page
 * is not in an Office dialog (opened in a plain browser tab).
 */
export async function connectToDialogParent(): Promise<DialogParent | null> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return null;
  await Office.onReady();
  const ui = Office.context?.ui;
  if (typeof ui?.messageParent !== 'function') return null;
  return { send: (message) => ui.messageParent(message) };
}
