import { eq } from 'drizzle-orm';
import { createRoomDirectory } from '../adapters/workplace/room-directory.js';
import type { RoomDirectory, RoomDirectoryEntry } from '../adapters/workplace/room-directory.js';
import type { WorkplaceClient } from '../adapters/workplace/workplace-client.js';
import { currentJob } from '../observability/job-context.js';
import type { JobContext } from '../observability/job-context.js';
import type { Db } from '../storage/create-db.js';
import { rooms } from '../storage/schema.js';

const CACHE_MS = 60_000;

/**
 * The room directory the sync reads: which Workplace area is linked to which room mailbox comes from
 * our `rooms` table (what the admin linked), the building zones from Workplace's master data, which
 * changes rarely and is cached for a minute.
 *
 * Inside a job the directory is read once per job run and shared by every call of that run: the sync
 * asks for it about three times per booking, and reading every linked room each time made a room's
 * sync cost grow with the number of rooms (bench/RESULTS.md, scale). A room linked or unlinked while
 * a run is under way is seen by the next run, as if the change had committed just after it started.
 * Outside a job (requests) it is read on every call.
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

  async function readDirectory(): Promise<RoomDirectory> {
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
  }

  const directoryOfJob = new WeakMap<JobContext, Promise<RoomDirectory>>();

  return {
    directory(): Promise<RoomDirectory> {
      const job = currentJob();
      if (!job) return readDirectory();
      let read = directoryOfJob.get(job);
      if (!read) {
        read = readDirectory();
        directoryOfJob.set(job, read);
        // A failed read is not remembered: the next call of the run tries again.
        read.catch(() => directoryOfJob.delete(job));
      }
      return read;
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
