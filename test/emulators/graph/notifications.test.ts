import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createGraphEmulator } from '../../../emulators/src/graph/index.js';
import {
  ADELE,
  aMeeting,
  at,
  encode,
  ROOM_A,
  START,
  SYNC_APP,
  TENANT_ID,
  testSeed,
  useEmulator,
} from './support/emulator-harness.js';
import { GraphTestClient } from './support/graph-test-client.js';
import type { Harness } from './support/emulator-harness.js';
import { NotificationReceiver } from './support/notification-receiver.js';

type Event = { id: string; changeKey: string };

function useReceiver() {
  const receiver = new NotificationReceiver();
  const state = { endpoint: '' };
  beforeAll(async () => {
    state.endpoint = await receiver.start();
  });
  afterAll(() => receiver.stop());
  beforeEach(() => {
    receiver.clear();
    receiver.behaviour = {};
  });
  return { receiver, state };
}

async function subscribe(harness: Harness, endpoint: string, mailbox: string, options: { lifecycle?: boolean } = {}) {
  const created = await harness.graph.post<{ id: string }>('/v1.0/subscriptions', {
    changeType: 'created,updated,deleted',
    notificationUrl: `${endpoint}/notifications`,
    ...(options.lifecycle === false ? {} : { lifecycleNotificationUrl: `${endpoint}/lifecycle` }),
    resource: `/users/${mailbox}/events`,
    expirationDateTime: new Date(harness.control.clock.now().getTime() + 3 * 86_400_000).toISOString(),
    clientState: 'opaque-client-state',
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

const roomMailboxId = (harness: Harness) => harness.control.mailboxes().find((mailbox) => mailbox.email === ROOM_A)!.id;

describe('notification delivery (no noise)', () => {
  const harness = useEmulator({ noise: 'none' });
  const { receiver, state } = useReceiver();

  test('a change notification carries ids only, the subscription, clientState and tenant (Outlook shape)', async () => {
    const subscriptionId = await subscribe(harness, state.endpoint, ROOM_A);
    const { body: event } = await harness.graph.post<Event>(`/v1.0/users/${ROOM_A}/events`, aMeeting());
    await harness.control.deliveryIdle();
    const roomId = roomMailboxId(harness);
    expect(receiver.posts.map((post) => post.path)).toEqual(['/notifications']);
    expect(receiver.changes()).toEqual([
      {
        subscriptionId,
        subscriptionExpirationDateTime: '2027-03-04T08:00:00.0000000Z',
        changeType: 'created',
        resource: `Users/${roomId}/Events/${event.id}`,
        resourceData: {
          '@odata.type': '#Microsoft.Graph.Event',
          '@odata.id': `Users/${roomId}/Events/${event.id}`,
          '@odata.etag': `W/"${event.changeKey}"`,
          id: event.id,
        },
        clientState: 'opaque-client-state',
        tenantId: TENANT_ID,
      },
    ]);
  });

  test('deleting one occurrence is reported as an updated series master', async () => {
    const { body: master } = await harness.graph.post<Event>(
      `/v1.0/users/${ROOM_A}/events`,
      aMeeting({
        start: at('2027-03-01T09:00:00'),
        end: at('2027-03-01T10:00:00'),
        recurrence: {
          pattern: { type: 'daily', interval: 1 },
          range: { type: 'numbered', startDate: '2027-03-01', numberOfOccurrences: 5 },
        },
      }),
    );
    await subscribe(harness, state.endpoint, ROOM_A);
    const { body: instances } = await harness.graph.get<{ value: Event[] }>(
      `/v1.0/users/${ROOM_A}/events/${master.id}/instances?startDateTime=2027-03-02T00:00:00Z&endDateTime=2027-03-03T00:00:00Z`,
    );
    await harness.graph.delete(`/v1.0/users/${ROOM_A}/events/${instances.value[0]!.id}`);
    await harness.control.deliveryIdle();
    expect(receiver.changes().map((change) => [change.changeType, change.resourceData!.id])).toEqual([
      ['updated', master.id],
    ]);
  });

  test('non-2xx answers are retried with backoff on the emulated clock, then delivered', async () => {
    await subscribe(harness, state.endpoint, ROOM_A);
    receiver.behaviour = { statuses: [500, 503, 202] };
    await harness.graph.post(`/v1.0/users/${ROOM_A}/events`, aMeeting());
    await harness.control.deliveryIdle();
    expect(receiver.changes()).toEqual([]);
    await harness.control.clock.advance(60_000);
    expect(receiver.changes()).toEqual([]);
    await harness.control.clock.advance(120_000);
    expect(receiver.changes().map((change) => change.changeType)).toEqual(['created']);
    expect(harness.control.deliveries().map((delivery) => delivery.status)).toEqual([500, 503, 202]);
  });

  test('after 4 hours of failures the notification is dropped and `missed` goes to the lifecycle URL', async () => {
    await subscribe(harness, state.endpoint, ROOM_A);
    receiver.behaviour = { statuses: [500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 202] };
    await harness.graph.post(`/v1.0/users/${ROOM_A}/events`, aMeeting());
    await harness.control.clock.advance(5 * 3_600_000);
    await harness.control.deliveryIdle();
    expect(receiver.changes()).toEqual([]);
    expect(receiver.lifecycleEvents()).toEqual(['missed']);
  });

  test('faults: dropped notifications lead to `missed`; duplicated ones arrive twice; delayed ones wait', async () => {
    await subscribe(harness, state.endpoint, ROOM_A);
    harness.control.faults.notifications({ kind: 'drop', count: 1 });
    await harness.graph.post(`/v1.0/users/${ROOM_A}/events`, aMeeting());
    await harness.control.deliveryIdle();
    expect(receiver.lifecycleEvents()).toEqual(['missed']);
    harness.control.faults.notifications({ kind: 'duplicate', count: 1 });
    await harness.graph.post(`/v1.0/users/${ROOM_A}/events`, aMeeting({ subject: 'two' }));
    await harness.control.deliveryIdle();
    expect(receiver.changes()).toHaveLength(2);
    harness.control.faults.notifications({ kind: 'delay', count: 1, delayMs: 600_000 });
    await harness.graph.post(`/v1.0/users/${ROOM_A}/events`, aMeeting({ subject: 'three' }));
    await harness.control.deliveryIdle();
    expect(receiver.changes()).toHaveLength(2);
    await harness.control.clock.advance(600_000);
    expect(receiver.changes()).toHaveLength(3);
  });

  test('reauthorizationRequired pauses delivery until the app reauthorizes', async () => {
    const subscriptionId = await subscribe(harness, state.endpoint, ROOM_A);
    harness.control.requireReauthorization(subscriptionId);
    await harness.graph.post(`/v1.0/users/${ROOM_A}/events`, aMeeting());
    await harness.control.deliveryIdle();
    expect(receiver.lifecycleEvents()).toEqual(['reauthorizationRequired']);
    expect(receiver.changes()).toEqual([]);
    expect((await harness.graph.post(`/v1.0/subscriptions/${subscriptionId}/reauthorize`)).status).toBe(204);
    await harness.control.deliveryIdle();
    expect(receiver.changes()).toHaveLength(1);
  });

  test('subscriptionRemoved is announced on the lifecycle URL; without one, lifecycle events are not delivered', async () => {
    const withLifecycle = await subscribe(harness, state.endpoint, ROOM_A);
    harness.control.removeSubscription(withLifecycle);
    await harness.control.deliveryIdle();
    expect(receiver.posts.map((post) => [post.path, post.value[0]!.lifecycleEvent])).toEqual([
      ['/lifecycle', 'subscriptionRemoved'],
    ]);
    const withoutLifecycle = await subscribe(harness, state.endpoint, ROOM_A, { lifecycle: false });
    harness.control.sendMissed(withoutLifecycle);
    await harness.control.deliveryIdle();
    expect(receiver.lifecycleEvents()).toEqual(['subscriptionRemoved']);
  });

  test('an expired subscription gets nothing', async () => {
    await subscribe(harness, state.endpoint, ROOM_A);
    await harness.control.clock.advance(3 * 86_400_000 + 1);
    harness.control.actAsUser(ROOM_A, {
      action: 'create',
      meeting: { subject: 'late', start: at('2027-03-10T10:00:00'), end: at('2027-03-10T11:00:00') },
    });
    await harness.control.deliveryIdle();
    expect(receiver.posts).toEqual([]);
  });
});

describe('notification delivery (realistic noise, seeded)', () => {
  const receiver = new NotificationReceiver();
  let endpoint = '';
  beforeAll(async () => {
    endpoint = await receiver.start();
  });
  afterAll(() => receiver.stop());

  /** One room booking on a fresh emulator with the given seed: the notifications the room's subscription receives. */
  async function bookRoomAndCollect(randomSeed: number) {
    receiver.clear();
    const emulator = await createGraphEmulator({
      tenantId: TENANT_ID,
      clock: { now: START, frozen: true },
      noise: 'realistic',
      randomSeed,
      seed: testSeed(),
    });
    try {
      const { url } = await emulator.listen(0);
      const graph = new GraphTestClient(
        url,
        emulator.certificatePem,
        await emulator.control.issueAppToken(SYNC_APP.clientId),
      );
      const harness = { graph, control: emulator.control } as Harness;
      await subscribe(harness, endpoint, ROOM_A);
      await graph.post(`/v1.0/users/${encode(ADELE)}/events`, aMeeting({}, [ROOM_A]));
      await emulator.control.deliveryIdle();
      return receiver.changes().map((change) => `${change.changeType}:${change.resourceData!['@odata.etag']}`);
    } finally {
      await emulator.close();
    }
  }

  test('a room booking yields 1 created and 3 updated changes on the room, with duplicates and shuffling; the same seed repeats it', async () => {
    const first = await bookRoomAndCollect(7);
    const distinct = [...new Set(first)];
    expect(distinct.filter((entry) => entry.startsWith('created'))).toHaveLength(1);
    expect(distinct.filter((entry) => entry.startsWith('updated'))).toHaveLength(3);
    expect(await bookRoomAndCollect(7)).toEqual(first);
    const others = await Promise.all([1, 2, 3, 4, 5].map(async (seed) => (await bookRoomAndCollect(seed)).length));
    expect(others.some((count) => count > 4)).toBe(true);
  });
});
