import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Asset, CatalogItem, Room } from '@workplace-sync/shared';
import { useEffect, useRef } from 'react';
import type { OccurrenceAssignment } from '../booking/occurrence-plan.js';
import type { EditableLine } from '../hooks/use-meeting-reservations.js';
import { useLocalizer } from '../i18n/use-localizer.js';
import { roomLocalTime } from '../time/meeting-time-format.js';
import { LinesEditor } from './lines-editor.js';
import { OccurrencePlanView } from './occurrence-plan-view.js';

export type BookingPanelProps = {
  room: Room;
  place: string;
  start: Date;
  end: Date;
  /** Series only: the room of each date. */
  plan: OccurrenceAssignment[] | null;
  hasMoreOccurrences: boolean;
  rooms: Room[];
  onChooseAlternative: (occurrenceStart: string, roomId: string | null) => void;
  lines: EditableLine[];
  onLinesChange: (lines: EditableLine[]) => void;
  assets: Asset[];
  catalogItems: CatalogItem[];
  isBooking: boolean;
  error: string | null;
  needsApproval: boolean;
  /** The meeting changed and its availability is being checked again: booking waits for the answer. */
  isRechecking?: boolean;
  onBook: () => void;
  onBack: () => void;
  timeZone?: string;
};

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', columnGap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/** The chosen room before booking: the dates of a series and their rooms, equipment and catering. */
export function BookingPanel(props: BookingPanelProps) {
  const { room, plan, isBooking, error } = props;
  const styles = useStyles();
  const words = useLocalizer();
  const { t } = words;
  const localTime = roomLocalTime(props.start, props.end, room.timeZone, props.timeZone, words);
  const roomsInPlan = plan ? new Set(plan.map((entry) => entry.roomId).filter(Boolean)).size : 1;
  // The Choose button that opened this panel is gone: focus starts at the room's name, so a screen
  // reader says where the user is and Tab goes on to the panel's controls (not from <body>).
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className={styles.root} aria-labelledby="booking-panel-heading">
      <div>
        <h2 id="booking-panel-heading" ref={heading} tabIndex={-1} className={styles.title}>
          {room.name}
        </h2>
        <Caption1>{props.place}</Caption1>
        {localTime && (
          <>
            <br />
            <Caption1>{t('roomList.roomTime', { time: localTime })}</Caption1>
          </>
        )}
      </div>
      {plan && (
        <OccurrencePlanView
          plan={plan}
          chosenRoom={room}
          rooms={props.rooms}
          hasMoreOccurrences={props.hasMoreOccurrences}
          onChoose={props.onChooseAlternative}
          {...(props.timeZone ? { timeZone: props.timeZone } : {})}
        />
      )}
      <LinesEditor
        lines={props.lines}
        onChange={props.onLinesChange}
        assets={props.assets.filter((asset) => asset.buildingId === room.buildingId)}
        catalogItems={props.catalogItems}
        isCateringAllowed={room.cateringAllowed}
        disabled={isBooking}
      />
      {props.needsApproval && <Caption1>{t('booking.needsApproval', { room: room.name })}</Caption1>}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{t('booking.notBooked')}</MessageBarTitle>
            {error}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button
          appearance="primary"
          onClick={props.onBook}
          disabled={isBooking}
          disabledFocusable={!isBooking && props.isRechecking === true}
        >
          {roomsInPlan > 1
            ? t(props.needsApproval ? 'booking.requestWithOthers' : 'booking.bookWithOthers', {
                room: room.name,
                count: roomsInPlan - 1,
              })
            : t(props.needsApproval ? 'booking.request' : 'booking.book', { room: room.name })}
        </Button>
        <Button onClick={props.onBack} disabled={isBooking}>
          {t('booking.backToRooms')}
        </Button>
        {isBooking && <Spinner size="tiny" label={t('booking.booking')} />}
        {!isBooking && props.isRechecking && <Spinner size="tiny" label={t('booking.rechecking')} />}
      </div>
    </section>
  );
}
