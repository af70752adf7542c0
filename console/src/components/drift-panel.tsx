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
import { useLocalizer } from '../i18n/use-localizer.js';

/** Drift that full resyncs (nightly reconciliation, repairs) found in the last days, per room, with "repair now". */
export function DriftPanel({ report, onRepair }: { report: DriftReport; onRepair: (mailbox: string) => void }) {
  const { t, locale } = useLocalizer();
  if (report.rooms.length === 0) return <p>{t('drift.none')}</p>;
  return (
    <Table size="small" aria-label={t('drift.heading')}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('drift.room')}</TableHeaderCell>
          <TableHeaderCell>{t('drift.repairs')}</TableHeaderCell>
          <TableHeaderCell>{t('drift.lastRepair')}</TableHeaderCell>
          <TableHeaderCell>{t('drift.repair')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {report.rooms.map((room) => (
          <TableRow key={room.mailbox}>
            <TableCell>{room.mailbox}</TableCell>
            <TableCell>{room.repairs}</TableCell>
            <TableCell>
              {t('drift.lastRepairAt', { at: formatDateTime(room.lastRepairAt, locale), reason: room.lastReason })}
            </TableCell>
            <TableCell>
              <Button
                size="small"
                aria-label={t('drift.repairNowRoom', { mailbox: room.mailbox })}
                onClick={() => onRepair(room.mailbox)}
              >
                {t('drift.repairNow')}
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
