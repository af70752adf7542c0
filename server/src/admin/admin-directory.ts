import type { RoomLinks } from '@workplace-sync/shared';
import type { PlaceRoom } from '../adapters/graph/operations/places.js';
import type { WorkplaceClient } from '../adapters/workplace/workplace-client.js';
import type { WorkplaceArea } from '../adapters/workplace/workplace-schemas.js';
import { AppError } from '../errors.js';
import type { Db } from '../storage/create-db.js';
import { rooms } from '../storage/schema.js';
import type { RoomRow } from '../storage/schema.js';
import type { RoomToLink } from './room-linker.js';

export type AdminDirectoryDeps = {
  db: Db;
  workplace: Pick<WorkplaceClient, 'listAreas' | 'listBuildings'>;
  /** Exchange's rooms (Graph places: needs Place.Read.All). */
  listExchangeRooms: () => Promise<PlaceRoom[]>;
};

/**
 * Both directories side by side: Workplace's meeting-room areas (with their buildings) and Exchange's
 * room mailboxes (Graph places), with the links between them from our `rooms` table.
 */
export function createAdminDirectory({ db, workplace, listExchangeRooms }: AdminDirectoryDeps) {
  const readAll = async () => {
    const [areas, buildings, exchangeRooms, links] = await Promise.all([
      workplace.listAreas({ type: 'meetingRoom' }),
      workplace.listBuildings(),
      listExchangeRooms(),
      db.select().from(rooms),
    ]);
    return { areas, buildings, exchangeRooms, links };
  };

  const readPairs = () => readPairsFrom(workplace, listExchangeRooms);

  return {
    readAll,
    async roomLinks(): Promise<RoomLinks> {
      const { areas, buildings, exchangeRooms, links } = await readAll();
      const buildingOf = new Map(buildings.map((building) => [building.id, building]));
      const linkOfArea = new Map(links.map((link) => [link.workplaceAreaId, link]));
      const linkOfMailbox = new Map(links.map((link) => [link.mailbox, link]));
      return {
        areas: areas
          .map((area) => {
            const link = linkOfArea.get(area.id);
            return {
              areaId: area.id,
              name: area.name,
              building: buildingOf.get(area.buildingId)?.name ?? area.buildingId,
              buildingAddress: buildingOf.get(area.buildingId)?.address ?? null,
              timeZone: buildingOf.get(area.buildingId)?.timeZone ?? null,
              capacity: area.capacity,
              exchangeMailbox: area.exchangeMailbox?.toLowerCase() ?? null,
              link: link ? { mailbox: link.mailbox, isEnabled: link.isEnabled } : null,
            };
          })
          .sort((a, b) => a.building.localeCompare(b.building) || a.name.localeCompare(b.name)),
        exchangeRooms: exchangeRooms
          .map((room) => {
            const link: RoomRow | undefined = linkOfMailbox.get(room.email.toLowerCase());
            return {
              mailbox: room.email.toLowerCase(),
              displayName: room.displayName,
              building: room.building,
              city: room.city,
              capacity: room.capacity,
              linkedAreaId: link?.workplaceAreaId ?? null,
              isEnabled: link?.isEnabled ?? false,
            };
          })
          .sort((a, b) => a.mailbox.localeCompare(b.mailbox)),
      };
    },
    /** The area and the room, checked to exist on their sides (404 otherwise), as a row to link. */
    async requirePair(areaId: string, mailbox: string): Promise<RoomToLink> {
      return (await readPairs())(areaId, mailbox);
    },
    readPairs,
  };
}

/**
 * Both directories read once, then any number of pairs checked against them: a bulk link of 1,000
 * rooms reads each directory once, not once per room.
 */
async function readPairsFrom(
  workplace: AdminDirectoryDeps['workplace'],
  listExchangeRooms: AdminDirectoryDeps['listExchangeRooms'],
): Promise<(areaId: string, mailbox: string) => RoomToLink> {
  const [areas, exchangeRooms] = await Promise.all([workplace.listAreas({ type: 'meetingRoom' }), listExchangeRooms()]);
  const areaById = new Map<string, WorkplaceArea>(areas.map((area) => [area.id, area]));
  const roomByMailbox = new Map(exchangeRooms.map((room) => [room.email.toLowerCase(), room]));
  return (areaId, mailbox) => {
    const area = areaById.get(areaId);
    if (!area) throw new AppError('NOT_FOUND', `Workplace has no meeting room ${areaId}`);
    const room = roomByMailbox.get(mailbox.toLowerCase());
    if (!room) throw new AppError('NOT_FOUND', `Exchange has no room mailbox ${mailbox}`);
    return { areaId, mailbox: room.email.toLowerCase(), displayName: area.name, buildingId: area.buildingId };
  };
}

export type AdminDirectory = ReturnType<typeof createAdminDirectory>;
