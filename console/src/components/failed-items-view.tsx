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
import type { Localizer } from '../i18n/console-i18n.js';
import { useLocalizer } from '../i18n/use-localizer.js';
import { RawPayloadButton } from './raw-payload-button.js';

const useStyles = makeStyles({
  // Addresses and error texts are long words: break them inside their cell instead of over the next one.
  table: { '& td': { overflowWrap: 'anywhere', verticalAlign: 'top' } },
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  subject: { fontWeight: tokens.fontWeightSemibold },
  technical: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

/** What the item is about: a quarantined booking as an admin recognises it, or the job and its key. */
function describe(item: FailedItem, { t, locale }: Localizer): { what: string; about: string } {
  const { booking } = item;
  if (!booking) return { what: item.kind, about: item.key };
  const room = booking.roomName ?? booking.room;
  const parts = [
    booking.subject ? t('failed.subject', { subject: booking.subject }) : null,
    booking.organizer,
    room,
    formatWallClock(booking.start, locale),
  ];
  return {
    what: t('failed.bookingNotSynced', { direction: t(`failed.direction.${booking.direction}`) }),
    about: parts.filter((part) => part && part !== '—').join(' · ') || item.key,
  };
}

function BookingCell({ item }: { item: FailedItem }) {
  const styles = useStyles();
  const { t, locale } = useLocalizer();
  const { booking } = item;
  if (!booking) return <>{item.key}</>;
  return (
    <div className={styles.stack}>
      <span className={styles.subject}>
        {booking.subject ? t('failed.subject', { subject: booking.subject }) : t('failed.noSubject')}
      </span>
      <span>{[booking.organizer, booking.roomName ?? booking.room].filter(Boolean).join(' · ')}</span>
      <span>{formatWallClock(booking.start, locale)}</span>
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
  const localizer = useLocalizer();
  const { t, locale } = localizer;
  if (items.length === 0) return <p>{t('failed.none')}</p>;
  return (
    <Table size="small" aria-label={label} className={styles.table}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('failed.what')}</TableHeaderCell>
          <TableHeaderCell>{t('failed.bookingOrJob')}</TableHeaderCell>
          <TableHeaderCell>{t('failed.reason')}</TableHeaderCell>
          <TableHeaderCell>{t('failed.attempts')}</TableHeaderCell>
          <TableHeaderCell>{t('failed.since')}</TableHeaderCell>
          <TableHeaderCell>{t('failed.action')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((item) => {
          const { what, about } = describe(item, localizer);
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
              <TableCell>{formatDateTime(item.createdAt, locale)}</TableCell>
              <TableCell>
                <div className={styles.actions}>
                  {item.retriedAt ? (
                    <span>
                      {t(`failed.resolution.${item.resolution ?? 'retried'}`, {
                        at: formatDateTime(item.retriedAt, locale),
                      })}
                    </span>
                  ) : (
                    <>
                      {onRetry ? (
                        <Button
                          size="small"
                          aria-label={t('failed.retryItem', { what, about })}
                          disabled={!item.isRetryable}
                          onClick={() => onRetry(item)}
                        >
                          {t('failed.retry')}
                        </Button>
                      ) : null}
                      {onDismiss ? (
                        <Button
                          size="small"
                          appearance="subtle"
                          aria-label={t('failed.dismissItem', { what, about })}
                          onClick={() => onDismiss(item)}
                        >
                          {t('failed.dismiss')}
                        </Button>
                      ) : null}
                    </>
                  )}
                  {item.booking ? (
                    <RawPayloadButton label={t('failed.itemLabel', { what, about })} load={() => loadPayload(item)} />
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
