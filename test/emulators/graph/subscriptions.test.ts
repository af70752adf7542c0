import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ADELE, encode, ROOM_A, START, useEmulator } from './support/emulator-harness.js';
import { NotificationReceiver } from './support/notification-receiver.js';

type Subscription = Record<string, unknown> & { id: string; clientState: string | null; expirationDateTime: string };
type ErrorBody = { error: { code: string; message: string } };

const minutesFromStart = (minutes: number) => new Date(START.getTime() + minutes * 60_000).toISOString();

describe('subscriptions', () => {
  const harness = useEmulator({ subscriptions: { validationTimeoutMs: 300 } });
  const receiver = new NotificationReceiver();
  let endpoint: string;

  beforeAll(async () => {
    endpoint = await receiver.start();
  });
  afterAll(() => receiver.stop());
  beforeEach(() => {
    receiver.clear();
    receiver.behaviour = {};
  });

  const request = (overrides: Record<string, unknown> = {}) => ({
    changeType: 'created,updated,deleted',
    notificationUrl: `${endpoint}/notifications?room=a`,
    lifecycleNotificationUrl: `${endpoint}/lifecycle`,
    resource: `/users/${ROOM_A}/events`,
    expirationDateTime: minutesFromStart(4000),
    clientState: 'secret-state',
    ...overrides,
  });

  test('create runs the validation handshake on both URLs and answers 201 with every property', async () => {
    const created = await harness.graph.post<Subscription>('/v1.0/subscriptions', request());
    expect(created.status).toBe(201);
    expect(receiver.validations.map((validation) => validation.path)).toEqual(['/notifications', '/lifecycle']);
    expect(receiver.validations[0]).toMatchObject({ body: '', contentType: 'text/plain; charset=utf-8' });
    expect(receiver.validations[0]!.token).toMatch(
      /^Validation: Testing client application reachability for subscription Request-Id: /,
    );
    expect(created.body).toMatchObject({
      resource: `/users/${ROOM_A}/events`,
      changeType: 'created,updated,deleted',
      clientState: 'secret-state',
      applicationId: expect.any(String),
      creatorId: expect.any(String),
      latestSupportedTlsVersion: 'v1_2',
      notificationQueryOptions: null,
      encryptionCertificate: null,
      expirationDateTime: '2027-03-04T02:40:00.0000000Z',
    });
    const listed = await harness.graph.get<{ value: Subscription[] }>('/v1.0/subscriptions');
    expect(listed.body.value).toHaveLength(1);
    expect(listed.body.value[0]!.clientState).toBeNull();
  });

  test('the handshake needs 200 with the exact token, in time', async () => {
    receiver.behaviour = { validationAnswer: (token) => ({ status: 200, body: `${token} ` }) };
    const mismatch = await harness.graph.post<ErrorBody>('/v1.0/subscriptions', request());
    expect([mismatch.status, mismatch.body.error.code]).toEqual([400, 'ValidationError']);
    expect(mismatch.body.error.message).toContain('must exactly match validationToken');
    receiver.behaviour = { validationAnswer: () => ({ status: 500, body: '' }) };
    const failing = await harness.graph.post<ErrorBody>('/v1.0/subscriptions', request());
    expect(failing.body.error.message).toContain('must respond with 200 OK');
    receiver.behaviour = { validationAnswer: (token) => ({ status: 200, body: token, delayMs: 1000 }) };
    const slow = await harness.graph.post<ErrorBody>('/v1.0/subscriptions', request());
    expect([slow.status, slow.body.error.code, slow.body.error.message]).toEqual([
      400,
      'InvalidRequest',
      'Subscription validation request timed out.',
    ]);
    expect((await harness.graph.get<{ value: unknown[] }>('/v1.0/subscriptions')).body.value).toEqual([]);
  });

  test('validation of the request: expiration, clientState, resource, https', async () => {
    const tooFar = await harness.graph.post<ErrorBody>(
      '/v1.0/subscriptions',
      request({ expirationDateTime: minutesFromStart(10_081) }),
    );
    expect([tooFar.status, tooFar.body.error.code, tooFar.body.error.message]).toEqual([
      400,
      'ExtensionError',
      'Subscription expiration can only be 10080 minutes in the future.',
    ]);
    expect(
      (await harness.graph.post('/v1.0/subscriptions', request({ expirationDateTime: minutesFromStart(10_080) })))
        .status,
    ).toBe(201);
    const longState = await harness.graph.post<ErrorBody>(
      '/v1.0/subscriptions',
      request({ clientState: 'x'.repeat(129) }),
    );
    expect(longState.status).toBe(400);
    const single = await harness.graph.post<ErrorBody>(
      '/v1.0/subscriptions',
      request({ resource: `/users/${ROOM_A}/events/AAMkAD=` }),
    );
    expect(single.status).toBe(400);
    const calendarView = await harness.graph.post<ErrorBody>(
      '/v1.0/subscriptions',
      request({ resource: `users/${ROOM_A}/calendarView` }),
    );
    expect(calendarView.status).toBe(400);
    const insecure = await harness.graph.post<ErrorBody>(
      '/v1.0/subscriptions',
      request({ notificationUrl: 'http://example.com/hook' }),
    );
    expect([insecure.status, insecure.body.error.code]).toEqual([400, 'ValidationError']);
  });

  test('resources may use a leading slash or not, Users casing, calendar/events and the mailbox GUID', async () => {
    const [room] = harness.control.mailboxes().filter((mailbox) => mailbox.email === ROOM_A);
    for (const resource of [`Users/${ROOM_A}/Events`, `/users/${room!.id}/calendar/events`]) {
      const created = await harness.graph.post<Subscription>(
        '/v1.0/subscriptions',
        request({ resource, changeType: resource.startsWith('/') ? 'updated' : 'created' }),
      );
      expect(created.status).toBe(201);
    }
  });

  test('a second identical subscription of the same app is a 409 Conflict (current docs)', async () => {
    expect((await harness.graph.post('/v1.0/subscriptions', request())).status).toBe(201);
    const duplicate = await harness.graph.post<ErrorBody>('/v1.0/subscriptions', request());
    expect([duplicate.status, duplicate.body.error.code]).toEqual([409, 'Conflict']);
  });

  test('PATCH renews (200), cannot add a lifecycle URL, and 404s once the subscription expired silently', async () => {
    const { body } = await harness.graph.post<Subscription>(
      '/v1.0/subscriptions',
      request({ lifecycleNotificationUrl: undefined }),
    );
    const renewed = await harness.graph.patch<Subscription>(`/v1.0/subscriptions/${body.id}`, {
      expirationDateTime: minutesFromStart(6000),
    });
    expect(renewed.status).toBe(200);
    expect(renewed.body.expirationDateTime).toBe(
      new Date(START.getTime() + 6000 * 60_000).toISOString().replace('.000Z', '.0000000Z'),
    );
    const addLifecycle = await harness.graph.patch<ErrorBody>(`/v1.0/subscriptions/${body.id}`, {
      lifecycleNotificationUrl: `${endpoint}/lifecycle`,
    });
    expect(addLifecycle.status).toBe(400);
    await harness.control.clock.advance(6001 * 60_000);
    const token = await harness.control.issueAppToken('5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d');
    const graph = harness.anonymous.withToken(token);
    expect(
      (
        await graph.patch(`/v1.0/subscriptions/${body.id}`, {
          expirationDateTime: new Date(harness.control.clock.now().getTime() + 3_600_000).toISOString(),
        })
      ).status,
    ).toBe(404);
    expect((await graph.get<{ value: unknown[] }>('/v1.0/subscriptions')).body.value).toEqual([]);
    expect(receiver.lifecycleEvents()).toEqual([]);
  });

  test('DELETE answers 204; reauthorize answers 204', async () => {
    const { body } = await harness.graph.post<Subscription>('/v1.0/subscriptions', request());
    expect((await harness.graph.post(`/v1.0/subscriptions/${body.id}/reauthorize`)).status).toBe(204);
    expect((await harness.graph.delete(`/v1.0/subscriptions/${body.id}`)).status).toBe(204);
    expect((await harness.graph.get(`/v1.0/subscriptions/${body.id}`)).status).toBe(404);
  });

  test('a subscription on a mailbox outside the app’s scope is refused like an access policy would', async () => {
    harness.control.registerApp({
      clientId: 'rooms-only',
      clientSecrets: ['s'],
      graphRoles: ['Calendars.ReadWrite'],
      mailboxScope: 'rooms',
    });
    const graph = harness.anonymous.withToken(await harness.control.issueAppToken('rooms-only'));
    const refused = await graph.post<ErrorBody>(
      '/v1.0/subscriptions',
      request({ resource: `/users/${encode(ADELE)}/events` }),
    );
    expect([refused.status, refused.body.error.code, refused.body.error.message]).toEqual([
      403,
      'ErrorAccessDenied',
      'Access to OData is disabled.',
    ]);
    expect((await graph.get<ErrorBody>(`/v1.0/users/${encode(ADELE)}/events`)).status).toBe(403);
  });
});
