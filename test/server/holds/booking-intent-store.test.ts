import { afterAll, beforeAll, expect, test } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { createDrizzleBookingIntentStore } from '../../../server/src/holds/booking-intent-store.js';
import type { Database } from '../../../server/src/storage/create-db.js';
import { bookingLinks, failedItems } from '../../../server/src/storage/schema.js';
import { createTestPglite } from '../../support/test-db.js';

let database: Database;
beforeAll(async () => {
  database = await createTestPglite();
});
afterAll(() => database.close());

test('the drizzle store writes the booking_intents rows the sync reads, lower-casing addresses', async () => {
  const store = createDrizzleBookingIntentStore(database.db);
  const created = await store.create({
    organizerEmail: 'Ann.Organizer@Contoso.com',
    ownerId: 'tenant-1/oid-ann',
    mailbox: 'Room-Brussels-0.01@contoso.com',
    workplaceReservationId: 'r-1',
    lines: [
      { kind: 'room', objectId: 'a-bru-0.01', status: 'tentative' },
      { kind: 'catering', objectId: 'ci-coffee', quantity: 6, status: 'tentative' },
    ],
    startAt: new Date('2026-03-02T09:00:00Z'),
    endAt: new Date('2026-03-02T10:00:00Z'),
    expiresAt: new Date('2026-03-02T08:30:00Z'),
  });
  expect(created).toMatchObject({
    organizerEmail: 'ann.organizer@contoso.com',
    mailbox: 'room-brussels-0.01@contoso.com',
    status: 'held',
  });
  expect(await store.get(created.id)).toEqual(created);
  expect(await store.get('not-a-uuid')).toBeNull();
  expect(await store.findByReservationId('r-1')).toEqual(created);
  const { id: _id, status: _status, ...fields } = created;
  const alternative = await store.create({
    ...fields,
    workplaceReservationId: 'r-2',
    alternativeOf: created.id,
    expiresAt: new Date('2026-03-02T08:30:00Z'),
  });
  expect(await store.findAlternatives(created.id)).toEqual([alternative]);
  // Active holds: held and not expired, of this owner only.
  expect(await store.countActiveHolds('tenant-1/oid-ann', new Date('2026-03-02T08:00:00Z'))).toBe(2);
  expect(await store.countActiveHolds('tenant-1/oid-ann', new Date('2026-03-02T08:31:00Z'))).toBe(0);
  expect(await store.countActiveHolds('tenant-1/oid-bob', new Date('2026-03-02T08:00:00Z'))).toBe(0);
  await store.markReleased(alternative.id);
  await store.markReleased(created.id);
  expect((await store.get(created.id))!.status).toBe('released');

  expect(await store.isLinkedToExchange('r-1')).toBe(false);
  await database.db.insert(bookingLinks).values({
    mailbox: 'room-brussels-0.01@contoso.com',
    graphEventId: 'AAMk-1',
    iCalUId: 'uid-1',
    workplaceReservationId: 'r-1',
    workplaceLineId: 'l-1',
    graphChangeKey: 'ck',
    workplaceVersion: '2',
    graphHash: 'g',
    workplaceHash: 'w',
    origin: 'exchange',
  });
  expect(await store.isLinkedToExchange('r-1')).toBe(true);
});

test('a decline the organizer’s pane reports: a declined sync log entry and one open Failed item, read back as declined', async () => {
  const intents = createDrizzleBookingIntentStore(database.db);
  const ARDENNES = 'room-brussels-1.01@contoso.com';
  const intent = await intents.create({
    organizerEmail: 'adele.vance@contoso.com',
    ownerId: null,
    mailbox: ARDENNES,
    workplaceReservationId: 'res-reported',
    lines: [],
    startAt: new Date('2030-03-11T09:00:00Z'),
    endAt: new Date('2030-03-11T10:00:00Z'),
    expiresAt: new Date('2030-03-01T09:00:00Z'),
  });
  await intents.markReleased(intent.id);
  await intents.recordDeclined(
    intent,
    'Exchange declined the meeting for this room (as the organizer’s Outlook shows)',
  );
  await intents.recordDeclined(
    intent,
    'Exchange declined the meeting for this room (as the organizer’s Outlook shows)',
  );
  expect(await intents.isDeclinedByExchange(intent)).toBe(true);
  const open = await database.db
    .select()
    .from(failedItems)
    .where(and(eq(failedItems.key, `${ARDENNES} declined ${intent.id}`), isNull(failedItems.resolvedAt)));
  expect(open).toHaveLength(1);
  expect(open[0]!.payload).toMatchObject({ mailbox: ARDENNES, reservationId: 'res-reported' });
});
