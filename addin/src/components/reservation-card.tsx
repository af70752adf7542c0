import { Button, Caption1, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import type { Asset, CatalogItem, MeetingReservation, Room } from '@workplace-sync/shared';
import { useId, useState } from 'react';
import { describeLineStatus, describeReservationStatus, describeSyncStatus } from '../booking/describe-reservation.js';
import type { EditableLine } from '../hooks/use-meeting-reservations.js';
import { useLocalizer } from '../i18n/use-localizer.js';
import { describeRecurrence } from '../time/describe-recurrence.js';
import { formatDay, formatTime, formatTimeRange, roomLocalTime } from '../time/meeting-time-format.js';
import { Deferred, LinesEditor } from './deferred-parts.js';
import { StatusText } from './status-text.js';

export type ReservationCardProps = {
  reservation: MeetingReservation;
  /** Every asset of the catalogue: the card offers those in its rooms' buildings. */
  assets: Asset[];
  catalogItems: CatalogItem[];
  /** The room catalogue, for the buildings of the reservation's rooms. */
  rooms: Room[];
  onSaveLines: (reservation: MeetingReservation, lines: EditableLine[]) => Promise<void>;
  timeZone?: string;
};

/**
 * What a room knows of the occurrence running now (check-in at its kiosk or display, its release): said
 * under each room, as each room of a meeting is checked in and released on its own.
 */
const ATTENDANCE_KEY = {
  'checked-in': 'reservation.checkedIn',
  'no-show': 'reservation.noShow',
  'ended-early': 'reservation.endedEarly',
} as const;

const useStyles = makeStyles({
  card: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalS,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  lines: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
  },
  line: { display: 'flex', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  attendance: { flexBasis: '100%' },
  actions: { display: 'flex', columnGap: tokens.spacingHorizontalS },
});

const editableOf = (reservation: MeetingReservation): EditableLine[] =>
  reservation.lines
    .filter((line) => line.kind !== 'room' && line.status !== 'cancelled' && line.status !== 'declined')
    .map((line) => ({
      id: line.id,
      kind: line.kind as EditableLine['kind'],
      objectId: line.objectId,
      ...(line.quantity !== undefined ? { quantity: line.quantity } : {}),
    }));

/**
 * Equipment in the buildings of the reservation's rooms, as compose mode offers: Workplace refuses an
 * asset of another building (another time zone) with a 422.
 */
function assetsNearby(reservation: MeetingReservation, rooms: Room[], assets: Asset[]): Asset[] {
  const roomIds = new Set(reservation.lines.filter((line) => line.kind === 'room').map((line) => line.objectId));
  const buildingIds = new Set(rooms.filter((room) => roomIds.has(room.id)).map((room) => room.buildingId));
  return assets.filter((asset) => buildingIds.has(asset.buildingId));
}

/** A Workplace reservation of the meeting: its lines with their status, its sync status, and line edits. */
export function ReservationCard({
  reservation,
  assets,
  catalogItems,
  rooms,
  onSaveLines,
  timeZone,
}: ReservationCardProps) {
  const styles = useStyles();
  const words = useLocalizer();
  const { t } = words;
  const headingId = useId();
  const [draft, setDraft] = useState<EditableLine[] | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = new Date(reservation.start);
  const end = new Date(reservation.end);
  const localTime = roomLocalTime(start, end, reservation.timeZone, timeZone, words);
  const roomNames = reservation.lines.filter((line) => line.kind === 'room').map((line) => line.name);
  const save = async () => {
    if (!draft) return;
    setIsSaving(true);
    setError(null);
    try {
      await onSaveLines(reservation, draft);
      setDraft(null);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setIsSaving(false);
    }
  };
  return (
    <article className={styles.card} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.title}>
        {roomNames.join(', ') || reservation.subject || t('reservation.untitled')}
      </h3>
      <span>{formatTimeRange(start, end, timeZone, words.locale)}</span>
      {localTime && <Caption1>{t('roomList.roomTime', { time: localTime })}</Caption1>}
      {reservation.recurrence && <Caption1>{describeRecurrence(reservation.recurrence, words)}</Caption1>}
      {reservation.occurrenceStarts && (
        <Caption1>
          {t('reservation.onlyOn', {
            dates: reservation.occurrenceStarts.map((at) => formatDay(new Date(at), timeZone, words.locale)).join(', '),
          })}
        </Caption1>
      )}
      <StatusText {...describeReservationStatus(reservation.status, words)} />
      <StatusText {...describeSyncStatus(reservation.sync, words, timeZone)} />
      {draft === null ? (
        <>
          <ul className={styles.lines} aria-label={t('reservation.lines')}>
            {reservation.lines.map((line) => (
              <li key={line.id} className={styles.line}>
                <span>
                  {line.name}
                  {line.quantity !== undefined && line.kind !== 'room' ? ` × ${line.quantity}` : ''}
                </span>
                <StatusText {...describeLineStatus(line.status, words)} />
                {line.attendance && (
                  <Caption1 className={styles.attendance}>
                    {t(ATTENDANCE_KEY[line.attendance.state], {
                      time: formatTime(new Date(line.attendance.at), timeZone, words.locale),
                    })}
                  </Caption1>
                )}
              </li>
            ))}
          </ul>
          {reservation.isOrganizer && reservation.status !== 'cancelled' && (
            <div className={styles.actions}>
              <Button onClick={() => setDraft(editableOf(reservation))}>{t('reservation.edit')}</Button>
            </div>
          )}
        </>
      ) : (
        <>
          <Deferred>
            <LinesEditor
              lines={draft}
              onChange={setDraft}
              assets={assetsNearby(reservation, rooms, assets)}
              catalogItems={catalogItems}
              isCateringAllowed
              statusOf={(line) => reservation.lines.find((saved) => saved.id === line.id)?.status}
              disabled={isSaving}
            />
          </Deferred>
          <div className={styles.actions}>
            <Button appearance="primary" onClick={() => void save()} disabled={isSaving}>
              {isSaving ? t('reservation.saving') : t('reservation.save')}
            </Button>
            <Button onClick={() => setDraft(null)} disabled={isSaving}>
              {t('reservation.cancel')}
            </Button>
          </div>
        </>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </article>
  );
}
