import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import { syncRoom } from '../../../server/src/sync/sync-room.js';
import { syncReservations } from '../../../server/src/sync/sync-reservations.js';
import type { SyncDeps } from '../../../server/src/sync/sync-room.js';
import type { ReservationSystem } from '../../../server/src/sync/ports.js';
import { pendingReservations } from '../../../server/src/storage/schema.js';
import { createTestPglite } from '../../support/test-db.js';
import type { Database } from '../../../server/src/storage/create-db.js';
import { startTwoWayHarness } from './support/two-way-harness.js';
import type { TwoWayHarness } from './support/two-way-harness.js';

// A newly linked room's first sync books every meeting of its calendar in Workplace. It writes them a
// page at a time (links, write-ahead notes and log in a few statements for the page, one Workplace
// listing to look for reservations an earlier run made), and a run killed in the middle of a page still
// books no meeting twice.

const ARDENNES = 'room-brussels-1.01@contoso.com';
const ADELE = 'adele.vance@contoso.com';

let database: Database;
let h: TwoWayHarness;

beforeAll(async () => {
  database = await createTestPglite();
  h = await startTwoWayHarness(database);
});
beforeEach(() => h.reset());
afterAll(async () => {
  await h.close();
  await database.close();
});

/** `count` weekdays from Monday 4 March 2030 (the demo rooms are closed at weekends). */
function weekdays(count: number): string[] {
  return Array.from({ length: count * 2 }, (_, index) => new Date(Date.UTC(2030, 2, 4 + index)))
    .filter((day) => day.getUTCDay() !== 0 && day.getUTCDay() !== 6)
    .slice(0, count)
    .map((day) => day.toISOString().slice(0, 10));
}

async function bookStandUps(days: string[]) {
  const meetings = [];
  for (const day of days) {
    meetings.push(
      await h.outlook(ADELE, {
        action: 'create',
        meeting: {
          subject: `Stand-up ${day}`,
          start: { dateTime: `${day}T09:00:00`, timeZone: 'Europe/Brussels' },
          end: { dateTime: `${day}T09:15:00`, timeZone: 'Europe/Brussels' },
          rooms: [ARDENNES],
        },
      }),
    );
  }
  return meetings;
}

type Queryable = { query: (...args: unknown[]) => unknown; exec: (...args: unknown[]) => unknown };

/** The SQL statements `work` sends to PGlite (drizzle's queries and transactions alike). */
async function countStatements(client: PGlite, work: () => Promise<unknown>): Promise<number> {
  const target = client as unknown as Queryable & { transaction: (run: (tx: Queryable) => unknown) => unknown };
  const original = { query: target.query, exec: target.exec, transaction: target.transaction };
  let count = 0;
  const counted = (queryable: Queryable) => {
    const { query, exec } = queryable;
    queryable.query = (...args) => ((count += 1), query.apply(queryable, args));
    queryable.exec = (...args) => ((count += 1), exec.apply(queryable, args));
    return queryable;
  };
  counted(target);
  target.transaction = (run) => original.transaction.call(target, (tx: Queryable) => run(counted(tx)));
  try {
    await work();
  } finally {
    Object.assign(target, original);
  }
  return count;
}

/** The Workplace ports, counting the lookups for reservations an earlier run made. */
function countingLookups(deps: SyncDeps) {
  const lookups = { count: 0 };
  const reservations: ReservationSystem = {
    ...deps.reservations,
    findByExternalRef: (...args) => ((lookups.count += 1), deps.reservations.findByExternalRef(...args)),
    findByExternalRefs: (...args) => ((lookups.count += 1), deps.reservations.findByExternalRefs(...args)),
  };
  return { deps: { ...deps, reservations }, lookups };
}

const liveStandUps = () =>
  h
    .reservations()
    .filter((reservation) => reservation.status !== 'cancelled' && reservation.subject.startsWith('Stand-up'));

test('a first sync of 60 meetings sends under two SQL statements per meeting and one Workplace lookup per page', async () => {
  const days = weekdays(60);
  await bookStandUps(days);
  if (database.kind !== 'pglite') throw new Error('the statement count needs PGlite');
  const { deps, lookups } = countingLookups(h.deps);

  const statements = await countStatements(database.client, () => syncRoom(ARDENNES, deps));

  // One meeting at a time this was nine statements (three reads, the write-ahead note, the link, its
  // note's removal, the log) and a lookup before each create; now one read before each create and a few per page.
  expect(statements / days.length).toBeLessThan(2);
  expect(lookups.count).toBeLessThanOrEqual(2);
  expect(
    liveStandUps()
      .map((reservation) => reservation.start.slice(0, 10))
      .sort(),
  ).toEqual(days);
  expect(await database.db.select().from(pendingReservations)).toEqual([]);
});

test("the feed's echo of a first sync's creates reads no reservation; a kiosk edit after them is read and reverted", async () => {
  const days = weekdays(12);
  await bookStandUps(days);
  await syncRoom(ARDENNES, h.deps);
  const reads: string[] = [];
  const counting = {
    ...h.deps,
    reservations: {
      ...h.deps.reservations,
      getReservation: (reservationId: string) => (
        reads.push(reservationId),
        h.deps.reservations.getReservation(reservationId)
      ),
    },
  };

  const echoes = await countStatements(database.client as PGlite, () => syncReservations(counting));

  expect(reads).toEqual([]);
  expect(echoes).toBeLessThan(10); // the cursor, the quarantine, the links of all twelve, the new cursor
  const [edited] = liveStandUps();
  await h.kiosk.edit(edited!.id, { subject: 'Stand-up, moved to the kiosk' });
  await syncReservations(counting);
  expect(reads).toEqual([edited!.id]);
  // Read and acted on: an Outlook meeting's subject is the organizer's, so Workplace's edit is reverted.
  expect(h.reservations().find((reservation) => reservation.id === edited!.id)?.subject).toBe(edited!.subject);
});

test('a first sync killed after some creates of a page books nothing twice, a meeting moved meanwhile included', async () => {
  const days = weekdays(12);
  const meetings = await bookStandUps(days);
  let creates = 0;
  const dying: SyncDeps = {
    ...h.deps,
    reservations: {
      ...h.deps.reservations,
      createReservation: async (...args) => {
        const created = await h.deps.reservations.createReservation(...args);
        creates += 1;
        if (creates === 5) throw new Error('worker killed');
        return created;
      },
    },
  };
  await expect(syncRoom(ARDENNES, dying)).rejects.toThrow('worker killed');
  expect(liveStandUps()).toHaveLength(5);

  // The organizer moves the third meeting (booked in Workplace, not linked) to the afternoon.
  await h.outlook(ADELE, {
    action: 'update',
    eventId: meetings[2]!.id,
    changes: {
      start: { dateTime: `${days[2]}T15:00:00`, timeZone: 'Europe/Brussels' },
      end: { dateTime: `${days[2]}T15:30:00`, timeZone: 'Europe/Brussels' },
    },
  });
  await syncRoom(ARDENNES, h.deps);

  const live = liveStandUps();
  expect(live.map((reservation) => reservation.start.slice(0, 10)).sort()).toEqual(days);
  expect(live.find((reservation) => reservation.start.startsWith(days[2]!))).toMatchObject({
    start: `${days[2]}T15:00:00`,
    end: `${days[2]}T15:30:00`,
  });
  expect(await database.db.select().from(pendingReservations)).toEqual([]);
});
