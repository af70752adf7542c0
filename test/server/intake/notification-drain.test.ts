import { eq, isNull } from 'drizzle-orm';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { buildApp } from '../../../server/src/app.js';
import { loadConfig } from '../../../server/src/config.js';
import {
  createNotificationDrainer,
  drainNotifications,
  jobsForNotifications,
  mailboxFromResource,
  type InboxRow,
  type JobSender,
} from '../../../server/src/intake/notification-drain.js';
import { createNotificationIntake } from '../../../server/src/intake/notification-intake.js';
import { clientStateHashOf, createSubscriptionVerifier } from '../../../server/src/intake/subscription-verifier.js';
import type { SyncJobs } from '../../../server/src/jobs/sync-jobs.js';
import { graphWebhookRoutes } from '../../../server/src/routes/graph-webhooks.js';
import type { Database } from '../../../server/src/storage/create-db.js';
import {
  graphNotifications,
  jobs,
  subscriptions,
  type NewGraphNotificationRow,
  type NewSubscriptionRow,
} from '../../../server/src/storage/schema.js';
import { describeWithPostgres } from '../../support/system-requirements.js';
import { createTestPglite, createTestPostgres, useTestDb } from '../../support/test-db.js';
import { deferred, useJobQueues } from '../../support/queue-test-support.js';

const roomA = 'room-a@contoso.com';
const roomB = 'room-b@contoso.com';
const patience = { timeout: 10_000, interval: 10 };

const aSubscription = (overrides: Partial<NewSubscriptionRow> = {}): NewSubscriptionRow => ({
  id: 'sub-a',
  mailbox: roomA,
  resource: `/users/${roomA}/events`,
  clientStateHash: clientStateHashOf('state-a'),
  expiresAt: new Date(Date.now() + 86_400_000),
  ...overrides,
});

const aChange = (overrides: Partial<NewGraphNotificationRow> = {}): NewGraphNotificationRow => ({
  subscriptionId: 'sub-a',
  changeType: 'updated',
  resource: 'Users/622eaaff-0683-4862-9de4-f2ec83c2bd98/Events/AAMkAD-1',
  payload: {},
  ...overrides,
});

const aLifecycle = (lifecycleEvent: string, subscriptionId = 'sub-a'): NewGraphNotificationRow => ({
  subscriptionId,
  lifecycleEvent,
  payload: {},
});

const anInboxRow = (overrides: Partial<InboxRow> = {}): InboxRow => ({
  id: 1,
  subscriptionId: 'sub-a',
  lifecycleEvent: null,
  resource: null,
  mailbox: roomA,
  ...overrides,
});

