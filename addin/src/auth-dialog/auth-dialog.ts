import { fetchAddinConfig } from '../api/addin-api-client.js';
import { connectToDialogParent } from '../office/dialog-parent.js';
import { runAuthDialog } from './run-auth-dialog.js';
import type { AuthDialogOutcome } from './run-auth-dialog.js';

// Read before MSAL clears Entra's answer (in the fragment) from the address.
const pageUrl = location.href;

const STATUS: Record<AuthDialogOutcome, string> = {
  'sent-token': 'Signed in. This window closes by itself.',
  'sent-error': 'Signing in did not work; the add-in says why. You can close this window.',
  redirecting: 'Opening Microsoft sign-in…',
};

const show = (text: string) => {
  const status = document.getElementById('status');
  if (status) status.textContent = text;
};

async function start(): Promise<void> {
  const parent = await connectToDialogParent();
  if (!parent) {
    show('Open this page from the Workplace rooms add-in in Outlook.');
    return;
  }
  let isUndelivered = false;
  const outcome = await runAuthDialog({
    pageUrl,
    loadConfig: () => fetchAddinConfig(),
    loadMsal: () => import('@azure/msal-browser'),
    sendToParent: (message) => {
      try {
        parent.send(JSON.stringify(message));
      } catch {
        isUndelivered = true;
      }
    },
  });
  show(isUndelivered ? 'The add-in could not be reached. Close this window and try again.' : STATUS[outcome]);
}

void start();
