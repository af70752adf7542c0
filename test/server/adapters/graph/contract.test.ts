import { describe, expect, test } from 'vitest';
import { fromGraphFailure } from '../../../../server/src/adapters/graph/graph-errors.js';
import {
  readReservationId,
  RESERVATION_ID_PROPERTY_ID,
} from '../../../../server/src/adapters/graph/extended-property.js';
import { fromGraphEvent } from '../../../../server/src/adapters/graph/mapping/from-graph-event.js';
import { readDeltaRound } from '../../../../server/src/adapters/graph/operations/calendar-delta.js';
import { fromGraphRoom, fromGraphRoomList } from '../../../../server/src/adapters/graph/operations/places.js';
import { fromGraphSchedule } from '../../../../server/src/adapters/graph/operations/schedule.js';
import { fromGraphSubscription } from '../../../../server/src/adapters/graph/operations/subscriptions.js';
import { GraphBatchResponse } from '../../../../server/src/adapters/graph/schemas/graph-batch.js';
import { GraphEvent } from '../../../../server/src/adapters/graph/schemas/graph-event.js';
import { GraphRoom, GraphRoomList } from '../../../../server/src/adapters/graph/schemas/graph-place.js';
import { GraphScheduleResponse } from '../../../../server/src/adapters/graph/schemas/graph-schedule.js';
import { GraphSubscription } from '../../../../server/src/adapters/graph/schemas/graph-subscription.js';
import { batchItemError, sendBatch } from '../../../../server/src/adapters/graph/transport/batch.js';
import { aMailbox } from '../../../support/builders.js';
import { loadCsdl, propertiesOf } from './support/csdl.js';
import { graphResponse, replay } from './support/fake-transport.js';
import { readGraphFixture } from './support/graph-fixtures.js';
import { createTestHttp, TEST_NOW } from './support/graph-test-http.js';

// Every fixture that is a Graph *response* to a request the adapter makes is read here by the
// adapter's own parsers. Requests (event-create-request-*, subscription-*-request*, batch-request*,
// getschedule-request) are checked against the CSDL in writes-contract.test.ts; change and lifecycle
// notifications are inbound requests to our webhook, not answers to the adapter.

type Page = { value: unknown[] };
const user = (address: string, timeZone = 'America/Los_Angeles') => aMailbox({ address, timeZone, isRoom: false });

describe('events', () => {
  const eventFixtures: Array<[string, unknown]> = [
    [
      'event-create-response-single-prefer-timezone.json',
      readGraphFixture('event-create-response-single-prefer-timezone.json'),
    ],
    [
      'event-create-response-weekly-recurring-seriesmaster.json',
      readGraphFixture('event-create-response-weekly-recurring-seriesmaster.json'),
    ],
    [
      'event-seriesmaster-exception-and-cancelled-occurrences-beta.json',
      readGraphFixture('event-seriesmaster-exception-and-cancelled-occurrences-beta.json'),
    ],
    ...readGraphFixture<Page>('event-instances-occurrences-and-exception.json').value.map(
      (item, index): [string, unknown] => [`event-instances-occurrences-and-exception.json #${index}`, item],
    ),
    ...readGraphFixture<Page>('event-delta-beta-calendarview-full-properties.json').value.map(
      (item, index): [string, unknown] => [`event-delta-beta-calendarview-full-properties.json #${index}`, item],
    ),
  ];
  for (const [name, fixture] of eventFixtures) {
    test(`${name} parses and maps`, () => {
      const event = GraphEvent.parse(fixture);
      expect(() => fromGraphEvent(event, user('samanthab@contoso.onmicrosoft.com'))).not.toThrow();
    });
  }

  test('the parsed subset uses only v1.0 CSDL property names (occurrenceId is the one beta fallback)', () => {
    const properties = propertiesOf(loadCsdl(), 'event');
    const unknown = Object.keys(GraphEvent.shape).filter((key) => !properties.has(key));
    expect(unknown).toEqual(['occurrenceId']);
  });

  test('item-expanded-with-single-value-extended-property.json: the expanded property shape', () => {
    const item = readGraphFixture<{ singleValueExtendedProperties: unknown }>(
      'item-expanded-with-single-value-extended-property.json',
    );
    const properties = GraphEvent.shape.singleValueExtendedProperties.parse(item.singleValueExtendedProperties);
    expect(readReservationId({ singleValueExtendedProperties: properties })).toBeNull();
    const ours = properties!.map((property) => ({ ...property, id: RESERVATION_ID_PROPERTY_ID }));
    expect(readReservationId({ singleValueExtendedProperties: ours })).toBe('Green');
  });
});

