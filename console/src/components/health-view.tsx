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
  return (
    <section className={styles.panel} aria-labelledby="health-heading">
      <h2 id="health-heading" className={styles.heading}>
        Health per room
      </h2>
      <Table size="small" className={styles.table} aria-labelledby="health-heading">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Room</TableHeaderCell>
            <TableHeaderCell>Subscription</TableHeaderCell>
            <TableHeaderCell>Last notification</TableHeaderCell>
            <TableHeaderCell>Last sync</TableHeaderCell>
            <TableHeaderCell>Backlog</TableHeaderCell>
            <TableHeaderCell>Failures</TableHeaderCell>
            <TableHeaderCell className={styles.settingsColumn}>Mailbox settings against Workplace</TableHeaderCell>
            <TableHeaderCell>Repair</TableHeaderCell>
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
                  {room.isEnabled ? '' : ' (unlinked)'}
                </TableCell>
                <TableCell>
                  {room.subscription
                    ? `${room.subscription.status}, expires ${formatDateTime(room.subscription.expiresAt)}`
                    : 'none'}
                </TableCell>
                <TableCell>{formatDateTime(room.subscription?.lastNotificationAt ?? null)}</TableCell>
                <TableCell>{formatDateTime(room.lastSyncedAt)}</TableCell>
                <TableCell>{room.backlog}</TableCell>
                <TableCell>
                  {room.failedJobs + room.openFailedItems === 0
                    ? 'none'
                    : `${room.failedJobs} dead jobs, ${room.openFailedItems} open items`}
                  {room.lastFailure ? (
                    <>
                      <br />
                      Last: {room.lastFailure.error} ({formatDateTime(room.lastFailure.at)})
                    </>
                  ) : null}
                </TableCell>
                <TableCell>
                  {warnings.length === 0 ? (
                    <ul className={styles.settings} aria-label={`Settings of ${room.mailbox}`}>
                      <li>In agreement</li>
                    </ul>
                  ) : (
                    <ul className={styles.warnings} aria-label={`Warnings for ${room.mailbox}`}>
                      {warnings.map((check) => (
                        <li key={check.setting}>
                          Warning, {check.label}: Exchange {check.exchange}, Workplace {check.workplace}.{' '}
                          {check.warning}
                        </li>
                      ))}
                    </ul>
                  )}
                </TableCell>
                <TableCell>
                  <Button
                    size="small"
                    aria-label={`Repair now ${room.mailbox}`}
                    disabled={!room.isEnabled}
                    onClick={() => onRepair(room.mailbox)}
                  >
                    Repair now
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
