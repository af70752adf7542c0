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

const DIRECTION: Record<string, string> = {
  'exchange-to-workplace': 'Outlook → Workplace',
  'workplace-to-exchange': 'Workplace → Outlook',
};

const useStyles = makeStyles({
  // Fixed column widths and text that wraps inside its own cell, at any window width: long subjects and
  // addresses break (anywhere, if they must) instead of running over the next column. Below its minimum
  // width the table scrolls inside its panel.
  table: {
    tableLayout: 'fixed',
    minWidth: '720px',
    '& th, & td': { overflowWrap: 'anywhere', verticalAlign: 'top', whiteSpace: 'normal' },
  },
  when: { width: '9rem' },
  room: { width: '9rem' },
  direction: { width: '8rem' },
  action: { width: '8rem' },
  secondary: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** What happened to each booking and why, newest first; rooms by name, times in the browser's zone (shown). */
export function SyncLogTable({ entries }: { entries: SyncLogEntry[] }) {
  const styles = useStyles();
  return (
    <Table size="small" aria-label="Sync log entries" className={styles.table}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.when}>When</TableHeaderCell>
          <TableHeaderCell className={styles.room}>Room</TableHeaderCell>
          <TableHeaderCell>Booking</TableHeaderCell>
          <TableHeaderCell>Organizer</TableHeaderCell>
          <TableHeaderCell className={styles.direction}>Direction</TableHeaderCell>
          <TableHeaderCell className={styles.action}>What happened</TableHeaderCell>
          <TableHeaderCell>Why</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((entry) => (
          <TableRow key={entry.id}>
            <TableCell>{formatDateTime(entry.at)}</TableCell>
            <TableCell title={entry.mailbox ?? undefined}>{entry.roomName ?? entry.mailbox ?? '—'}</TableCell>
            <TableCell>{entry.subject ?? entry.reservationId ?? entry.eventId ?? '—'}</TableCell>
            <TableCell>{entry.organizer ?? '—'}</TableCell>
            <TableCell>{DIRECTION[entry.direction] ?? entry.direction}</TableCell>
            <TableCell>
              {entry.action}
              {entry.isDriftRepair ? <span className={styles.secondary}> (drift repaired)</span> : null}
            </TableCell>
            <TableCell>{entry.reason}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
