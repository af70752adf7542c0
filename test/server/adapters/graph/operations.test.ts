import { describe, expect, test } from 'vitest';
import type { Booking } from '@workplace-sync/shared';
import { createGraphAdapterOver, RESERVATION_ID_PROPERTY_ID } from '../../../../server/src/adapters/graph/index.js';
import { AppError } from '../../../../server/src/errors.js';
import { aBooking, aMailbox, BERLIN_ROOM as ROOM } from '../../../support/builders.js';
import { csdlViolations } from './support/csdl.js';
import { graphResponse, replay } from './support/fake-transport.js';
import type { FakeHandler } from './support/fake-transport.js';
import { readGraphFixture } from './support/graph-fixtures.js';
import { createTestHttp, TEST_NOW } from './support/graph-test-http.js';

type Json = Record<string, unknown>;
/** This file's meeting: 3 March 2025 in Berlin, Adele organizing, Megan invited, in ROOM. */
const inBerlin: Partial<Booking> = {
  start: { dateTime: '2025-03-03T09:00:00', timeZone: 'Europe/Berlin' },
  end: { dateTime: '2025-03-03T10:00:00', timeZone: 'Europe/Berlin' },
  organizer: { email: 'adele@contoso.com', name: 'Adele Vance' },
  participants: [{ email: 'megan@contoso.com', name: 'Megan Bowen', kind: 'required' }],
  rooms: [ROOM],
};
const roomEvent = (overrides: Json = {}): Json => ({
  id: 'AAMkE1=',
  changeKey: 'ck-1',
  type: 'singleInstance',
  subject: 'Design review',
  start: { dateTime: '2025-03-03T09:00:00.0000000', timeZone: 'W. Europe Standard Time' },
  end: { dateTime: '2025-03-03T10:00:00.0000000', timeZone: 'W. Europe Standard Time' },
  organizer: { emailAddress: { name: 'Room 4.12', address: ROOM } },
  attendees: [{ type: 'required', emailAddress: { name: 'Adele Vance', address: 'adele@contoso.com' } }],
  ...overrides,
});

function setup(handler: FakeHandler) {
  const test = createTestHttp(handler);
  return { ...test, graph: createGraphAdapterOver(test.http) };
}

const expectAppError = async (promise: Promise<unknown>, code: string) => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
};

