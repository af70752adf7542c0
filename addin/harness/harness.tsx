import { createRoot } from 'react-dom/client';
import { startPane } from '../src/taskpane.js';
import { HarnessPanel } from './harness-panel.js';
import { readHarnessState, toSimulatedMeeting } from './harness-meeting.js';
import { installSimulatedOutlook } from './install-simulated-outlook.js';

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
createRoot(document.getElementById('harness')!).render(<HarnessPanel simulated={simulated} initial={state} />);
void startPane(document.getElementById('root')!);
