import { describe, expect, test } from 'vitest';
import type { Subscription } from '../../../server/src/adapters/graph/operations/subscriptions.js';
import { AppError } from '../../../server/src/errors.js';
import { createSubscriptionManager } from '../../../server/src/subscriptions/subscription-manager.js';
import { subscriptions } from '../../../server/src/storage/schema.js';
import { createTestPglite, useTestDb } from '../../support/test-db.js';

const publicUrl = 'https://sync.contoso.com';
const room = 'room-1@contoso.com';

/** Graph's subscriptions of this app, refusing a second one for the same room and URL with 409, as Graph does. */
function fakeGraph(held: Subscription[] = []) {
  let nextId = 1;
  return {
    held,
    async createSubscription(input: { mailbox: string; notificationUrl: string }): Promise<Subscription> {
      const duplicate = held.find(
        (subscription) =>
          subscription.mailbox === input.mailbox && subscription.notificationUrl === input.notificationUrl,
      );
      if (duplicate) {
        throw new AppError(
          'UPSTREAM_FAILED',
          `Graph 409 Conflict: Subscription Id ${duplicate.id} already exists for the requested combination.`,
        );
      }
      const created = aSubscription(`new-${nextId++}`, input.mailbox, input.notificationUrl);
      held.push(created);
      return created;
    },
    async deleteSubscription(id: string) {
      held.splice(
        held.findIndex((subscription) => subscription.id === id),
        1,
      );
    },
    listSubscriptions: async () => [...held],
    renewSubscription: async () => {
      throw new Error('not expected');
    },
    reauthorizeSubscription: async () => {},
  };
}

const aSubscription = (id: string, mailbox: string, notificationUrl = `${publicUrl}/webhooks/graph`): Subscription => ({
  id,
  resource: `/users/${mailbox}/events`,
  mailbox,
  changeTypes: ['created', 'updated', 'deleted'],
  notificationUrl,
  lifecycleNotificationUrl: `${publicUrl}/webhooks/graph/lifecycle`,
  expiresAt: new Date(Date.now() + 6 * 86_400_000).toISOString(),
  clientState: null,
});

describe('createSubscriptionManager', () => {
  const database = useTestDb(createTestPglite);
  const managerFor = (graph: ReturnType<typeof fakeGraph>) =>
    createSubscriptionManager({
      db: database().db,
      graph,
      publicUrl,
      clientStateSecret: 'client-state-secret-for-tests',
      now: () => new Date(),
      onChanged: () => {},
    });

  test('a subscription Graph holds but the table does not (killed after Graph answered) is replaced', async () => {
    const graph = fakeGraph([aSubscription('orphan', room)]);
    const { created } = await managerFor(graph).ensure([room]);
    expect(created).toEqual([room]);
    expect(graph.held.map((subscription) => subscription.id)).toEqual(['new-1']);
    const rows = await database().db.select().from(subscriptions);
    expect(rows.map((row) => [row.id, row.mailbox, row.status])).toEqual([['new-1', room, 'active']]);
  });

  test('the subscriptions of rooms no longer linked are deleted; a removed one is forgotten and made again', async () => {
    const other = 'room-2@contoso.com';
    const graph = fakeGraph();
    const manager = managerFor(graph);
    await manager.ensure([room, other]);
    expect(await manager.removeUnlinked([room])).toEqual([other]);
    expect(graph.held.map((subscription) => subscription.mailbox)).toEqual([room]);
    // Graph removed the room's subscription (a lifecycle notification): forget it, and ensure makes another.
    const [removed] = graph.held.splice(0, 1);
    await manager.forget(removed!.id);
    expect((await manager.ensure([room])).created).toEqual([room]);
    const active = await database().db.select().from(subscriptions);
    expect(active.filter((row) => row.status === 'active').map((row) => row.mailbox)).toEqual([room]);
  });

  test('a subscription to another URL is not in the way, and not ours to delete', async () => {
    const graph = fakeGraph([aSubscription('elsewhere', room, 'https://old.contoso.com/webhooks/graph')]);
    await managerFor(graph).ensure([room]);
    expect(graph.held.map((subscription) => subscription.id).sort()).toEqual(['elsewhere', 'new-1']);
  });

  test('rooms are subscribed a few at a time, each reported as soon as it has its subscription', async () => {
    const graph = fakeGraph();
    const create = graph.createSubscription;
    let inFlight = 0;
    let mostInFlight = 0;
    const reportedWhileOthersWaited: number[] = [];
    graph.createSubscription = async (input) => {
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return create(input);
    };
    const rooms = Array.from({ length: 10 }, (_, index) => `room-${index}@contoso.com`);
    const { created } = await managerFor(graph).ensure(rooms, {
      onCreated: async () => void reportedWhileOthersWaited.push(rooms.length - graph.held.length),
    });
    expect(mostInFlight).toBe(4);
    expect(created.sort()).toEqual([...rooms].sort());
    // The first rooms were handed on while others still waited for Graph.
    expect(reportedWhileOthersWaited[0]).toBeGreaterThan(0);
    expect(reportedWhileOthersWaited).toHaveLength(rooms.length);
  });

  test('one room failing does not keep the others from their subscription, and the failure is thrown after', async () => {
    const graph = fakeGraph();
    const create = graph.createSubscription;
    graph.createSubscription = async (input) => {
      if (input.mailbox === 'room-2@contoso.com') throw new AppError('UPSTREAM_FAILED', 'Graph 503');
      return create(input);
    };
    const rooms = Array.from({ length: 6 }, (_, index) => `room-${index}@contoso.com`);
    const handedOn: string[] = [];
    await expect(
      managerFor(graph).ensure(rooms, { onCreated: async (mailbox) => void handedOn.push(mailbox) }),
    ).rejects.toThrow('Graph 503');
    const others = rooms.filter((mailbox) => mailbox !== 'room-2@contoso.com').sort();
    expect(handedOn.sort()).toEqual(others);
    const rows = await database().db.select().from(subscriptions);
    expect(rows.map((row) => row.mailbox).sort()).toEqual(others);
  });

  test('a failure with no orphan behind it is rethrown', async () => {
    const graph = fakeGraph();
    graph.createSubscription = async () => {
      throw new AppError('UPSTREAM_FAILED', 'Subscription validation request timed out.');
    };
    await expect(managerFor(graph).ensure([room])).rejects.toThrow('validation request timed out');
  });
});
