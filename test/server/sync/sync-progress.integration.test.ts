import { afterAll, beforeAll, expect, test } from 'vitest';
import { syncRoom } from '../../../server/src/sync/sync-room.js';
import type { SyncRunProgress } from '../../../server/src/sync/sync-room.js';
import { createTestPglite } from '../../support/test-db.js';
import type { Database } from '../../../server/src/storage/create-db.js';
import { startTwoWayHarness } from './support/two-way-harness.js';
import type { TwoWayHarness } from './support/two-way-harness.js';

// A room's full resync tells how far it is (the console's progress bar after linking): the bookings it
// read, then every tenth applied, then all of them.

const ARDENNES = 'room-brussels-1.01@contoso.com';

let database: Database;
let h: TwoWayHarness;

beforeAll(async () => {
  database = await createTestPglite();
  h = await startTwoWayHarness(database);
  await h.reset();
});
afterAll(async () => {
  await h.close();
  await database.close();
});

test('a full resync reports the bookings found, then synced ten at a time, then all', async () => {
  // 23 weekdays (the demo rooms are closed at weekends) from Monday 4 March 2030.
  const days = Array.from({ length: 31 }, (_, index) => new Date(Date.UTC(2030, 2, 4 + index)))
    .filter((day) => day.getUTCDay() !== 0 && day.getUTCDay() !== 6)
    .slice(0, 23)
    .map((day) => day.toISOString().slice(0, 10));
  for (const day of days) {
    await h.outlook('adele.vance@contoso.com', {
      action: 'create',
      meeting: {
        subject: `Stand-up ${day}`,
        start: { dateTime: `${day}T09:00:00`, timeZone: 'Europe/Brussels' },
        end: { dateTime: `${day}T09:15:00`, timeZone: 'Europe/Brussels' },
        rooms: [ARDENNES],
      },
    });
  }
  const reports: SyncRunProgress[] = [];
  await syncRoom(ARDENNES, h.deps, { fullResync: true, onProgress: async (progress) => void reports.push(progress) });

  const found = reports[0]!.found;
  expect(found).toBeGreaterThanOrEqual(days.length);
  expect(reports[0]).toEqual({ found, synced: 0 });
  expect(reports.at(-1)).toEqual({ found, synced: found });
  expect(reports.slice(1, -1).map((report) => report.synced)).toEqual(
    Array.from({ length: Math.ceil(found / 10) - 1 }, (_, index) => (index + 1) * 10),
  );
  expect(h.reservations().filter((reservation) => reservation.subject.startsWith('Stand-up'))).toHaveLength(
    days.length,
  );
});
