import { eq } from 'drizzle-orm';
import { createRoomDirectory } from '../adapters/workplace/room-directory.js';
import type { RoomDirectory, RoomDirectoryEntry } from '../adapters/workplace/room-directory.js';
import type { WorkplaceClient } from '../adapters/workplace/workplace-client.js';
import type { Db } from '../storage/create-db.js';
import { rooms } from '../storage/schema.js';

const CACHE_MS = 60_000;

/**
 * The room directory the sync reads: which Workplace area is linked to which room mailbox comes from
 * our `rooms` table (what the admin linked), the building zones from Workplace's master data, which
 * changes rarely and is cached for a minute.
 */
export function createRoomDirectorySource({
  db,
  workplace,
  now,
}: {
  db: Db;
  workplace: WorkplaceClient;
  now: () => Date;
}) {
  let zones: { at: number; zoneOfArea: Map<string, string> } | null = null;

  async function zoneOfArea(): Promise<Map<string, string>> {
    if (zones && now().getTime() - zones.at < CACHE_MS) return zones.zoneOfArea;
    const [buildings, areas] = await Promise.all([workplace.listBuildings(), workplace.listAreas()]);
    const zoneOfBuilding = new Map(buildings.map((building) => [building.id, building.timeZone]));
    const zoneOfArea = new Map(
      areas.flatMap((area) => {
        const zone = zoneOfBuilding.get(area.buildingId);
        return zone ? [[area.id, zone] as const] : [];
      }),
    );
    zones = { at: now().getTime(), zoneOfArea };
    return zoneOfArea;
  }

  return {
    async directory(): Promise<RoomDirectory> {
      const [links, zoneMap] = await Promise.all([
        db.select().from(rooms).where(eq(rooms.isEnabled, true)),
        zoneOfArea(),
      ]);
      const linked = new Set(links.map((link) => link.workplaceAreaId));
      const entries: RoomDirectoryEntry[] = [
        ...links.map((link) => ({
          areaId: link.workplaceAreaId,
          mailbox: link.mailbox,
          timeZone: zoneMap.get(link.workplaceAreaId) ?? 'UTC',
        })),
        ...[...zoneMap]
          .filter(([areaId]) => !linked.has(areaId))
          .map(([areaId, timeZone]) => ({ areaId, mailbox: null, timeZone })),
      ];
      return createRoomDirectory(entries);
    },
    /** The IANA zone of a linked room's building: the zone its calendar is read in. */
    async zoneOfMailbox(mailbox: string): Promise<string> {
      const directory = await this.directory();
      const areaId = directory.areaOfMailbox(mailbox);
      return (areaId && directory.timeZoneOfArea(areaId)) || 'UTC';
    },
    invalidate() {
      zones = null;
    },
  };
}

export type RoomDirectorySource = ReturnType<typeof createRoomDirectorySource>;
