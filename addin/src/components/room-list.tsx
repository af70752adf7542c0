import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { AvailabilityResponse, Building, Floor, Room } from '@workplace-sync/shared';
import { useEffect, useId, useRef } from 'react';
import { describeReasons, describeSummary, isApprovalRequired } from '../booking/describe-availability.js';
import { useLocalizer } from '../i18n/use-localizer.js';
import { roomLocalTime } from '../time/meeting-time-format.js';
import { equipmentLabel } from './room-filters.js';
import { StatusText } from './status-text.js';

export type RoomListProps = {
  rooms: Room[];
  buildings: Building[];
  floors: Floor[];
  availability: AvailabilityResponse;
  onChoose: (roomId: string) => void;
  /** The room whose button takes keyboard focus when the list appears (the one the user came back from). */
  focusRoomId?: string | null;
  /** The pane's zone (tests pin it); defaults to the browser's. */
  timeZone?: string;
};

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  item: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalS,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
  },
  name: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  action: { alignSelf: 'flex-start', marginTop: tokens.spacingVerticalXS },
});

function RoomListItem({
  room,
  building,
  floor,
  availability,
  occurrences,
  start,
  end,
  timeZone,
  onChoose,
  hasFocus,
}: {
  room: Room;
  building: Building | undefined;
  floor: Floor | undefined;
  availability: AvailabilityResponse['rooms'][number];
  occurrences: AvailabilityResponse['occurrences'];
  start: Date;
  end: Date;
  timeZone: string | undefined;
  onChoose: (roomId: string) => void;
  hasFocus: boolean;
}) {
  const styles = useStyles();
  const words = useLocalizer();
  const { t } = words;
  const statusId = useId();
  const headingId = useId();
  const summary = describeSummary(availability, occurrences.length, words, { occurrences, timeZone });
  const reasons = describeReasons(availability.reasons, words, timeZone);
  const isChoosable = availability.bookableOccurrences > 0 && room.mailbox !== null;
  const isRequest = isApprovalRequired(room, availability);
  const action = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (hasFocus) action.current?.focus();
    // Once, when the list appears: later answers must not pull focus back.
  }, []);
  const localTime = roomLocalTime(start, end, room.timeZone, timeZone, words);
  const place = [building?.name, floor?.name, t('meeting.people', { count: room.capacity })]
    .filter(Boolean)
    .join(' · ');
  return (
    <li className={styles.item} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.name}>
        {room.name}
      </h3>
      <Caption1>{place}</Caption1>
      {room.equipment.length > 0 && <Caption1>{room.equipment.map(equipmentLabel).join(', ')}</Caption1>}
      <div id={statusId}>
        <StatusText tone={summary.tone}>{summary.text}</StatusText>
        {reasons.length > 0 && (
          <ul className={styles.reasons}>
            {reasons.map((reason) => (
              <li key={reason}>
                <Caption1>{reason}</Caption1>
              </li>
            ))}
          </ul>
        )}
      </div>
      {localTime && <Caption1>{t('roomList.roomTime', { time: localTime })}</Caption1>}
      {/* A room that cannot be booked has no button: no tab stop that leads nowhere. */}
      {isChoosable && (
        <Button
          ref={action}
          className={styles.action}
          appearance={summary.tone === 'success' ? 'primary' : 'secondary'}
          aria-describedby={statusId}
          aria-label={t(isRequest ? 'roomList.requestRoom' : 'roomList.chooseRoom', { room: room.name })}
          onClick={() => onChoose(room.id)}
        >
          {t(isRequest ? 'roomList.request' : 'roomList.choose')}
        </Button>
      )}
    </li>
  );
}

/** Rooms in the server's order (free first), each with its status and reasons in words. */
export function RoomList({ rooms, buildings, floors, availability, onChoose, focusRoomId, timeZone }: RoomListProps) {
  const styles = useStyles();
  const { t } = useLocalizer();
  const roomById = new Map(rooms.map((room) => [room.id, room]));
  const [first] = availability.occurrences;
  const entries = availability.rooms.flatMap((entry) => {
    const room = roomById.get(entry.roomId);
    return room ? [{ room, entry }] : [];
  });
  if (entries.length === 0) return <Caption1>{t('roomList.noMatch')}</Caption1>;
  return (
    <ul className={styles.list} aria-label={t('compose.rooms')}>
      {entries.map(({ room, entry }) => (
        <RoomListItem
          key={room.id}
          room={room}
          building={buildings.find((building) => building.id === room.buildingId)}
          floor={floors.find((floor) => floor.id === room.floorId)}
          availability={entry}
          occurrences={availability.occurrences}
          start={new Date(first?.start ?? Date.now())}
          end={new Date(first?.end ?? Date.now())}
          timeZone={timeZone}
          onChoose={onChoose}
          hasFocus={room.id === focusRoomId}
        />
      ))}
    </ul>
  );
}
