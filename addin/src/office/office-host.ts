import { createOfficeAppointment } from './appointment.js';
import type { Appointment, MeetingPerson } from './appointment.js';

export type OfficeConnection =
  | {
      kind: 'outlook';
      appointment: Appointment;
      user: MeetingPerson;
      /** Nested app authentication (NestedAppAuth 1.1) is available in this client. */
      supportsNestedAppAuth: boolean;
      /** Office's dialog API is available: the sign-in fallback where NAA is not. */
      supportsAuthDialog: boolean;
    }
  | { kind: 'unavailable'; reason: 'office-js-missing' | 'not-outlook' | 'not-an-appointment' };

const isSetSupported = (name: string, version: string): boolean => {
  try {
    return Office.context.requirements?.isSetSupported(name, version) ?? false;
  } catch {
    return false;
  }
};

/**
 * Whether Outlook can broker tokens for the pane (NAA). Microsoft's check: NestedAppAuth 1.1. Older
 * clients (e.g. classic Outlook on Windows before Version 2409, Outlook on Mac before 16.89) do not.
 */
export const isNestedAppAuthSupported = (): boolean => isSetSupported('NestedAppAuth', '1.1');

/**
 * Whether the pane can open an Office dialog. Outlook documents the dialog API under Mailbox 1.4, below
 * the manifest's 1.8, so every client that loads the pane should have it; the method is looked for anyway.
 */
export const isAuthDialogSupported = (): boolean => {
  try {
    return typeof Office.context.ui?.displayDialogAsync === 'function';
  } catch {
    return false;
  }
};

/**
 * Waits for Office.js and finds the appointment. Works outside Outlook too: when office.js did not load
 * (no network to Microsoft's CDN) there is no `Office` at all, and in a plain browser `onReady` resolves
 * without a mailbox. The harness supplies a simulated mailbox around the real office.js, so a mailbox
 * with an appointment counts as Outlook even when `onReady` reports no host.
 */
export async function connectToOffice(): Promise<OfficeConnection> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') {
    return { kind: 'unavailable', reason: 'office-js-missing' };
  }
  const info = await Office.onReady();
  const mailbox = Office.context?.mailbox;
  if (!mailbox) return { kind: 'unavailable', reason: 'not-outlook' };
  if (info.host !== null && info.host !== undefined && info.host !== Office.HostType.Outlook) {
    return { kind: 'unavailable', reason: 'not-outlook' };
  }
  const item = mailbox.item;
  if (!item || String(item.itemType) !== String(Office.MailboxEnums.ItemType.Appointment)) {
    return { kind: 'unavailable', reason: 'not-an-appointment' };
  }
  return {
    kind: 'outlook',
    appointment: createOfficeAppointment(mailbox),
    user: { email: mailbox.userProfile.emailAddress, name: mailbox.userProfile.displayName },
    supportsNestedAppAuth: isNestedAppAuthSupported(),
    supportsAuthDialog: isAuthDialogSupported(),
  };
}
