import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useEmulator } from './support/emulator-harness.js';
import { keysOf, readGraphFixture } from './support/graph-fixtures.js';
import { NotificationReceiver } from './support/notification-receiver.js';
import { collectPayloads } from './support/payload-samples.js';

type Json = Record<string, unknown>;
const first = (collection: unknown) => ((collection as { value: Json[] }).value[0] ?? {}) as Json;
/** Keys a doc sample shows that the CSDL does not have (fixtures/graph/SOURCES.md, "Known doc-vs-schema quirks"). */
const without = (keys: string[], quirks: string[]) => keys.filter((key) => !quirks.includes(key));

describe('emulator answers have the shapes of the documented payloads (test/fixtures/graph)', () => {
  const harness = useEmulator();
  const receiver = new NotificationReceiver();
  let payloads: Awaited<ReturnType<typeof collectPayloads>>;
  beforeAll(async () => {
    const endpoint = await receiver.start();
    payloads = await collectPayloads(harness, receiver, endpoint);
  });
  afterAll(() => receiver.stop());

  test('event create responses: every documented property, same nested shapes, times in the Prefer zone', () => {
    const fixture = readGraphFixture('event-create-response-single-prefer-timezone.json');
    expect(keysOf(payloads.single)).toEqual(expect.arrayContaining(keysOf(fixture)));
    for (const nested of ['responseStatus', 'body', 'start', 'end', 'organizer']) {
      expect(keysOf(payloads.single[nested]), nested).toEqual(keysOf(fixture[nested]));
    }
    expect(keysOf((payloads.single.attendees as Json[])[0])).toEqual(keysOf((fixture.attendees as Json[])[0]));
    expect(keysOf(payloads.single.location)).toEqual(keysOf(fixture.location));
    expect(payloads.single.location).toMatchObject({ locationType: 'default', uniqueIdType: 'private' });
    expect((payloads.single.start as Json).timeZone).toBe('Pacific Standard Time');
    expect((payloads.single.start as { dateTime: string }).dateTime).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.0000000$/,
    );
    expect(payloads.single['@odata.etag']).toBe(`W/"${payloads.single.changeKey as string}"`);

    const series = readGraphFixture('event-create-response-weekly-recurring-seriesmaster.json');
    expect(keysOf(payloads.series)).toEqual(expect.arrayContaining(without(keysOf(series), ['OnlineMeeting'])));
    const recurrence = series.recurrence as { pattern: Json; range: Json };
    const emulated = payloads.series.recurrence as { pattern: Json; range: Json };
    expect(keysOf(emulated.pattern)).toEqual(keysOf(recurrence.pattern));
    expect(keysOf(emulated.range)).toEqual(keysOf(recurrence.range));
    expect(emulated.pattern).toMatchObject({
      daysOfWeek: ['monday'],
      firstDayOfWeek: 'sunday',
      index: 'first',
      month: 0,
      dayOfMonth: 0,
    });
  });

  test('instances with $select: exactly the selected properties, occurrences and the exception', () => {
    const fixture = readGraphFixture<{ value: Json[] }>('event-instances-occurrences-and-exception.json');
    expect(keysOf(payloads.instances, { withAnnotations: true })).toEqual(keysOf(fixture, { withAnnotations: true }));
    for (const instance of payloads.instances.value)
      expect(keysOf(instance, { withAnnotations: true })).toEqual(keysOf(fixture.value[0], { withAnnotations: true }));
    expect(new Set(payloads.instances.value.map((instance) => instance.type))).toEqual(
      new Set(fixture.value.map((instance) => instance.type)),
    );
  });

  test('delta pages: nextLink then deltaLink, full items, and @removed tombstones shaped like the docs', () => {
    const page1 = readGraphFixture('event-delta-calendarview-page1-nextlink.json');
    const nextRound = readGraphFixture('event-delta-calendarview-next-round-with-removed.json');
    expect(keysOf(payloads.deltaFirst, { withAnnotations: true })).toEqual(keysOf(page1, { withAnnotations: true }));
    expect(keysOf(first(payloads.deltaFirst), { withAnnotations: true })).toEqual(
      expect.arrayContaining(keysOf(first(page1), { withAnnotations: true })),
    );
    const tombstone = payloads.deltaNext.value.find((item) => item['@removed']);
    expect(keysOf(tombstone, { withAnnotations: true })).toEqual(keysOf(first(nextRound), { withAnnotations: true }));
    expect(tombstone!['@removed']).toEqual({ reason: 'deleted' });
    expect(keysOf(payloads.deltaNext, { withAnnotations: true })).toEqual(keysOf(nextRound, { withAnnotations: true }));
  });

  test('subscription create and list responses', () => {
    const created = readGraphFixture('subscription-create-response-outlook-full.json');
    // notificationContentType is not in the v1.0 CSDL, which wins over the doc sample.
    expect(keysOf(payloads.subscription, { withAnnotations: true })).toEqual(
      without(keysOf(created, { withAnnotations: true }), ['notificationContentType']),
    );
    const listed = readGraphFixture('subscription-list-response.json');
    expect(keysOf(first(payloads.subscriptions))).toEqual(
      expect.arrayContaining(without(keysOf(first(listed)), ['notificationContentType'])),
    );
    expect(first(payloads.subscriptions).clientState).toBeNull();
  });

  test('change and lifecycle notifications', () => {
    const change = first(readGraphFixture('change-notification-outlook-no-resource-data.json'));
    const notification = payloads.changeNotifications[0]!;
    expect(keysOf(notification)).toEqual(keysOf(change));
    expect(keysOf(notification.resourceData, { withAnnotations: true })).toEqual(
      keysOf(change.resourceData, { withAnnotations: true }),
    );
    expect(notification.resource).toMatch(/^Users\/[0-9a-f-]{36}\/Events\/.+$/);
    const missed = first(readGraphFixture('lifecycle-notification-missed.json'));
    expect(keysOf(payloads.lifecycleNotifications[0])).toEqual(keysOf(missed));
    expect(payloads.lifecycleNotifications[0]!.lifecycleEvent).toBe('missed');
  });

  test('places and getSchedule', () => {
    const room = first(readGraphFixture('places-rooms-list.json'));
    expect(keysOf(first(payloads.rooms))).toEqual(
      expect.arrayContaining(without(keysOf(room), ['isManaged', 'isWheelchairAccessible', 'displayDevice'])),
    );
    expect(typeof first(payloads.rooms).capacity).toBe('number');
    const roomList = first(readGraphFixture('places-roomlists-list.json'));
    expect(keysOf(first(payloads.roomLists))).toEqual(
      expect.arrayContaining(without(keysOf(roomList), ['geocoordinates'])),
    );
    const schedule = readGraphFixture<{ value: Json[] }>('getschedule-response.json');
    expect(keysOf(payloads.schedule, { withAnnotations: true })).toEqual(keysOf(schedule, { withAnnotations: true }));
    const information = payloads.schedule.value[0]!;
    expect(keysOf(information)).toEqual(keysOf(schedule.value[0]));
    expect(keysOf((information.scheduleItems as Json[])[0])).toEqual(
      keysOf((schedule.value[0]!.scheduleItems as Json[])[0]),
    );
    expect(keysOf(information.workingHours)).toEqual(keysOf(schedule.value[0]!.workingHours));
    expect(information.availabilityView).toMatch(/^[0-4]{9}$/);
  });
});

