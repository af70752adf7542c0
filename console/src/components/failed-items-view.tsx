import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { FailedItem } from '@workplace-sync/shared';
import { formatDateTime, formatWallClock } from '../format.js';
import { RawPayloadButton } from './raw-payload-button.js';

const RESOLUTIONS = { retried: 'Retried', dismissed: 'Dismissed', synced: 'Synced' } as const;

const DIRECTIONS = { 'exchange-to-workplace': 'Outlook → Workplace', 'workplace-to-exchange': 'Workplace → Outlook' };

const useStyles = makeStyles({
  // Addresses and error texts are long words: break them inside their cell instead of over the next one.
  table: { '& td': { overflowWrap: 'anywhere', verticalAlign: 'top' } },
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  subject: { fontWeight: tokens.fontWeightSemibold },
  technical: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

/** What the item is about: a quarantined booking as an admin recognises it, or the job and its key. */
function describe(item: FailedItem): { what: string; about: string } {
  const { booking } = item;
  if (!booking) return { what: item.kind, about: item.key };
  const room = booking.roomName ?? booking.room;
  const parts = [
    booking.subject ? `“${booking.subject}”` : null,
    booking.organizer,
    room,
    formatWallClock(booking.start),
  ];
  return {
    what: `Booking not synced (${DIRECTIONS[booking.direction]})`,
    about: parts.filter((part) => part && part !== '—').join(' · ') || item.key,
  };
}

function BookingCell({ item }: { item: FailedItem }) {
  const styles = useStyles();
  const { booking } = item;
  if (!booking) return <>{item.key}</>;
  return (
    <div className={styles.stack}>
      <span className={styles.subject}>{booking.subject ? `“${booking.subject}”` : '(no subject)'}</span>
      <span>{[booking.organizer, booking.roomName ?? booking.room].filter(Boolean).join(' · ')}</span>
      <span>{formatWallClock(booking.start)}</span>
    </div>
  );
}

/**
 * Work that failed for good — a job whose attempts are used up, or a booking set aside because it cannot
 * be synced — with the reason in plain words (the technical error below it), what was read on demand,
 * "retry" (back to the queue) and "dismiss" (leave it as it is).
 */
export function FailedItemsView({
  items,
  label,
  onRetry,
  onDismiss,
  loadPayload,
}: {
  items: FailedItem[];
  label: string;
  onRetry?: (item: FailedItem) => void;
  onDismiss?: (item: FailedItem) => void;
  loadPayload: (item: FailedItem) => Promise<unknown>;
}) {
  const styles = useStyles();
  if (items.length === 0) return <p>No failed items.</p>;
  return (
    <Table size="small" aria-label={label} className={styles.table}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>What</TableHeaderCell>
          <TableHeaderCell>Booking or job</TableHeaderCell>
          <TableHeaderCell>Reason</TableHeaderCell>
          <TableHeaderCell>Attempts</TableHeaderCell>
          <TableHeaderCell>Since</TableHeaderCell>
          <TableHeaderCell>Action</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((item) => {
          const { what, about } = describe(item);
          return (
            <TableRow key={item.id}>
              <TableCell>{what}</TableCell>
              <TableCell>
                <BookingCell item={item} />
              </TableCell>
              <TableCell>
                <div className={styles.stack}>
                  <span>{item.summary}</span>
                  <span className={styles.technical}>{item.error}</span>
                </div>
              </TableCell>
              <TableCell>{item.attempts}</TableCell>
              <TableCell>{formatDateTime(item.createdAt)}</TableCell>
              <TableCell>
                <div className={styles.actions}>
                  {item.retriedAt ? (
                    <span>{`${RESOLUTIONS[item.resolution ?? 'retried']} ${formatDateTime(item.retriedAt)}`}</span>
                  ) : (
                    <>
                      {onRetry ? (
                        <Button
                          size="small"
                          aria-label={`Retry ${what} ${about}`}
                          disabled={!item.isRetryable}
                          onClick={() => onRetry(item)}
                        >
                          Retry
                        </Button>
                      ) : null}
                      {onDismiss ? (
                        <Button
                          size="small"
                          appearance="subtle"
                          aria-label={`Dismiss ${what} ${about}`}
                          onClick={() => onDismiss(item)}
                        >
                          Dismiss
                        </Button>
                      ) : null}
                    </>
                  )}
                  {item.booking ? (
                    <RawPayloadButton label={`${what}: ${about}`} load={() => loadPayload(item)} />
                  ) : null}
                </div>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
