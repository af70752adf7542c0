import { Caption1, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import type { Room } from '@workplace-sync/shared';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddinApiClient } from './api/addin-api-client.js';
import { planOccurrences, alternativesOf } from './booking/occurrence-plan.js';
import { readUsualPlace, rememberUsualPlace, usualPlaceOf } from './booking/usual-place.js';
import type { AlternativeChoices } from './booking/occurrence-plan.js';
import { lostRoomAdvice, roomsFreeInstead } from './booking/lost-room-advice.js';
import { ErrorMessage } from './components/error-message.js';
import { ReadScreen } from './components/read-screen.js';
import { BookedSummary, BookingPanel, Deferred, useRoomChoiceParts } from './components/deferred-parts.js';
import { MeetingNotices } from './components/meeting-notices.js';
import { MeetingSummary } from './components/meeting-summary.js';
import { RoomLostMessage } from './components/room-lost-message.js';
import { SeriesConflictWarning } from './components/series-conflict-warning.js';
import { PaneShell } from './components/pane-shell.js';
import { ReservationCard } from './components/reservation-card.js';
import { noFilters, useAvailability } from './hooks/use-availability.js';
import type { RoomFilters as RoomFilterValues } from './hooks/use-availability.js';
import { useMeeting } from './hooks/use-meeting.js';
import { useMeetingReservations } from './hooks/use-meeting-reservations.js';
import type { EditableLine } from './hooks/use-meeting-reservations.js';
import { useRoomBooking } from './hooks/use-room-booking.js';
import { useRooms } from './hooks/use-rooms.js';
import { usePaneTheme } from './hooks/use-pane-theme.js';
import type { ThemeSubscription } from './hooks/use-pane-theme.js';
import { useLocalizer } from './i18n/use-localizer.js';
import type { Appointment, Meeting } from './office/appointment.js';
import type { ThemeKind } from './office/theme.js';

export type AppProps = {
  appointment: Appointment;
  api: AddinApiClient;
  officeTheme: ThemeKind | null;
  subscribeToTheme?: ThemeSubscription;
  /** The zone of displayed times: the Outlook user's (office/user-time-zone.ts); the browser's if not given. */
  timeZone?: string;
};

