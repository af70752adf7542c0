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
import type { CutoverBooking, CutoverPlan } from '@workplace-sync/shared';
import type { ReactNode } from 'react';
import { formatDateTime } from '../format.js';

const useStyles = makeStyles({ heading: { fontSize: tokens.fontSizeBase300, marginBottom: tokens.spacingVerticalXS } });

const when = (booking: CutoverBooking) =>
  `${formatDateTime(booking.start)} – ${formatDateTime(booking.end)}${booking.isRecurring ? ' (series)' : ''}`;

function BookingTable({
  label,
  bookings,
}: {
  label: string;
  bookings: Array<{ booking: CutoverBooking; note?: string }>;
}) {
  return (
    <Table size="small" aria-label={label}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Subject</TableHeaderCell>
          <TableHeaderCell>When</TableHeaderCell>
          <TableHeaderCell>Organizer</TableHeaderCell>
          <TableHeaderCell>Note</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {bookings.map(({ booking, note }) => (
          <TableRow key={`${booking.id} ${note ?? ''}`}>
            <TableCell>{booking.subject || '(no subject)'}</TableCell>
            <TableCell>{when(booking)}</TableCell>
            <TableCell>{booking.organizer}</TableCell>
            <TableCell>{note ?? ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** A cutover dry run: what the switch links, what the first sync creates on each side, and what it leaves alone. */
export function CutoverPlanView({
  plan,
  areaLabel,
  roomLabel,
}: {
  plan: CutoverPlan;
  /** The area and room by name ("Brussels 1.01, Brussels HQ"), not their internal ids. */
  areaLabel: string;
  roomLabel: string;
}) {
  const styles = useStyles();
  const section = (id: string, title: string, count: number, table: ReactNode) => (
    <section aria-labelledby={id}>
      <h3 id={id} className={styles.heading}>
        {title} ({count})
      </h3>
      {count > 0 ? table : <p>None.</p>}
    </section>
  );
  return (
    <>
      <p>
        Future bookings of the Exchange room {roomLabel} and the Workplace area {areaLabel},{' '}
        {formatDateTime(plan.window.start)} to {formatDateTime(plan.window.end)}.
      </p>
      {section(
        'cutover-linked',
        'On both sides: linked, not duplicated',
        plan.linked.length,
        <BookingTable
          label="Bookings on both sides"
          bookings={plan.linked.map((pair) => ({
            booking: pair.exchange,
            note: `Workplace “${pair.workplace.subject || '(no subject)'}” by ${pair.workplace.organizer}, matched by ${pair.matchedBy === 'iCalUId' ? 'meeting id' : 'same start and end'}`,
          }))}
        />,
      )}
      {section(
        'cutover-to-workplace',
        'Only in Exchange: created in Workplace',
        plan.toWorkplace.length,
        <BookingTable label="Only in Exchange" bookings={plan.toWorkplace.map((booking) => ({ booking }))} />,
      )}
      {section(
        'cutover-to-exchange',
        'Only in Workplace: written into the room calendar',
        plan.toExchange.length,
        <BookingTable label="Only in Workplace" bookings={plan.toExchange.map((booking) => ({ booking }))} />,
      )}
      {section(
        'cutover-left-alone',
        'Left alone',
        plan.leftAlone.length,
        <BookingTable
          label="Left alone"
          bookings={plan.leftAlone.map((item) => ({
            booking: item.booking,
            note: `${item.side === 'exchange' ? 'Exchange' : 'Workplace'}: ${item.reason}`,
          }))}
        />,
      )}
    </>
  );
}
