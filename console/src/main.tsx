import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { ApiError } from '@workplace-sync/shared';
import type { TokenSource } from '@workplace-sync/shared';
import { createAdminApiClient, fetchConsoleConfig } from './api/admin-api-client.js';
import { App } from './app.js';
import { createEmbeddedTokenSource } from './auth/embedded-token-source.js';
import { createMsalTokenSource } from './auth/msal-token-source.js';
import { ConsoleShell } from './components/console-shell.js';
import { messageOf } from './format.js';

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
    root.render(<Problem title="Sign-in failed." text={messageOf(error)} />);
    return;
  }
  if (!getToken) return; // on the way to the sign-in page
  const api = createAdminApiClient(getToken);
  try {
    const me = await api.me();
    root.render(<App api={api} user={me.name ? `${me.name} (${me.email})` : me.email} />);
  } catch (error) {
    const isForbidden = error instanceof ApiError && error.status === 403;
    root.render(
      <Problem
        title={isForbidden ? 'Not an administrator.' : 'The server could not be reached.'}
        text={
          isForbidden
            ? `${messageOf(error)}. Ask to be added to the room-sync administrators (ADMIN_GROUP_ID or ADMIN_USERS).`
            : messageOf(error)
        }
      />,
    );
  }
}

const container = document.getElementById('root');
if (container) void startConsole(container);
