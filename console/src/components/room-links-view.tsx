import {
  Button,
  SearchBox,
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
import { isSameLocation } from '@workplace-sync/shared';
import type { ExchangeRoomSide, RoomLinks, SyncProgress, WorkplaceAreaSide } from '@workplace-sync/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RoomLinksFilter } from '../console-route.js';
import { useLocalizer } from '../i18n/use-localizer.js';
import { Pager, pageOf } from './pager.js';
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
  confirm: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    border: `1px solid ${tokens.colorPaletteRedBorder2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  search: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
});

const matches = (query: string, ...texts: Array<string | null | undefined>) =>
  texts.some((text) => text?.toLowerCase().includes(query));

export type RoomLinksViewProps = {
  links: RoomLinks;
  progress: Record<string, SyncProgress>;
  busyArea: string | null;
  filter: RoomLinksFilter;
  onFilterChange: (filter: RoomLinksFilter) => void;
  onLink: (areaId: string, mailbox: string) => void;
  /** Called once the admin confirmed, in the area's row. */
  onUnlink: (mailbox: string) => void;
};

/** The free rooms an area may link to: those Exchange does not place in another city or building. */
const roomsFor = (area: WorkplaceAreaSide, freeRooms: ExchangeRoomSide[]) =>
  freeRooms.filter((room) =>
    isSameLocation(
      { building: area.building, buildingAddress: area.buildingAddress, timeZone: area.timeZone },
      { city: room.city, building: room.building },
    ),
  );

function AreaLinkCell({
  area,
  freeRooms,
  progress,
  isBusy,
  onLink,
  onUnlink,
}: {
  area: WorkplaceAreaSide;
  /** Every free room: the picker offers those in the area's building (roomsFor). */
  freeRooms: RoomLinks['exchangeRooms'];
  progress: SyncProgress | undefined;
  isBusy: boolean;
  onLink: RoomLinksViewProps['onLink'];
  onUnlink: RoomLinksViewProps['onUnlink'];
}) {
  const styles = useStyles();
  const { t } = useLocalizer();
  // Unlinking asks first, in place (a closed Fluent Dialog leaves focus sentinels that axe reports).
  const [isConfirming, setIsConfirming] = useState(false);
  const cancelButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (isConfirming) cancelButton.current?.focus();
  }, [isConfirming]);
  // A building of 1,000 free rooms would put 1,000 options in each of the page's 50 pickers (50,000
  // elements, seconds per render and minutes for axe): until the picker is focused it holds only the
  // chosen room; focusing it (the click or key that opens it) fills in the rest.
  const [isExpanded, setIsExpanded] = useState(false);
  const rooms = useMemo(() => (isExpanded ? roomsFor(area, freeRooms) : []), [isExpanded, area, freeRooms]);
  const suggestion = [area.link?.mailbox, area.exchangeMailbox].find(
    (mailbox) =>
      mailbox &&
      roomsFor(
        area,
        freeRooms.filter((room) => room.mailbox === mailbox),
      ).length > 0,
  );
  // Until the admin picks one, the suggestion (the previous link, or Workplace's own mailbox for the area) is shown.
  const [picked, setPicked] = useState<string | null>(null);
  const chosen = picked ?? suggestion ?? '';
  if (area.link?.isEnabled) {
    const mailbox = area.link.mailbox;
    if (isConfirming) {
      return (
        <div role="group" aria-label={t('roomLinks.unlinkQuestion', { area: area.name })} className={styles.confirm}>
          <span>{t('roomLinks.unlinkExplained', { area: area.name, mailbox })}</span>
          <div className={styles.action}>
            <Button
              size="small"
              appearance="primary"
              onClick={() => {
                setIsConfirming(false);
                onUnlink(mailbox);
              }}
            >
              {t('roomLinks.unlink')}
            </Button>
            <Button size="small" ref={cancelButton} onClick={() => setIsConfirming(false)}>
              {t('roomLinks.cancel')}
            </Button>
          </div>
        </div>
      );
    }
    return (
      <div className={styles.action}>
        <span>{mailbox}</span>
        {progress ? <SyncProgressText progress={progress} /> : null}
        <Button
          size="small"
          aria-label={t('roomLinks.unlinkArea', { area: area.name })}
          disabled={isBusy}
          onClick={() => setIsConfirming(true)}
        >
          {t('roomLinks.unlink')}
        </Button>
      </div>
    );
  }
  return (
    <div className={styles.action}>
      <Select
        size="small"
        className={styles.picker}
        aria-label={t('roomLinks.roomFor', { area: area.name })}
        value={chosen}
        onChange={(_event, data) => setPicked(data.value)}
        onFocus={() => setIsExpanded(true)}
        onPointerDown={() => setIsExpanded(true)}
      >
        <option value="">{t('roomLinks.notLinked')}</option>
        {(isExpanded ? rooms : freeRooms.filter((room) => room.mailbox === chosen)).map((room) => (
          <option key={room.mailbox} value={room.mailbox}>
            {room.displayName} ({room.mailbox})
          </option>
        ))}
      </Select>
      <Button
        size="small"
        appearance="primary"
        aria-label={t('roomLinks.linkArea', { area: area.name })}
        disabled={!chosen || isBusy}
        onClick={() => onLink(area.areaId, chosen)}
      >
        {t('roomLinks.link')}
      </Button>
    </div>
  );
}

/**
 * Workplace areas and Exchange rooms side by side: search both, page through them (50 rows a page, so
 * 1,000 rooms render as fast as 50), link an area to a free room in the same place, unlink after a
 * confirmation, follow the first sync.
 */
export function RoomLinksView({
  links,
  progress,
  busyArea,
  filter,
  onFilterChange,
  onLink,
  onUnlink,
}: RoomLinksViewProps) {
  const styles = useStyles();
  const { t } = useLocalizer();
  const freeRooms = useMemo(() => links.exchangeRooms.filter((room) => !room.isEnabled), [links]);
  const areaName = useMemo(() => new Map(links.areas.map((area) => [area.areaId, area.name])), [links]);
  const query = filter.q.trim().toLowerCase();
  const areas = useMemo(
    () =>
      query
        ? links.areas.filter((area) => matches(query, area.name, area.building, area.areaId, area.link?.mailbox))
        : links.areas,
    [links, query],
  );
  const rooms = useMemo(
    () =>
      query
        ? links.exchangeRooms.filter((room) =>
            matches(
              query,
              room.displayName,
              room.mailbox,
              room.building,
              room.city,
              areaName.get(room.linkedAreaId ?? ''),
            ),
          )
        : links.exchangeRooms,
    [links, query, areaName],
  );
  const areaPage = pageOf(areas, filter.areaPage);
  const roomPage = pageOf(rooms, filter.roomPage);
  return (
    <>
      <div className={styles.search} role="search">
        <SearchBox
          aria-label={t('roomLinks.search')}
          placeholder={t('roomLinks.searchPlaceholder')}
          value={filter.q}
          onChange={(_event, data) => onFilterChange({ q: data.value, areaPage: 0, roomPage: 0 })}
        />
        <span aria-live="polite">
          {query
            ? t('roomLinks.matches', {
                areas: t('roomLinks.areasMatching', { count: areas.length }),
                rooms: t('roomLinks.roomsMatching', { count: rooms.length }),
              })
            : null}
        </span>
      </div>
      <div className={styles.sides}>
        <section className={styles.side} aria-labelledby="areas-heading">
          <h2 id="areas-heading" className={styles.heading}>
            {t('roomLinks.areasHeading', { count: links.areas.length })}
          </h2>
          <Pager
            label={t('roomLinks.areas')}
            page={areaPage.page}
            pages={areaPage.pages}
            total={areas.length}
            onPage={(page) => onFilterChange({ ...filter, areaPage: page })}
          />
          <Table size="small" className={styles.table} aria-labelledby="areas-heading">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('roomLinks.area')}</TableHeaderCell>
                <TableHeaderCell>{t('roomLinks.building')}</TableHeaderCell>
                <TableHeaderCell>{t('roomLinks.seats')}</TableHeaderCell>
                <TableHeaderCell>{t('roomLinks.exchangeRoom')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {areaPage.rows.map((area) => (
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
            {t('roomLinks.roomsHeading', { count: links.exchangeRooms.length })}
          </h2>
          <Pager
            label={t('roomLinks.rooms')}
            page={roomPage.page}
            pages={roomPage.pages}
            total={rooms.length}
            onPage={(page) => onFilterChange({ ...filter, roomPage: page })}
          />
          <Table size="small" className={styles.table} aria-labelledby="rooms-heading">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('roomLinks.room')}</TableHeaderCell>
                <TableHeaderCell>{t('roomLinks.mailbox')}</TableHeaderCell>
                <TableHeaderCell>{t('roomLinks.seats')}</TableHeaderCell>
                <TableHeaderCell>{t('roomLinks.linkedTo')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {roomPage.rows.map((room) => (
                <TableRow key={room.mailbox}>
                  <TableCell>{room.displayName}</TableCell>
                  <TableCell>{room.mailbox}</TableCell>
                  <TableCell>{room.capacity ?? '—'}</TableCell>
                  <TableCell>
                    {room.isEnabled && room.linkedAreaId
                      ? (areaName.get(room.linkedAreaId) ?? room.linkedAreaId)
                      : t('roomLinks.notLinked')}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      </div>
    </>
  );
}
