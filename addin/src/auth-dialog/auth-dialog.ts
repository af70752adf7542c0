import { fetchAddinConfig } from '../api/addin-api-client.js';
import { languageOf, paneLocaleOf } from '../i18n/pane-language.js';
import { signInDialogMessages } from '../i18n/messages/sign-in-dialog.js';
import type { SignInDialogText } from '../i18n/messages/sign-in-dialog.js';
import { connectToDialogParent } from '../office/dialog-parent.js';
import { readDisplayLanguage } from '../office/display-language.js';
import { runAuthDialog } from './run-auth-dialog.js';
import type { AuthDialogOutcome } from './run-auth-dialog.js';

// Read before MSAL clears Entra's answer (in the fragment) from the address.
const pageUrl = location.href;

const STATUS: Record<AuthDialogOutcome, keyof SignInDialogText> = {
  'sent-token': 'signedIn',
  'sent-error': 'failed',
  redirecting: 'redirecting',
};

const show = (text: string) => {
  const status = document.getElementById('status');
  if (status) status.textContent = text;
};

/**
 * The page in Outlook's display language (known once office.js is ready; the page says "Signing in…" in
 * English until then). Only this page's few words are bundled here, not i18next and the pane's messages.
 */
function wordsInOutlooksLanguage(): SignInDialogText {
  const locale = paneLocaleOf(readDisplayLanguage());
  const words = signInDialogMessages[languageOf(locale)];
  document.documentElement.lang = locale;
  document.title = words.title;
  show(words.signingIn);
  return words;
}

async function start(): Promise<void> {
  const parent = await connectToDialogParent();
  const words = wordsInOutlooksLanguage();
  if (!parent) {
    show(words.noParent);
    return;
  }
  let isUndelivered = false;
  const outcome = await runAuthDialog({
    pageUrl,
    loadConfig: () => fetchAddinConfig(),
    loadMsal: () => import('../auth/msal.js'),
    sendToParent: (message) => {
      try {
        parent.send(JSON.stringify(message));
      } catch {
        isUndelivered = true;
      }
    },
  });
  show(words[isUndelivered ? 'undelivered' : STATUS[outcome]]);
}

void start();
