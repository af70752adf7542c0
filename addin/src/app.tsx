import { Button, Caption1, MessageBar, MessageBarActions, MessageBarBody, Spinner } from '@fluentui/react-components';
import type { Room } from '@workplace-sync/shared';
import { useEffect, useMemo, useState } from 'react';
import type { AddinApiClient } from './api/addin-api-client.js';
import { planOccurrences, alternativesOf } from './booking/occurrence-plan.js';
import type { AlternativeChoices } from './booking/occurrence-plan.js';
import { BookedSummary } from './components/booked-summary.js';
import { BookingPanel } from './components/booking-panel.js';
import { MeetingSummary } from './components/meeting-summary.js';
import { PaneShell } from './components/pane-shell.js';
import { ReservationCard } from './components/reservation-card.js';
import { RoomFilters } from './components/room-filters.js';
import { RoomList } from './components/room-list.js';
import { noFilters, useAvailability } from './hooks/use-availability.js';
import type { RoomFilters as RoomFilterValues } from './hooks/use-availability.js';
import { useMeeting } from './hooks/use-meeting.js';
import { useMeetingReservations } from './hooks/use-meeting-reservations.js';
import type { EditableLine } from './hooks/use-meeting-reservations.js';
import { useRoomBooking } from './hooks/use-room-booking.js';
import { useRooms } from './hooks/use-rooms.js';
import { usePaneTheme } from './hooks/use-pane-theme.js';
import type { ThemeSubscription } from './hooks/use-pane-theme.js';
import type { Appointment, Meeting } from './office/appointment.js';
import type { ThemeKind } from './office/theme.js';

