import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { GraphAdapter } from '../../../../../server/src/adapters/graph/index.js';
import { AppError } from '../../../../../server/src/errors.js';
import { BRUSSELS_ROOM, EMULATOR_NOW, startEmulatedGraph } from './support/emulated-graph.js';
import type { EmulatedGraph } from './support/emulated-graph.js';
import { startNotificationReceiver } from './support/notification-receiver.js';

let env: EmulatedGraph;
let graph: GraphAdapter;
let receiver: Awaited<ReturnType<typeof startNotificationReceiver>>;

beforeAll(async () => {
  receiver = await startNotificationReceiver();
  env = await startEmulatedGraph({ notificationTls: { ca: [receiver.ca] } });
  graph = env.connect();
});
afterAll(async () => {
  await env.close();
  await receiver.close();
});
beforeEach(async () => {
  env.emulator.control.reset('demo');
  await env.emulator.control.clock.set(EMULATOR_NOW);
  receiver.received.length = 0;
  receiver.settings.echo = (token) => token;
});

const CLIENT_STATE = 'client-state-of-the-sync-service';
const subscribe = () =>
  graph.createSubscription({
    mailbox: BRUSSELS_ROOM.address,
    notificationUrl: receiver.notificationUrl,
    lifecycleNotificationUrl: receiver.lifecycleNotificationUrl,
    clientState: CLIENT_STATE,
  });
const failure = async (promise: Promise<unknown>): Promise<AppError> => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};
const MINUTE = 60_000;

describe('subscriptions against the emulator', () => {
  test('create (after the validation handshake), list, renew, reauthorize, delete', async () => {
    const created = await subscribe();
    expect(created).toMatchObject({
      mailbox: BRUSSELS_ROOM.address,
      changeTypes: ['created', 'updated', 'deleted'],
      notificationUrl: receiver.notificationUrl,
      lifecycleNotificationUrl: receiver.lifecycleNotificationUrl,
      expiresAt: new Date(EMULATOR_NOW.getTime() + (10_080 - 60) * MINUTE).toISOString(),
    });

    const listed = await graph.listSubscriptions();
    expect(listed.map((subscription) => [subscription.id, subscription.clientState])).toEqual([[created.id, null]]);

    const renewed = await graph.renewSubscription(created.id, new Date(EMULATOR_NOW.getTime() + 24 * 60 * MINUTE));
    expect(renewed.expiresAt).toBe(new Date(EMULATOR_NOW.getTime() + 24 * 60 * MINUTE).toISOString());

    await graph.reauthorizeSubscription(created.id);
    await graph.deleteSubscription(created.id);
    expect(await graph.listSubscriptions()).toEqual([]);
    // Deleting what is already gone is not an error.
    await graph.deleteSubscription(created.id);
  });

  test('notifications for the room arrive with our clientState and the event id', async () => {
    await subscribe();
    const event = await graph.createEvent(
      BRUSSELS_ROOM,
      {
        subject: 'Notify me',
        start: { dateTime: '2030-03-04T09:00:00', timeZone: 'Europe/Brussels' },
        end: { dateTime: '2030-03-04T10:00:00', timeZone: 'Europe/Brussels' },
        organizer: { email: 'adele.vance@contoso.com', name: 'Adele Vance' },
        participants: [],
        rooms: [BRUSSELS_ROOM.address],
        recurrence: null,
        exceptions: [],
        isCancelled: false,
      },
      { transactionId: 't-n', reservationId: 'R-n' },
    );
    await env.emulator.control.idle();
    const notifications = receiver.received
      .filter((post) => post.path === '/webhooks/graph')
      .flatMap(
        (post) =>
          (post.body as { value: Array<{ clientState: string; changeType: string; resourceData: { id: string } }> })
            .value,
      );
    expect(notifications).toContainEqual(
      expect.objectContaining({
        clientState: CLIENT_STATE,
        changeType: 'created',
        resourceData: expect.objectContaining({ id: event.id }),
      }),
    );
  });

  test('a notification URL that does not echo the validation token: create fails (Graph 400: INVALID_REQUEST)', async () => {
    receiver.settings.echo = (token) => `${token}-wrong`;
    const error = await failure(subscribe());
    expect(error.code).toBe('INVALID_REQUEST');
    expect(await graph.listSubscriptions()).toEqual([]);
  });

  test('renewing a subscription Graph removed, or one that expired silently, is NOT_FOUND', async () => {
    const removed = await subscribe();
    env.emulator.control.removeSubscription(removed.id);
    expect((await failure(graph.renewSubscription(removed.id))).code).toBe('NOT_FOUND');
    await env.emulator.control.idle();
    expect(receiver.received.some((post) => JSON.stringify(post.body).includes('subscriptionRemoved'))).toBe(true);

    const expiring = await subscribe();
    await env.emulator.control.clock.advance(10_080 * MINUTE);
    expect((await failure(graph.renewSubscription(expiring.id))).code).toBe('NOT_FOUND');
  });
});
