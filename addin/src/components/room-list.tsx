import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Caption1,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { AvailabilityResponse, Building, Floor, Room } from '@workplace-sync/shared';
import { useEffect, useId, useRef } from 'react';
import { describeReasons, describeSummary, isApprovalRequired } from '../booking/describe-availability.js';
import { sortForUser } from '../booking/usual-place.js';
import type { UsualPlace } from '../booking/usual-place.js';
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
  /** A new answer is on its way (the meeting or filters changed): this one is stale, nothing can be chosen. */
  isRechecking?: boolean;
  /** The building and room the user picked last time: first within their availability. */
  usualPlace?: UsualPlace | null;
  /** The room whose button takes keyboard focus when the list appears (the one the user came back from). */
  focusRoomId?: string | null;
  /** The pane's zone (tests pin it); defaults to the browser's. */
  timeZone?: string;
};

// One room is two lines (name and button; availability, building, floor and capacity); the reasons,
// equipment and room time open on demand under the name. 25 cards of six lines made the list 4,700 px
// tall in a 320 px pane.
const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0 },
  item: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    columnGap: tokens.spacingHorizontalS,
    alignItems: 'center',
    paddingBlock: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  name: { margin: 0, minWidth: 0 },
  toggle: {
    paddingInline: 0,
    minHeight: '24px',
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
  },
  summary: {
    gridColumn: '1 / -1',
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalS,
  },
  details: {
    gridColumn: '1 / -1',
    margin: 0,
    paddingBlock: tokens.spacingVerticalXXS,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
  },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
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
  isRechecking,
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
  isRechecking: boolean;
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
  const localTime = roomLocalTime(start, end, room.timeZone, timeZone, words);
  const place = [building?.name, floor?.name, t('meeting.people', { count: room.capacity })]
    .filter(Boolean)
    .join(' · ');
  const action = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (hasFocus) action.current?.focus();
    // Once, when the list appears: later answers must not pull focus back.
  }, []);
  return (
    <li aria-labelledby={headingId}>
      <AccordionItem value={room.id} className={styles.item}>
        <AccordionHeader
          as="h3"
          id={headingId}
          size="small"
          className={styles.name}
          button={{ className: styles.toggle, 'aria-describedby': statusId }}
        >
          {room.name}
        </AccordionHeader>
        {/* A room that cannot be booked has no button: no tab stop that leads nowhere. */}
        {isChoosable && (
          <Button
            ref={action}
            size="small"
            appearance={summary.tone === 'success' ? 'primary' : 'secondary'}
            // Focusable while disabled: focus stays on the button the user was at until the answer comes.
            disabledFocusable={isRechecking}
            aria-describedby={statusId}
            aria-label={t(isRequest ? 'roomList.requestRoom' : 'roomList.chooseRoom', { room: room.name })}
            onClick={() => onChoose(room.id)}
          >
            {t(isRequest ? 'roomList.request' : 'roomList.choose')}
          </Button>
        )}
        <div id={statusId} className={styles.summary}>
          <StatusText tone={summary.tone}>{summary.text}</StatusText>
          <Caption1>{place}</Caption1>
        </div>
        {/* Opens at once: a collapse animation on a line of a long list only moves the rest about. */}
        <AccordionPanel className={styles.details} collapseMotion={null}>
          {reasons.length > 0 && (
            <ul className={styles.reasons} aria-label={t('roomList.why')}>
              {reasons.map((reason) => (
                <li key={reason}>
                  <Caption1>{reason}</Caption1>
                </li>
              ))}
            </ul>
          )}
          {room.equipment.length > 0 && (
            <Caption1>{t('roomList.equipment', { equipment: room.equipment.map(equipmentLabel).join(', ') })}</Caption1>
          )}
          {localTime && <Caption1>{t('roomList.roomTime', { time: localTime })}</Caption1>}
          {reasons.length === 0 && room.equipment.length === 0 && !localTime && (
            <Caption1>{t('roomList.noDetails')}</Caption1>
          )}
        </AccordionPanel>
      </AccordionItem>
    </li>
  );
}

/** Rooms free first, the user's usual building first within each availability; each a compact line with its status; details open on demand. */
export function RoomList({
  rooms,
  buildings,
  floors,
  availability,
  onChoose,
  isRechecking = false,
  usualPlace = null,
  focusRoomId,
  timeZone,
}: RoomListProps) {
  const styles = useStyles();
  const { t } = useLocalizer();
  const roomById = new Map(rooms.map((room) => [room.id, room]));
  const [first] = availability.occurrences;
  const sorted = sortForUser(availability.rooms, (roomId) => roomById.get(roomId)?.buildingId, usualPlace);
  const entries = sorted.flatMap((entry) => {
    const room = roomById.get(entry.roomId);
    return room ? [{ room, entry }] : [];
  });
  if (entries.length === 0) return <Caption1>{t('roomList.noMatch')}</Caption1>;
  return (
    <Accordion multiple collapsible>
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
            isRechecking={isRechecking}
          />
        ))}
      </ul>
    </Accordion>
  );
}
