import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { buildApp } from '../../../server/src/app.js';
import { loadConfig } from '../../../server/src/config.js';
import {
  createNotificationIntake,
  insertNotifications,
  type InboxNotification,
  type NotificationIntake,
} from '../../../server/src/intake/notification-intake.js';
import { clientStateHashOf, createSubscriptionVerifier } from '../../../server/src/intake/subscription-verifier.js';
import { graphWebhookRoutes } from '../../../server/src/routes/graph-webhooks.js';
import type { Database } from '../../../server/src/storage/create-db.js';
import { graphNotifications, subscriptions } from '../../../server/src/storage/schema.js';
import { countPgliteStatements } from '../../../bench/support/pglite-statements.js';
import { deferred } from '../../support/queue-test-support.js';
import { describeWithPostgres } from '../../support/system-requirements.js';
import { createTestPglite, createTestPostgres, useTestDb } from '../../support/test-db.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/graph/${name}`, import.meta.url), 'utf8')) as {
    value: Array<Record<string, unknown>>;
  };

const subscriptionId = 'c6126aa3-0ed8-412f-a988-71e6cee627c4';
const clientState = 'client-state-of-room-4.12';
const mailbox = 'room-4.12@contoso.com';

/** Microsoft's sample notification (fixtures/graph), addressed to our subscription. */
function aNotification(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const [sample] = fixture('change-notification-outlook-no-resource-data.json').value;
  return {
    ...sample,
    subscriptionId,
    clientState,
    resource: 'Users/622eaaff-0683-4862-9de4-f2ec83c2bd98/Events/AAMkAGUwNjQ4ZjIxAAA=',
    ...overrides,
  };
}

function aLifecycleNotification(fixtureName: string): Record<string, unknown> {
  const [sample] = fixture(fixtureName).value;
  return { ...sample, subscriptionId, clientState };
}

type AppOptions = {
  /** Wraps the intake the route sees (to observe calls). */
  wrapIntake?(intake: NotificationIntake): NotificationIntake;
  /** Wraps the batch INSERT (to count or hold batches). */
  wrapPersist?(persist: (rows: InboxNotification[]) => Promise<void>): (rows: InboxNotification[]) => Promise<void>;
};

