import type { TokenSource } from '@workplace-sync/shared';
import { createAddinApiClient, fetchAddinConfig } from '../api/addin-api-client.js';
import { chooseTokenSource } from '../auth/choose-token-source.js';
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
        words: localizerOf(createPaneI18n(paneLocaleOf(readDisplayLanguage()))),
        now: () => new Date(),
        newRequestId: () => crypto.randomUUID(),
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
