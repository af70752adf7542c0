import { expect } from 'vitest';
import type { Harness } from './emulator-harness.js';
import { ADELE, aMeeting, at, encode, ROOM_A } from './emulator-harness.js';
import type { NotificationReceiver } from './notification-receiver.js';

type Json = Record<string, unknown>;

/**
 * Real emulator answers for the requests the fixtures describe: created events (single, series, room
 * copy), instances, delta pages, subscriptions, notifications, places and getSchedule. Shared by the
 * fixture-shape and CSDL checks.
 */
export async function collectPayloads(harness: Harness, receiver: NotificationReceiver, endpoint: string) {
  const subscription = await harness.graph.post<Json & { id: string }>('/v1.0/subscriptions', {
    changeType: 'created,updated,deleted',
    notificationUrl: `${endpoint}/notifications`,
    lifecycleNotificationUrl: `${endpoint}/lifecycle`,
    resource: `/users/${ROOM_A}/events`,
    expirationDateTime: new Date(harness.control.clock.now().getTime() + 86_400_000).toISOString(),
    clientState: 'state',
  });
  expect(subscription.status).toBe(201);
  const prefer = { headers: { Prefer: 'outlook.timezone="Pacific Standard Time"' } };
  const single = await harness.graph.post<Json & { id: string }>(
    `/v1.0/users/${encode(ADELE)}/events`,
    aMeeting({
      location: { displayName: "Harry's Bar" },
      attendees: [
        { type: 'Required', emailAddress: { address: 'samanthab@contoso.com', name: 'Samantha Booth' } },
        { type: 'resource', emailAddress: { address: ROOM_A } },
      ],
    }),
    prefer,
  );
  const series = await harness.graph.post<Json & { id: string }>(
    `/v1.0/users/${encode(ADELE)}/events`,
    aMeeting(
      {
        start: at('2027-03-01T12:00:00'),
        end: at('2027-03-01T14:00:00'),
        recurrence: {
          pattern: { type: 'weekly', interval: 1, daysOfWeek: ['Monday'] },
          range: { type: 'endDate', startDate: '2027-03-01', endDate: '2027-03-31' },
        },
      },
      [ROOM_A],
    ),
    prefer,
  );
  await harness.control.idle();
  const schedule = await harness.graph.post<Json & { value: Json[] }>(
    `/v1.0/users/${encode(ADELE)}/calendar/getSchedule`,
    {
      schedules: [ROOM_A, ADELE],
      startTime: at('2027-03-02T00:00:00', 'Pacific Standard Time'),
      endTime: at('2027-03-02T09:00:00', 'Pacific Standard Time'),
      availabilityViewInterval: 60,
    },
    prefer,
  );
  const window = 'startDateTime=2027-03-01T00:00:00Z&endDateTime=2027-03-31T00:00:00Z';
  const instancesUrl = `/v1.0/users/${encode(ADELE)}/events/${series.body.id}/instances?${window}&$select=subject,bodyPreview,seriesMasterId,type,recurrence,start,end`;
  const before = await harness.graph.get<{ value: Array<Json & { id: string }> }>(instancesUrl);
  await harness.graph.patch(`/v1.0/users/${encode(ADELE)}/events/${before.body.value[1]!.id}`, {
    start: at('2027-03-09T12:00:00'),
    end: at('2027-03-09T13:00:00'),
  });
  await harness.graph.delete(`/v1.0/users/${encode(ADELE)}/events/${before.body.value[2]!.id}`);
  const instances = await harness.graph.get<{ value: Json[] }>(instancesUrl);
  const masterWithCancellations = await harness.graph.get<Json>(
    `/v1.0/users/${encode(ADELE)}/events/${series.body.id}?$select=subject,start,end,cancelledOccurrences`,
  );
  const roomCopies = await harness.graph.get<{ value: Json[] }>(`/v1.0/users/${ROOM_A}/events`);
  const deltaFirst = await harness.graph.get<
    Json & { value: Json[]; '@odata.deltaLink'?: string; '@odata.nextLink'?: string }
  >(`/v1.0/users/${encode(ADELE)}/calendarView/delta?${window}`, { headers: { Prefer: 'odata.maxpagesize=2' } });
  let page = deltaFirst.body;
  while (page['@odata.nextLink']) page = (await harness.graph.get<typeof page>(page['@odata.nextLink'])).body;
  await harness.graph.delete(`/v1.0/users/${encode(ADELE)}/events/${single.body.id}`);
  const deltaNext = await harness.graph.get<Json & { value: Json[] }>(page['@odata.deltaLink']!);
  const rooms = await harness.graph.get<{ value: Json[] }>('/v1.0/places/microsoft.graph.room');
  const roomLists = await harness.graph.get<{ value: Json[] }>('/v1.0/places/microsoft.graph.roomlist');
  const subscriptions = await harness.graph.get<{ value: Json[] }>('/v1.0/subscriptions');
  harness.control.sendMissed(subscription.body.id);
  await harness.control.deliveryIdle();
  return {
    single: single.body,
    series: series.body,
    instances: instances.body,
    masterWithCancellations: masterWithCancellations.body,
    roomCopy: roomCopies.body.value[0]!,
    deltaFirst: deltaFirst.body,
    deltaNext: deltaNext.body,
    subscription: subscription.body,
    subscriptions: subscriptions.body,
    changeNotifications: receiver.changes(),
    lifecycleNotifications: receiver.notifications.filter((notification) => notification.lifecycleEvent),
    notificationPosts: receiver.posts,
    rooms: rooms.body,
    roomLists: roomLists.body,
    schedule: schedule.body,
  };
}