describe('delta pages', () => {
  test('page1 → page2 → page3 (deltaLink) → next round with @removed', async () => {
    const { http, transport } = createTestHttp(
      replay(
        graphResponse(200, readGraphFixture('event-delta-calendarview-page1-nextlink.json')),
        graphResponse(200, readGraphFixture('event-delta-calendarview-page2-nextlink.json')),
        graphResponse(200, readGraphFixture('event-delta-calendarview-page3-deltalink.json')),
        graphResponse(200, readGraphFixture('event-delta-calendarview-next-round-with-removed.json')),
      ),
    );
    const mailbox = aMailbox({ address: 'samanthab@contoso.onmicrosoft.com', isRoom: false });
    const first = await readDeltaRound(http, mailbox, {
      window: { start: new Date('2016-12-01T00:00:00Z'), end: new Date('2016-12-30T00:00:00Z') },
    });
    expect(first.events.map((event) => event.booking.subject)).toEqual([
      'Plan shopping list',
      'Pick up car',
      'Get food',
      'Prepare food',
      'Rest!',
    ]);
    expect(first.deltaLink).toBe('https://graph.microsoft.com/v1.0/me/calendarView/delta?$deltatoken=R0usmcMDNGg0J1E');
    expect(transport.requests[1]!.url.href).toBe(
      'https://graph.microsoft.com/v1.0/me/calendarView/delta?$skiptoken=R0usmcCM996atia_s',
    );
    const next = await readDeltaRound(http, mailbox, { deltaLink: first.deltaLink });
    expect(next.removedIds).toEqual(['AAMkADk0MGFkODE3LWE4MmYtNDRhOS04OGQLkRkXbBznTvAADb6ytyAAA=']);
    expect(next.events.map((event) => [event.id, event.booking.subject])).toEqual([
      ['AAMkADj1HvAAA=', 'Attend service'],
    ]);
    expect(next.unreadable).toEqual([]);
    expect(transport.requests[3]!.url.href).toBe(
      'https://graph.microsoft.com/v1.0/me/calendarView/delta?$deltatoken=R0usmcMDNGg0J1E',
    );
  });

  for (const name of [
    'event-delta-beta-calendarview-full-properties.json',
    'event-delta-beta-events-delta-page.json',
  ]) {
    test(`${name} (beta page shape) is read item by item`, async () => {
      const page = readGraphFixture<Record<string, unknown>>(name);
      const { http } = createTestHttp(
        replay(
          graphResponse(200, page),
          graphResponse(200, { value: [], '@odata.deltaLink': 'https://graph.microsoft.com/v1.0/d' }),
        ),
      );
      const round = await readDeltaRound(http, user('samanthab@contoso.onmicrosoft.com'), {
        deltaLink: 'https://graph.microsoft.com/v1.0/d0',
      });
      expect(round.unreadable).toEqual([]);
      expect(round.events).toHaveLength((page.value as unknown[]).length);
    });
  }
});

