import type { TokenSource } from '@workplace-sync/shared';
import { createAddinApiClient, fetchAddinConfig } from '../api/addin-api-client.js';
import { chooseTokenSource } from '../auth/choose-token-source.js';
import { launchEventMessages } from '../i18n/messages/launch-events.js';
import { createPaneI18n, localizerOf } from '../i18n/pane-i18n.js';
import { paneLocaleOf } from '../i18n/pane-language.js';
import { readDisplayLanguage } from '../office/display-language.js';
import { completeEvent, createLaunchEventItem, launchEventMailbox } from '../office/launch-event-host.js';
import type { LaunchEventType, SendVerdict } from '../office/launch-event-host.js';
import { isNestedAppAuthSupported } from '../office/office-host.js';
import { checkBeforeSend, followMeeting } from './room-hold-follower.js';
import type { HoldFollowerDeps } from './room-hold-follower.js';

// The handlers the manifest's LaunchEvent names, around room-hold-follower.ts: sign-in, the API client
// and the user's language are set up once per runtime (Outlook may keep it for several events); the item
// is read per event. Every handler ends in event.completed(), on errors too.

/**
 * Signing in from an event handler: no dialogs and no popups there, so nested app authentication
 * (NestedAppAuth 1.1, silent) or nothing. The harness's own token source in the embedded default.
 */
async function tokenSourceFor(baseUrl: string, user: string): Promise<TokenSource | null> {
  const { auth } = await fetchAddinConfig(baseUrl);
  const chosen = chooseTokenSource(
    auth.kind === 'harness' ? { ...auth, tokenPath: `${baseUrl}${auth.tokenPath}` } : auth,
    { supportsNestedAppAuth: isNestedAppAuthSupported(), supportsAuthDialog: false },
    { user, dialogUrl: '', openDialog: () => Promise.reject(new Error('No dialogs in event handlers')) },
  );
  return chosen?.getToken ?? null;
}

/**
 * The handlers' words only (`launchEvents` of the pane's messages), in every language: the script is one
 * file, so the pane's whole catalogues would all be in it.
 */
const launchEventCatalogues = Object.fromEntries(
  Object.entries(launchEventMessages).map(([language, messages]) => [language, { launchEvents: messages }]),
);

/** A version 4 UUID; Web Crypto's where the runtime has it (not every JavaScript-only runtime does). */
export function randomUuid(): string {
  const webCrypto = (globalThis as { crypto?: Crypto }).crypto;
  if (typeof webCrypto?.randomUUID === 'function') return webCrypto.randomUUID();
  const hex = Array.from({ length: 32 }, () => Math.floor(Math.random() * 16));
  hex[12] = 4;
  hex[16] = 8 + (hex[16]! % 4);
  const text = hex.map((digit) => digit.toString(16)).join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

export type LaunchEventHandlers = Record<LaunchEventType, (event: Office.AddinCommands.Event) => void>;

/** The handlers, calling the API at `baseUrl` ('' = the runtime page's own origin). */
export function createLaunchEventHandlers(options: { baseUrl: string }): LaunchEventHandlers {
  let shared: Promise<Omit<HoldFollowerDeps, 'item'> | null> | null = null;

  const setUp = () =>
    (async () => {
      const mailbox = launchEventMailbox();
      if (!mailbox) return null;
      const getToken = await tokenSourceFor(options.baseUrl, mailbox.userProfile.emailAddress);
      if (!getToken) return null;
      return {
        api: createAddinApiClient({ baseUrl: options.baseUrl, getToken }),
        words: localizerOf(createPaneI18n(paneLocaleOf(readDisplayLanguage()), launchEventCatalogues)),
        now: () => new Date(),
        newRequestId: randomUuid,
      };
    })().catch(() => {
      shared = null; // try again at the next event (the server may be back)
      return null;
    });

  const depsForThisEvent = async (): Promise<HoldFollowerDeps | null> => {
    shared ??= setUp();
    const ready = await shared;
    const mailbox = launchEventMailbox();
    return ready && mailbox ? { ...ready, item: createLaunchEventItem(mailbox) } : null;
  };

  const onMeetingChanged = (event: Office.AddinCommands.Event) => {
    void (async () => {
      try {
        const deps = await depsForThisEvent();
        if (deps) await followMeeting(deps);
      } catch {
        // The hold stays as it was; the pane and the Smart Alert on send check it again.
      } finally {
        completeEvent(event);
      }
    })();
  };

  const onAppointmentSend = (event: Office.AddinCommands.Event) => {
    void (async () => {
      let verdict: SendVerdict = { allow: true };
      try {
        const deps = await depsForThisEvent();
        if (deps) verdict = await checkBeforeSend(deps);
      } catch {
        verdict = { allow: true }; // PromptUser: a handler that cannot decide lets the meeting go
      } finally {
        completeEvent(event, verdict);
      }
    })();
  };

  return {
    OnAppointmentTimeChanged: onMeetingChanged,
    OnAppointmentRecurrenceChanged: onMeetingChanged,
    OnAppointmentAttendeesChanged: onMeetingChanged,
    OnAppointmentSend: onAppointmentSend,
  };
}
