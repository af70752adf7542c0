import type { SimulatedMeeting, SimulatedRecurrence } from './simulated-mailbox.js';

// The harness's appointment as page state: read from and written to the URL (?meeting=…), so a test
// or a person can open the harness on a given meeting, and "open as sent" can carry it to read mode.

export type HarnessRepeat = { kind: 'none' } | { kind: 'daily' | 'weekly'; count: number };

export type HarnessState = {
  mode: 'compose' | 'read';
  user: string;
  subject: string;
  /** ISO instants. */
  start: string;
  end: string;
  attendees: string[];
  repeat: HarnessRepeat;
  rooms: Array<{ email: string; name: string }>;
  customProperties: Record<string, string>;
  theme: 'light' | 'dark';
  /** Outlook's display language (`Office.context.displayLanguage`), a BCP 47 tag such as 'fr-FR'. */
  language: string;
  /**
   * The Outlook user's zone (`userProfile.timeZone`) as Outlook names it, Windows ('Eastern Standard
   * Time') or IANA ('America/New_York'); the browser's by default.
   */
  timeZone: string;
};

export const DEMO_USER = 'adele.vance@contoso.com';

/** Tomorrow at 10:00 (the browser's zone), for an hour. */
function defaultTimes(now = new Date()): { start: string; end: string } {
  const start = new Date(now);
  start.setDate(start.getDate() + 1);
  start.setHours(10, 0, 0, 0);
  return { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
}

export function readHarnessState(search: string): HarnessState {
  const params = new URLSearchParams(search);
  const defaults: HarnessState = {
    mode: 'compose',
    user: DEMO_USER,
    subject: 'Project sync',
    ...defaultTimes(),
    attendees: ['alex.wilber@contoso.com', 'megan.bowen@contoso.com'],
    repeat: { kind: 'none' },
    rooms: [],
    customProperties: {},
    theme: 'light',
    language: 'en-US',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
  const encoded = params.get('meeting');
  let state = defaults;
  if (encoded) {
    try {
      state = { ...defaults, ...(JSON.parse(encoded) as Partial<HarnessState>) };
    } catch {
      // A malformed link opens the default meeting.
    }
  }
  const mode = params.get('mode');
  const theme = params.get('theme');
  const language = params.get('lang');
  const timeZone = params.get('tz');
  return {
    ...state,
    ...(mode === 'read' || mode === 'compose' ? { mode } : {}),
    ...(theme === 'dark' || theme === 'light' ? { theme } : {}),
    ...(language ? { language } : {}),
    ...(timeZone ? { timeZone } : {}),
  };
}

export const harnessUrl = (state: HarnessState) => `?${new URLSearchParams({ meeting: JSON.stringify(state) })}`;

const DAY_CODES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const localDate = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** The repeat choice as Outlook's recurrence, anchored at the start in the browser's zone. */
export function toSimulatedRecurrence(
  state: Pick<HarnessState, 'start' | 'end' | 'repeat'>,
): SimulatedRecurrence | null {
  if (state.repeat.kind === 'none') return null;
  const start = new Date(state.start);
  const last = new Date(start);
  last.setDate(last.getDate() + (state.repeat.count - 1) * (state.repeat.kind === 'weekly' ? 7 : 1));
  return {
    recurrenceType: state.repeat.kind,
    recurrenceProperties:
      state.repeat.kind === 'weekly'
        ? { interval: 1, days: [DAY_CODES[start.getDay()]!], firstDayOfWeek: 'mon' }
        : { interval: 1 },
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    startDate: localDate(start),
    startTime: `${String(start.getHours()).padStart(2, '0')}:${String(start.getMinutes()).padStart(2, '0')}`,
    endDate: localDate(last),
    durationMinutes: Math.round((Date.parse(state.end) - Date.parse(state.start)) / 60_000),
  };
}

export function toSimulatedMeeting(state: HarnessState): SimulatedMeeting {
  return {
    subject: state.subject,
    start: new Date(state.start),
    end: new Date(state.end),
    requiredAttendees: state.attendees.map((email) => ({ email, name: email })),
    optionalAttendees: [],
    recurrence: toSimulatedRecurrence(state),
    rooms: state.rooms,
    itemId: state.mode === 'read' ? 'AAMkAD-harness-sent' : null,
    customProperties: state.customProperties,
  };
}
