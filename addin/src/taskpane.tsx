import { createRoot } from 'react-dom/client';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { TokenSource } from '@workplace-sync/shared';
import { createAddinApiClient, fetchAddinConfig } from './api/addin-api-client.js';
import { App, Unavailable } from './app.js';
import { chooseTokenSource } from './auth/choose-token-source.js';
import { createPaneI18n, loadPaneCatalogues } from './i18n/pane-i18n.js';
import { paneLocaleOf } from './i18n/pane-language.js';
import { openAuthDialog } from './office/auth-dialog.js';
import { readDisplayLanguage } from './office/display-language.js';
import { connectToOffice } from './office/office-host.js';
import type { OfficeConnection } from './office/office-host.js';
import { onOfficeThemeChanged, readOfficeTheme } from './office/theme.js';
import { readUserTimeZone } from './office/user-time-zone.js';

/** Message keys (title, text) of each reason the pane cannot work. */
const UNAVAILABLE_TEXT: Record<Extract<OfficeConnection, { kind: 'unavailable' }>['reason'], [string, string]> = {
  'office-js-missing': ['unavailable.officeMissingTitle', 'unavailable.officeMissing'],
  'not-outlook': ['unavailable.notOutlookTitle', 'unavailable.notOutlook'],
  'not-an-appointment': ['unavailable.notAppointmentTitle', 'unavailable.notAppointment'],
};

/** The pane once started; unmount() closes it (the harness's Close task pane). */
export type StartedPane = { unmount(): void };

/**
 * Starts the pane: Office first (and with it Outlook's display language and the user's time zone), then
 * how to sign in (from the server), then the app.
 */
export async function startPane(container: HTMLElement): Promise<StartedPane> {
  const reactRoot = createRoot(container);
  const connection = await connectToOffice();
  const locale = paneLocaleOf(readDisplayLanguage());
  const i18n = createPaneI18n(locale, await loadPaneCatalogues(locale));
  const t = i18n.t.bind(i18n);
  document.documentElement.lang = i18n.language;
  const root = { render: (node: ReactNode) => reactRoot.render(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>) };
  const officeTheme = connection.kind === 'outlook' ? readOfficeTheme() : null;
  const fallbackTheme = officeTheme ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  if (connection.kind === 'unavailable') {
    const [title, text] = UNAVAILABLE_TEXT[connection.reason];
    root.render(
      <Unavailable theme={fallbackTheme} title={t(title)}>
        {t(text)}
      </Unavailable>,
    );
    return reactRoot;
  }
  let getToken: TokenSource;
  try {
    const { auth } = await fetchAddinConfig();
    const chosen = chooseTokenSource(auth, connection, {
      user: connection.user.email,
      dialogUrl: new URL('/auth-dialog.html', location.origin).href,
      openDialog: openAuthDialog,
    });
    if (!chosen) {
      root.render(
        <Unavailable theme={fallbackTheme} title={t('unavailable.signInNotSupportedTitle')}>
          {t('unavailable.signInNotSupported')}
        </Unavailable>,
      );
      return reactRoot;
    }
    getToken = chosen.getToken;
  } catch (error) {
    root.render(
      <Unavailable theme={fallbackTheme} title={t('unavailable.serverUnreachableTitle')}>
        {(error as Error).message}
      </Unavailable>,
    );
    return reactRoot;
  }
  const timeZone = await readUserTimeZone();
  root.render(
    <App
      appointment={connection.appointment}
      timeZone={timeZone}
      api={createAddinApiClient({ getToken })}
      officeTheme={officeTheme}
      subscribeToTheme={onOfficeThemeChanged}
    />,
  );
  return reactRoot;
}

const container = document.getElementById('root');
if (container && !container.dataset.manualStart) void startPane(container);
