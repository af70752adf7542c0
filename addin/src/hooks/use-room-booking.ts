import { useCallback, useEffect, useRef, useState } from 'react';
import type { AlternativeRoom, BookingIntent, LineInput, Room } from '@workplace-sync/shared';
import type { AddinApiClient } from '../api/addin-api-client.js';
import { useLocalizer } from '../i18n/use-localizer.js';
import type { Appointment, Meeting } from '../office/appointment.js';

export type BookingRequest = { room: Room; lines: LineInput[]; alternatives: AlternativeRoom[] };

export type RoomBookingState =
  | { status: 'idle' }
  | { status: 'booking'; room: Room }
  | {
      status: 'booked';
      room: Room;
      intent: BookingIntent;
      request: BookingRequest;
      /** Outlook lists the room on the meeting after adding it (some clients lag: then the pane says so). */
      isRoomOnMeeting: boolean;
      meetingKey: string;
    }
  | { status: 'releasing'; room: Room }
  | { status: 'failed'; room: Room; error: Error };

/**
 * A held room the pane had to take off the meeting because it is not free at the meeting's new time:
 * said visibly (with the server's reason) until the organizer picks a room again.
 */
export type LostRoom = { room: Room; reason: string };

/** What identifies the meeting's time: a hold is for exactly this. */
export const meetingKeyOf = (meeting: Pick<Meeting, 'start' | 'end' | 'recurrence' | 'timeZone'>) =>
  JSON.stringify([meeting.start.toISOString(), meeting.end.toISOString(), meeting.timeZone, meeting.recurrence]);

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));
const ignore = () => undefined;

/** Every hold of a pick (the chosen room and the alternatives of a series) is released on its own. */
const releaseAll = (api: AddinApiClient, intent: BookingIntent) =>
  Promise.all(intent.holds.map((held) => api.releaseBookingIntent(held.intentId)));

/**
 * Booking a room from the compose pane: hold it in Workplace (booking intent with its lines, and the
 * alternative rooms of a series), add it to the meeting as a Room location, tag the item so the pane
 * finds the hold again. When Outlook reports a new time, the hold is moved to it, or the room is taken
 * off the meeting if it is not free then.
 */
export function useRoomBooking(api: AddinApiClient, appointment: Appointment, meeting: Meeting | null) {
  const { t } = useLocalizer();
  const [state, setState] = useState<RoomBookingState>({ status: 'idle' });
  const [notice, setNotice] = useState<string | null>(null);
  const [lostRoom, setLostRoom] = useState<LostRoom | null>(null);
  const meetingRef = useRef(meeting);
  meetingRef.current = meeting;

  const hold = useCallback(
    async (request: BookingRequest, current: Meeting) =>
      api.createBookingIntent({
        clientRequestId: crypto.randomUUID(),
        subject: current.subject,
        start: current.start.toISOString(),
        end: current.end.toISOString(),
        timeZone: current.timeZone,
        recurrence: current.recurrence,
        roomId: request.room.id,
        lines: request.lines,
        alternatives: request.alternatives,
      }),
    [api],
  );

  const confirmOnMeeting = useCallback(
    async (room: Room, intent: BookingIntent) => {
      // Some clients show a stale location list right after adding (OfficeDev/office-js#983): check.
      const rooms = await appointment.listRooms().catch(() => []);
      const isRoomOnMeeting = rooms.some((entry) => entry.email.toLowerCase() === room.mailbox!.toLowerCase());
      await appointment
        .writeBookingTag({ intentId: intent.intentId, reservationIds: intent.holds.map((held) => held.reservationId) })
        .catch(ignore); // the tag only helps to find the hold again; the hold itself is in place
      return isRoomOnMeeting;
    },
    [appointment],
  );

  const book = useCallback(
    async (request: BookingRequest) => {
      const current = meetingRef.current;
      if (!current || !request.room.mailbox) return;
      setNotice(null);
      setLostRoom(null);
      setState({ status: 'booking', room: request.room });
      let intent: BookingIntent;
      try {
        intent = await hold(request, current);
      } catch (error) {
        setState({ status: 'failed', room: request.room, error: asError(error) });
        return;
      }
      try {
        await appointment.addRoom(request.room.mailbox);
      } catch (error) {
        await releaseAll(api, intent).catch(ignore);
        setState({ status: 'failed', room: request.room, error: asError(error) });
        return;
      }
      const isRoomOnMeeting = await confirmOnMeeting(request.room, intent);
      setState({
        status: 'booked',
        room: request.room,
        intent,
        request,
        isRoomOnMeeting,
        meetingKey: meetingKeyOf(current),
      });
    },
    [api, appointment, confirmOnMeeting, hold],
  );

  const release = useCallback(async () => {
    if (state.status !== 'booked') return;
    const { room, intent } = state;
    setState({ status: 'releasing', room });
    await appointment.removeRoom(room.mailbox!).catch(ignore);
    try {
      await releaseAll(api, intent);
    } catch (error) {
      setState({ status: 'failed', room, error: asError(error) });
      return;
    }
    await appointment.writeBookingTag(null).catch(ignore);
    setNotice(t('notice.released', { room: room.name }));
    setState({ status: 'idle' });
  }, [api, appointment, state, t]);

  // The meeting moved (or its recurrence changed) after the room was held: hold it for the new time.
  const isMoving = useRef(false);
  useEffect(() => {
    if (state.status !== 'booked' || !meeting || isMoving.current) return;
    if (meetingKeyOf(meeting) === state.meetingKey) return;
    isMoving.current = true;
    const { room, intent, request } = state;
    const moved = { ...request, alternatives: [] };
    setState({ status: 'booking', room });
    void (async () => {
      await releaseAll(api, intent).catch(ignore);
      try {
        const next = await hold(moved, meeting);
        const isRoomOnMeeting = await confirmOnMeeting(room, next);
        setState({
          status: 'booked',
          room,
          intent: next,
          request: moved,
          isRoomOnMeeting,
          meetingKey: meetingKeyOf(meeting),
        });
        setNotice(t(request.alternatives.length > 0 ? 'notice.movedCheckDates' : 'notice.moved', { room: room.name }));
      } catch (error) {
        await appointment.removeRoom(room.mailbox!).catch(ignore);
        await appointment.writeBookingTag(null).catch(ignore);
        setState({ status: 'idle' });
        setLostRoom({ room, reason: asError(error).message });
        setNotice(t('notice.notFreeAtNewTime', { room: room.name, reason: asError(error).message }));
      } finally {
        isMoving.current = false;
      }
    })();
  }, [api, appointment, confirmOnMeeting, hold, meeting, state, t]);

  const dismissNotice = useCallback(() => {
    setNotice(null);
    setLostRoom(null);
  }, []);
  const reset = useCallback(() => setState({ status: 'idle' }), []);
  return { state, notice, lostRoom, book, release, dismissNotice, reset };
}