describe('subscriptions', () => {
  const names = [
    'subscription-create-response.json',
    'subscription-create-response-outlook-full.json',
    'subscription-create-response-rich-resource-data.json',
  ];
  for (const name of names) {
    test(`${name} parses`, () => {
      const subscription = fromGraphSubscription(GraphSubscription.parse(readGraphFixture(name)));
      expect(subscription.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(subscription.changeTypes).toEqual(['created']);
    });
  }

  test('subscription-list-response.json parses, clientState null', () => {
    const [subscription] = readGraphFixture<Page>('subscription-list-response.json').value.map((item) =>
      fromGraphSubscription(GraphSubscription.parse(item)),
    );
    expect(subscription).toEqual({
      id: '0fc0d6db-0073-42e5-a186-853da75fb308',
      resource: 'Users',
      mailbox: null,
      changeTypes: ['updated', 'deleted'],
      notificationUrl: 'https://webhookappexample.azurewebsites.net/api/notifications',
      lifecycleNotificationUrl: 'https://webhook.azurewebsites.net/api/send/lifecycleNotifications',
      expiresAt: '2018-03-12T05:00:00.000Z',
      clientState: null,
    });
  });

  test('the parsed subset uses only CSDL property names', () => {
    const properties = propertiesOf(loadCsdl(), 'subscription');
    expect(Object.keys(GraphSubscription.shape).filter((key) => !properties.has(key))).toEqual([]);
  });
});

describe('getSchedule', () => {
  test('getschedule-response.json, including a customTimeZone in workingHours', () => {
    const { value } = GraphScheduleResponse.parse(readGraphFixture('getschedule-response.json'));
    const [adele, megan] = value.map((information) => fromGraphSchedule(information, 'America/Los_Angeles'));
    expect(adele).toEqual({
      scheduleId: 'adelev@contoso.onmicrosoft.com',
      availabilityView: '000220000',
      items: [
        {
          status: 'busy',
          start: { dateTime: '2019-03-15T12:00:00', timeZone: 'America/Los_Angeles' },
          end: { dateTime: '2019-03-15T14:00:00', timeZone: 'America/Los_Angeles' },
          subject: "Let's go for lunch",
          location: "Harry's Bar",
          isPrivate: false,
        },
      ],
      workingHours: {
        daysOfWeek: ['MO', 'TU', 'WE', 'TH', 'FR'],
        startTime: '08:00:00',
        endTime: '17:00:00',
        timeZone: 'America/Los_Angeles',
      },
      error: null,
    });
    expect(megan!.items.map((item) => item.status)).toEqual(['busy', 'busy', 'tentative', 'busy', 'tentative']);
    expect(megan!.items[0]!.subject).toBeNull();
    // "Customized Time Zone" carries no name we can map: it reads as the zone the caller asked in.
    expect(megan!.workingHours?.timeZone).toBe('America/Los_Angeles');
  });

  test('a custom working-hours zone reads as the requested zone, whatever that is', () => {
    const { value } = GraphScheduleResponse.parse(readGraphFixture('getschedule-response.json'));
    expect(fromGraphSchedule(value[1]!, 'Europe/Berlin').workingHours?.timeZone).toBe('Europe/Berlin');
  });
});

describe('places', () => {
  test('places-rooms-list.json: the docs quirks (capacity "50", displayDevice, isWheelchairAccessible) read', () => {
    const rooms = readGraphFixture<Page>('places-rooms-list.json').value.map((item) =>
      fromGraphRoom(GraphRoom.parse(item)),
    );
    expect(rooms[0]).toEqual({
      email: 'cf100@contoso.com',
      displayName: 'Conf Room 100',
      capacity: 50,
      building: '1',
      city: 'Buffalo',
      floorNumber: 1,
      floorLabel: null,
      equipment: ['surface hub'],
      tags: ['bean bags'],
      bookingType: 'standard',
      isWheelChairAccessible: false,
    });
    expect(rooms.map((room) => room.email)).toEqual(['cf100@contoso.com', 'cf200@contoso.com']);
  });

  test('places-rooms-in-roomlist.json', () => {
    const rooms = readGraphFixture<Page>('places-rooms-in-roomlist.json').value.map((item) =>
      fromGraphRoom(GraphRoom.parse(item)),
    );
    expect(rooms.map((room) => [room.email, room.capacity, room.tags])).toEqual([
      ['cf200@contoso.com', 40, ['benches', 'nice view']],
    ]);
  });

  test('places-roomlists-list.json', () => {
    const lists = readGraphFixture<Page>('places-roomlists-list.json').value.map((item) =>
      fromGraphRoomList(GraphRoomList.parse(item)),
    );
    expect(lists).toEqual([
      { email: 'bldg1@contoso.com', displayName: 'Building 1' },
      { email: 'bldg2@contoso.com', displayName: 'Building 2' },
    ]);
  });

  test('room fields use CSDL names, apart from the two docs-sample fallbacks', () => {
    const properties = propertiesOf(loadCsdl(), 'room');
    expect(Object.keys(GraphRoom.shape).filter((key) => !properties.has(key))).toEqual([
      'displayDevice',
      'isWheelchairAccessible',
    ]);
  });
});

describe('$batch', () => {
  test('batch-response.json: per-item statuses, mapped to error codes item by item', async () => {
    const fixture = readGraphFixture('batch-response.json');
    expect(() => GraphBatchResponse.parse(fixture)).not.toThrow();
    const { http } = createTestHttp(replay(graphResponse(200, fixture)));
    const results = await sendBatch(
      http,
      ['1', '2', '3', '4', '5'].map((id) => ({ id, method: 'GET' as const, url: `/x/${id}` })),
    );
    expect([...results.values()].map((result) => result.status)).toEqual([200, 403, 403, 405, 200]);
    expect(batchItemError(results.get('2')!, TEST_NOW).code).toBe('FORBIDDEN');
    expect(batchItemError(results.get('4')!, TEST_NOW).code).toBe('UPSTREAM_FAILED');
  });
});

describe('errors (docs and observed/)', () => {
  const cases: Array<[string, number, string, number | undefined]> = [
    ['error-403-application-access-policy.json', 403, 'FORBIDDEN', undefined],
    ['error-429-throttled.json', 429, 'THROTTLED', 10_000],
    ['error-generic-shape.json', 416, 'UPSTREAM_FAILED', undefined],
    ['observed/error-410-syncstatenotfound.json', 410, 'CURSOR_EXPIRED', undefined],
    ['observed/error-429-mailbox-concurrency.json', 429, 'THROTTLED', 1_000],
    ['observed/error-429-mailbox-concurrency.json', 503, 'THROTTLED', 1_000],
    ['observed/error-calendarview-range-too-large.json', 400, 'INVALID_REQUEST', undefined],
    ['observed/error-subscription-expiration-too-far.json', 400, 'INVALID_REQUEST', undefined],
    ['observed/error-subscription-validation-timeout.json', 400, 'INVALID_REQUEST', undefined],
  ];
  for (const [name, status, code, retryAfterMs] of cases) {
    test(`${name} with ${status} → ${code}`, () => {
      const error = fromGraphFailure({
        status,
        body: readGraphFixture(name),
        ...(retryAfterMs ? { retryAfterMs } : {}),
      });
      expect(error.code).toBe(code);
      expect(error.details.retryAfterMs).toBe(retryAfterMs);
      expect((error.cause as { code: string }).code).toBe(
        (readGraphFixture(name) as { error: { code: string } }).error.code,
      );
    });
  }

  test('error codes match case-insensitively, whatever the status', () => {
    expect(fromGraphFailure({ status: 400, body: { error: { code: 'syncStateNotFound', message: '' } } }).code).toBe(
      'CURSOR_EXPIRED',
    );
    expect(fromGraphFailure({ status: 400, body: { error: { code: 'ERRORITEMNOTFOUND', message: '' } } }).code).toBe(
      'NOT_FOUND',
    );
    expect(fromGraphFailure({ status: 404, body: undefined }).code).toBe('NOT_FOUND');
    expect(fromGraphFailure({ status: 401, body: '<html>proxy</html>' }).code).toBe('FORBIDDEN');
    expect(fromGraphFailure({ status: 502, body: undefined }).code).toBe('UPSTREAM_FAILED');
  });
});