describe('jobsForNotifications', () => {
  const cases: Array<[string, InboxRow[], Array<{ name: keyof SyncJobs; key: string; data: object }>]> = [
    [
      'change notifications of one room → one room-changed',
      [anInboxRow({ id: 1 }), anInboxRow({ id: 2 }), anInboxRow({ id: 3 })],
      [{ name: 'room-changed', key: roomA, data: { mailbox: roomA } }],
    ],
    [
      'two rooms → one room-changed each',
      [anInboxRow(), anInboxRow({ subscriptionId: 'sub-b', mailbox: roomB })],
      [
        { name: 'room-changed', key: roomA, data: { mailbox: roomA } },
        { name: 'room-changed', key: roomB, data: { mailbox: roomB } },
      ],
    ],
    [
      'reauthorizationRequired → reauthorize-subscription, keyed by subscription',
      [anInboxRow({ lifecycleEvent: 'reauthorizationRequired' })],
      [{ name: 'reauthorize-subscription', key: 'sub-a', data: { subscriptionId: 'sub-a', mailbox: roomA } }],
    ],
    [
      'subscriptionRemoved → recreate-subscription + room-resync',
      [anInboxRow({ lifecycleEvent: 'subscriptionRemoved' })],
      [
        { name: 'recreate-subscription', key: roomA, data: { mailbox: roomA, removedSubscriptionId: 'sub-a' } },
        { name: 'room-resync', key: roomA, data: { mailbox: roomA, reason: 'subscription-removed' } },
      ],
    ],
    [
      'missed → room-resync',
      [anInboxRow({ lifecycleEvent: 'missed' })],
      [{ name: 'room-resync', key: roomA, data: { mailbox: roomA, reason: 'missed' } }],
    ],
    [
      'a resource naming the mailbox stands in for a forgotten subscription',
      [anInboxRow({ mailbox: null, resource: "Users/'Room-A@Contoso.com'/Events/AAMk=" })],
      [{ name: 'room-changed', key: roomA, data: { mailbox: roomA } }],
    ],
  ];
  for (const [name, rows, expected] of cases) {
    test(name, () => {
      expect(jobsForNotifications(rows)).toEqual({ jobs: expected, unroutable: [] });
    });
  }

  test('rows without a mailbox or with an unknown lifecycle event are unroutable', () => {
    const orphan = anInboxRow({ mailbox: null, resource: 'Users/622eaaff-0683-4862-9de4-f2ec83c2bd98/Events/x' });
    const strange = anInboxRow({ id: 2, lifecycleEvent: 'somethingNew' });
    expect(jobsForNotifications([orphan, strange])).toEqual({ jobs: [], unroutable: [orphan, strange] });
  });

  test('mailboxFromResource reads SMTP addresses only', () => {
    expect(mailboxFromResource('Users/room-a@contoso.com/Events/AAMk=')).toBe(roomA);
    expect(mailboxFromResource('/users/ROOM-A%40contoso.com/events/AAMk=')).toBe(roomA);
    expect(mailboxFromResource('users/622eaaff-0683-4862-9de4-f2ec83c2bd98@84bd8158-6d4d/messages/x')).toBeNull();
    expect(mailboxFromResource('Users/622eaaff-0683-4862-9de4-f2ec83c2bd98/Events/x')).toBeNull();
    expect(mailboxFromResource(null)).toBeNull();
    expect(mailboxFromResource('Users/room-a%E0%A4%A@contoso.com/Events/x')).toBeNull();
  });
});

