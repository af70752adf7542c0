import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '@workplace-sync/shared';
import type { ForMeetingQueryInput, LineInput, MeetingReservation } from '@workplace-sync/shared';
import type { AddinApiClient } from '../api/addin-api-client.js';
import { useLocalizer } from '../i18n/use-localizer.js';
import type { Appointment, Meeting } from '../office/appointment.js';
import { useRefetchOnReconnect } from './use-refetch-on-reconnect.js';

export type EditableLine = LineInput & { id?: string };

/** How the server finds the meeting's reservation: by the pane's own tag, else by organizer, start and rooms. */
async function lookupOf(appointment: Appointment, meeting: Meeting): Promise<ForMeetingQueryInput | null> {
  const tag = await appointment.readBookingTag().catch(() => null);
  const reservationId = tag?.reservationIds[0];
  // Both when both are known: once the tagged hold is over, the server finds the meeting's reservation
  // by organizer, start and rooms (the sync may have booked it anew when the meeting arrived).
  const byMeeting =
    meeting.organizer && meeting.rooms.length > 0
      ? {
          organizer: meeting.organizer.email,
          start: meeting.start.toISOString(),
          rooms: meeting.rooms.map((room) => room.email).join(','),
        }
      : null;
  if (!reservationId && !byMeeting) return null;
  return { ...(reservationId ? { reservationId } : {}), ...byMeeting };
}

/** The Workplace reservation(s) of the meeting, and saving the organizer's line edits. */
export function useMeetingReservations(
  api: AddinApiClient,
  appointment: Appointment,
  meeting: Meeting | null,
  refreshKey: unknown = null,
) {
  const { t } = useLocalizer();
  const [reservations, setReservations] = useState<MeetingReservation[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);
  const lookupKey = meeting
    ? JSON.stringify([meeting.organizer?.email, meeting.start.toISOString(), meeting.rooms, refreshKey, attempt])
    : null;

  useEffect(() => {
    if (!lookupKey || !meeting) return;
    let isCurrent = true;
    setError(null);
    void (async () => {
      try {
        const query = await lookupOf(appointment, meeting);
        const found = query ? (await api.getReservationsForMeeting(query)).reservations : [];
        if (isCurrent) setReservations(found);
      } catch (failure) {
        if (isCurrent) setError(failure as Error);
      }
    })();
    return () => {
      isCurrent = false;
    };
    // lookupKey covers what of `meeting` the lookup reads.
  }, [api, appointment, lookupKey]);

  const reload = useCallback(() => setAttempt((value) => value + 1), []);
  // The sync moves the reservation on (held → confirmed, a room declined) while the pane stays open.
  useRefetchOnReconnect(reload);

  /** Saves the equipment and catering lines; a stale version reloads and says so. */
  const saveLines = useCallback(
    async (reservation: MeetingReservation, lines: EditableLine[]): Promise<void> => {
      try {
        const updated = await api.updateReservationLines(reservation.id, { version: reservation.version, lines });
        setReservations((current) => current?.map((entry) => (entry.id === updated.id ? updated : entry)) ?? [updated]);
      } catch (failure) {
        if (failure instanceof ApiError && failure.code === 'PRECONDITION_FAILED') {
          reload();
          throw new Error(t('notice.changedMeanwhile'));
        }
        throw failure;
      }
    },
    [api, reload, t],
  );

  return { reservations, isLoading: reservations === null && error === null, error, reload, saveLines };
}