function ComposeScreen({
  api,
  appointment,
  meeting,
  timeZone,
  announce,
}: {
  api: AddinApiClient;
  appointment: Appointment;
  meeting: Meeting;
  timeZone: string | undefined;
  announce: (text: string) => void;
}) {
  const words = useLocalizer();
  const { t } = words;
  const catalogue = useRooms(api);
  const [chosenFilters, setFilters] = useState<RoomFilterValues | null>(null);
  // Capacity defaults to the meeting's people until the user sets filters.
  const filters = chosenFilters ?? { ...noFilters, minCapacity: meeting.attendeeCount };
  const booking = useRoomBooking(api, appointment, meeting);
  // The room filters and list come in chunks of their own, fetched while the API answers with the rooms.
  const roomChoice = useRoomChoiceParts();
  const heldIds = useMemo(
    () => (booking.state.status === 'booked' ? booking.state.intent.holds.map((hold) => hold.reservationId) : []),
    [booking.state],
  );
  const availability = useAvailability(api, meeting, filters, heldIds);
  const existing = useMeetingReservations(api, appointment, meeting, booking.state.status);
  const [chosenRoomId, setChosenRoomId] = useState<string | null>(null);
  // Back in the list, keyboard focus returns to the room the user had chosen.
  const [lastChosenRoomId, setLastChosenRoomId] = useState<string | null>(null);
  // Read once: the list keeps its order while the user goes back and forth between rooms.
  const [rememberedPlace] = useState(() => readUsualPlace());
  const [choices, setChoices] = useState<AlternativeChoices>({});
  const [lines, setLines] = useState<EditableLine[]>([]);

  const rooms = catalogue.rooms?.rooms ?? [];
  const chosenRoom = rooms.find((room) => room.id === chosenRoomId) ?? null;
  const answer = availability.availability;
  // Per-date alternative rooms only where Exchange takes the series with those dates declined; else
  // (declined whole, or not known) the pane says so and offers the rooms free on every date first.
  const seriesVerdict = answer?.rooms.find((room) => room.roomId === chosenRoomId)?.seriesConflicts;
  const isSeriesAtRisk = seriesVerdict === 'declined' || seriesVerdict === 'unknown';
  const plan = useMemo(
    () =>
      chosenRoomId && answer && meeting.recurrence && !isSeriesAtRisk
        ? planOccurrences(answer, rooms, chosenRoomId, choices)
        : null,
    [answer, rooms, chosenRoomId, choices, meeting.recurrence, isSeriesAtRisk],
  );
  const equipmentOptions = useMemo(() => [...new Set(rooms.flatMap((room) => room.equipment))].sort(), [rooms]);

  // Screen readers hear what changed without focus moving: results, bookings, failures.
  const bookingState = booking.state;
  useEffect(() => {
    if (bookingState.status === 'booked') {
      const announcement = bookingState.room.approvalRequired ? 'compose.announceRequested' : 'compose.announceBooked';
      announce(t(announcement, { room: bookingState.room.name }));
    }
    if (bookingState.status === 'failed')
      announce(t('compose.announceFailed', { room: bookingState.room.name, reason: bookingState.error.message }));
  }, [announce, bookingState, t]);
  const isChoosing = bookingState.status === 'idle' || bookingState.status === 'failed';
  useEffect(() => {
    if (!answer || !isChoosing) return;
    const free = answer.rooms.filter((room) => room.summary === 'free' || room.summary === 'needs-approval').length;
    announce(t('compose.announceChecked', { count: answer.rooms.length, free }));
    // Announced for a new answer only, not when the booking state moves on.
  }, [announce, answer, t]);
  useEffect(() => {
    if (booking.notice) announce(booking.notice);
  }, [announce, booking.notice]);
  // A room taken off the moved meeting is no longer offered: back to the rooms free at the new time.
  const lostRoom = booking.lostRoom;
  useEffect(() => {
    if (!lostRoom) return;
    setChosenRoomId(null);
    setChoices({});
  }, [lostRoom]);

  if (catalogue.error)
    return <ErrorMessage title={t('compose.roomsNotLoaded')} error={catalogue.error} onRetry={catalogue.retry} />;
  if (roomChoice.error)
    return <ErrorMessage title={t('compose.roomsNotLoaded')} error={roomChoice.error} onRetry={roomChoice.retry} />;
  if (!catalogue.rooms || !roomChoice.parts) return <Spinner label={t('compose.loadingRooms')} />;
  const { RoomFilters, RoomList } = roomChoice.parts;
  const { buildings, floors, assets, catalogItems } = catalogue.rooms;
  const usualPlace = usualPlaceOf(rememberedPlace, catalogue.rooms.officeLocation, buildings);
  const placeOf = (room: Room) =>
    [
      buildings.find((building) => building.id === room.buildingId)?.name,
      floors.find((floor) => floor.id === room.floorId)?.name,
      t('meeting.people', { count: room.capacity }),
    ]
      .filter(Boolean)
      .join(' · ');

  if (booking.state.status === 'booked' || booking.state.status === 'releasing') {
    const state = booking.state;
    return (
      <>
        {booking.notice && <Caption1>{booking.notice}</Caption1>}
        {state.status === 'booked' ? (
          <Deferred>
            <BookedSummary
              room={state.room}
              intent={state.intent}
              rooms={rooms}
              isRoomOnMeeting={state.isRoomOnMeeting}
              isReleasing={false}
              onRelease={() =>
                void booking.release().then(() => {
                  announce(t('compose.announceReleased', { room: state.room.name }));
                  setChosenRoomId(null);
                })
              }
              {...(timeZone ? { timeZone } : {})}
            />
          </Deferred>
        ) : (
          <Spinner label={t('compose.releasing', { room: state.room.name })} />
        )}
      </>
    );
  }

  if (chosenRoom && chosenRoom.mailbox) {
    const roomAvailability = answer?.rooms.find((room) => room.roomId === chosenRoom.id);
    const isBooking = booking.state.status === 'booking';
    const bookingError = booking.state.status === 'failed' ? booking.state.error.message : null;
    const seriesWarning = answer && roomAvailability && isSeriesAtRisk && (
      <SeriesConflictWarning
        room={chosenRoom.name}
        verdict={seriesVerdict}
        takenStarts={answer.occurrences
          .filter((_occurrence, index) => !roomAvailability.occurrences[index]?.isBookable)
          .map((occurrence) => occurrence.start)}
        roomsFreeOnEveryDate={roomsFreeInstead(answer, rooms, chosenRoom)}
        timeZone={timeZone}
        {...(seriesVerdict === 'declined'
          ? {
              onBack: () => {
                booking.reset();
                setChosenRoomId(null);
                setChoices({});
              },
            }
          : {})}
      />
    );
    // Nothing to book where Exchange would decline the series: the warning and the way back.
    if (seriesVerdict === 'declined') return <>{seriesWarning}</>;
    return (
      <>
        {answer && <MeetingNotices notices={answer.notices} />}
        {seriesWarning}
        <Deferred>
          <BookingPanel
            room={chosenRoom}
            place={placeOf(chosenRoom)}
            start={meeting.start}
            end={meeting.end}
            plan={plan}
            hasMoreOccurrences={answer?.hasMoreOccurrences ?? false}
            rooms={rooms}
            onChooseAlternative={(start, roomId) => setChoices((current) => ({ ...current, [start]: roomId }))}
            lines={lines}
            onLinesChange={setLines}
            assets={assets}
            catalogItems={catalogItems}
            isBooking={isBooking}
            error={bookingError}
            needsApproval={roomAvailability?.summary === 'needs-approval' || chosenRoom.approvalRequired}
            isRechecking={availability.isLoading}
            onBook={() =>
              void booking.book({ room: chosenRoom, lines, alternatives: plan ? alternativesOf(plan) : [] })
            }
            onBack={() => {
              booking.reset();
              setChosenRoomId(null);
              setChoices({});
            }}
            {...(timeZone ? { timeZone } : {})}
          />
        </Deferred>
      </>
    );
  }

  const held = existing.reservations?.filter((reservation) => reservation.status !== 'cancelled') ?? [];
  return (
    <>
      {answer && <MeetingNotices notices={answer.notices} />}
      {lostRoom && (
        <RoomLostMessage
          room={lostRoom.room.name}
          {...lostRoomAdvice(lostRoom, availability.isLoading ? null : answer, rooms, words, timeZone)}
        />
      )}
      {booking.notice && !lostRoom && (
        <MessageBar intent="info">
          <MessageBarBody>{booking.notice}</MessageBarBody>
        </MessageBar>
      )}
      {held.length > 0 && (
        <section aria-labelledby="existing-heading">
          <h2 id="existing-heading">{t('compose.alreadyBooked')}</h2>
          {held.map((reservation) => (
            <ReservationCard
              key={reservation.id}
              reservation={reservation}
              assets={assets}
              catalogItems={catalogItems}
              rooms={rooms}
              onSaveLines={existing.saveLines}
              {...(timeZone ? { timeZone } : {})}
            />
          ))}
        </section>
      )}
      <RoomFilters
        buildings={buildings}
        floors={floors}
        equipmentOptions={equipmentOptions}
        value={filters}
        onChange={setFilters}
        attendeeCount={meeting.attendeeCount}
      />
      <section aria-labelledby="rooms-heading" aria-busy={availability.isLoading}>
        <h2 id="rooms-heading">{t('compose.rooms')}</h2>
        {availability.error && (
          <ErrorMessage
            title={t('compose.availabilityNotChecked')}
            error={availability.error}
            onRetry={availability.retry}
          />
        )}
        {availability.isLoading && (
          <Spinner size="tiny" label={t(answer ? 'compose.recheckingAvailability' : 'compose.checkingAvailability')} />
        )}
        {answer && (
          <>
            {answer.exchangeFreeBusy === 'unavailable' && <Caption1>{t('compose.exchangeUnavailable')}</Caption1>}
            <RoomList
              rooms={rooms}
              buildings={buildings}
              floors={floors}
              availability={answer}
              onChoose={(roomId) => {
                setChosenRoomId(roomId);
                setLastChosenRoomId(roomId);
                setChoices({});
                setLines([]);
                const room = rooms.find((entry) => entry.id === roomId);
                if (room) rememberUsualPlace(room);
              }}
              usualPlace={usualPlace}
              isRechecking={availability.isLoading}
              focusRoomId={lastChosenRoomId}
              {...(timeZone ? { timeZone } : {})}
            />
          </>
        )}
      </section>
    </>
  );
}