function defineWebhookSuite(open: () => Promise<Database>) {
  const database = useTestDb(open);
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function openApp({ wrapIntake = (intake) => intake, wrapPersist = (persist) => persist }: AppOptions = {}) {
    const { db } = database();
    await db.insert(subscriptions).values({
      id: subscriptionId,
      mailbox,
      resource: `/users/${mailbox}/events`,
      clientStateHash: clientStateHashOf(clientState),
      expiresAt: new Date(Date.now() + 3 * 24 * 60 * 60_000),
    });
    const intake = createNotificationIntake(database(), { persist: wrapPersist(insertNotifications(database())) });
    const app: FastifyInstance = await buildApp({ config: loadConfig({}), database: database() });
    await app.register(graphWebhookRoutes, {
      intake: wrapIntake(intake),
      subscriptionSecrets: createSubscriptionVerifier(db),
    });
    await app.ready();
    cleanups.push(async () => {
      await app.close();
      await intake.close();
    });
    return app;
  }

  const storedRows = () => database().db.select().from(graphNotifications).orderBy(graphNotifications.id);
  const post = (app: FastifyInstance, body: unknown, url = '/webhooks/graph') =>
    app.inject({ method: 'POST', url, payload: body as object });

  for (const url of ['/webhooks/graph', '/webhooks/graph/lifecycle']) {
    test(`${url} answers the validation handshake with the decoded token as text/plain`, async () => {
      const app = await openApp();
      const token = 'Validation: Testing client application reachability for subscription Request-Id: 9b2f+ü&=';
      const response = await app.inject({
        method: 'POST',
        url: `${url}?validationToken=${encodeURIComponent(token)}`,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        payload: '',
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      expect(response.body).toBe(token);
      expect(await storedRows()).toEqual([]);
    });
  }

  test('the handshake is answered before the body is parsed (an empty JSON body does not get in the way)', async () => {
    const app = await openApp();
    const response = await app.inject({
      method: 'POST',
      url: '/webhooks/graph?validationToken=abc%20def',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('abc def');
  });

  test('a change notification is stored (without its clientState) and answered 202', async () => {
    const app = await openApp();
    const response = await post(app, { value: [aNotification()] });
    expect(response.statusCode).toBe(202);
    const [row, ...others] = await storedRows();
    expect(others).toEqual([]);
    expect(row).toMatchObject({
      subscriptionId,
      changeType: 'created',
      lifecycleEvent: null,
      resource: 'Users/622eaaff-0683-4862-9de4-f2ec83c2bd98/Events/AAMkAGUwNjQ4ZjIxAAA=',
      processedAt: null,
    });
    expect(row!.payload).toMatchObject({ subscriptionId, resourceData: { id: 'AAMkAGUwNjQ4ZjIxAAA=' } });
    expect(row!.payload).not.toHaveProperty('clientState');
  });

  test('lifecycle notifications (fixtures) are stored from the lifecycle endpoint', async () => {
    const app = await openApp();
    const response = await post(
      app,
      {
        value: [
          aLifecycleNotification('lifecycle-notification-missed.json'),
          aLifecycleNotification('lifecycle-notification-subscription-removed.json'),
        ],
      },
      '/webhooks/graph/lifecycle',
    );
    expect(response.statusCode).toBe(202);
    expect((await storedRows()).map((row) => row.lifecycleEvent)).toEqual(['missed', 'subscriptionRemoved']);
  });

  test('a wrong clientState is rejected with 403 and nothing of the request is stored', async () => {
    const app = await openApp();
    for (const forged of ['forged', '', clientState.slice(0, -1), `${clientState}x`, null]) {
      const response = await post(app, { value: [aNotification(), aNotification({ clientState: forged })] });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
    expect(await storedRows()).toEqual([]);
  });

  test('notifications of unknown subscriptions are acknowledged and dropped', async () => {
    const app = await openApp();
    const stranger = aNotification({ subscriptionId: '00000000-0000-0000-0000-000000000000', clientState: 'x' });
    expect((await post(app, { value: [stranger] })).statusCode).toBe(202);
    expect(await storedRows()).toEqual([]);

    expect((await post(app, { value: [stranger, aNotification()] })).statusCode).toBe(202);
    expect((await storedRows()).map((row) => row.subscriptionId)).toEqual([subscriptionId]);
  });

  test('a delivery of 1,000 made-up subscription ids is answered after one query, and stores nothing', async () => {
    const app = await openApp();
    const statements = countPgliteStatements(database());
    const value = Array.from({ length: 1_000 }, () =>
      aNotification({ subscriptionId: crypto.randomUUID(), clientState: 'guessed' }),
    );
    expect((await post(app, { value })).statusCode).toBe(202);
    if (statements) expect(statements.count()).toBe(1);
    expect(await storedRows()).toEqual([]);
  });

  test('notifications of a removed or expired subscription are acknowledged and dropped', async () => {
    const app = await openApp();
    for (const status of ['removed', 'expired'] as const) {
      await database().db.update(subscriptions).set({ status });
      expect((await post(app, { value: [aNotification()] })).statusCode).toBe(202);
    }
    expect(await storedRows()).toEqual([]);
  });

  test('malformed bodies are 400 and store nothing', async () => {
    const app = await openApp();
    for (const body of [
      {},
      { value: [] },
      { value: [{ clientState }] },
      { value: 'x' },
      { value: [{ subscriptionId: 7 }] },
    ]) {
      expect((await post(app, body)).statusCode).toBe(400);
    }
    const broken = await app.inject({
      method: 'POST',
      url: '/webhooks/graph',
      headers: { 'content-type': 'application/json' },
      payload: '{"value": [',
    });
    expect(broken.statusCode).toBe(400);
    expect(await storedRows()).toEqual([]);
  });

  test('the answer waits for the commit', async () => {
    const commit = deferred();
    const insertStarted = deferred();
    const app = await openApp({
      wrapPersist: (persist) => async (rows) => {
        insertStarted.resolve();
        await commit.promise;
        await persist(rows);
      },
    });
    let isAnswered = false;
    const answer = post(app, { value: [aNotification()] }).then((response) => {
      isAnswered = true;
      return response;
    });
    await insertStarted.promise;
    await new Promise((resolve) => setImmediate(resolve));
    expect(isAnswered).toBe(false);
    commit.resolve();
    expect((await answer).statusCode).toBe(202);
    expect(await storedRows()).toHaveLength(1);
  });

  test('when the database refuses the insert the answer is 503 and nothing is acknowledged', async () => {
    const app = await openApp();
    const { db } = database();
    // A real database failure for every INSERT, whatever the driver.
    await db.execute(sql`alter table graph_notifications add constraint test_refuse_inserts check (false) not valid`);
    try {
      const responses = await Promise.all(
        Array.from({ length: 5 }, (_, index) => post(app, { value: [aNotification({ id: `n-${index}` })] })),
      );
      expect(responses.map((response) => response.statusCode)).toEqual([503, 503, 503, 503, 503]);
      expect(responses[0]!.json()).toMatchObject({ error: { code: 'UNAVAILABLE' } });
    } finally {
      await db.execute(sql`alter table graph_notifications drop constraint test_refuse_inserts`);
    }
    expect(await storedRows()).toEqual([]);
    expect((await post(app, { value: [aNotification()] })).statusCode).toBe(202);
  });

  test('a batch beyond one INSERT statement is stored whole, in one transaction', async () => {
    const rows: InboxNotification[] = Array.from({ length: 2_500 }, (_, index) => ({
      subscriptionId,
      changeType: 'updated',
      lifecycleEvent: null,
      resource: `Users/x/Events/${index}`,
      payload: { index },
    }));
    await insertNotifications(database())(rows);
    expect(await storedRows()).toHaveLength(2_500);

    await expect(
      insertNotifications(database())([...rows, { ...rows[0]!, subscriptionId: null as unknown as string }]),
    ).rejects.toThrow();
    expect(await storedRows()).toHaveLength(2_500);
  });

  test('concurrent requests share transactions (group commit)', async () => {
    const requests = 50;
    const batches: number[] = [];
    const firstBatch = deferred();
    const allArrived = deferred();
    let arrived = 0;
    const app = await openApp({
      wrapIntake: (intake) => ({
        store: (notifications) => {
          arrived += 1;
          if (arrived === requests) allArrived.resolve();
          return intake.store(notifications);
        },
      }),
      wrapPersist: (persist) => async (rows) => {
        batches.push(rows.length);
        // Hold the first commit until every request waits for storage: the rest must go as one batch.
        if (batches.length === 1) await firstBatch.promise;
        await persist(rows);
      },
    });
    const responses = Array.from({ length: requests }, (_, index) =>
      post(app, { value: [aNotification({ id: `n-${index}` }), aNotification({ id: `m-${index}` })] }),
    );
    await allArrived.promise;
    firstBatch.resolve();
    expect((await Promise.all(responses)).every((response) => response.statusCode === 202)).toBe(true);

    // The first batch takes whoever arrived within its delay; everyone else waited for it and goes next.
    expect(batches.length).toBeLessThanOrEqual(2);
    expect(batches.reduce((sum, size) => sum + size, 0)).toBe(requests * 2);
    expect(await storedRows()).toHaveLength(requests * 2);
  });
}

describe('Graph webhooks on PGlite', () => {
  defineWebhookSuite(createTestPglite);
});

describeWithPostgres('Graph webhooks on PostgreSQL', (databaseUrl) => {
  defineWebhookSuite(() => createTestPostgres(databaseUrl));
});
