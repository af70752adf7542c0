import { afterAll, beforeAll, expect, test } from 'vitest';
import { readRoomHealth } from '../../../server/src/admin/room-health.js';
import type { Database } from '../../../server/src/storage/create-db.js';
import { failedItems, rooms } from '../../../server/src/storage/schema.js';
import { createTestPglite } from '../../support/test-db.js';

let database: Database;
beforeAll(async () => {
  database = await createTestPglite();
});
afterAll(() => database.close());

const ARDENNES = 'room-brussels-1.01@contoso.com';

test('a room’s open items count its set-aside meetings (a declined hold, a quarantined change) with its failed jobs', async () => {
  await database.db.insert(rooms).values({
    workplaceAreaId: 'a-bru-1.01',
    mailbox: ARDENNES,
    displayName: 'Ardennes',
    buildingId: 'b-bru',
  });
  const item = (kind: string, key: string) => ({ kind, key, payload: {}, error: 'x', nextAttemptAt: new Date() });
  await database.db
    .insert(failedItems)
    .values([
      item('job:room-sync', ARDENNES),
      item('quarantine:exchange-to-workplace', `${ARDENNES} AAMk-1`),
      item('quarantine:exchange-to-workplace', `${ARDENNES} declined 7f1c`),
      item('quarantine:exchange-to-workplace', 'room-brussels-1.02@contoso.com AAMk-2'),
    ]);
  const [health] = await readRoomHealth({
    db: database.db,
    workplace: { listAreas: async () => [] },
    exchangeSettingsOf: async () => null,
  });
  expect(health).toMatchObject({ mailbox: ARDENNES, openFailedItems: 3 });
});
