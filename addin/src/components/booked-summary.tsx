import { Button, Caption1, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import type { BookingIntent, Room } from '@workplace-sync/shared';
import { describeLineStatus } from '../booking/describe-reservation.js';
import { formatDay, formatTimeRange } from '../time/meeting-time-format.js';
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

/** After booking: which date uses which room, the held lines, and how long the hold lasts. */
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
  const nameOf = (roomId: string) => rooms.find((entry) => entry.id === roomId)?.name ?? roomId;
  const expiresAt = new Date(intent.expiresAt);
  const [main, ...alternatives] = intent.holds;
  return (
    <section className={styles.root} aria-labelledby="booked-heading">
      <h2 id="booked-heading" className={styles.title}>
        {room.name} is held for this meeting
      </h2>
      <StatusText tone="success">
        Added to the meeting and held in Workplace. Send the meeting before{' '}
        {formatTimeRange(expiresAt, expiresAt, timeZone).split('–')[0]} to keep it.
      </StatusText>
      {!isRoomOnMeeting && (
        <MessageBar intent="warning">
          <MessageBarBody>
            Outlook does not list the room yet. Check the meeting’s location before sending.
          </MessageBarBody>
        </MessageBar>
      )}
      {alternatives.length > 0 && (
        <div>
          <h3 className={styles.subtitle}>Rooms by date</h3>
          <ul className={styles.list}>
            {main && <li>{nameOf(main.roomId)}: every other date</li>}
            {alternatives.map((hold) => (
              <li key={hold.intentId}>
                {nameOf(hold.roomId)}:{' '}
                {(hold.occurrenceStarts ?? []).map((at) => formatDay(new Date(at), timeZone)).join(', ')}
              </li>
            ))}
          </ul>
          <Caption1>
            The other rooms are booked for those dates in Workplace and Exchange when the meeting arrives.
          </Caption1>
        </div>
      )}
      {main && (
        <div>
          <h3 className={styles.subtitle}>Reservation lines</h3>
          <ul className={styles.list}>
            {main.lines.map((line) => (
              <li key={line.id} className={styles.line}>
                <span>
                  {line.name}
                  {line.quantity !== undefined && line.kind !== 'room' ? ` × ${line.quantity}` : ''}
                </span>
                <StatusText {...describeLineStatus(line.status)} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <div>
        <Button onClick={onRelease} disabled={isReleasing}>
          {isReleasing ? 'Releasing…' : `Remove ${room.name} and release`}
        </Button>
      </div>
    </section>
  );
}
