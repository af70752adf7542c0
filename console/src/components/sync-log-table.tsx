import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { SyncLogEntry } from '@workplace-sync/shared';
import { formatDateTime } from '../format.js';

const DIRECTION: Record<string, string> = {
  'exchange-to-workplace': 'Exchange → Workplace',
  'workplace-to-exchange': 'Workplace → Exchange',
};

/** What happened to each booking and why, newest first. */
export function SyncLogTable({ entries }: { entries: SyncLogEntry[] }) {
  return (
    <Table size="small" aria-label="Sync log entries">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>When</TableHeaderCell>
          <TableHeaderCell>Room</TableHeaderCell>
          <TableHeaderCell>Booking</TableHeaderCell>
          <TableHeaderCell>Organizer</TableHeaderCell>
          <TableHeaderCell>Direction</TableHeaderCell>
          <TableHeaderCell>What happened</TableHeaderCell>
          <TableHeaderCell>Why</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((entry) => (
          <TableRow key={entry.id}>
            <TableCell>{formatDateTime(entry.at)}</TableCell>
            <TableCell>{entry.mailbox ?? '—'}</TableCell>
            <TableCell>{entry.subject ?? entry.reservationId ?? entry.eventId ?? '—'}</TableCell>
            <TableCell>{entry.organizer ?? '—'}</TableCell>
            <TableCell>{DIRECTION[entry.direction] ?? entry.direction}</TableCell>
            <TableCell>
              {entry.action}
              {entry.isDriftRepair ? ' (drift repaired)' : ''}
            </TableCell>
            <TableCell>{entry.reason}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
