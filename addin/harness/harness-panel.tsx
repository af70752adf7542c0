import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  FluentProvider,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  Select,
  makeStyles,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { fromOfficeRecurrence } from '../src/office/recurrence.js';
import { harnessUrl, toSimulatedRecurrence } from './harness-meeting.js';
import type { HarnessState } from './harness-meeting.js';
import type { CompletedOptions, LaunchEventRuntime } from './launch-event-runtime.js';
import type { SimulatedMailbox, SimulatedNotification } from './simulated-mailbox.js';

/** Opening and closing the task pane, as the user does in Outlook. */
export type PaneControl = { isOpen(): boolean; open(): void; close(): Promise<void> };

const useStyles = makeStyles({
  root: {
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', columnGap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
});

/** 'YYYY-MM-DDTHH:mm' in the browser's zone, for a datetime-local input. */
const toLocalInput = (iso: string) => {
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

/**
 * The simulated Outlook around the pane: edit the appointment (Outlook then raises its change events),
 * and Send it as Outlook would, through the Graph emulator.
 */
export function HarnessPanel({
  simulated,
  initial,
  launchEvents = null,
  pane,
}: {
  simulated: SimulatedMailbox;
  initial: HarnessState;
  /** The add-in's event-based runtime (compose), or null where it did not load. */
  launchEvents?: LaunchEventRuntime | null;
  pane?: PaneControl;
}) {
  const styles = useStyles();
  const [state, setState] = useState(initial);
  const [draft, setDraft] = useState({
    subject: initial.subject,
    start: toLocalInput(initial.start),
    minutes: String(Math.round((Date.parse(initial.end) - Date.parse(initial.start)) / 60_000)),
    repeat: initial.repeat.kind,
    count: String(initial.repeat.kind === 'none' ? 4 : initial.repeat.count),
    attendees: initial.attendees.join(', '),
  });
  const [rooms, setRooms] = useState(simulated.meeting().rooms);
  const [notifications, setNotifications] = useState<SimulatedNotification[]>([]);
  const [isPaneOpen, setPaneOpen] = useState(pane?.isOpen() ?? true);
  const [isSending, setSending] = useState(false);
  /** Outlook's Smart Alerts dialog: the add-in stopped the send with these options. */
  const [smartAlert, setSmartAlert] = useState<CompletedOptions | null>(null);
  const [sent, setSent] = useState<{ eventId: string; url: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // The pane changes the locations through Office.js; show what Outlook now has.
    const timer = setInterval(() => {
      setRooms(simulated.meeting().rooms);
      // The add-in's notifications, as Outlook's info bar above the meeting shows them.
      setNotifications((shown) => {
        const current = simulated.notifications();
        return JSON.stringify(current) === JSON.stringify(shown) ? shown : current;
      });
    }, 400);
    return () => clearInterval(timer);
  }, [simulated]);

  const apply = () => {
    const start = new Date(draft.start);
    const end = new Date(start.getTime() + Number(draft.minutes) * 60_000);
    const repeat: HarnessState['repeat'] =
      draft.repeat === 'none'
        ? { kind: 'none' }
        : { kind: draft.repeat as 'daily' | 'weekly', count: Math.max(1, Number(draft.count) || 1) };
    const next: HarnessState = {
      ...state,
      subject: draft.subject,
      start: start.toISOString(),
      end: end.toISOString(),
      repeat,
      attendees: draft.attendees
        .split(',')
        .map((email) => email.trim())
        .filter(Boolean),
    };
    setState(next);
    simulated.editMeeting({
      subject: next.subject,
      start,
      end,
      recurrence: toSimulatedRecurrence(next),
      requiredAttendees: next.attendees.map((email) => ({ email, name: email })),
    });
  };

  const togglePane = async () => {
    if (!pane) return;
    if (pane.isOpen()) await pane.close();
    else pane.open();
    setPaneOpen(pane.isOpen());
  };

  /** Send as Outlook does: OnAppointmentSend first (Smart Alerts); the add-in may stop it. */
  const send = async () => {
    setError(null);
    if (launchEvents) {
      setSending(true);
      const verdict = await launchEvents.fire('OnAppointmentSend').finally(() => setSending(false));
      if (verdict?.allowEvent === false) {
        setSmartAlert(verdict);
        return;
      }
    }
    await deliver();
  };

  const dontSend = () => {
    const opensPane = Boolean(smartAlert?.commandId);
    setSmartAlert(null);
    // The alert's button runs the add-in command it names: here, the pane's button.
    if (opensPane && pane && !pane.isOpen()) {
      pane.open();
      setPaneOpen(true);
    }
  };

  const deliver = async () => {
    setError(null);
    const meeting = simulated.meeting();
    const recurrence = meeting.recurrence
      ? fromOfficeRecurrence({
          recurrenceType: meeting.recurrence.recurrenceType,
          recurrenceProperties: meeting.recurrence.recurrenceProperties,
          recurrenceTimeZone: { name: meeting.recurrence.timeZone },
          seriesTime: { getEndDate: () => meeting.recurrence!.endDate ?? '' },
        }).rule
      : null;
    const response = await fetch('/harness/send', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organizer: state.user,
        subject: meeting.subject,
        start: new Date(meeting.start).toISOString(),
        end: new Date(meeting.end).toISOString(),
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        recurrence,
        attendees: meeting.requiredAttendees.map((person) => person.email),
        rooms: meeting.rooms.map((room) => room.email),
      }),
    });
    const body = (await response.json()) as { eventId?: string; error?: { message: string } };
    if (!response.ok || !body.eventId) {
      setError(body.error?.message ?? `Send failed (HTTP ${response.status})`);
      return;
    }
    const asSent: HarnessState = {
      ...state,
      mode: 'read',
      rooms: meeting.rooms,
      customProperties: meeting.customProperties,
    };
    setSent({ eventId: body.eventId, url: harnessUrl(asSent) });
  };

  return (
    <FluentProvider theme={state.theme === 'dark' ? webDarkTheme : webLightTheme}>
      <section className={styles.root} aria-labelledby="harness-title">
        <h2 id="harness-title" className={styles.title}>
          Simulated Outlook ({state.mode === 'compose' ? 'new meeting' : 'sent meeting'}, {state.user})
        </h2>
        {state.mode === 'compose' ? (
          <>
            <Field label="Subject">
              <Input value={draft.subject} onChange={(_event, data) => setDraft({ ...draft, subject: data.value })} />
            </Field>
            <div className={styles.row}>
              <Field label="Start">
                <Input
                  type="datetime-local"
                  value={draft.start}
                  onChange={(_event, data) => setDraft({ ...draft, start: data.value })}
                />
              </Field>
              <Field label="Duration">
                <Select value={draft.minutes} onChange={(_event, data) => setDraft({ ...draft, minutes: data.value })}>
                  {['30', '60', '90', '120'].map((minutes) => (
                    <option key={minutes} value={minutes}>
                      {minutes} minutes
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <div className={styles.row}>
              <Field label="Repeat">
                <Select
                  value={draft.repeat}
                  onChange={(_event, data) => setDraft({ ...draft, repeat: data.value as typeof draft.repeat })}
                >
                  <option value="none">Does not repeat</option>
                  <option value="daily">Daily</option>
                  <option value="weekly">Weekly</option>
                </Select>
              </Field>
              {draft.repeat !== 'none' && (
                <Field label="Occurrences">
                  <Input
                    type="number"
                    min={1}
                    value={draft.count}
                    onChange={(_event, data) => setDraft({ ...draft, count: data.value })}
                  />
                </Field>
              )}
            </div>
            <Field label="Attendees (comma-separated)">
              <Input
                value={draft.attendees}
                onChange={(_event, data) => setDraft({ ...draft, attendees: data.value })}
              />
            </Field>
            <div className={styles.row}>
              <Button onClick={apply}>Update meeting</Button>
              <Button appearance="primary" disabled={sent !== null || isSending} onClick={() => void send()}>
                {sent ? 'Sent' : isSending ? 'Checking…' : 'Send'}
              </Button>
              {pane && (
                <Button onClick={() => void togglePane()}>{isPaneOpen ? 'Close task pane' : 'Open task pane'}</Button>
              )}
            </div>
          </>
        ) : (
          <Caption1>This is the meeting as sent; the pane shows its reservation.</Caption1>
        )}
        {notifications.length > 0 && (
          <section aria-label="Outlook notifications">
            {notifications.map((notification) => (
              <MessageBar
                key={notification.key}
                intent={notification.type === 'errorMessage' ? 'error' : 'info'}
                layout="multiline"
              >
                <MessageBarBody>{notification.message}</MessageBarBody>
              </MessageBar>
            ))}
          </section>
        )}
        <Caption1 aria-live="polite">
          Locations: {rooms.length > 0 ? rooms.map((room) => room.email).join(', ') : 'none'}
        </Caption1>
        {sent && (
          <MessageBar intent="success">
            <MessageBarBody>
              Sent (event {sent.eventId.slice(0, 12)}…). <Link href={sent.url}>Open the sent meeting</Link>
            </MessageBarBody>
          </MessageBar>
        )}
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        <Dialog open={smartAlert !== null} modalType="alert">
          <DialogSurface>
            <DialogBody>
              <DialogTitle>Workplace rooms</DialogTitle>
              <DialogContent>{smartAlert?.errorMessage}</DialogContent>
              <DialogActions>
                <Button appearance="primary" onClick={dontSend}>
                  {smartAlert?.cancelLabel ?? "Don't Send"}
                </Button>
                {/* The manifest's SendMode is PromptUser: Outlook offers to send anyway. */}
                <Button
                  onClick={() => {
                    setSmartAlert(null);
                    void deliver();
                  }}
                >
                  Send Anyway
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      </section>
    </FluentProvider>
  );
}
