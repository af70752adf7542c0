import { useCallback, useEffect, useRef, useState } from 'react';
import type { Appointment, Meeting } from '../office/appointment.js';

export type MeetingState = { meeting: Meeting | null; error: Error | null; reload: () => void };

/**
 * The meeting as Outlook has it now. Re-read when Outlook reports a change of time or recurrence;
 * Outlook raises several events while the user edits a time, so re-reads are debounced.
 */
export function useMeeting(appointment: Appointment, debounceMs = 300): MeetingState {
  const [meeting, setMeeting] = useState<Meeting | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const isActive = useRef(true);

  const reload = useCallback(() => {
    appointment.readMeeting().then(
      (value) => {
        if (!isActive.current) return;
        setMeeting(value);
        setError(null);
      },
      (failure: unknown) => {
        if (isActive.current) setError(failure instanceof Error ? failure : new Error(String(failure)));
      },
    );
  }, [appointment]);

  useEffect(() => {
    isActive.current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let unsubscribe: (() => Promise<void>) | null = null;
    reload();
    // While open, the pane moves the hold itself: the event handlers stand aside (office/pane-presence.ts).
    const stopAnnouncing = appointment.mode === 'compose' ? appointment.announcePaneOpen?.() : undefined;
    appointment
      .onMeetingChanged(() => {
        clearTimeout(timer);
        timer = setTimeout(reload, debounceMs);
      })
      .then(
        (stop) => {
          if (isActive.current) unsubscribe = stop;
          else void stop();
        },
        // A client without these events still shows availability; it just does not re-check live.
        () => undefined,
      );
    return () => {
      isActive.current = false;
      clearTimeout(timer);
      stopAnnouncing?.();
      void unsubscribe?.().catch(() => undefined);
    };
  }, [appointment, debounceMs, reload]);

  return { meeting, error, reload };
}
