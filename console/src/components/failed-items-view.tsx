import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import type { FailedItem } from '@workplace-sync/shared';
import { formatDateTime } from '../format.js';

const RESOLUTIONS = { retried: 'Retried', dismissed: 'Dismissed', synced: 'Synced' } as const;

const DIRECTIONS = { 'exchange-to-workplace': 'Outlook → Workplace', 'workplace-to-exchange': 'Workplace → Outlook' };

/** What the item is about: a quarantined booking as an admin recognises it, or the job and its key. */
function describe(item: FailedItem): { what: string; about: string } {
  const { booking } = item;
  if (!booking) return { what: item.kind, about: item.key };
  const parts = [booking.subject ? `“${booking.subject}”` : null, booking.organizer, booking.room, booking.start];
  return {
    what: `Booking not synced (${DIRECTIONS[booking.direction]})`,
    about: parts.filter(Boolean).join(' · ') || item.key,
  };
}

/**
 * Work that failed for good — a job whose attempts are used up, or a booking set aside because it cannot
 * be synced — with "retry" (back to the queue) and "dismiss" (leave it as it is).
 */
export function FailedItemsView({
  items,
  onRetry,
  onDismiss,
}: {
  items: FailedItem[];
  onRetry: (item: FailedItem) => void;
  onDismiss?: (item: FailedItem) => void;
}) {
  if (items.length === 0) return <p>No failed items.</p>;
  return (
    <Table size="small" aria-label="Failed items">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>What</TableHeaderCell>
          <TableHeaderCell>For</TableHeaderCell>
          <TableHeaderCell>Error</TableHeaderCell>
          <TableHeaderCell>Attempts</TableHeaderCell>
          <TableHeaderCell>Since</TableHeaderCell>
          <TableHeaderCell>Action</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((item) => (
          <TableRow key={item.id}>
            <TableCell>{describe(item).what}</TableCell>
            <TableCell>{describe(item).about}</TableCell>
            <TableCell>{item.error}</TableCell>
            <TableCell>{item.attempts}</TableCell>
            <TableCell>{formatDateTime(item.createdAt)}</TableCell>
            <TableCell>
              {item.retriedAt ? (
                `${RESOLUTIONS[item.resolution ?? 'retried']} ${formatDateTime(item.retriedAt)}`
              ) : (
                <>
                  <Button
                    size="small"
                    aria-label={`Retry ${describe(item).what} ${describe(item).about}`}
                    disabled={!item.isRetryable}
                    onClick={() => onRetry(item)}
                  >
                    Retry
                  </Button>
                  {onDismiss ? (
                    <Button
                      size="small"
                      appearance="subtle"
                      aria-label={`Dismiss ${describe(item).what} ${describe(item).about}`}
                      onClick={() => onDismiss(item)}
                    >
                      Dismiss
                    </Button>
                  ) : null}
                </>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
