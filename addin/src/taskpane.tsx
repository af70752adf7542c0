import { createRoot } from 'react-dom/client';
import type { TokenSource } from '@workplace-sync/shared';
import { createAddinApiClient, fetchAddinConfig } from './api/addin-api-client.js';
import { App, Unavailable } from './app.js';
import { chooseTokenSource } from './auth/choose-token-source.js';
import { openAuthDialog } from './office/auth-dialog.js';
import { connectToOffice } from './office/office-host.js';
import type { OfficeConnection } from './office/office-host.js';
import { onOfficeThemeChanged, readOfficeTheme } from './office/theme.js';

const UNAVAILABLE_TEXT: Record<Extract<OfficeConnection, { kind: 'unavailable' }>['reason'], [string, string]> = {
  'office-js-missing': [
    'Office is not available.',
    'Open this pane from a meeting in Outlook. (office.js could not be loaded.)',
  ],
  'not-outlook': ['Not in Outlook.', 'This pane works on meetings in Outlook.'],
  'not-an-appointment': ['Not a meeting.', 'Open this pane from a meeting in your calendar.'],
};

/** Starts the pane: Office first, then how to sign in (from the server), then the app. */
export async function startPane(container: HTMLElement): Promise<void> {
  const root = createRoot(container);
  const connection = await connectToOffice();
  const officeTheme = connection.kind === 'outlook' ? readOfficeTheme() : null;
  const fallbackTheme = officeTheme ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  if (connection.kind === 'unavailable') {
    const [title, text] = UNAVAILABLE_TEXT[connection.reason];
    root.render(
      <Unavailable theme={fallbackTheme} title={title}>
        {text}
      </Unavailable>,
    );
    return;
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
        <Unavailable theme={fallbackTheme} title="Sign-in is not supported here.">
          This Outlook version can neither sign add-ins in (nested app authentication) nor open a sign-in window. Update
          Outlook or use Outlook on the web.
        </Unavailable>,
      );
      return;
    }
    getToken = chosen.getToken;
  } catch (error) {
    root.render(
      <Unavailable theme={fallbackTheme} title="The server could not be reached.">
        {(error as Error).message}
      </Unavailable>,
    );
    return;
  }
  root.render(
    <App
      appointment={connection.appointment}
      api={createAddinApiClient({ getToken })}
      officeTheme={officeTheme}
      subscribeToTheme={onOfficeThemeChanged}
    />,
  );
}

const container = document.getElementById('root');
if (container && !container.dataset.manualStart) void startPane(container);
