import { createOfficeAppointment } from './appointment.js';
import type { Appointment } from './appointment.js';
import { officeAsync } from './office-async.js';
import { isPaneAnnounced } from './pane-presence.js';

// Office in the event-based runtime (LaunchEvent): what the handlers read and write on the item, the
// notification bar, and completing the event. Outlook on Windows (classic) runs the handlers in a
// JavaScript-only runtime without a DOM, so nothing here (or in launch-events/) touches window or document.

/** The events the manifest's LaunchEvent extension point names, each with its handler's FunctionName. */
export const LAUNCH_EVENT_HANDLERS = {
  OnAppointmentTimeChanged: 'onAppointmentTimeChanged',
  OnAppointmentRecurrenceChanged: 'onAppointmentRecurrenceChanged',
  OnAppointmentAttendeesChanged: 'onAppointmentAttendeesChanged',
  OnAppointmentSend: 'onAppointmentSend',
} as const;
export type LaunchEventType = keyof typeof LAUNCH_EVENT_HANDLERS;

/** The one notification the add-in keeps on the item (replaced, never stacked). */
const NOTIFICATION_KEY = 'workplaceRoomHold';
/** The manifest's 16 px icon: Outlook requires one on informational messages. */
const NOTIFICATION_ICON = 'Icon.16';
export type NotificationKind = 'info' | 'error';

/** What a Smart Alert says when it stops the send (Mailbox 1.12; the labels 1.14). */
export type SendVerdict =
  { allow: true } | { allow: false; message: string; cancelLabel?: string; openPaneCommandId?: string };

/** The item an event fired on, as the handlers need it. The only implementation talks to Office.js. */
export interface LaunchEventItem {
  readonly appointment: Appointment;
  /** Replaces the add-in's notification on the item (≤150 characters, Outlook's limit). */
  notify(kind: NotificationKind, message: string): Promise<void>;
  clearNotification(): Promise<void>;
  /** Whether an open task pane announced (in the last 25 s) that it follows this meeting itself. */
  isPaneFollowing(now: Date): Promise<boolean>;
}

/** Outlook's own requirement check; false where Office cannot say. */
export function isMailboxSetSupported(version: string): boolean {
  try {
    return Office.context.requirements?.isSetSupported('Mailbox', version) ?? false;
  } catch {
    return false;
  }
}

export function createLaunchEventItem(mailbox: Office.Mailbox): LaunchEventItem {
  const item = mailbox.item as Office.AppointmentCompose;
  return {
    appointment: createOfficeAppointment(mailbox),

    async notify(kind, message) {
      const text = message.length > 150 ? `${message.slice(0, 149)}…` : message;
      const details: Office.NotificationMessageDetails =
        kind === 'error'
          ? { type: Office.MailboxEnums.ItemNotificationMessageType.ErrorMessage, message: text }
          : {
              type: Office.MailboxEnums.ItemNotificationMessageType.InformationalMessage,
              message: text,
              icon: NOTIFICATION_ICON,
              persistent: false,
            };
      await officeAsync<unknown>((done) => item.notificationMessages.replaceAsync(NOTIFICATION_KEY, details, done));
    },

    async clearNotification() {
      await officeAsync<unknown>((done) => item.notificationMessages.removeAsync(NOTIFICATION_KEY, done)).catch(
        () => undefined, // there was none
      );
    },

    isPaneFollowing: (now) => isPaneAnnounced(item, now),
  };
}

/** Finishes a launch event; a Smart Alert verdict for OnAppointmentSend. Never throws. */
export function completeEvent(event: Office.AddinCommands.Event, verdict?: SendVerdict): void {
  try {
    if (!verdict) {
      event.completed();
      return;
    }
    if (verdict.allow) {
      event.completed({ allowEvent: true });
      return;
    }
    const options: Office.SmartAlertsEventCompletedOptions = { allowEvent: false, errorMessage: verdict.message };
    // The button's own label and opening the pane from it: Mailbox 1.14. Older clients show "Don't Send".
    if (isMailboxSetSupported('1.14')) {
      if (verdict.cancelLabel) options.cancelLabel = verdict.cancelLabel;
      if (verdict.openPaneCommandId) options.commandId = verdict.openPaneCommandId;
    }
    event.completed(options);
  } catch {
    // Completing twice or on a torn-down item: nothing left to tell Outlook.
  }
}

/** Registers each handler under the FunctionName the manifest gives its event; false outside Outlook. */
export function associateLaunchEvents(
  handlers: Record<LaunchEventType, (event: Office.AddinCommands.Event) => void>,
): boolean {
  if (typeof Office === 'undefined' || typeof Office.actions?.associate !== 'function') return false;
  for (const [type, functionName] of Object.entries(LAUNCH_EVENT_HANDLERS) as Array<[LaunchEventType, string]>) {
    Office.actions.associate(functionName, handlers[type]);
  }
  return true;
}

/** Outlook's mailbox in the launch runtime, or null when Office is not there (yet). */
export function launchEventMailbox(): Office.Mailbox | null {
  try {
    return typeof Office === 'undefined' ? null : (Office.context?.mailbox ?? null);
  } catch {
    return null;
  }
}
