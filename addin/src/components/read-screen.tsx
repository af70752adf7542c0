import { Caption1, MessageBar, MessageBarBody, MessageBarTitle, Spinner } from '@fluentui/react-components';
import type { AddinApiClient } from '../api/addin-api-client.js';
import { useDeclinedRoomReport } from '../hooks/use-declined-room-report.js';
import { useMeetingReservations } from '../hooks/use-meeting-reservations.js';
import { useRooms } from '../hooks/use-rooms.js';
import { useLocalizer } from '../i18n/use-localizer.js';
import type { Appointment, Meeting } from '../office/appointment.js';
import { ErrorMessage } from './error-message.js';
import { ReservationCard } from './reservation-card.js';

/** Read mode: the meeting's reservation, its lines to edit, and a room's decline said to the organizer. */
export function ReadScreen({
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
