import { expect, test } from 'vitest';
import { pruneStorage } from '../../../server/src/storage/retention.js';
import { bookingLinks, changeLatencies, graphNotifications, syncLog } from '../../../server/src/storage/schema.js';
import { createTestPglite, useTestDb } from '../../support/test-db.js';

// Storage stays bounded: processed notifications (whole payloads) and the sync log are pruned after
// their retention by the daily `prune-storage` job (RETENTION_NOTIFICATIONS_DAYS, RETENTION_SYNC_LOG_DAYS).

const database = useTestDb(createTestPglite);
const NOW = new Date('2030-03-31T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const notification = (receivedAt: Date, processedAt: Date | null) => ({
  subscriptionId: 'sub-1',
  mailbox: 'room-1@contoso.com',
  payload: { value: [] },
  receivedAt,
  processedAt,
});
const logEntry = (at: Date, reason: string) => ({
  at,
  direction: 'exchange-to-workplace' as const,
  action: 'created' as const,
  reason,
});

test('processed notifications older than their retention go; recent and unprocessed ones stay', async () => {
  const { db } = database();
  await db.insert(graphNotifications).values([
    notification(daysAgo(10), daysAgo(10)),
    notification(daysAgo(3), daysAgo(3)),
    // Never processed (the drain was down): kept whatever its age, it still has to be synced.
    notification(daysAgo(30), null),
  ]);
  const pruned = await pruneStorage(db, { notificationDays: 7, syncLogDays: 90 }, NOW);
  expect(pruned.notifications).toBe(1);
  const left = await db.select().from(graphNotifications);
  expect(left.map((row) => row.processedAt?.toISOString() ?? null).sort()).toEqual([daysAgo(3).toISOString(), null]);
});

test('sync log entries older than their retention go, in batches, the rest stays', async () => {
  const { db } = database();
  const old = Array.from({ length: 5_003 }, (_, index) => logEntry(daysAgo(100), `old ${index}`));
  await db.insert(syncLog).values([...old, logEntry(daysAgo(5), 'recent')]);
  const pruned = await pruneStorage(db, { notificationDays: 7, syncLogDays: 90 }, NOW);
  expect(pruned.logEntries).toBe(5_003);
  expect((await db.select({ reason: syncLog.reason }).from(syncLog)).map((row) => row.reason)).toEqual(['recent']);
});

test('change latencies (the console charts’ percentiles) go with the sync log’s retention', async () => {
  const { db } = database();
  await db.insert(changeLatencies).values([
    { at: daysAgo(100), direction: 'exchange-to-workplace', seconds: 3 },
    { at: daysAgo(5), direction: 'workplace-to-exchange', seconds: 4 },
  ]);
  const pruned = await pruneStorage(db, { notificationDays: 7, syncLogDays: 90 }, NOW);
  expect(pruned.latencies).toBe(1);
  expect(await db.select({ seconds: changeLatencies.seconds }).from(changeLatencies)).toEqual([{ seconds: 4 }]);
});

test('links of meetings over, or released, for longer than the log is kept go; series and live ones stay', async () => {
  const { db } = database();
  const link = (eventId: string, fields: { endsAt: Date | null; isCancelled?: boolean; updatedAt?: Date }) => ({
    mailbox: 'room-1@contoso.com',
    graphEventId: eventId,
    iCalUId: `ical-${eventId}`,
    workplaceReservationId: `res-${eventId}`,
    workplaceLineId: 'line-1',
    graphChangeKey: 'ck',
    workplaceVersion: '1',
    graphHash: 'g',
    workplaceHash: 'w',
    origin: 'exchange' as const,
    isCancelled: fields.isCancelled ?? false,
    endsAt: fields.endsAt,
    updatedAt: fields.updatedAt ?? daysAgo(1),
  });
  await db
    .insert(bookingLinks)
    .values([
      link('over-long-ago', { endsAt: daysAgo(120) }),
      link('over-lately', { endsAt: daysAgo(10) }),
      link('tomorrow', { endsAt: daysAgo(-1) }),
      link('series', { endsAt: null, updatedAt: daysAgo(400) }),
      link('released-long-ago', { endsAt: null, isCancelled: true, updatedAt: daysAgo(100) }),
      link('released-lately', { endsAt: null, isCancelled: true, updatedAt: daysAgo(3) }),
    ]);
  const pruned = await pruneStorage(db, { notificationDays: 7, syncLogDays: 90 }, NOW);
  expect(pruned.links).toBe(2);
  const left = await db.select({ eventId: bookingLinks.graphEventId }).from(bookingLinks);
  expect(left.map((row) => row.eventId).sort()).toEqual(['over-lately', 'released-lately', 'series', 'tomorrow']);
});
