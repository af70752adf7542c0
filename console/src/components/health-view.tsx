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
import type { RoomHealth } from '@workplace-sync/shared';
import { formatDateTime } from '../format.js';
import { useLocalizer } from '../i18n/use-localizer.js';
import { panelHeadingStyle, scrollingPanelStyle } from './panel-styles.js';

const useStyles = makeStyles({
  panel: scrollingPanelStyle,
  heading: panelHeadingStyle,
  warnings: { margin: 0, paddingLeft: tokens.spacingHorizontalL, color: tokens.colorPaletteDarkOrangeForeground2 },
  settings: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  settingsColumn: { width: '34%' },
  // Mailbox addresses are long words: break them inside their cell instead of over the next one.
  table: { '& td': { overflowWrap: 'anywhere' } },
});

/** Per room: is it syncing (subscription, last notification and sync), what waits or failed, and settings that disagree. */
export function HealthView({ rooms, onRepair }: { rooms: RoomHealth[]; onRepair: (mailbox: string) => void }) {
  const styles = useStyles();
  const { t, locale } = useLocalizer();
  return (
    <section className={styles.panel} aria-labelledby="health-heading">
      <h2 id="health-heading" className={styles.heading}>
        {t('health.heading')}
      </h2>
      <Table size="small" className={styles.table} aria-labelledby="health-heading">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('health.room')}</TableHeaderCell>
            <TableHeaderCell>{t('health.subscription')}</TableHeaderCell>
            <TableHeaderCell>{t('health.lastNotification')}</TableHeaderCell>
            <TableHeaderCell>{t('health.lastSync')}</TableHeaderCell>
            <TableHeaderCell>{t('health.backlog')}</TableHeaderCell>
            <TableHeaderCell>{t('health.failures')}</TableHeaderCell>
            <TableHeaderCell className={styles.settingsColumn}>{t('health.settings')}</TableHeaderCell>
            <TableHeaderCell>{t('health.repair')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rooms.map((room) => {
            const warnings = room.settings.filter((check) => check.warning);
            return (
              <TableRow key={room.mailbox}>
                <TableCell>
                  {room.displayName}
                  <br />
                  {room.mailbox}
                  {room.isEnabled ? '' : ` ${t('health.unlinked')}`}
                </TableCell>
                <TableCell>
                  {room.subscription
                    ? t('health.subscriptionExpires', {
                        status: room.subscription.status,
                        at: formatDateTime(room.subscription.expiresAt, locale),
                      })
                    : t('health.none')}
                </TableCell>
                <TableCell>{formatDateTime(room.subscription?.lastNotificationAt ?? null, locale)}</TableCell>
                <TableCell>{formatDateTime(room.lastSyncedAt, locale)}</TableCell>
                <TableCell>{room.backlog.toLocaleString(locale)}</TableCell>
                <TableCell>
                  {room.failedJobs + room.openFailedItems === 0
                    ? t('health.none')
                    : t('health.failureCounts', {
                        jobs: t('health.deadJobs', { count: room.failedJobs }),
                        items: t('health.openItems', { count: room.openFailedItems }),
                      })}
                  {room.lastFailure ? (
                    <>
                      <br />
                      {t('health.lastFailure', {
                        error: room.lastFailure.error,
                        at: formatDateTime(room.lastFailure.at, locale),
                      })}
                    </>
                  ) : null}
                </TableCell>
                <TableCell>
                  {warnings.length === 0 ? (
                    <ul className={styles.settings} aria-label={t('health.settingsOf', { mailbox: room.mailbox })}>
                      <li>{t('health.inAgreement')}</li>
                    </ul>
                  ) : (
                    <ul className={styles.warnings} aria-label={t('health.warningsFor', { mailbox: room.mailbox })}>
                      {warnings.map((check) => (
                        <li key={check.setting}>
                          {t('health.warning', {
                            label: check.label,
                            exchange: check.exchange,
                            workplace: check.workplace,
                            warning: check.warning,
                          })}
                        </li>
                      ))}
                    </ul>
                  )}
                </TableCell>
                <TableCell>
                  <Button
                    size="small"
                    aria-label={t('health.repairNowRoom', { mailbox: room.mailbox })}
                    disabled={!room.isEnabled}
                    onClick={() => onRepair(room.mailbox)}
                  >
                    {t('health.repairNow')}
                  </Button>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </section>
  );
}
