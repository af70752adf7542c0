import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { SeriesConflictVerdict } from '@workplace-sync/shared';
import { useLocalizer } from '../i18n/use-localizer.js';
import { formatDay } from '../time/meeting-time-format.js';

export type SeriesConflictWarningProps = {
  room: string;
  /** What Exchange does with the series in this room: declined, or unknown (its settings are not known). */
  verdict: Exclude<SeriesConflictVerdict, 'accepted'>;
  /** The occurrences (starts) on which the room is taken. */
  takenStarts: readonly string[];
  /** Rooms free on every date, best first (names). */
  roomsFreeOnEveryDate: readonly string[];
  timeZone?: string | undefined;
  /** Declined: the way back to the rooms (there is nothing to book here). */
  onBack?: () => void;
};

/**
 * A series whose room is taken on some dates, where Exchange would decline the whole series (the room
 * tolerates no conflicts) or may (its tolerance is not known): said before booking, with the rooms free
 * on every date first, instead of per-date alternatives Exchange would then lose.
 */
export function SeriesConflictWarning(props: SeriesConflictWarningProps) {
  const { t, locale } = useLocalizer();
  const list = (items: readonly string[]) => new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
  const dates = list(props.takenStarts.slice(0, 3).map((start) => formatDay(new Date(start), props.timeZone, locale)));
  const more = props.takenStarts.length > 3 ? ' …' : '';
  return (
    <MessageBar intent={props.verdict === 'declined' ? 'error' : 'warning'} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t(`seriesConflict.${props.verdict}Title`)}</MessageBarTitle>{' '}
        {t(`seriesConflict.${props.verdict}`, { room: props.room, dates: `${dates}${more}` })}{' '}
        {props.roomsFreeOnEveryDate.length > 0
          ? t('seriesConflict.freeOnEveryDate', { rooms: list(props.roomsFreeOnEveryDate) })
          : t('seriesConflict.noneFreeOnEveryDate')}
      </MessageBarBody>
      {props.onBack && (
        <MessageBarActions>
          <Button onClick={props.onBack}>{t('booking.backToRooms')}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
