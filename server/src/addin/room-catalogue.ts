import type { Room, RoomsQuery, RoomsResponse } from '@workplace-sync/shared';
import type { WorkplaceClient } from '../adapters/workplace/index.js';

/** The Workplace operations the add-in API uses. */
export type AddinWorkplace = Pick<
  WorkplaceClient,
  | 'listBuildings'
  | 'listFloors'
  | 'listAreas'
  | 'listAssets'
  | 'listCatalogItems'
  | 'getAvailability'
  | 'listReservations'
  | 'getReservation'
  | 'createReservation'
  | 'updateReservation'
  | 'cancelReservation'
>;

// The catalogue is the tenant's, the same for every user; the office location is added per request.
export type RoomCatalogue = Omit<RoomsResponse, 'officeLocation'> & {
  roomById: Map<string, Room>;
  /** Lower-case mailbox → room. */
  roomByMailbox: Map<string, Room>;
  /** Names of every area, asset and catalog item, for reservation lines. */
  nameOf: (type: 'area' | 'asset' | 'catalogItem', id: string) => string;
};

export type RoomCatalogueOptions = {
  ttlMs?: number;
  now?: () => number;
  /**
   * Which room mailbox each area is linked to, as the sync has it (the console's room links): the one
   * source of truth for "linked" in the pane, read on every load so a link or unlink shows at once.
   * Without it (an add-in API without a sync, in tests), Workplace's own `exchangeMailbox` is used.
   */
  linkedMailboxes?: () => Promise<{ mailboxOfArea(areaId: string): string | null }>;
};

/**
 * Workplace master data as the add-in sees it: reservable meeting rooms with their building's zone and
 * their Exchange mailbox (null when not linked: shown, never hidden), assets and catalog items. Master
 * data changes rarely, so it is cached for `ttlMs`; the links are not.
 */
export function createRoomCatalogue(
  workplace: Pick<AddinWorkplace, 'listBuildings' | 'listFloors' | 'listAreas' | 'listAssets' | 'listCatalogItems'>,
  options: RoomCatalogueOptions = {},
) {
  const ttlMs = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  let cached: { at: number; catalogue: Promise<RoomCatalogue> } | null = null;

  async function fetchCatalogue(): Promise<RoomCatalogue> {
    const [buildings, floors, areas, assets, catalogItems] = await Promise.all([
      workplace.listBuildings(),
      workplace.listFloors(),
      workplace.listAreas(),
      workplace.listAssets(),
      workplace.listCatalogItems(),
    ]);
    const zoneOf = new Map(buildings.map((building) => [building.id, building.timeZone]));
    const rooms: Room[] = areas
      .filter((area) => area.type === 'meetingRoom' && area.reservable && zoneOf.has(area.buildingId))
      .map((area) => ({
        id: area.id,
        name: area.name,
        buildingId: area.buildingId,
        floorId: area.floorId,
        capacity: area.capacity,
        equipment: area.equipment,
        mailbox: area.exchangeMailbox?.toLowerCase() ?? null,
        timeZone: zoneOf.get(area.buildingId)!,
        approvalRequired: area.approvalRequired,
        cateringAllowed: area.cateringAllowed,
        bookingWindowDays: area.bookingWindowDays,
      }));
    const names = new Map<string, string>([
      ...areas.map((area) => [`area:${area.id}`, area.name] as const),
      ...assets.map((asset) => [`asset:${asset.id}`, asset.name] as const),
      ...catalogItems.map((item) => [`catalogItem:${item.id}`, item.name] as const),
    ]);
    return {
      buildings: buildings.map(({ id, name, timeZone }) => ({ id, name, timeZone })),
      floors: floors.map(({ id, buildingId, name, level }) => ({ id, buildingId, name, level })),
      rooms,
      assets: assets
        .filter((asset) => asset.reservable)
        .map(({ id, name, kind, buildingId, approvalRequired }) => ({ id, name, kind, buildingId, approvalRequired })),
      catalogItems: catalogItems.map(({ id, name, category, unit }) => ({ id, name, category, unit })),
      ...indexed(rooms),
      nameOf: (type, id) => names.get(`${type}:${id}`) ?? id,
    };
  }

  function masterData(): Promise<RoomCatalogue> {
    if (!cached || now() - cached.at > ttlMs) {
      const catalogue = fetchCatalogue();
      cached = { at: now(), catalogue };
      // A failed load is not cached: the next call tries again.
      catalogue.catch(() => {
        if (cached?.catalogue === catalogue) cached = null;
      });
    }
    return cached.catalogue;
  }

  return {
    async load(): Promise<RoomCatalogue> {
      if (!options.linkedMailboxes) return masterData();
      const [catalogue, links] = await Promise.all([masterData(), options.linkedMailboxes()]);
      const rooms = catalogue.rooms.map((room) => ({ ...room, mailbox: links.mailboxOfArea(room.id) }));
      return { ...catalogue, rooms, ...indexed(rooms) };
    },
  };
}

export type RoomCatalogueSource = ReturnType<typeof createRoomCatalogue>;

const indexed = (rooms: Room[]) => ({
  roomById: new Map(rooms.map((room) => [room.id, room])),
  roomByMailbox: new Map(rooms.flatMap((room) => (room.mailbox ? [[room.mailbox, room] as const] : []))),
});

/** The rooms that pass the add-in's filters (every equipment item must be present). */
export function filterRooms(rooms: Room[], filters: RoomsQuery & { roomIds?: string[] | undefined }): Room[] {
  return rooms.filter(
    (room) =>
      (!filters.roomIds || filters.roomIds.includes(room.id)) &&
      (!filters.buildingId || room.buildingId === filters.buildingId) &&
      (!filters.floorId || room.floorId === filters.floorId) &&
      (!filters.minCapacity || room.capacity >= filters.minCapacity) &&
      (filters.equipment ?? []).every((item) => room.equipment.includes(item)),
  );
}