/** The task pane: the meeting from Outlook, then the compose (book a room) or read (reservation) screen. */
export function App({ appointment, api, officeTheme, subscribeToTheme, timeZone }: AppProps) {
  const { t } = useTranslation();
  const theme = usePaneTheme(officeTheme, subscribeToTheme);
  const { meeting, error, reload } = useMeeting(appointment);
  const [announcement, setAnnouncement] = useState('');
  let content;
  if (error) content = <ErrorMessage title={t('pane.meetingNotRead')} error={error} onRetry={reload} />;
  else if (!meeting) content = <Spinner label={t('pane.readingMeeting')} />;
  else
    content = (
      <>
        <MeetingSummary meeting={meeting} {...(timeZone ? { timeZone } : {})} />
        {meeting.mode === 'compose' ? (
          <ComposeScreen
            api={api}
            appointment={appointment}
            meeting={meeting}
            timeZone={timeZone}
            announce={setAnnouncement}
          />
        ) : (
          <ReadScreen api={api} appointment={appointment} meeting={meeting} timeZone={timeZone} />
        )}
      </>
    );
  return (
    <PaneShell theme={theme} announcement={announcement}>
      {content}
    </PaneShell>
  );
}

/** Shown when the pane is opened outside Outlook, or sign-in is not possible. */
export function Unavailable({ theme, title, children }: { theme: ThemeKind; title: string; children: string }) {
  return (
    <PaneShell theme={theme} announcement="">
      <MessageBar intent="warning">
        <MessageBarBody>
          <strong>{title}</strong> {children}
        </MessageBarBody>
      </MessageBar>
    </PaneShell>
  );
}
