import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { SyncLogEntry } from '@workplace-sync/shared';
import { formatDateTime } from '../format.js';
import { useLocalizer } from '../i18n/use-localizer.js';

const useStyles = makeStyles({
  // Fixed column widths and text that wraps inside its own cell, at any window width: long subjects and
  // addresses break (anywhere, if they must) instead of running over the next column. The organizer is a
  // second line under the subject and the direction one under the action, so at 800 px the booking and
  // the reason still get about 170 px each. Below 45rem the table scrolls inside its panel rather than
  // squeezing them to a few letters.
  table: {
    tableLayout: 'fixed',
    minWidth: '45rem',
    '& th, & td': { overflowWrap: 'anywhere', verticalAlign: 'top', whiteSpace: 'normal' },
  },
  when: { width: '7.5rem' },
  room: { width: '7.5rem' },
  action: { width: '8.5rem' },
  stack: { display: 'flex', flexDirection: 'column' },
  secondary: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** What happened to each booking and why, newest first; rooms by name, times in the browser's zone (shown). */
export function SyncLogTable({ entries }: { entries: SyncLogEntry[] }) {
  const styles = useStyles();
  const { t, locale } = useLocalizer();
  const actionOf = (action: string) => t(`syncLog.action.${action}`, { defaultValue: action });
  return (
    <Table size="small" aria-label={t('syncLog.entries')} className={styles.table}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.when}>{t('syncLog.when')}</TableHeaderCell>
          <TableHeaderCell className={styles.room}>{t('syncLog.room')}</TableHeaderCell>
          <TableHeaderCell>{t('syncLog.bookingAndOrganizer')}</TableHeaderCell>
          <TableHeaderCell className={styles.action}>{t('syncLog.whatHappened')}</TableHeaderCell>
          <TableHeaderCell>{t('syncLog.why')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((entry) => (
          <TableRow key={entry.id}>
            <TableCell>{formatDateTime(entry.at, locale)}</TableCell>
            <TableCell title={entry.mailbox ?? undefined}>{entry.roomName ?? entry.mailbox ?? '—'}</TableCell>
            <TableCell>
              <span className={styles.stack}>
                <span>{entry.subject ?? entry.reservationId ?? entry.eventId ?? '—'}</span>
                {entry.organizer ? <span className={styles.secondary}>{entry.organizer}</span> : null}
              </span>
            </TableCell>
            <TableCell>
              <span className={styles.stack}>
                <span>
                  {entry.isDriftRepair
                    ? t('syncLog.driftRepaired', { action: actionOf(entry.action) })
                    : actionOf(entry.action)}
                </span>
                <span className={styles.secondary}>
                  {t(`syncLog.direction.${entry.direction}`, { defaultValue: entry.direction })}
                </span>
              </span>
            </TableCell>
            <TableCell>{entry.reason}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
