import { afterEach, describe, expect, test } from 'vitest';
import { DialogError, openAuthDialog } from '../../../addin/src/office/auth-dialog.js';
import { connectToDialogParent } from '../../../addin/src/office/dialog-parent.js';
import {
  connectToOffice,
  isAuthDialogSupported,
  isNestedAppAuthSupported,
} from '../../../addin/src/office/office-host.js';
import { createSimulatedDialogHost } from './support/dialog-host-mock.js';
import { ASYNC_RESULT_STATUS, installOutlookMock, uninstallOutlookMock } from './support/outlook-mock.js';

afterEach(uninstallOutlookMock);

const DIALOG_URL = 'https://rooms.contoso.com/auth-dialog.html?loginHint=ann%40contoso.com';
const SIZE = { height: 60, width: 30 };

function outlookWithDialogs(supportedSets?: Record<string, string>) {
  const host = createSimulatedDialogHost(ASYNC_RESULT_STATUS);
  installOutlookMock({ ui: host.ui, ...(supportedSets ? { supportedSets } : {}) });
  return host;
}

/** Lets the bridge's promise settle (its callbacks run synchronously in the simulation). */
const settled = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

describe('office bridge: the sign-in dialog (displayDialogAsync)', () => {
  test('resolves with the message the page sends, and closes the dialog', async () => {
    const host = outlookWithDialogs();
    const answer = openAuthDialog(DIALOG_URL, SIZE);
    const dialog = host.latest();
    expect(dialog.url).toBe(DIALOG_URL);
    expect(dialog.options).toEqual({ height: 60, width: 30 });
    dialog.send('{"accessToken":"t"}');
    expect(await answer).toBe('{"accessToken":"t"}');
    expect(dialog.isClosed).toBe(true);
  });

  test('passes promptBeforeOpen only when asked', async () => {
    const host = outlookWithDialogs();
    const answer = openAuthDialog(DIALOG_URL, { ...SIZE, promptBeforeOpen: false });
    expect(host.latest().options).toEqual({ height: 60, width: 30, promptBeforeOpen: false });
    host.latest().send('ok');
    await answer;
  });

  test('the user closing the dialog (12006) rejects in words; a later dialog opens again', async () => {
    const host = outlookWithDialogs();
    const answer = settled(openAuthDialog(DIALOG_URL, SIZE));
    host.latest().raise(12006);
    const { error } = (await answer) as { error: DialogError };
    expect(error).toBeInstanceOf(DialogError);
    expect(error).toMatchObject({
      failure: 'closed-by-user',
      code: 12006,
      message: 'The sign-in window was closed before signing in finished.',
    });
    // No dialog is left open, so the next one is not refused with 12007.
    const again = openAuthDialog(DIALOG_URL, SIZE);
    host.latest().send('ok');
    expect(await again).toBe('ok');
    expect(host.dialogs).toHaveLength(2);
  });

  test('a page that cannot be loaded (12002) closes the dialog and rejects', async () => {
    const host = outlookWithDialogs();
    const answer = settled(openAuthDialog(DIALOG_URL, SIZE));
    host.latest().raise(12002);
    expect((await answer) as { error: DialogError }).toMatchObject({
      error: { failure: 'page-not-loaded', code: 12002 },
    });
    expect(host.latest().isClosed).toBe(true);
  });

  test.each([
    [12011, 'popup-blocked', /blocked the sign-in window \(pop-ups\)/],
    [12009, 'ignored-by-user', /Outlook was not allowed to open the sign-in window/],
    [12004, 'untrusted-domain', /not on the add-in’s own domain/],
    [12007, 'already-open', /Another window of this add-in is still open/],
    [5001, 'failed', /Office error 5001: An internal error has occurred/],
  ])('opening fails with %i → %s', async (code, failure, message) => {
    const host = outlookWithDialogs();
    host.failNextOpen(code, 'An internal error has occurred.');
    const { error } = (await settled(openAuthDialog(DIALOG_URL, SIZE))) as { error: DialogError };
    expect(error).toMatchObject({ name: 'DialogError', failure, code });
    expect(error.message).toMatch(message);
    expect(host.dialogs).toEqual([]);
  });

  test('a message from another origin is refused (only our page may hand over a token)', async () => {
    const host = outlookWithDialogs();
    const answer = settled(openAuthDialog(DIALOG_URL, SIZE));
    host.latest().send('{"accessToken":"forged"}', 'https://evil.example');
    expect(await answer).toMatchObject({ error: { failure: 'foreign-origin' } });
    expect(host.latest().isClosed).toBe(true);
  });

  test('only the first outcome counts', async () => {
    const host = outlookWithDialogs();
    const answer = openAuthDialog(DIALOG_URL, SIZE);
    const dialog = host.latest();
    dialog.send('first');
    dialog.raise(12006);
    expect(await answer).toBe('first');
  });

  test('a client that throws instead of calling back rejects instead of hanging', async () => {
    installOutlookMock({
      ui: {
        displayDialogAsync: () => {
          throw new Error('API not supported');
        },
      },
    });
    await expect(openAuthDialog(DIALOG_URL, SIZE)).rejects.toThrow('API not supported');
  });
});

describe('office bridge: which sign-in the client offers', () => {
  test('NestedAppAuth 1.1 decides NAA; the dialog API is looked for', async () => {
    outlookWithDialogs({ Mailbox: '1.14', NestedAppAuth: '1.1' });
    expect(isNestedAppAuthSupported()).toBe(true);
    expect(isAuthDialogSupported()).toBe(true);
    expect(await connectToOffice()).toMatchObject({ supportsNestedAppAuth: true, supportsAuthDialog: true });

    outlookWithDialogs({ Mailbox: '1.13' });
    expect(isNestedAppAuthSupported()).toBe(false);
    expect(await connectToOffice()).toMatchObject({ supportsNestedAppAuth: false, supportsAuthDialog: true });

    installOutlookMock({ supportedSets: { Mailbox: '1.8' } });
    expect(isAuthDialogSupported()).toBe(false);
  });
});

describe('office bridge: the dialog page’s side', () => {
  test('answers the pane through messageParent once Office is ready', async () => {
    const host = outlookWithDialogs();
    const parent = await connectToDialogParent();
    parent!.send('{"error":"x"}');
    expect(host.sentToParent).toEqual(['{"error":"x"}']);
  });

  test('outside Office (no office.js, or no dialog API) there is no parent', async () => {
    uninstallOutlookMock();
    expect(await connectToDialogParent()).toBeNull();
    installOutlookMock();
    expect(await connectToDialogParent()).toBeNull();
  });
});
