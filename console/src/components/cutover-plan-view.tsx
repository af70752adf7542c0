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
import type { Localizer } from '../i18n/console-i18n.js';
import { useLocalizer } from '../i18n/use-localizer.js';

const useStyles = makeStyles({ heading: { fontSize: tokens.fontSizeBase300, marginBottom: tokens.spacingVerticalXS } });

function when(booking: CutoverBooking, { t, locale }: Localizer): string {
  const period = t('cutover.period', {
    start: formatDateTime(booking.start, locale),
    end: formatDateTime(booking.end, locale),
  });
  return booking.isRecurring ? t('cutover.series', { period }) : period;
}

function BookingTable({
  label,
  bookings,
}: {
  label: string;
  bookings: Array<{ booking: CutoverBooking; note?: string }>;
}) {
  const localizer = useLocalizer();
  const { t } = localizer;
  return (
    <Table size="small" aria-label={label}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('cutover.subject')}</TableHeaderCell>
          <TableHeaderCell>{t('cutover.when')}</TableHeaderCell>
          <TableHeaderCell>{t('cutover.organizer')}</TableHeaderCell>
          <TableHeaderCell>{t('cutover.note')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {bookings.map(({ booking, note }) => (
          <TableRow key={`${booking.id} ${note ?? ''}`}>
            <TableCell>{booking.subject || t('cutover.noSubject')}</TableCell>
            <TableCell>{when(booking, localizer)}</TableCell>
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
  const { t, locale } = useLocalizer();
  const section = (id: string, title: string, count: number, table: ReactNode) => (
    <section aria-labelledby={id}>
      <h3 id={id} className={styles.heading}>
        {t('cutover.sectionTitle', { title, count })}
      </h3>
      {count > 0 ? table : <p>{t('cutover.none')}</p>}
    </section>
  );
  return (
    <>
      <p>
        {t('cutover.window', {
          room: roomLabel,
          area: areaLabel,
          start: formatDateTime(plan.window.start, locale),
          end: formatDateTime(plan.window.end, locale),
        })}
      </p>
      {section(
        'cutover-linked',
        t('cutover.linkedTitle'),
        plan.linked.length,
        <BookingTable
          label={t('cutover.linkedTable')}
          bookings={plan.linked.map((pair) => ({
            booking: pair.exchange,
            note: t('cutover.matchedNote', {
              subject: pair.workplace.subject || t('cutover.noSubject'),
              organizer: pair.workplace.organizer,
              matchedBy: t(`cutover.matchedBy.${pair.matchedBy}`),
            }),
          }))}
        />,
      )}
      {section(
        'cutover-to-workplace',
        t('cutover.toWorkplaceTitle'),
        plan.toWorkplace.length,
        <BookingTable
          label={t('cutover.toWorkplaceTable')}
          bookings={plan.toWorkplace.map((booking) => ({ booking }))}
        />,
      )}
      {section(
        'cutover-to-exchange',
        t('cutover.toExchangeTitle'),
        plan.toExchange.length,
        <BookingTable
          label={t('cutover.toExchangeTable')}
          bookings={plan.toExchange.map((booking) => ({ booking }))}
        />,
      )}
      {section(
        'cutover-left-alone',
        t('cutover.leftAlone'),
        plan.leftAlone.length,
        <BookingTable
          label={t('cutover.leftAlone')}
          bookings={plan.leftAlone.map((item) => ({
            booking: item.booking,
            note: t(`cutover.side.${item.side}`, { reason: item.reason }),
          }))}
        />,
      )}
    </>
  );
}
