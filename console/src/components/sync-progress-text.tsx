import { ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import type { SyncProgress } from '@workplace-sync/shared';
import { isSettled } from '../hooks/use-sync-progress.js';
import type { Localizer } from '../i18n/console-i18n.js';
import { useLocalizer } from '../i18n/use-localizer.js';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, minWidth: '10rem' },
});

/** Bookings synced of found, once the sync has read the calendar. */
export const bookingCounts = (progress: SyncProgress, { t }: Localizer): string | null =>
  progress.found === null
    ? null
    : t('progress.bookingsSynced', { synced: progress.synced ?? 0, count: progress.found });

/** The state of a room's first sync in words, with a bar of its bookings synced of found while it runs. */
export function SyncProgressText({ progress }: { progress: SyncProgress }) {
  const styles = useStyles();
  const localizer = useLocalizer();
  const { t } = localizer;
  const counts = bookingCounts(progress, localizer);
  const state = t(`progress.state.${progress.state}`);
  const text = [
    progress.state === 'failed' && progress.error
      ? t('progress.failedBecause', { state, error: progress.error })
      : state,
    counts,
  ]
    .filter(Boolean)
    .join(' · ');
  if (isSettled(progress) || progress.state === 'none') return <span>{text}</span>;
  // No count yet (queued, or reading the calendar): an indeterminate bar.
  const value = progress.found ? (progress.synced ?? 0) / progress.found : progress.found === 0 ? 1 : undefined;
  return (
    <span className={styles.stack}>
      <span>{text}</span>
      <ProgressBar
        value={value}
        thickness="large"
        aria-label={t('progress.ofRoom', { mailbox: progress.mailbox, text })}
      />
    </span>
  );
}

/** The first syncs of a bulk link, all rooms in one bar: rooms settled of linked, bookings synced of found. */
export function BulkSyncProgress({ rooms }: { rooms: SyncProgress[] }) {
  const styles = useStyles();
  const { t } = useLocalizer();
  const finished = rooms.filter((room) => room.state === 'finished').length;
  const failed = rooms.filter((room) => room.state === 'failed').length;
  const found = rooms.reduce((sum, room) => sum + (room.found ?? 0), 0);
  const synced = rooms.reduce((sum, room) => sum + (room.synced ?? 0), 0);
  const text = [
    failed > 0
      ? t('progress.bulkRoomsWithFailed', { finished, count: rooms.length, failed })
      : t('progress.bulkRooms', { finished, count: rooms.length }),
    t('progress.bookingsSynced', { synced, count: found }),
  ].join(' · ');
  return (
    <div className={styles.stack}>
      <span>{text}</span>
      <ProgressBar
        value={rooms.length === 0 ? 1 : (finished + failed) / rooms.length}
        thickness="large"
        color={failed > 0 ? 'warning' : 'brand'}
        aria-label={text}
      />
    </div>
  );
}
