import { afterEach, describe, expect, test, vi } from 'vitest';
import type { AddinConfig } from '@workplace-sync/shared';
import { parseAuthDialogMessage } from '../../../addin/src/auth/auth-dialog-message.js';
import type { AuthDialogMessage } from '../../../addin/src/auth/auth-dialog-message.js';
import { chooseTokenSource } from '../../../addin/src/auth/choose-token-source.js';
import { createDialogTokenSource } from '../../../addin/src/auth/dialog-token-source.js';
import { SignInError } from '../../../addin/src/auth/naa-token-source.js';
import type { MsalModule } from '../../../addin/src/auth/naa-token-source.js';
import { runAuthDialog } from '../../../addin/src/auth-dialog/run-auth-dialog.js';
import type { DialogMsalModule } from '../../../addin/src/auth-dialog/run-auth-dialog.js';
import { dialogErrorOf, openAuthDialog } from '../../../addin/src/office/auth-dialog.js';
import { createSimulatedDialogHost } from './support/dialog-host-mock.js';
import { ASYNC_RESULT_STATUS, installOutlookMock, uninstallOutlookMock } from './support/outlook-mock.js';

afterEach(uninstallOutlookMock);

const ORIGIN = 'https://rooms.contoso.com';
const DIALOG_URL = `${ORIGIN}/auth-dialog.html`;
const ANN = 'ann@contoso.com';
const NAA_AUTH = {
  kind: 'naa',
  clientId: 'client-1',
  authority: 'https://login.microsoftonline.com/tenant-1',
  scopes: [`api://rooms.contoso.com/client-1/access_as_user`],
} as const satisfies AddinConfig['auth'];

const T0 = Date.parse('2026-03-02T08:00:00Z');
const tokenMessage = (accessToken: string, expiresOn: string | null = '2026-03-02T09:00:00.000Z') =>
  JSON.stringify({ accessToken, expiresOn } satisfies AuthDialogMessage);

/** A dialog the test answers: each call waits until `answer` or `fail` settles it. */
function scriptedDialogs() {
  const opened: Array<{ url: URL; resolve: (text: string) => void; reject: (error: Error) => void }> = [];
  const openDialog = vi.fn(
    (url: string) =>
      new Promise<string>((resolve, reject) => {
        opened.push({ url: new URL(url), resolve, reject });
      }),
  );
  const latest = () => opened.at(-1)!;
  return {
    openDialog,
    opened,
    answer: (text: string) => latest().resolve(text),
    fail: (error: Error) => latest().reject(error),
  };
}

