import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import type { DriftReport } from '@workplace-sync/shared';
import { formatDateTime } from '../format.js';

/** Drift that full resyncs (nightly reconciliation, repairs) found in the last days, per room, with "repair now". */
export function DriftPanel({ report, onRepair }: { report: DriftReport; onRepair: (mailbox: string) => void }) {
  if (report.rooms.length === 0) return <p>No drift found in the last 7 days.</p>;
  return (
    <Table size="small" aria-label="Drift found by reconciliation">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Room</TableHeaderCell>
          <TableHeaderCell>Bookings repaired</TableHeaderCell>
          <TableHeaderCell>Last repair</TableHeaderCell>
          <TableHeaderCell>Repair</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {report.rooms.map((room) => (
          <TableRow key={room.mailbox}>
            <TableCell>{room.mailbox}</TableCell>
            <TableCell>{room.repairs}</TableCell>
            <TableCell>
              {formatDateTime(room.lastRepairAt)}: {room.lastReason}
            </TableCell>
            <TableCell>
              <Button size="small" aria-label={`Repair now ${room.mailbox}`} onClick={() => onRepair(room.mailbox)}>
                Repair now
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
