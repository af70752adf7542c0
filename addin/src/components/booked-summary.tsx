import { Button, Caption1, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import type { BookingIntent, Room } from '@workplace-sync/shared';
import { describeLineStatus } from '../booking/describe-reservation.js';
import { useLocalizer } from '../i18n/use-localizer.js';
import { formatDay, formatDayTime } from '../time/meeting-time-format.js';
import { StatusText } from './status-text.js';

export type BookedSummaryProps = {
  room: Room;
  intent: BookingIntent;
  rooms: Room[];
  isRoomOnMeeting: boolean;
  isReleasing: boolean;
  onRelease: () => void;
  timeZone?: string;
};

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  subtitle: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
  },
  line: { display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
});

/** After booking: which date uses which room, the held (or requested) lines, and how long the hold lasts. */
export function BookedSummary({
  room,
  intent,
  rooms,
  isRoomOnMeeting,
  isReleasing,
  onRelease,
  timeZone,
}: BookedSummaryProps) {
  const styles = useStyles();
  const words = useLocalizer();
  const { t } = words;
  const nameOf = (roomId: string) => rooms.find((entry) => entry.id === roomId)?.name ?? roomId;
  const expiresAt = new Date(intent.expiresAt);
  const [main, ...alternatives] = intent.holds;
  // An approval room is requested, not held: the organizer learns what the meeting shows until an approver decides.
  const isRequest = room.approvalRequired;
  return (
    <section className={styles.root} aria-labelledby="booked-heading">
      <h2 id="booked-heading" className={styles.title}>
        {t(isRequest ? 'booked.requestedHeading' : 'booked.heading', { room: room.name })}
      </h2>
      <StatusText tone="success">
        {t(isRequest ? 'booked.requestedSendBefore' : 'booked.sendBefore', {
          time: formatDayTime(expiresAt, timeZone, words.locale),
        })}
      </StatusText>
      {isRequest && <Caption1>{t('booking.needsApproval', { room: room.name })}</Caption1>}
      {!isRoomOnMeeting && (
        <MessageBar intent="warning">
          <MessageBarBody>{t('booked.notListed')}</MessageBarBody>
        </MessageBar>
      )}
      {alternatives.length > 0 && (
        <div>
          <h3 className={styles.subtitle}>{t('booked.roomsByDate')}</h3>
          <ul className={styles.list}>
            {main && <li>{t('booked.everyOtherDate', { room: nameOf(main.roomId) })}</li>}
            {alternatives.map((hold) => (
              <li key={hold.intentId}>
                {t('booked.onDates', {
                  room: nameOf(hold.roomId),
                  dates: (hold.occurrenceStarts ?? [])
                    .map((at) => formatDay(new Date(at), timeZone, words.locale))
                    .join(', '),
                })}
              </li>
            ))}
          </ul>
          <Caption1>{t('booked.otherRooms')}</Caption1>
        </div>
      )}
      {main && (
        <div>
          <h3 className={styles.subtitle}>{t('booked.lines')}</h3>
          <ul className={styles.list}>
            {main.lines.map((line) => (
              <li key={line.id} className={styles.line}>
                <span>
                  {line.name}
                  {line.quantity !== undefined && line.kind !== 'room' ? ` × ${line.quantity}` : ''}
                </span>
                <StatusText {...describeLineStatus(line.status, words)} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <div>
        <Button onClick={onRelease} disabled={isReleasing}>
          {isReleasing ? t('booked.releasing') : t('booked.release', { room: room.name })}
        </Button>
      </div>
    </section>
  );
}
