import { LAUNCH_EVENT_HANDLERS } from '../src/office/launch-event-host.js';
import { OUTLOOK_ENUMS } from './simulated-mailbox.js';
import type { SimulatedLaunchEvent, SimulatedMailbox } from './simulated-mailbox.js';

/** What a handler passed to event.completed() (Smart Alerts options for OnAppointmentSend). */
export type CompletedOptions = {
  allowEvent?: boolean;
  errorMessage?: string;
  cancelLabel?: string;
  commandId?: string;
  sendModeOverride?: string;
};

export type LaunchEventRuntime = {
  /** Outlook raises `type`: the associated handler runs; resolves with what it passed to completed(). */
  fire(type: SimulatedLaunchEvent): Promise<CompletedOptions | undefined>;
  /** Events fired and not yet completed. */
  pending(): number;
};

/**
 * The add-in's event-based runtime as Outlook runs it, apart from the pane: a hidden frame of its own
 * (its own globals, like Outlook's separate runtime) with an `Office` that has the same mailbox and item
 * as the pane's, `Office.actions.associate`, and the add-in's launch-events script loaded into it (the
 * built launch-events.js, the one the manifest names; in `vite` dev its source). Outlook then calls the
 * handler associated under the manifest's FunctionName with an event object whose completed() ends it.
 */
export async function startLaunchEventRuntime(
  simulated: SimulatedMailbox,
  options: { displayLanguage: string; isSetSupported: (name: string, version?: string) => boolean; isDev: boolean },
): Promise<LaunchEventRuntime> {
  const frame = document.createElement('iframe');
  frame.title = 'Event-based runtime (hidden)';
  frame.hidden = true;
  frame.setAttribute('aria-hidden', 'true');
  document.body.append(frame);
  const runtime = frame.contentWindow as Window & { Office?: unknown };
  const associated = new Map<string, (event: unknown) => void>();
  const { Succeeded, Failed } = Office.AsyncResultStatus;
  runtime.Office = {
    actions: { associate: (name: string, handler: (event: unknown) => void) => associated.set(name, handler) },
    onReady: async () => ({ host: 'Outlook', platform: 'OfficeOnline' }),
    AsyncResultStatus: { Succeeded, Failed },
    HostType: { Outlook: 'Outlook' },
    MailboxEnums: OUTLOOK_ENUMS.MailboxEnums,
    EventType: OUTLOOK_ENUMS.EventType,
    context: {
      mailbox: simulated.mailbox,
      displayLanguage: options.displayLanguage,
      requirements: { isSetSupported: options.isSetSupported },
    },
  };
  const script = runtime.document.createElement('script');
  if (options.isDev) {
    script.type = 'module';
    script.src = new URL('/src/launch-events/launch-events.ts', location.origin).href;
  } else {
    script.src = new URL('/launch-events.js', location.origin).href;
  }
  await new Promise<void>((resolve, reject) => {
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`The event-based runtime could not load ${script.src}`));
    runtime.document.head.append(script);
  });

  let inFlight = 0;
  return {
    pending: () => inFlight,
    fire(type) {
      const handler = associated.get(LAUNCH_EVENT_HANDLERS[type]);
      if (!handler) return Promise.reject(new Error(`No handler associated for ${type}`));
      inFlight += 1;
      return new Promise((resolve) => {
        let isCompleted = false;
        handler({
          type,
          source: { id: LAUNCH_EVENT_HANDLERS[type] },
          completed: (completedOptions?: CompletedOptions) => {
            if (isCompleted) return;
            isCompleted = true;
            inFlight -= 1;
            resolve(completedOptions);
          },
        });
      });
    },
  };
}