/** Lets pending promise callbacks run. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('sign-in through the Office dialog: the pane’s token source', () => {
  const sourceWith = (dialogs: ReturnType<typeof scriptedDialogs>, clock: { now: number }) =>
    createDialogTokenSource({
      dialogUrl: DIALOG_URL,
      loginHint: ANN,
      openDialog: dialogs.openDialog,
      now: () => clock.now,
    });

  test('opens the dialog for the Outlook user and keeps the token until shortly before it expires', async () => {
    const dialogs = scriptedDialogs();
    const clock = { now: T0 };
    const getToken = sourceWith(dialogs, clock);
    const first = getToken();
    await flush();
    expect(dialogs.opened).toHaveLength(1);
    expect(dialogs.opened[0]!.url.pathname).toBe('/auth-dialog.html');
    expect(dialogs.opened[0]!.url.searchParams.get('loginHint')).toBe(ANN);
    expect(dialogs.opened[0]!.url.searchParams.has('forceRefresh')).toBe(false);
    expect(dialogs.openDialog).toHaveBeenCalledWith(expect.any(String), { height: 60, width: 30 });
    dialogs.answer(tokenMessage('t1'));
    expect(await first).toBe('t1');

    clock.now = Date.parse('2026-03-02T08:57:00Z');
    expect(await getToken()).toBe('t1');
    expect(dialogs.opened).toHaveLength(1);

    // Two minutes before expiry the token is renewed.
    clock.now = Date.parse('2026-03-02T08:58:30Z');
    const renewed = getToken();
    await flush();
    expect(dialogs.opened).toHaveLength(2);
    dialogs.answer(tokenMessage('t2', '2026-03-02T10:00:00.000Z'));
    expect(await renewed).toBe('t2');
  });

  test('calls that need a token at the same time share one dialog', async () => {
    const dialogs = scriptedDialogs();
    const getToken = sourceWith(dialogs, { now: T0 });
    const calls = [getToken(), getToken(), getToken({ forceRefresh: true })];
    await flush();
    expect(dialogs.opened).toHaveLength(1);
    dialogs.answer(tokenMessage('shared'));
    expect(await Promise.all(calls)).toEqual(['shared', 'shared', 'shared']);
  });

  test('forceRefresh (the server refused the token) asks the dialog for a new token, not the cached one', async () => {
    const dialogs = scriptedDialogs();
    const getToken = sourceWith(dialogs, { now: T0 });
    const first = getToken();
    await flush();
    dialogs.answer(tokenMessage('refused'));
    await first;
    const refreshed = getToken({ forceRefresh: true });
    await flush();
    expect(dialogs.opened).toHaveLength(2);
    expect(dialogs.opened[1]!.url.searchParams.get('forceRefresh')).toBe('1');
    dialogs.answer(tokenMessage('fresh'));
    expect(await refreshed).toBe('fresh');
    expect(await getToken()).toBe('fresh');
  });

  test('dialog failures become SignInErrors in the words the pane shows; the next call tries again', async () => {
    const dialogs = scriptedDialogs();
    const getToken = sourceWith(dialogs, { now: T0 });

    const closed = getToken();
    await flush();
    dialogs.fail(dialogErrorOf(12006));
    await expect(closed).rejects.toEqual(new SignInError('The sign-in window was closed before signing in finished.'));

    const blocked = getToken();
    await flush();
    dialogs.fail(dialogErrorOf(12011));
    await expect(blocked).rejects.toThrow(/Allow pop-ups for Outlook/);

    const refused = getToken();
    await flush();
    dialogs.answer(
      JSON.stringify({ error: 'AADSTS65001: The user has not consented.', errorCode: 'consent_required' }),
    );
    await expect(refused).rejects.toEqual(
      new SignInError('Microsoft sign-in failed: AADSTS65001: The user has not consented.'),
    );

    const garbage = getToken();
    await flush();
    dialogs.answer('<html>');
    await expect(garbage).rejects.toBeInstanceOf(SignInError);

    const broken = getToken();
    await flush();
    dialogs.fail(new Error('Office is gone'));
    await expect(broken).rejects.toEqual(new SignInError('Signing in failed: Office is gone'));

    const success = getToken();
    await flush();
    dialogs.answer(tokenMessage('finally'));
    expect(await success).toBe('finally');
    expect(dialogs.opened).toHaveLength(6);
  });

  test('without expiresOn the token’s own exp claim says how long to keep it', async () => {
    const dialogs = scriptedDialogs();
    const clock = { now: T0 };
    const getToken = sourceWith(dialogs, clock);
    const payload = Buffer.from(JSON.stringify({ exp: Date.parse('2026-03-02T09:00:00Z') / 1000 })).toString(
      'base64url',
    );
    const jwt = `eyJhbGciOiJSUzI1NiJ9.${payload}.signature`;
    const first = getToken();
    await flush();
    dialogs.answer(tokenMessage(jwt, null));
    expect(await first).toBe(jwt);
    expect(await getToken()).toBe(jwt);
    expect(dialogs.opened).toHaveLength(1);
  });

  test('through the real bridge: the user closes the dialog, then signs in', async () => {
    const host = createSimulatedDialogHost(ASYNC_RESULT_STATUS);
    installOutlookMock({ ui: host.ui });
    const getToken = createDialogTokenSource({ dialogUrl: DIALOG_URL, loginHint: ANN, openDialog: openAuthDialog });
    const cancelled = getToken();
    await flush();
    host.latest().raise(12006);
    await expect(cancelled).rejects.toThrow('The sign-in window was closed before signing in finished.');
    const signedIn = getToken();
    await flush();
    host.latest().send(tokenMessage('t', new Date(Date.now() + 3_600_000).toISOString()));
    expect(await signedIn).toBe('t');
    expect(host.dialogs.every((dialog) => dialog.isClosed)).toBe(true);
  });
});

describe('the sign-in dialog page (auth-dialog.html)', () => {
  type Account = { username: string; homeAccountId: string };
  type Result = { accessToken: string; expiresOn: Date | null; account: Account };

  function fakeMsal(
    behaviour: {
      redirect?: Result | null | Error;
      accounts?: Account[];
      silent?: () => Promise<Result>;
    } = {},
  ) {
    const calls: string[] = [];
    const configurations: unknown[] = [];
    const loginRequests: unknown[] = [];
    class PublicClientApplication {
      constructor(configuration: unknown) {
        configurations.push(configuration);
      }
      async initialize() {
        calls.push('initialize');
      }
      async handleRedirectPromise(options: unknown) {
        calls.push(`handleRedirectPromise ${JSON.stringify(options)}`);
        if (behaviour.redirect instanceof Error) throw behaviour.redirect;
        return behaviour.redirect ?? null;
      }
      getAllAccounts() {
        return behaviour.accounts ?? [];
      }
      async acquireTokenSilent(request: { account: Account; forceRefresh: boolean; scopes: string[] }) {
        calls.push(`silent ${request.account.username} ${request.forceRefresh}`);
        return behaviour.silent!();
      }
      async loginRedirect(request: unknown) {
        calls.push('loginRedirect');
        loginRequests.push(request);
      }
    }
    return {
      module: { PublicClientApplication } as unknown as DialogMsalModule,
      calls,
      configurations,
      loginRequests,
    };
  }

  const run = (msal: ReturnType<typeof fakeMsal>, pageUrl: string, auth: AddinConfig['auth'] = NAA_AUTH) => {
    const sent: AuthDialogMessage[] = [];
    const outcome = runAuthDialog({
      pageUrl,
      loadConfig: async () => ({ auth }),
      loadMsal: async () => msal.module,
      sendToParent: (message) => sent.push(message),
    });
    return { outcome, sent };
  };
  const annAccount = { username: 'Ann@Contoso.com', homeAccountId: 'ann' };

  test('back from Microsoft’s sign-in: the token goes to the pane with its expiry', async () => {
    const msal = fakeMsal({
      redirect: { accessToken: 'api-token', expiresOn: new Date('2026-03-02T09:00:00Z'), account: annAccount },
    });
    const { outcome, sent } = run(msal, `${DIALOG_URL}#code=abc&state=xyz`);
    expect(await outcome).toBe('sent-token');
    expect(sent).toEqual([{ accessToken: 'api-token', expiresOn: '2026-03-02T09:00:00.000Z' }]);
    // The same Entra app and authority as the pane, this page as the redirect URI, accounts kept between dialogs.
    expect(msal.configurations).toEqual([
      {
        auth: {
          clientId: 'client-1',
          authority: 'https://login.microsoftonline.com/tenant-1',
          redirectUri: DIALOG_URL,
        },
        cache: { cacheLocation: 'localStorage' },
      },
    ]);
    expect(msal.calls).toEqual(['initialize', 'handleRedirectPromise {"navigateToLoginRequestUrl":false}']);
    expect(parseAuthDialogMessage(JSON.stringify(sent[0]))).toEqual(sent[0]);
  });

  test('sign-in needed: loginRedirect for our API scope and the Outlook user; nothing is sent yet', async () => {
    const msal = fakeMsal();
    const { outcome, sent } = run(msal, `${DIALOG_URL}?loginHint=${encodeURIComponent(ANN)}&_host_Info=Outlook$Win32`);
    expect(await outcome).toBe('redirecting');
    expect(sent).toEqual([]);
    expect(msal.loginRequests).toEqual([{ scopes: NAA_AUTH.scopes, redirectUri: DIALOG_URL, loginHint: ANN }]);
  });

  test('an account MSAL knows gets its token silently (forced after a refusal); interaction falls back to sign-in', async () => {
    const known = fakeMsal({
      accounts: [{ username: 'bob@contoso.com', homeAccountId: 'bob' }, annAccount],
      silent: async () => ({ accessToken: 'silent-token', expiresOn: null, account: annAccount }),
    });
    const quiet = run(known, `${DIALOG_URL}?loginHint=${encodeURIComponent(ANN)}&forceRefresh=1`);
    expect(await quiet.outcome).toBe('sent-token');
    expect(quiet.sent).toEqual([{ accessToken: 'silent-token', expiresOn: null }]);
    expect(known.calls).toContain('silent Ann@Contoso.com true');
    expect(known.calls).not.toContain('loginRedirect');

    const expired = fakeMsal({
      accounts: [annAccount],
      silent: async () => {
        throw Object.assign(new Error('interaction_required'), { errorCode: 'interaction_required' });
      },
    });
    const interactive = run(expired, `${DIALOG_URL}?loginHint=${encodeURIComponent(ANN)}`);
    expect(await interactive.outcome).toBe('redirecting');
    expect(interactive.sent).toEqual([]);
    expect(expired.calls.slice(-2)).toEqual(['silent Ann@Contoso.com false', 'loginRedirect']);
  });

  test('Entra’s refusal (e.g. consent declined) goes to the pane with MSAL’s code', async () => {
    const msal = fakeMsal({
      redirect: Object.assign(new Error('access_denied: AADSTS65004: User declined to consent.'), {
        errorCode: 'access_denied',
      }),
    });
    const { outcome, sent } = run(msal, `${DIALOG_URL}#error=access_denied`);
    expect(await outcome).toBe('sent-error');
    expect(sent).toEqual([
      { error: 'access_denied: AADSTS65004: User declined to consent.', errorCode: 'access_denied' },
    ]);
  });

  test('an answer MSAL cannot match is an error, never another redirect (no loop)', async () => {
    const msal = fakeMsal({ redirect: null });
    const { outcome, sent } = run(msal, `${DIALOG_URL}#code=stale&state=unknown`);
    expect(await outcome).toBe('sent-error');
    expect(sent[0]).toMatchObject({ error: expect.stringContaining('could not be read') });
    expect(msal.calls).not.toContain('loginRedirect');
  });

  test('a server without Entra sign-in (the harness) answers with an error', async () => {
    const msal = fakeMsal();
    const { outcome, sent } = run(msal, DIALOG_URL, { kind: 'harness', tokenPath: '/harness/token' });
    expect(await outcome).toBe('sent-error');
    expect(sent).toEqual([{ error: 'This server does not sign in with Microsoft Entra ID.' }]);
    expect(msal.configurations).toEqual([]);
  });
});

describe('which sign-in the pane uses', () => {
  const fakeNaa = () => {
    const calls: string[] = [];
    const module = {
      InteractionRequiredAuthError: class extends Error {},
      createNestablePublicClientApplication: async () => ({
        getActiveAccount: () => null,
        getAllAccounts: () => [],
        acquireTokenSilent: async (request: { loginHint?: string }) => {
          calls.push(`naa silent ${request.loginHint}`);
          return { accessToken: 'naa-token' };
        },
      }),
    } as unknown as MsalModule;
    return { module, calls };
  };

  test('NAA where the client supports NestedAppAuth 1.1; the dialog is never opened', async () => {
    const naa = fakeNaa();
    const dialogs = scriptedDialogs();
    const chosen = chooseTokenSource(
      NAA_AUTH,
      { supportsNestedAppAuth: true, supportsAuthDialog: true },
      { user: ANN, dialogUrl: DIALOG_URL, openDialog: dialogs.openDialog, loadMsal: async () => naa.module },
    );
    expect(chosen?.method).toBe('naa');
    expect(await chosen!.getToken()).toBe('naa-token');
    expect(naa.calls).toEqual([`naa silent ${ANN}`]);
    expect(dialogs.opened).toEqual([]);
  });

  test('the Office dialog where NAA is not supported', async () => {
    const naa = fakeNaa();
    const dialogs = scriptedDialogs();
    const chosen = chooseTokenSource(
      NAA_AUTH,
      { supportsNestedAppAuth: false, supportsAuthDialog: true },
      { user: ANN, dialogUrl: DIALOG_URL, openDialog: dialogs.openDialog, loadMsal: async () => naa.module },
    );
    expect(chosen?.method).toBe('dialog');
    const token = chosen!.getToken();
    await flush();
    expect(dialogs.opened[0]!.url.searchParams.get('loginHint')).toBe(ANN);
    dialogs.answer(tokenMessage('dialog-token'));
    expect(await token).toBe('dialog-token');
    expect(naa.calls).toEqual([]);
  });

  test('the harness in the embedded default; nothing where the client offers neither', () => {
    const deps = { user: ANN, dialogUrl: DIALOG_URL, openDialog: scriptedDialogs().openDialog };
    const neither = { supportsNestedAppAuth: false, supportsAuthDialog: false };
    expect(chooseTokenSource({ kind: 'harness', tokenPath: '/harness/token' }, neither, deps)?.method).toBe('harness');
    expect(chooseTokenSource(NAA_AUTH, neither, deps)).toBeNull();
  });
});

describe('the build', () => {
  test('has the dialog page as an input, so addin/dist/auth-dialog.html exists for the server to serve', async () => {
    const { default: config } = await import('../../../addin/vite.config.js');
    const input = config.build?.rolldownOptions?.input as Record<string, string>;
    expect(Object.values(input).some((file) => file.endsWith('/auth-dialog.html'))).toBe(true);
  });
});

describe('the dialog’s message', () => {
  test.each([
    [
      '{"accessToken":"t","expiresOn":"2026-03-02T09:00:00.000Z"}',
      { accessToken: 't', expiresOn: '2026-03-02T09:00:00.000Z' },
    ],
    ['{"accessToken":"t"}', { accessToken: 't', expiresOn: null }],
    ['{"error":"no","errorCode":"user_cancelled"}', { error: 'no', errorCode: 'user_cancelled' }],
    ['{"error":"no","errorCode":7}', { error: 'no' }],
    ['{"accessToken":""}', null],
    ['"text"', null],
    ['not json', null],
  ])('%s', (text, expected) => {
    expect(parseAuthDialogMessage(text)).toEqual(expected);
  });
});
