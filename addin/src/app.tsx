import {
  Button,
  Caption1,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from '@fluentui/react-components';
import { ApiError } from '@workplace-sync/shared';
import type { AvailabilityResponse, Room, RoomAvailability } from '@workplace-sync/shared';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AddinApiClient } from './api/addin-api-client.js';
import { describeReasons } from './booking/describe-availability.js';
import { planOccurrences, alternativesOf } from './booking/occurrence-plan.js';
import { readUsualPlace, rememberUsualPlace, usualPlaceOf } from './booking/usual-place.js';
import type { AlternativeChoices } from './booking/occurrence-plan.js';
import { BookedSummary } from './components/booked-summary.js';
import { BookingPanel } from './components/booking-panel.js';
import { MeetingNotices } from './components/meeting-notices.js';
import { MeetingSummary } from './components/meeting-summary.js';
import { RoomLostMessage } from './components/room-lost-message.js';
import { SeriesConflictWarning } from './components/series-conflict-warning.js';
import { PaneShell } from './components/pane-shell.js';
import { ReservationCard } from './components/reservation-card.js';
import { RoomFilters } from './components/room-filters.js';
import { RoomList } from './components/room-list.js';
import { noFilters, useAvailability } from './hooks/use-availability.js';
import type { RoomFilters as RoomFilterValues } from './hooks/use-availability.js';
import { useMeeting } from './hooks/use-meeting.js';
import { useMeetingReservations } from './hooks/use-meeting-reservations.js';
import type { EditableLine } from './hooks/use-meeting-reservations.js';
import { useDeclinedRoomReport } from './hooks/use-declined-room-report.js';
import { useRoomBooking } from './hooks/use-room-booking.js';
import type { LostRoom } from './hooks/use-room-booking.js';
import { useRooms } from './hooks/use-rooms.js';
import { usePaneTheme } from './hooks/use-pane-theme.js';
import type { ThemeSubscription } from './hooks/use-pane-theme.js';
import type { Localizer } from './i18n/pane-i18n.js';
import { useLocalizer } from './i18n/use-localizer.js';
import type { Appointment, Meeting } from './office/appointment.js';
import { DialogError } from './office/auth-dialog.js';
import type { ThemeKind } from './office/theme.js';

export type AppProps = {
  appointment: Appointment;
  api: AddinApiClient;
  officeTheme: ThemeKind | null;
  subscribeToTheme?: ThemeSubscription;
  /** The zone of displayed times: the Outlook user's (office/user-time-zone.ts); the browser's if not given. */
  timeZone?: string;
};

/** The error in words: a failed sign-in window in the pane's language, anything else as it came. */
function messageOf(error: unknown, t: TFunction): string {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof DialogError && cause.failure !== 'failed' && cause.failure !== 'foreign-origin') {
      return t(`signInError.${cause.failure}`);
    }
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Whether asking again can help: the server unreachable or slow, busy (429) or failing (5xx), Outlook
 * itself. A request the server refused for what it says (a meeting that has ended, times out of order)
 * fails the same way every time: no "Try again" for it.
 */
const isRetryable = (error: unknown) =>
  !(error instanceof ApiError) || error.status === 0 || error.status === 429 || error.status >= 500;

function ErrorMessage({ title, error, onRetry }: { title: string; error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <MessageBar intent="error">
      <MessageBarBody>
        <strong>{title}</strong> {messageOf(error, t)}
      </MessageBarBody>
      {onRetry && isRetryable(error) && (
        <MessageBarActions>
          <Button onClick={onRetry}>{t('pane.tryAgain')}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

/**
 * Rooms free on every date of the meeting instead of `instead` (names, the first three): free before
 * needing approval, in its building first.
 */
function roomsFreeInstead(answer: AvailabilityResponse, rooms: readonly Room[], instead: Room): string[] {
  const linked = new Map(rooms.filter((room) => room.mailbox).map((room) => [room.id, room]));
  const rank = (room: RoomAvailability) =>
    (room.summary === 'free' ? 0 : 2) + (linked.get(room.roomId)?.buildingId === instead.buildingId ? 0 : 1);
  return answer.rooms
    .filter((room) => room.roomId !== instead.id && (room.summary === 'free' || room.summary === 'needs-approval'))
    .sort((a, b) => rank(a) - rank(b))
    .flatMap((room) => linked.get(room.roomId)?.name ?? [])
    .slice(0, 3);
}

/**
 * Why the lost room is not free at the new time (the availability answer's reasons in the pane's
 * language, else the server's refusal) and the rooms free then instead.
 */
function lostRoomAdvice(
  lost: LostRoom,
  answer: AvailabilityResponse | null,
  rooms: readonly Room[],
  words: Localizer,
  timeZone: string | undefined,
) {
  if (!answer) return { reason: lost.reason, alternatives: [], isChecking: true };
  const blocking = answer.rooms
    .find((room) => room.roomId === lost.room.id)
    ?.reasons.filter((reason) => reason.code !== 'needs-approval'); // shared's isBlocking, without its zod module
  return {
    reason: blocking?.length ? describeReasons(blocking, words, timeZone).join(', ') : lost.reason,
    alternatives: roomsFreeInstead(answer, rooms, lost.room),
    isChecking: false,
  };
}

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
  if (!catalogue.rooms) return <Spinner label={t('compose.loadingRooms')} />;
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
          onBook={() => void booking.book({ room: chosenRoom, lines, alternatives: plan ? alternativesOf(plan) : [] })}
          onBack={() => {
            booking.reset();
            setChosenRoomId(null);
            setChoices({});
          }}
          {...(timeZone ? { timeZone } : {})}
        />
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

function ReadScreen({
  api,
  appointment,
  meeting,
  timeZone,
}: {
  api: AddinApiClient;
  appointment: Appointment;
  meeting: Meeting;
  timeZone: string | undefined;
}) {
  const { t } = useLocalizer();
  const catalogue = useRooms(api);
  const { reservations, error, reload, saveLines } = useMeetingReservations(api, appointment, meeting);
  useDeclinedRoomReport(api, appointment, meeting, reload);
  const declinedNames = meeting.declinedRooms.map(
    (email) => meeting.rooms.find((room) => room.email.toLowerCase() === email)?.displayName ?? email,
  );
  // Said whether or not the pane booked the room: the organizer has to act either way.
  const declined = meeting.isOrganizer && declinedNames.length > 0 && (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t('read.roomDeclined', { rooms: declinedNames.join(', ') })}</MessageBarTitle>{' '}
        {t('read.roomDeclinedAdvice')}
      </MessageBarBody>
    </MessageBar>
  );
  if (error) return <ErrorMessage title={t('read.reservationNotLoaded')} error={error} onRetry={reload} />;
  if (!reservations) return <Spinner label={t('read.lookingUp')} />;
  if (reservations.length === 0)
    return (
      <>
        {declined}
        <Caption1>{t('read.noReservation')}</Caption1>
      </>
    );
  return (
    <section aria-labelledby="reservations-heading">
      {declined}
      <h2 id="reservations-heading">{t('read.reservation')}</h2>
      {reservations.map((reservation) => (
        <ReservationCard
          key={reservation.id}
          reservation={reservation}
          assets={catalogue.rooms?.assets ?? []}
          catalogItems={catalogue.rooms?.catalogItems ?? []}
          rooms={catalogue.rooms?.rooms ?? []}
          onSaveLines={saveLines}
          {...(timeZone ? { timeZone } : {})}
        />
      ))}
    </section>
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
