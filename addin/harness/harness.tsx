import { createRoot } from 'react-dom/client';
import { startPane } from '../src/taskpane.js';
import type { StartedPane } from '../src/taskpane.js';
import { HarnessPanel } from './harness-panel.js';
import { readHarnessState, toSimulatedMeeting } from './harness-meeting.js';
import { installSimulatedOutlook } from './install-simulated-outlook.js';
import { startLaunchEventRuntime } from './launch-event-runtime.js';
import type { LaunchEventRuntime } from './launch-event-runtime.js';

// The harness page (embedded default only): the real task pane on a simulated Outlook appointment.
// office.js finishes setting itself up (AsyncResultStatus, …) asynchronously: wait for it first.
await Office.onReady();
const state = readHarnessState(location.search);
const user = { email: state.user, name: state.user.split('@')[0]!.replace(/\./g, ' ') };
const simulated = installSimulatedOutlook({
  mode: state.mode,
  user,
  organizer: user,
  meeting: toSimulatedMeeting(state),
  bodyBackgroundColor: state.theme === 'dark' ? '#1f1f1f' : '#ffffff',
  latencyMs: 15,
  displayLanguage: state.language,
  userTimeZone: state.timeZone,
});
document.documentElement.dataset.theme = state.theme;

// The add-in's event handlers run apart from the pane, as in Outlook (compose only: the events are the
// organizer's). Outlook raises the change events by itself; Send is raised by the panel's Send button.
let launchEvents: LaunchEventRuntime | null = null;
if (state.mode === 'compose') {
  launchEvents = await startLaunchEventRuntime(simulated, {
    displayLanguage: state.language,
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
    isDev: (import.meta as { env?: { DEV?: boolean } }).env?.DEV === true,
  }).catch((error: unknown) => {
    console.error(error);
    return null;
  });
  simulated.onLaunchEvent((type) => {
    if (type !== 'OnAppointmentSend') void launchEvents?.fire(type);
  });
}

// ?pane=closed: the meeting without the task pane open (Outlook closes it, or it was never opened).
const paneRoot = document.getElementById('root')!;
let started: Promise<StartedPane> | null = null;
const pane = {
  isOpen: () => started !== null,
  open: () => {
    started ??= startPane(paneRoot);
  },
  close: async () => {
    const closing = started;
    started = null;
    (await closing)?.unmount();
  },
};
if (new URLSearchParams(location.search).get('pane') !== 'closed') pane.open();
createRoot(document.getElementById('harness')!).render(
  <HarnessPanel simulated={simulated} initial={state} launchEvents={launchEvents} pane={pane} />,
);