describe('error bodies match the documented and observed ones', () => {
  const harness = useEmulator();

  test('generic shape, 404, 410, 429 and the observed messages', async () => {
    const generic = readGraphFixture<{ error: Json }>('error-generic-shape.json');
    const missing = await harness.graph.get<{ error: Json }>('/v1.0/users/room-a@contoso.com/events/AAMkADmissing=');
    expect(keysOf(missing.body.error)).toEqual(keysOf(generic.error));
    expect(keysOf(missing.body.error.innerError)).toEqual(expect.arrayContaining(keysOf(generic.error.innerError)));

    const tooLong = readGraphFixture<{ error: Json }>('observed/error-calendarview-range-too-large.json');
    const range = await harness.graph.get<{ error: Json }>(
      '/v1.0/users/room-a@contoso.com/calendarView?startDateTime=2020-01-01&endDateTime=2026-01-01',
    );
    expect([range.body.error.code, range.body.error.message]).toEqual([tooLong.error.code, tooLong.error.message]);

    const concurrency = readGraphFixture<{ error: Json }>('observed/error-429-mailbox-concurrency.json');
    harness.control.faults.throttle({ count: 1 });
    const throttled = await harness.graph.get<{ error: Json }>('/v1.0/users/room-a@contoso.com/events');
    expect([throttled.status, throttled.body.error.code, throttled.body.error.message]).toEqual([
      429,
      concurrency.error.code,
      concurrency.error.message,
    ]);

    const gone = readGraphFixture<{ error: Json }>('observed/error-410-syncstatenotfound.json');
    const expired = await harness.graph.get<{ error: Json }>(
      '/v1.0/users/room-a@contoso.com/calendarView/delta?$deltatoken=x',
    );
    expect([expired.status, expired.body.error.code]).toEqual([410, gone.error.code]);

    const tooFar = readGraphFixture<{ error: Json }>('observed/error-subscription-expiration-too-far.json');
    const subscription = await harness.graph.post<{ error: Json }>('/v1.0/subscriptions', {
      changeType: 'created',
      notificationUrl: 'https://127.0.0.1:1/hook',
      resource: '/users/room-a@contoso.com/events',
      expirationDateTime: '2030-01-01T00:00:00Z',
    });
    expect(subscription.body.error.code).toBe(tooFar.error.code);
  });
});
