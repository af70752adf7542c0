import { OfficeMockObject } from 'office-addin-mock';
import { OUTLOOK_ENUMS, createSimulatedMailbox } from '../../../../addin/harness/simulated-mailbox.js';
import type { SimulatedMailboxOptions, SimulatedMeeting } from '../../../../addin/harness/simulated-mailbox.js';
import { DIALOG_EVENTS } from './dialog-host-mock.js';

export const ANN = { email: 'ann.organizer@contoso.com', name: 'Ann Organizer' };
export const BOB = { email: 'bob@contoso.com', name: 'Bob' };
export const CAROL = { email: 'carol@contoso.com', name: 'Carol' };
export const ATRIUM = { email: 'room-brussels-0.01@contoso.com', name: 'Atrium' };

/** Monday 2 March 2026, 10:00–11:00 in Brussels. */
export const aMeeting = (overrides: Partial<SimulatedMeeting> = {}): SimulatedMeeting => ({
  subject: 'Design review',
  start: new Date('2026-03-02T09:00:00Z'),
  end: new Date('2026-03-02T10:00:00Z'),
  requiredAttendees: [BOB, CAROL],
  optionalAttendees: [],
  recurrence: null,
  rooms: [],
  itemId: null,
  customProperties: {},
  ...overrides,
});

export const weeklyOnMondays = (overrides: Partial<NonNullable<SimulatedMeeting['recurrence']>> = {}) => ({
  recurrenceType: 'weekly' as const,
  recurrenceProperties: { interval: 1, days: ['mon'], firstDayOfWeek: 'mon' },
  timeZone: 'Romance Standard Time',
  startDate: '2026-03-02',
  startTime: '10:00',
  endDate: '2026-04-06',
  durationMinutes: 60,
  ...overrides,
});

/** Office.AsyncResultStatus as office.js defines it. */
export const ASYNC_RESULT_STATUS = { Succeeded: 'succeeded', Failed: 'failed' };

type MockOptions = Partial<Omit<SimulatedMailboxOptions, 'asyncResultStatus'>> & {
  supportedSets?: Record<string, string>;
  host?: string | null;
  /** `Office.context.ui` (the dialog API); see createSimulatedDialogHost. */
  ui?: object;
  /** `Office.context.displayLanguage`; en-US (Outlook's default) unless given. */
  displayLanguage?: string;
};

/**
 * Installs `Office` as an office-addin-mock object around a simulated mailbox (host: outlook), with the
 * enums and AsyncResultStatus values of Office.js. Returns the simulation to drive and inspect it.
 */
export function installOutlookMock(options: MockOptions = {}) {
  const asyncResultStatus = ASYNC_RESULT_STATUS;
  const simulated = createSimulatedMailbox({
    mode: options.mode ?? 'compose',
    user: options.user ?? ANN,
    meeting: options.meeting ?? aMeeting(),
    asyncResultStatus,
    ...(options.organizer ? { organizer: options.organizer } : {}),
    ...(options.bodyBackgroundColor ? { bodyBackgroundColor: options.bodyBackgroundColor } : {}),
    ...(options.userTimeZone ? { userTimeZone: options.userTimeZone } : {}),
  });
  const supported = options.supportedSets ?? { Mailbox: '1.14', NestedAppAuth: '1.1' };
  const office = new OfficeMockObject({
    host: 'outlook',
    AsyncResultStatus: asyncResultStatus,
    HostType: { Outlook: 'Outlook', Word: 'Word' },
    ...OUTLOOK_ENUMS,
    EventType: { ...OUTLOOK_ENUMS.EventType, ...DIALOG_EVENTS },
    onReady: async () => ({ host: options.host === undefined ? 'Outlook' : options.host, platform: 'OfficeOnline' }),
    context: {
      mailbox: simulated.mailbox,
      officeTheme: simulated.officeTheme(),
      displayLanguage: options.displayLanguage ?? 'en-US',
      ...(options.ui ? { ui: options.ui } : {}),
      requirements: {
        isSetSupported: (name: string, version: string) => {
          const have = supported[name];
          if (!have) return false;
          const [a = 0, b = 0] = have.split('.').map(Number);
          const [c = 0, d = 0] = version.split('.').map(Number);
          return a > c || (a === c && b >= d);
        },
      },
    },
  });
  (globalThis as { Office?: unknown }).Office = office;
  return simulated;
}

export function uninstallOutlookMock(): void {
  delete (globalThis as { Office?: unknown }).Office;
}