export type AppProps = {
  appointment: Appointment;
  api: AddinApiClient;
  officeTheme: ThemeKind | null;
  subscribeToTheme?: ThemeSubscription;
  /** The pane's zone for displayed times; the browser's by default (tests pin it). */
  timeZone?: string;
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function ErrorMessage({ title, error, onRetry }: { title: string; error: unknown; onRetry?: () => void }) {
  return (
    <MessageBar intent="error">
      <MessageBarBody>
        <strong>{title}</strong> {messageOf(error)}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>Try again</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
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
  const [choices, setChoices] = useState<AlternativeChoices>({});
  const [lines, setLines] = useState<EditableLine[]>([]);

  const rooms = catalogue.rooms?.rooms ?? [];
  const chosenRoom = rooms.find((room) => room.id === chosenRoomId) ?? null;
  const answer = availability.availability;
  const plan = useMemo(
    () => (chosenRoomId && answer && meeting.recurrence ? planOccurrences(answer, rooms, chosenRoomId, choices) : null),
    [answer, rooms, chosenRoomId, choices, meeting.recurrence],
  );
  const equipmentOptions = useMemo(() => [...new Set(rooms.flatMap((room) => room.equipment))].sort(), [rooms]);

  // Screen readers hear what changed without focus moving: results, bookings, failures.
  const bookingState = booking.state;
  useEffect(() => {
    if (bookingState.status === 'booked') announce(`${bookingState.room.name} is held and added to the meeting.`);
    if (bookingState.status === 'failed')
      announce(`${bookingState.room.name} was not booked: ${bookingState.error.message}`);
  }, [announce, bookingState]);
  const isChoosing = bookingState.status === 'idle' || bookingState.status === 'failed';
  useEffect(() => {
    if (!answer || !isChoosing) return;
    const free = answer.rooms.filter((room) => room.summary === 'free' || room.summary === 'needs-approval').length;
    announce(`${answer.rooms.length} rooms checked, ${free} free for every date.`);
    // Announced for a new answer only, not when the booking state moves on.
  }, [announce, answer]);
  useEffect(() => {
    if (booking.notice) announce(booking.notice);
  }, [announce, booking.notice]);

  if (catalogue.error)
    return <ErrorMessage title="Rooms could not be loaded." error={catalogue.error} onRetry={catalogue.retry} />;
  if (!catalogue.rooms) return <Spinner label="Loading rooms…" />;
  const { buildings, floors, assets, catalogItems } = catalogue.rooms;
  const placeOf = (room: Room) =>
    [
      buildings.find((building) => building.id === room.buildingId)?.name,
      floors.find((floor) => floor.id === room.floorId)?.name,
      `${room.capacity} people`,
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
                announce(`${state.room.name} was released.`);
                setChosenRoomId(null);
              })
            }
            {...(timeZone ? { timeZone } : {})}
          />
        ) : (
          <Spinner label={`Releasing ${state.room.name}…`} />
        )}
      </>
    );
  }

  if (chosenRoom && chosenRoom.mailbox) {
    const roomAvailability = answer?.rooms.find((room) => room.roomId === chosenRoom.id);
    const isBooking = booking.state.status === 'booking';
    const bookingError = booking.state.status === 'failed' ? booking.state.error.message : null;
    return (
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
        onBook={() => void booking.book({ room: chosenRoom, lines, alternatives: plan ? alternativesOf(plan) : [] })}
        onBack={() => {
          booking.reset();
          setChosenRoomId(null);
          setChoices({});
        }}
        {...(timeZone ? { timeZone } : {})}
      />
    );
  }

  const held = existing.reservations?.filter((reservation) => reservation.status !== 'cancelled') ?? [];
  return (
    <>
      {booking.notice && (
        <MessageBar intent="info">
          <MessageBarBody>{booking.notice}</MessageBarBody>
        </MessageBar>
      )}
      {held.length > 0 && (
        <section aria-labelledby="existing-heading">
          <h2 id="existing-heading">Already booked for this meeting</h2>
          {held.map((reservation) => (
            <ReservationCard
              key={reservation.id}
              reservation={reservation}
              assets={assets}
              catalogItems={catalogItems}
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
        <h2 id="rooms-heading">Rooms</h2>
        {availability.error && (
          <ErrorMessage
            title="Availability could not be checked."
            error={availability.error}
            onRetry={availability.retry}
          />
        )}
        {availability.isLoading && <Spinner size="tiny" label="Checking availability…" />}
        {answer && (
          <>
            {answer.exchangeFreeBusy === 'unavailable' && (
              <Caption1>Exchange free/busy could not be read; availability is from Workplace only.</Caption1>
            )}
            <RoomList
              rooms={rooms}
              buildings={buildings}
              floors={floors}
              availability={answer}
              onChoose={(roomId) => {
                setChosenRoomId(roomId);
                setChoices({});
                setLines([]);
              }}
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
  const catalogue = useRooms(api);
  const { reservations, error, reload, saveLines } = useMeetingReservations(api, appointment, meeting);
  if (error) return <ErrorMessage title="The reservation could not be loaded." error={error} onRetry={reload} />;
  if (!reservations) return <Spinner label="Looking up the reservation…" />;
  if (reservations.length === 0) {
    return (
      <Caption1>
        No Workplace reservation belongs to this meeting. Its rooms may not be managed in Workplace, or the sync has not
        seen the meeting yet.
      </Caption1>
    );
  }
  return (
    <section aria-labelledby="reservations-heading">
      <h2 id="reservations-heading">Reservation</h2>
      {reservations.map((reservation) => (
        <ReservationCard
          key={reservation.id}
          reservation={reservation}
          assets={catalogue.rooms?.assets ?? []}
          catalogItems={catalogue.rooms?.catalogItems ?? []}
          onSaveLines={saveLines}
          {...(timeZone ? { timeZone } : {})}
        />
      ))}
    </section>
  );
}

/** The task pane: the meeting from Outlook, then the compose (book a room) or read (reservation) screen. */
export function App({ appointment, api, officeTheme, subscribeToTheme, timeZone }: AppProps) {
  const theme = usePaneTheme(officeTheme, subscribeToTheme);
  const { meeting, error, reload } = useMeeting(appointment);
  const [announcement, setAnnouncement] = useState('');
  let content;
  if (error)
    content = <ErrorMessage title="The meeting could not be read from Outlook." error={error} onRetry={reload} />;
  else if (!meeting) content = <Spinner label="Reading the meeting…" />;
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
