import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ApiError } from '@workplace-sync/shared';
import type { TokenSource } from '@workplace-sync/shared';
import { createAdminApiClient, fetchConsoleConfig } from './api/admin-api-client.js';
import { App } from './app.js';
import { createEmbeddedTokenSource } from './auth/embedded-token-source.js';
import { createMsalTokenSource } from './auth/msal-token-source.js';
import { ConsoleShell } from './components/console-shell.js';
import { messageOf } from './format.js';
import { createConsoleI18n } from './i18n/console-i18n.js';
import { consoleLocaleOf, pickedLanguage } from './i18n/console-language.js';

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage refused (a privacy setting)
  }
}

// The language picked (URL, then this browser's memory), else the browser's; <html lang> follows it, so
// screen readers pronounce the console's words in their language.
const i18n = createConsoleI18n(
  consoleLocaleOf(navigator.languages, pickedLanguage(window.location.search, browserStorage())),
);
const setDocumentLanguage = (locale: string) => {
  document.documentElement.lang = locale;
  document.title = i18n.t('shell.title');
};
setDocumentLanguage(i18n.language);
i18n.on('languageChanged', setDocumentLanguage);

const inLanguage = (node: ReactNode) => <I18nextProvider i18n={i18n}>{node}</I18nextProvider>;

function Problem({ title, text }: { title: string; text: string }) {
  return (
    <ConsoleShell user={null} announcement={title}>
      <MessageBar intent="error">
        <MessageBarBody>
          <MessageBarTitle>{title}</MessageBarTitle>
          {text}
        </MessageBarBody>
      </MessageBar>
    </ConsoleShell>
  );
}

/** Signs in as the server says (the demo admin in the embedded default, Entra otherwise), then shows the console. */
async function startConsole(container: HTMLElement) {
  const root = createRoot(container);
  let getToken: TokenSource | null;
  try {
    const { auth } = await fetchConsoleConfig();
    getToken = auth.kind === 'embedded' ? createEmbeddedTokenSource(auth.tokenPath) : await createMsalTokenSource(auth);
  } catch (error) {
    root.render(inLanguage(<Problem title={i18n.t('start.signInFailed')} text={messageOf(error)} />));
    return;
  }
  if (!getToken) return; // on the way to the sign-in page
  const api = createAdminApiClient(getToken);
  try {
    const me = await api.me();
    root.render(inLanguage(<App api={api} user={me.name ? `${me.name} (${me.email})` : me.email} />));
  } catch (error) {
    const isForbidden = error instanceof ApiError && error.status === 403;
    root.render(
      inLanguage(
        <Problem
          title={isForbidden ? i18n.t('start.notAdmin') : i18n.t('start.serverUnreachable')}
          text={isForbidden ? i18n.t('start.notAdminAdvice', { reason: messageOf(error) }) : messageOf(error)}
        />,
      ),
    );
  }
}

const container = document.getElementById('root');
if (container) void startConsole(container);
