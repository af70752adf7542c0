import { createGraphEmulator, demoSeed, DEMO_SYNC_APP, DEMO_TENANT_ID } from '../../../../emulators/src/graph/index.js';
import type { GraphEmulatorOptions, OutlookMeeting } from '../../../../emulators/src/graph/index.js';
import type { RoomBookingSettings } from '../../../../emulators/src/graph/directory/room-booking-settings.js';
import { createWorkplaceEmulator, workplaceDemoSeed } from '../../../../emulators/src/workplace/index.js';
import {
  createGraphAdapter,
  createHttpsFetch,
  createMsalTokenSource,
} from '../../../../server/src/adapters/graph/index.js';
import { createGraphRoomCalendar } from '../../../../server/src/adapters/graph/graph-room-calendar.js';
import { createRoomDirectory } from '../../../../server/src/adapters/workplace/room-directory.js';
import { createWorkplaceChangeFeed } from '../../../../server/src/adapters/workplace/workplace-change-feed.js';
import { createWorkplaceClient } from '../../../../server/src/adapters/workplace/workplace-client.js';
import { createWorkplaceReservationSystem } from '../../../../server/src/adapters/workplace/workplace-reservation-system.js';
import type { Database } from '../../../../server/src/storage/create-db.js';
import { rooms } from '../../../../server/src/storage/schema.js';
import { createSyncStore } from '../../../../server/src/storage/sync-store.js';
import type { SyncDeps } from '../../../../server/src/sync/sync-room.js';
import { truncateAllTables } from '../../../support/test-db.js';
import { startOrganizerPane } from './organizer-pane.js';

/** Emulated time for both systems: Monday 4 March 2030 is three days ahead. */
export const HARNESS_NOW = new Date('2030-03-01T08:00:00Z');
const DAY_MS = 86_400_000;

/** Workplace areas whose mailbox both emulators' demo data know. */
export const LINKED_AREAS = workplaceDemoSeed.areas.filter((area) => area.exchangeMailbox);

const zoneOfBuilding = (buildingId: string) =>
  workplaceDemoSeed.buildings.find((building) => building.id === buildingId)!.timeZone;

/**
 * Both emulators in-process (Graph over HTTPS on a free port, Workplace over HTTP on another), the
 * production adapters connected to them as `npm start` connects them, and the sync's store on `database`.
 * Time is emulated and frozen; Workplace reads the Graph emulator's clock.
 */