describe('room calendar reads', () => {
  test('getEvent expands our extended property and asks for the mailbox zone and immutable ids', async () => {
    const { graph, transport } = setup(
      replay(
        graphResponse(
          200,
          roomEvent({ singleValueExtendedProperties: [{ id: RESERVATION_ID_PROPERTY_ID, value: 'R-9' }] }),
        ),
      ),
    );
    const event = await graph.getEvent(aMailbox(), 'AAMkE1=');
    expect(event.reservationId).toBe('R-9');
    const [request] = transport.requests;
    expect(request!.method).toBe('GET');
    expect(request!.url.pathname).toBe('/v1.0/users/room-4.12%40contoso.com/events/AAMkE1%3D');
    expect(request!.url.searchParams.get('$expand')).toBe(
      `singleValueExtendedProperties($filter=id eq '${RESERVATION_ID_PROPERTY_ID}')`,
    );
    expect(request!.headers.get('Prefer')).toBe('IdType="ImmutableId", outlook.timezone="W. Europe Standard Time"');
  });

  test('getEvent of a deleted event is NOT_FOUND (ErrorItemNotFound)', async () => {
    const { graph } = setup(
      replay(
        graphResponse(404, {
          error: { code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' },
        }),
      ),
    );
    await expectAppError(graph.getEvent(aMailbox(), 'gone'), 'NOT_FOUND');
  });

  test('getEvent in a mailbox outside the app access policy is FORBIDDEN', async () => {
    const { graph } = setup(replay(graphResponse(403, readGraphFixture('error-403-application-access-policy.json'))));
    await expectAppError(graph.getEvent(aMailbox(), 'AAMkE1='), 'FORBIDDEN');
  });

  test('findEventsByReservationId filters on the property value and follows pages', async () => {
    const { graph, transport } = setup(
      replay(
        graphResponse(200, {
          value: [roomEvent()],
          '@odata.nextLink': 'https://graph.microsoft.com/v1.0/users/x/events?$skiptoken=p2',
        }),
        graphResponse(200, { value: [roomEvent({ id: 'AAMkE2=' })] }),
      ),
    );
    const events = await graph.findEventsByReservationId(aMailbox(), "R-1'2");
    expect(events.map((event) => event.id)).toEqual(['AAMkE1=', 'AAMkE2=']);
    expect(transport.requests[0]!.url.searchParams.get('$filter')).toBe(
      `singleValueExtendedProperties/Any(ep: ep/id eq '${RESERVATION_ID_PROPERTY_ID}' and ep/value eq 'R-1''2')`,
    );
    expect(transport.requests[1]!.url.search).toBe('?$skiptoken=p2');
  });

  test('readSeries combines the master and the instances in the window into exceptions', async () => {
    const master = roomEvent({
      id: 'AAMkM=',
      type: 'seriesMaster',
      recurrence: {
        pattern: { type: 'daily', interval: 1, firstDayOfWeek: 'monday' },
        range: {
          type: 'numbered',
          startDate: '2025-03-03',
          numberOfOccurrences: 3,
          recurrenceTimeZone: 'W. Europe Standard Time',
        },
      },
    });
    const instance = (day: string, overrides: Json = {}) =>
      roomEvent({
        id: `AAMkI${day}=`,
        type: 'occurrence',
        seriesMasterId: 'AAMkM=',
        originalStart: `2025-03-${day}T08:00:00Z`,
        start: { dateTime: `2025-03-${day}T09:00:00.0000000`, timeZone: 'W. Europe Standard Time' },
        end: { dateTime: `2025-03-${day}T10:00:00.0000000`, timeZone: 'W. Europe Standard Time' },
        ...overrides,
      });
    const { graph, transport } = setup((request) =>
      request.url.pathname.endsWith('/instances')
        ? graphResponse(200, {
            value: [
              instance('03'),
              instance('05', {
                type: 'exception',
                start: { dateTime: '2025-03-05T14:00:00.0000000', timeZone: 'W. Europe Standard Time' },
                end: { dateTime: '2025-03-05T15:00:00.0000000', timeZone: 'W. Europe Standard Time' },
              }),
            ],
          })
        : graphResponse(200, master),
    );
    const window = { start: new Date('2025-03-01T00:00:00Z'), end: new Date('2025-04-01T00:00:00Z') };
    const series = await graph.readSeries(aMailbox(), 'AAMkM=', window);
    expect(series.booking.exceptions).toEqual([
      { originalStart: '2025-03-04T08:00:00.000Z', kind: 'cancelled' },
      {
        originalStart: '2025-03-05T08:00:00.000Z',
        kind: 'modified',
        start: { dateTime: '2025-03-05T14:00:00', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2025-03-05T15:00:00', timeZone: 'Europe/Berlin' },
      },
    ]);
    const instancesRequest = transport.requests.find((request) => request.url.pathname.endsWith('/instances'))!;
    expect(instancesRequest.url.searchParams.get('startDateTime')).toBe('2025-03-01T00:00:00.000Z');
    expect(instancesRequest.url.searchParams.get('endDateTime')).toBe('2025-04-01T00:00:00.000Z');
  });
});

describe('room calendar writes', () => {
  test('createEvent posts the booking with transactionId and our property, in CSDL names', async () => {
    const { graph, transport } = setup(replay(graphResponse(201, roomEvent({ transactionId: 'wps-R-1-1' }))));
    const event = await graph.createEvent(aMailbox(), aBooking(inBerlin), {
      transactionId: 'wps-R-1-1',
      reservationId: 'R-1',
    });
    const [request] = transport.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url.pathname).toBe('/v1.0/users/room-4.12%40contoso.com/events');
    expect(request!.body).toEqual({
      subject: 'Design review',
      start: { dateTime: '2025-03-03T09:00:00', timeZone: 'W. Europe Standard Time' },
      end: { dateTime: '2025-03-03T10:00:00', timeZone: 'W. Europe Standard Time' },
      attendees: [
        { type: 'required', emailAddress: { address: 'adele@contoso.com', name: 'Adele Vance' } },
        { type: 'required', emailAddress: { address: 'megan@contoso.com', name: 'Megan Bowen' } },
      ],
      location: { displayName: ROOM, locationEmailAddress: ROOM, locationType: 'conferenceRoom' },
      locations: [{ displayName: ROOM, locationEmailAddress: ROOM, locationType: 'conferenceRoom' }],
      transactionId: 'wps-R-1-1',
      singleValueExtendedProperties: [{ id: RESERVATION_ID_PROPERTY_ID, value: 'R-1' }],
    });
    expect(csdlViolations(request!.body, 'event')).toEqual([]);
    // The 201 answer has no extended properties; we know what we wrote.
    expect(event.reservationId).toBe('R-1');
    expect(event.transactionId).toBe('wps-R-1-1');
  });

  test('the docs request with an extended property: the same property shape; only its enum casing is off-schema', () => {
    const docsRequest = readGraphFixture<{ singleValueExtendedProperties: Json[] }>(
      'event-create-request-with-single-value-extended-property.json',
    );
    // Requests in the docs capitalise enum members ("HTML", "Required"); Graph reads them case-insensitively,
    // our writes use the CSDL spelling.
    expect(csdlViolations(docsRequest, 'event')).toEqual([
      "event.body.contentType: 'HTML' is not a member of bodyType",
      "event.attendees[0].type: 'Required' is not a member of attendeeType",
    ]);
    expect(Object.keys(docsRequest.singleValueExtendedProperties[0]!)).toEqual(['id', 'value']);
  });

  test('createEvent for a series sends the canonical recurrence', async () => {
    const { graph, transport } = setup(replay(graphResponse(201, roomEvent())));
    await graph.createEvent(
      aMailbox(),
      aBooking({
        ...inBerlin,
        recurrence: { freq: 'weekly', interval: 1, byDay: ['MO'], weekStart: 'MO', end: { type: 'count', count: 5 } },
      }),
      { transactionId: 't', reservationId: 'R-2' },
    );
    expect((transport.requests[0]!.body as Json).recurrence).toEqual({
      pattern: { type: 'weekly', interval: 1, firstDayOfWeek: 'monday', daysOfWeek: ['monday'] },
      range: {
        type: 'numbered',
        startDate: '2025-03-03',
        recurrenceTimeZone: 'W. Europe Standard Time',
        numberOfOccurrences: 5,
      },
    });
  });

  test('updateEvent patches without transactionId (Graph refuses to change it)', async () => {
    const { graph, transport } = setup(replay(graphResponse(200, roomEvent())));
    await graph.updateEvent(aMailbox(), 'AAMkE1=', aBooking({ ...inBerlin, subject: 'Renamed' }), {
      reservationId: 'R-1',
    });
    const [request] = transport.requests;
    expect(request!.method).toBe('PATCH');
    expect(request!.url.pathname).toBe('/v1.0/users/room-4.12%40contoso.com/events/AAMkE1%3D');
    expect(request!.body).toMatchObject({ subject: 'Renamed' });
    expect(request!.body).not.toHaveProperty('transactionId');
  });

  test('updateOccurrence patches the instance times', async () => {
    const { graph, transport } = setup(replay(graphResponse(200, roomEvent({ type: 'exception' }))));
    await graph.updateOccurrence(aMailbox(), 'AAMkI=', {
      originalStart: '2025-03-04T08:00:00.000Z',
      kind: 'modified',
      start: { dateTime: '2025-03-04T11:00:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2025-03-04T12:00:00', timeZone: 'Europe/Berlin' },
    });
    expect(transport.requests[0]!.body).toEqual({
      start: { dateTime: '2025-03-04T11:00:00', timeZone: 'W. Europe Standard Time' },
      end: { dateTime: '2025-03-04T12:00:00', timeZone: 'W. Europe Standard Time' },
    });
  });

  test('cancelEvent posts /cancel (202), deleteEvent deletes (204)', async () => {
    const { graph, transport } = setup(replay(graphResponse(202), graphResponse(204)));
    await graph.cancelEvent(aMailbox(), 'AAMkE1=', 'Cancelled in Workplace');
    await graph.deleteEvent(aMailbox(), 'AAMkE2=');
    expect(transport.requests.map((request) => [request.method, request.url.pathname, request.body])).toEqual([
      ['POST', '/v1.0/users/room-4.12%40contoso.com/events/AAMkE1%3D/cancel', { comment: 'Cancelled in Workplace' }],
      ['DELETE', '/v1.0/users/room-4.12%40contoso.com/events/AAMkE2%3D', undefined],
    ]);
  });
});

describe('subscriptions', () => {
  const input = {
    mailbox: ROOM,
    notificationUrl: 'https://sync.contoso.com/webhooks/graph',
    lifecycleNotificationUrl: 'https://sync.contoso.com/webhooks/graph/lifecycle',
    clientState: 'a-secret-of-sufficient-length',
  };

  test('create: the room events resource, all change types, clamped expiry, immutable ids', async () => {
    const { graph, transport } = setup(
      replay(
        graphResponse(201, {
          ...readGraphFixture<Json>('subscription-create-response-outlook-full.json'),
          resource: `/users/${ROOM}/events`,
          changeType: 'created,updated,deleted',
        }),
      ),
    );
    const subscription = await graph.createSubscription({ ...input, expiresAt: new Date('2030-01-01T00:00:00Z') });
    const [request] = transport.requests;
    expect(request!.url.pathname).toBe('/v1.0/subscriptions');
    expect(request!.headers.get('Prefer')).toBe('IdType="ImmutableId"');
    expect(request!.body).toEqual({
      changeType: 'created,updated,deleted',
      notificationUrl: input.notificationUrl,
      lifecycleNotificationUrl: input.lifecycleNotificationUrl,
      resource: `/users/${ROOM}/events`,
      // 10,080 minutes minus a 60-minute margin from the (fixed) clock.
      expirationDateTime: new Date(TEST_NOW.getTime() + (10_080 - 60) * 60_000).toISOString(),
      clientState: input.clientState,
    });
    expect(csdlViolations(request!.body, 'subscription')).toEqual([]);
    expect(subscription.mailbox).toBe(ROOM);
    expect(subscription.changeTypes).toEqual(['created', 'updated', 'deleted']);
  });

  test('create refuses what Graph would refuse, without calling it', async () => {
    const { graph, transport } = setup(replay());
    await expectAppError(graph.createSubscription({ ...input, clientState: 'x'.repeat(129) }), 'INVALID_REQUEST');
    await expectAppError(
      graph.createSubscription({ ...input, notificationUrl: 'http://sync.contoso.com/hook' }),
      'INVALID_REQUEST',
    );
    expect(transport.requests).toHaveLength(0);
  });

  test("a failed validation handshake is Graph's 400 InvalidRequest (INVALID_REQUEST; the renewal job retries)", async () => {
    const { graph } = setup(
      replay(graphResponse(400, readGraphFixture('observed/error-subscription-validation-timeout.json'))),
    );
    await expectAppError(graph.createSubscription(input), 'INVALID_REQUEST');
  });

  test('renew, reauthorize, delete (404 counts as deleted), list (paged)', async () => {
    const listed = readGraphFixture<{ value: Json[] }>('subscription-list-response.json').value[0]!;
    const { graph, transport } = setup(
      replay(
        graphResponse(200, { ...listed, id: 's-1' }),
        graphResponse(204),
        graphResponse(404, { error: { code: 'ResourceNotFound', message: 'Subscription not found' } }),
        graphResponse(200, {
          value: [listed],
          '@odata.nextLink': 'https://graph.microsoft.com/v1.0/subscriptions?$skiptoken=2',
        }),
        graphResponse(200, { value: [{ ...listed, id: 's-2' }] }),
      ),
    );
    const renewed = await graph.renewSubscription('s-1', new Date(TEST_NOW.getTime() + 3_600_000));
    await graph.reauthorizeSubscription('s-1');
    await graph.deleteSubscription('s-gone');
    const all = await graph.listSubscriptions();
    expect(renewed.id).toBe('s-1');
    expect(all.map((subscription) => subscription.id)).toEqual(['0fc0d6db-0073-42e5-a186-853da75fb308', 's-2']);
    expect(
      transport.requests.slice(0, 3).map((request) => [request.method, request.url.pathname, request.body]),
    ).toEqual([
      ['PATCH', '/v1.0/subscriptions/s-1', { expirationDateTime: '2025-03-03T09:00:00.000Z' }],
      ['POST', '/v1.0/subscriptions/s-1/reauthorize', {}],
      ['DELETE', '/v1.0/subscriptions/s-gone', undefined],
    ]);
  });

  test('renewing a subscription Graph already removed is NOT_FOUND (recreate, then resync)', async () => {
    const { graph } = setup(replay(graphResponse(404, { error: { code: 'ResourceNotFound', message: 'gone' } })));
    await expectAppError(graph.renewSubscription('s-1'), 'NOT_FOUND');
  });
});

describe('getSchedule and places', () => {
  test('getSchedule posts the window in its zone and reads answers in it', async () => {
    const { graph, transport } = setup(replay(graphResponse(200, readGraphFixture('getschedule-response.json'))));
    const schedules = await graph.getSchedule({
      mailbox: ROOM,
      schedules: ['adelev@contoso.onmicrosoft.com', 'meganb@contoso.onmicrosoft.com'],
      start: { dateTime: '2019-03-15T09:00:00', timeZone: 'America/Los_Angeles' },
      end: { dateTime: '2019-03-15T18:00:00', timeZone: 'America/Los_Angeles' },
      intervalMinutes: 60,
    });
    const [request] = transport.requests;
    expect(request!.url.pathname).toBe('/v1.0/users/room-4.12%40contoso.com/calendar/getSchedule');
    expect(request!.body).toEqual(readGraphFixture('getschedule-request.json'));
    expect(request!.headers.get('Prefer')).toContain('outlook.timezone="Pacific Standard Time"');
    expect(schedules.map((schedule) => schedule.availabilityView)).toEqual(['000220000', '200220010']);
  });

  /** Graph's answer to a `$batch` of getSchedule calls: every item 200 with no schedules. */
  const answerEveryItem: FakeHandler = (request) =>
    graphResponse(200, {
      responses: (request.body as { requests: Array<{ id: string }> }).requests.map(({ id }) => ({
        id,
        status: 200,
        body: { value: [] },
      })),
    });
  const itemsOf = (request: { body: unknown }) =>
    (
      request.body as {
        requests: Array<{ url: string; body: { schedules: string[] }; headers: Record<string, string> }>;
      }
    ).requests;

  test('getSchedule splits many schedules into calls of 20, sent together in one $batch', async () => {
    const { graph, transport } = setup(answerEveryItem);
    const schedules = Array.from({ length: 45 }, (_, index) => `room-${index}@contoso.com`);
    await graph.getSchedule({
      mailbox: ROOM,
      schedules,
      start: { dateTime: '2025-03-03T08:00:00', timeZone: 'UTC' },
      end: { dateTime: '2025-03-03T18:00:00', timeZone: 'UTC' },
    });
    expect(transport.requests.map((request) => request.url.pathname)).toEqual(['/v1.0/$batch']);
    const items = itemsOf(transport.requests[0]!);
    expect(items.map((item) => item.body.schedules.length)).toEqual([20, 20, 5]);
    expect(new Set(items.map((item) => item.url))).toEqual(
      new Set(['/users/room-4.12%40contoso.com/calendar/getSchedule']),
    );
    expect(items.every((item) => item.headers['Prefer']?.includes('outlook.timezone="UTC"'))).toBe(true);
  });

  test('getSchedule without a mailbox makes each call as its own first schedule', async () => {
    const { graph, transport } = setup(answerEveryItem);
    const schedules = Array.from({ length: 45 }, (_, index) => `room-${index}@contoso.com`);
    await graph.getSchedule({
      schedules,
      start: { dateTime: '2025-03-03T08:00:00', timeZone: 'UTC' },
      end: { dateTime: '2025-03-03T18:00:00', timeZone: 'UTC' },
    });
    expect(itemsOf(transport.requests[0]!).map((item) => item.url)).toEqual([
      '/users/room-0%40contoso.com/calendar/getSchedule',
      '/users/room-20%40contoso.com/calendar/getSchedule',
      '/users/room-40%40contoso.com/calendar/getSchedule',
    ]);
  });

  test('getSchedule fails as a whole when one call of the $batch fails (an unknown first room: 404)', async () => {
    const { graph } = setup((request) =>
      graphResponse(200, {
        responses: (request.body as { requests: Array<{ id: string }> }).requests.map(({ id }) =>
          id === '1'
            ? { id, status: 404, body: { error: { code: 'ErrorItemNotFound', message: 'not found' } } }
            : { id, status: 200, body: { value: [] } },
        ),
      }),
    );
    await expectAppError(
      graph.getSchedule({
        schedules: Array.from({ length: 45 }, (_, index) => `room-${index}@contoso.com`),
        start: { dateTime: '2025-03-03T08:00:00', timeZone: 'UTC' },
        end: { dateTime: '2025-03-03T18:00:00', timeZone: 'UTC' },
      }),
      'NOT_FOUND',
    );
  });

  test('places paths', async () => {
    const { graph, transport } = setup(
      replay(
        graphResponse(200, readGraphFixture('places-rooms-list.json')),
        graphResponse(200, readGraphFixture('places-roomlists-list.json')),
        graphResponse(200, readGraphFixture('places-rooms-in-roomlist.json')),
      ),
    );
    expect((await graph.listRooms()).map((room) => room.capacity)).toEqual([50, 40]);
    expect((await graph.listRoomLists()).map((list) => list.email)).toEqual(['bldg1@contoso.com', 'bldg2@contoso.com']);
    expect((await graph.listRoomsInRoomList('bldg2@contoso.com')).map((room) => room.email)).toEqual([
      'cf200@contoso.com',
    ]);
    expect(transport.requests.map((request) => request.url.pathname)).toEqual([
      '/v1.0/places/microsoft.graph.room',
      '/v1.0/places/microsoft.graph.roomlist',
      '/v1.0/places/bldg2%40contoso.com/microsoft.graph.roomlist/rooms',
    ]);
  });
});