function defineDrainSuite(open: () => Promise<Database>) {
  const database = useTestDb(open);
  const openQueue = useJobQueues(database);

  const jobRows = () => database().db.select().from(jobs).orderBy(jobs.queue, jobs.key);
  const unprocessed = () =>
    database().db.select().from(graphNotifications).where(isNull(graphNotifications.processedAt));

  test('100 notifications for one room become one room-changed job, in one transaction with marking them', async () => {
    const { db } = database();
    const queue = await openQueue<SyncJobs>();
    await db.insert(subscriptions).values(aSubscription());
    await db
      .insert(graphNotifications)
      .values(Array.from({ length: 100 }, (_, index) => aChange({ payload: { index } })));

    expect(await drainNotifications(db, queue)).toMatchObject({ notifications: 100, jobs: 1 });
    expect(await jobRows()).toEqual([
      expect.objectContaining({ queue: 'room-changed', key: roomA, state: 'pending', data: { mailbox: roomA } }),
    ]);
    expect(await unprocessed()).toEqual([]);
    const [subscription] = await db.select().from(subscriptions).where(eq(subscriptions.id, 'sub-a'));
    expect(subscription?.lastNotificationAt).toBeInstanceOf(Date);

    expect(await drainNotifications(db, queue)).toMatchObject({ notifications: 0, jobs: 0 });
    expect(await jobRows()).toHaveLength(1);
  });

  test('lifecycle notifications become their jobs', async () => {
    const { db } = database();
    const queue = await openQueue<SyncJobs>();
    await db.insert(subscriptions).values([aSubscription(), aSubscription({ id: 'sub-b', mailbox: roomB })]);
    await db
      .insert(graphNotifications)
      .values([
        aLifecycle('reauthorizationRequired'),
        aLifecycle('subscriptionRemoved', 'sub-b'),
        aLifecycle('missed'),
      ]);
    await drainNotifications(db, queue);
    expect((await jobRows()).map((row) => [row.queue, row.key, row.data])).toEqual([
      ['reauthorize-subscription', 'sub-a', { subscriptionId: 'sub-a', mailbox: roomA }],
      ['recreate-subscription', roomB, { mailbox: roomB, removedSubscriptionId: 'sub-b' }],
      ['room-resync', roomA, { mailbox: roomA, reason: 'missed' }],
      ['room-resync', roomB, { mailbox: roomB, reason: 'subscription-removed' }],
    ]);
  });

  test('a crash between creating the jobs and marking the notifications loses and duplicates nothing', async () => {
    const { db } = database();
    const queue = await openQueue<SyncJobs>();
    await db.insert(subscriptions).values([aSubscription(), aSubscription({ id: 'sub-b', mailbox: roomB })]);
    await db.insert(graphNotifications).values([aChange(), aChange({ subscriptionId: 'sub-b' }), aChange()]);

    // The jobs are written, then the process "dies" before the notifications are marked processed.
    const crashingSender: JobSender = {
      sendMany: async (requests, options) => {
        await queue.sendMany(requests, options);
        throw new Error('killed');
      },
    };
    await expect(drainNotifications(db, crashingSender)).rejects.toThrow('killed');
    expect(await jobRows()).toEqual([]);
    expect(await unprocessed()).toHaveLength(3);

    await drainNotifications(db, queue);
    await drainNotifications(db, queue);
    expect((await jobRows()).map((row) => row.key)).toEqual([roomA, roomB]);
    expect(await unprocessed()).toEqual([]);
  });

  test('notifications drained while the room runs coalesce into one follow-up run', async () => {
    const { db } = database();
    const queue = await openQueue<SyncJobs>();
    await db.insert(subscriptions).values(aSubscription());
    await db.insert(graphNotifications).values(aChange());
    await drainNotifications(db, queue);
    let runs = 0;
    let isFirstRunHeld = true;
    const held = deferred();
    queue.work('room-changed', async () => {
      runs += 1;
      if (isFirstRunHeld) {
        isFirstRunHeld = false;
        await held.promise;
      }
    });
    await vi.waitFor(() => expect(runs).toBe(1), patience);
    for (let round = 0; round < 5; round += 1) {
      await db.insert(graphNotifications).values(Array.from({ length: 20 }, () => aChange()));
      await drainNotifications(db, queue);
    }
    held.resolve();
    await vi.waitFor(async () => expect((await jobRows())[0]?.state).toBe('done'), patience);
    expect(runs).toBe(2);
  });

  test('unroutable notifications are marked processed without a job', async () => {
    const { db } = database();
    const queue = await openQueue<SyncJobs>();
    await db.insert(graphNotifications).values(aChange({ subscriptionId: 'gone' }));
    const result = await drainNotifications(db, queue);
    expect(result).toMatchObject({
      notifications: 1,
      jobs: 0,
      unroutable: [expect.objectContaining({ subscriptionId: 'gone' })],
    });
    expect(await unprocessed()).toEqual([]);
    expect(await jobRows()).toEqual([]);
  });

  describe('end to end', () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    test('a POSTed notification reaches the room-changed handler', async () => {
      const { db } = database();
      await db.insert(subscriptions).values(aSubscription());
      const queue = await openQueue<SyncJobs>();
      const drainer = createNotificationDrainer({ db, queue });
      const intake = createNotificationIntake(database(), { onStored: () => drainer.kick() });
      const app = await buildApp({ config: loadConfig({}), database: database() });
      await app.register(graphWebhookRoutes, { intake, subscriptionSecrets: createSubscriptionVerifier(db) });
      cleanups.push(async () => {
        await app.close();
        await intake.close();
        await drainer.stop();
      });
      const handled: string[] = [];
      queue.work('room-changed', async ({ data }) => {
        handled.push(data.mailbox);
      });

      const response = await app.inject({
        method: 'POST',
        url: '/webhooks/graph',
        payload: {
          value: [
            { subscriptionId: 'sub-a', clientState: 'state-a', changeType: 'created', resource: 'Users/x/Events/y' },
          ],
        },
      });
      expect(response.statusCode).toBe(202);
      await vi.waitFor(() => expect(handled).toEqual([roomA]), patience);
    });
  });
}

describe('notification drain on PGlite', () => {
  defineDrainSuite(createTestPglite);
});

describeWithPostgres('notification drain on PostgreSQL', (databaseUrl) => {
  defineDrainSuite(() => createTestPostgres(databaseUrl));
});