export async function startTwoWayHarness(
  database: Database,
  {
    subjectRewritingRooms = [],
    roomSettings = {},
    ...options
  }: Partial<GraphEmulatorOptions> & {
    subjectRewritingRooms?: string[];
    /** Calendar processing of particular rooms (Set-CalendarProcessing), over the recommended settings. */
    roomSettings?: Record<string, Partial<RoomBookingSettings>>;
  } = {},
) {
  // Rooms configured as docs/ recommends (subjects kept), except those a test wants with Exchange's defaults.
  const seed = {
    ...demoSeed,
    rooms: (demoSeed.rooms ?? [])
      .map((room) =>
        subjectRewritingRooms.includes(room.email)
          ? room
          : {
              ...room,
              bookingSettings: { ...room.bookingSettings, deleteSubject: false, addOrganizerToSubject: false },
            },
      )
      .map((room) =>
        roomSettings[room.email]
          ? { ...room, bookingSettings: { ...room.bookingSettings, ...roomSettings[room.email] } }
          : room,
      ),
  };
  const graphEmulator = await createGraphEmulator({
    tenantId: DEMO_TENANT_ID,
    seed,
    noise: 'none',
    clock: { now: HARNESS_NOW, frozen: true },
    ...options,
  });
  const { url: graphUrl } = await graphEmulator.listen(0, '127.0.0.1');
  const now = () => graphEmulator.control.clock.now();
  const workplaceEmulator = createWorkplaceEmulator({ now });
  const workplaceUrl = await workplaceEmulator.app.listen({ host: '127.0.0.1', port: 0 });

  const fetch = createHttpsFetch({ ca: graphEmulator.certificatePem });
  const graph = createGraphAdapter({
    baseUrl: graphUrl,
    fetch,
    tokens: createMsalTokenSource({
      clientId: DEMO_SYNC_APP.clientId,
      authority: `${graphUrl}/${DEMO_TENANT_ID}`,
      credential: { kind: 'secret', secret: DEMO_SYNC_APP.clientSecret },
      fetch,
    }),
    now,
    retry: { sleep: () => new Promise((resolve) => setTimeout(resolve, 1)) },
  });
  const entries = workplaceDemoSeed.areas.map((area) => ({
    areaId: area.id,
    mailbox: area.exchangeMailbox ?? null,
    timeZone: zoneOfBuilding(area.buildingId),
  }));
  const directory = createRoomDirectory(entries);
  const workplaceClient = createWorkplaceClient({
    baseUrl: workplaceUrl,
    apiKey: workplaceEmulator.apiKey,
    sleep: () => new Promise((resolve) => setTimeout(resolve, 1)),
    now,
  });
  const linkRooms = () =>
    database.db
      .insert(rooms)
      .values(
        LINKED_AREAS.map((area) => ({
          workplaceAreaId: area.id,
          mailbox: area.exchangeMailbox!,
          displayName: area.name,
          buildingId: area.buildingId,
        })),
      )
      .onConflictDoNothing();
  await linkRooms();

  const deps: SyncDeps = {
    calendar: createGraphRoomCalendar({
      graph,
      timeZoneOf: (mailbox) => entries.find((entry) => entry.mailbox === mailbox)?.timeZone ?? 'UTC',
      syncWindow: () => ({ start: new Date(now().getTime() - DAY_MS), end: new Date(now().getTime() + 180 * DAY_MS) }),
    }),
    reservations: createWorkplaceReservationSystem({
      client: workplaceClient,
      feed: createWorkplaceChangeFeed(workplaceClient),
      directory: async () => directory,
    }),
    store: createSyncStore(database.db, { now }),
    clock: { now },
    policy: 'latest-wins',
  };

  const touchpoint = async (method: 'POST' | 'PATCH', path: string, body?: unknown) => {
    const response = await workplaceEmulator.app.inject({
      method,
      url: `/_emulator/touchpoints${path}`,
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    if (response.statusCode >= 300)
      throw new Error(`touchpoint ${method} ${path}: ${response.statusCode} ${response.body}`);
    return response.json();
  };

  const pane = await startOrganizerPane(database, workplaceClient, now);

  return {
    graphEmulator,
    workplaceEmulator,
    graph,
    deps,
    now,
    /** The organizer's task pane (the add-in API): pick a room, report its decline. */
    pane,
    /** Books, edits or cancels in Outlook as `user`, then lets the rooms' booking attendants run. */
    async outlook(user: string, action: Parameters<typeof graphEmulator.control.actAsUser>[1]) {
      const result = graphEmulator.control.actAsUser(user, action);
      await graphEmulator.control.idle();
      return result as (Record<string, unknown> & { id: string }) | null;
    },
    meeting: (meeting: OutlookMeeting) => meeting,
    kiosk: {
      book: (body: unknown) => touchpoint('POST', '/kiosk/reservations', body),
      edit: (id: string, body: unknown) => touchpoint('PATCH', `/kiosk/reservations/${id}`, body),
      cancel: (id: string) => touchpoint('POST', `/kiosk/reservations/${id}/cancel`),
    },
    reservations: () => workplaceEmulator.snapshot().reservations,
    roomEvents: (mailbox: string) => graphEmulator.control.mailboxEvents(mailbox),
    /** Back to the seeds with nothing booked, an empty database and the starting time. */
    async reset() {
      graphEmulator.control.faults.clear();
      graphEmulator.control.reset(seed);
      await graphEmulator.control.clock.set(HARNESS_NOW);
      workplaceEmulator.clearFaults();
      workplaceEmulator.reset();
      await truncateAllTables(database.db);
      await linkRooms();
    },
    async close() {
      await pane.close();
      await workplaceEmulator.app.close();
      await graphEmulator.close();
    },
  };
}

export type TwoWayHarness = Awaited<ReturnType<typeof startTwoWayHarness>>;
