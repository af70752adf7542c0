import {
  Button,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { RoomLinks, SyncProgress, WorkplaceAreaSide } from '@workplace-sync/shared';
import { useState } from 'react';
import { SyncProgressText } from './sync-progress-text.js';
import { panelHeadingStyle, panelStyle } from './panel-styles.js';

const useStyles = makeStyles({
  sides: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 520px), 1fr))',
    gap: tokens.spacingHorizontalXL,
    alignItems: 'start',
  },
  side: panelStyle,
  heading: panelHeadingStyle,
  action: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  // A select is as wide as its longest option (a room name and mailbox): keep it inside its cell.
  picker: { minWidth: 0, maxWidth: '100%' },
  // Mailbox addresses are long words: break them inside their cell instead of over the next one.
  table: { '& td': { overflowWrap: 'anywhere' } },
});

export type RoomLinksViewProps = {
  links: RoomLinks;
  progress: Record<string, SyncProgress>;
  busyArea: string | null;
  onLink: (areaId: string, mailbox: string) => void;
  onUnlink: (mailbox: string) => void;
};

function AreaLinkCell({
  area,
  freeRooms,
  progress,
  isBusy,
  onLink,
  onUnlink,
}: {
  area: WorkplaceAreaSide;
  freeRooms: RoomLinks['exchangeRooms'];
  progress: SyncProgress | undefined;
  isBusy: boolean;
  onLink: RoomLinksViewProps['onLink'];
  onUnlink: RoomLinksViewProps['onUnlink'];
}) {
  const styles = useStyles();
  const suggestion = [area.link?.mailbox, area.exchangeMailbox].find(
    (mailbox) => mailbox && freeRooms.some((room) => room.mailbox === mailbox),
  );
  // Until the admin picks one, the suggestion (the previous link, or Workplace's own mailbox for the area) is shown.
  const [picked, setPicked] = useState<string | null>(null);
  const chosen = picked ?? suggestion ?? '';
  if (area.link?.isEnabled) {
    return (
      <div className={styles.action}>
        <span>{area.link.mailbox}</span>
        {progress ? <SyncProgressText progress={progress} /> : null}
        <Button
          size="small"
          aria-label={`Unlink ${area.name}`}
          disabled={isBusy}
          onClick={() => onUnlink(area.link!.mailbox)}
        >
          Unlink
        </Button>
      </div>
    );
  }
  return (
    <div className={styles.action}>
      <Select
        size="small"
        className={styles.picker}
        aria-label={`Exchange room for ${area.name}`}
        value={chosen}
        onChange={(_event, data) => setPicked(data.value)}
      >
        <option value="">Not linked</option>
        {freeRooms.map((room) => (
          <option key={room.mailbox} value={room.mailbox}>
            {room.displayName} ({room.mailbox})
          </option>
        ))}
      </Select>
      <Button
        size="small"
        appearance="primary"
        aria-label={`Link ${area.name}`}
        disabled={!chosen || isBusy}
        onClick={() => onLink(area.areaId, chosen)}
      >
        Link
      </Button>
    </div>
  );
}

/** Workplace areas and Exchange rooms side by side: link an area to a free room, unlink, follow the first sync. */
export function RoomLinksView({ links, progress, busyArea, onLink, onUnlink }: RoomLinksViewProps) {
  const styles = useStyles();
  const freeRooms = links.exchangeRooms.filter((room) => !room.isEnabled);
  const areaName = new Map(links.areas.map((area) => [area.areaId, area.name]));
  return (
    <div className={styles.sides}>
      <section className={styles.side} aria-labelledby="areas-heading">
        <h2 id="areas-heading" className={styles.heading}>
          Workplace areas ({links.areas.length})
        </h2>
        <Table size="small" className={styles.table} aria-labelledby="areas-heading">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Area</TableHeaderCell>
              <TableHeaderCell>Building</TableHeaderCell>
              <TableHeaderCell>Seats</TableHeaderCell>
              <TableHeaderCell>Exchange room</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {links.areas.map((area) => (
              <TableRow key={area.areaId}>
                <TableCell>{area.name}</TableCell>
                <TableCell>{area.building}</TableCell>
                <TableCell>{area.capacity}</TableCell>
                <TableCell>
                  <AreaLinkCell
                    area={area}
                    freeRooms={freeRooms}
                    progress={area.link ? progress[area.link.mailbox] : undefined}
                    isBusy={busyArea === area.areaId}
                    onLink={onLink}
                    onUnlink={onUnlink}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
      <section className={styles.side} aria-labelledby="rooms-heading">
        <h2 id="rooms-heading" className={styles.heading}>
          Exchange rooms ({links.exchangeRooms.length})
        </h2>
        <Table size="small" className={styles.table} aria-labelledby="rooms-heading">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Room</TableHeaderCell>
              <TableHeaderCell>Mailbox</TableHeaderCell>
              <TableHeaderCell>Seats</TableHeaderCell>
              <TableHeaderCell>Linked to</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {links.exchangeRooms.map((room) => (
              <TableRow key={room.mailbox}>
                <TableCell>{room.displayName}</TableCell>
                <TableCell>{room.mailbox}</TableCell>
                <TableCell>{room.capacity ?? '—'}</TableCell>
                <TableCell>
                  {room.isEnabled && room.linkedAreaId
                    ? (areaName.get(room.linkedAreaId) ?? room.linkedAreaId)
                    : 'Not linked'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
    </div>
  );
}
