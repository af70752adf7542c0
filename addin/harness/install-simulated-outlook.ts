import { OUTLOOK_ENUMS, createSimulatedMailbox } from './simulated-mailbox.js';
import type { SimulatedMailbox, SimulatedMailboxOptions } from './simulated-mailbox.js';

/**
 * Puts the simulated mailbox around the real office.js (loaded by the page from @microsoft/office-js):
 * `Office.onReady`, `Office.AsyncResultStatus` and `Office.HostType` stay the library's; the mailbox,
 * the Outlook enums and events (which office.js only sets up inside Outlook) and the display language
 * come from the simulation.
 */
export function installSimulatedOutlook(
  options: Omit<SimulatedMailboxOptions, 'asyncResultStatus'> & { displayLanguage: string },
): SimulatedMailbox {
  if (typeof Office === 'undefined')
    throw new Error('office.js did not load: the harness serves it at /harness/office-js/office.js');
  const office = Office as unknown as Record<string, unknown> & {
    context: Record<string, unknown>;
    EventType: Record<string, string>;
  };
  const { displayLanguage, ...mailboxOptions } = options;
  const { Succeeded, Failed } = Office.AsyncResultStatus;
  const simulated = createSimulatedMailbox({
    ...mailboxOptions,
    asyncResultStatus: { Succeeded: String(Succeeded), Failed: String(Failed) },
  });
  office.MailboxEnums = OUTLOOK_ENUMS.MailboxEnums;
  Object.assign(office.EventType, OUTLOOK_ENUMS.EventType);
  const define = (name: string, get: () => unknown) =>
    Object.defineProperty(office.context, name, { get, configurable: true, enumerable: true });
  define('mailbox', () => simulated.mailbox);
  define('officeTheme', () => simulated.officeTheme());
  define('displayLanguage', () => displayLanguage);
  define('requirements', () => ({
    isSetSupported: (name: string, version?: string) =>
      name === 'Mailbox' ? Number((version ?? '1.0').split('.')[1] ?? 0) <= 14 : false,
  }));
  return simulated;
}
