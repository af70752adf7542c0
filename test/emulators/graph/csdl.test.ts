import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { describeIfAvailable } from '../../support/system-requirements.js';
import { csdlLocation, csdlViolations, loadCsdl } from './support/csdl-schema.js';
import type { CsdlSchema } from './support/csdl-schema.js';
import { ADELE, MEGAN, ROOM_A, at, useEmulator } from './support/emulator-harness.js';
import { readGraphFixture } from './support/graph-fixtures.js';
import { NotificationReceiver } from './support/notification-receiver.js';
import { collectPayloads } from './support/payload-samples.js';

const location = csdlLocation();

describeIfAvailable(
  'emulator payloads against the Graph v1.0 CSDL',
  {
    available: location !== null,
    why: 'the v1.0 CSDL is neither at test/fixtures/graph/v1.0-metadata.xml nor at ../shared/schemas/graph/v1.0-metadata.xml',
    howToEnable: 'copy ../shared/schemas/graph/v1.0-metadata.xml to test/fixtures/graph/',
  },
  () => {
    let schema: CsdlSchema;
    beforeAll(() => {
      schema = loadCsdl(location!);
    });

    describe('the checker reads the CSDL (not a typed list)', () => {
      test('it finds the doc samples’ known quirks and accepts what the CSDL declares', () => {
        const rooms = readGraphFixture<{ value: unknown[] }>('places-rooms-list.json');
        const violations = csdlViolations(schema, rooms.value[0], 'room');
        expect(violations).toEqual([
          'room.isManaged: no such property on room',
          'room.isWheelchairAccessible: no such property on room',
          'room.displayDevice: no such property on room',
        ]);
        expect(
          csdlViolations(schema, readGraphFixture('subscription-create-response-outlook-full.json'), 'subscription'),
        ).toEqual(['subscription.notificationContentType: no such property on subscription']);
        expect(csdlViolations(schema, { type: 'weekly', daysOfWeek: ['Monday'] }, 'recurrencePattern')).toEqual([
          "recurrencePattern.daysOfWeek[0]: 'Monday' is not a member of dayOfWeek",
        ]);
        expect(
          csdlViolations(schema, readGraphFixture('event-create-response-single-prefer-timezone.json'), 'event'),
        ).toEqual([]);
      });
    });

    describe('emulator payloads', () => {
      const harness = useEmulator();
      const receiver = new NotificationReceiver();
      let payloads: Awaited<ReturnType<typeof collectPayloads>>;
      beforeAll(async () => {
        const endpoint = await receiver.start();
        payloads = await collectPayloads(harness, receiver, endpoint);
      });
      afterAll(() => receiver.stop());

      test('events: single, series master, occurrences and exception, room copy, cancelledOccurrences', () => {
        expect(csdlViolations(schema, payloads.single, 'event')).toEqual([]);
        expect(csdlViolations(schema, payloads.series, 'event')).toEqual([]);
        expect(csdlViolations(schema, payloads.instances.value, 'Collection(graph.event)')).toEqual([]);
        expect(csdlViolations(schema, payloads.masterWithCancellations, 'event')).toEqual([]);
        expect(csdlViolations(schema, payloads.roomCopy, 'event')).toEqual([]);
      });

      test('delta pages: full items and @removed tombstones', () => {
        expect(payloads.deltaFirst.value.length).toBeGreaterThan(0);
        expect(csdlViolations(schema, payloads.deltaFirst.value, 'Collection(graph.event)')).toEqual([]);
        expect(csdlViolations(schema, payloads.deltaNext.value, 'Collection(graph.event)')).toEqual([]);
      });

      test('subscriptions: create response and list', () => {
        expect(csdlViolations(schema, payloads.subscription, 'subscription')).toEqual([]);
        expect(csdlViolations(schema, payloads.subscriptions.value, 'Collection(graph.subscription)')).toEqual([]);
      });

      test('change and lifecycle notifications, and their collection', () => {
        expect(payloads.changeNotifications.length).toBeGreaterThan(0);
        expect(payloads.lifecycleNotifications.length).toBe(1);
        for (const post of payloads.notificationPosts) {
          expect(csdlViolations(schema, { value: post.value }, 'changeNotificationCollection')).toEqual([]);
        }
      });

      test('places: rooms and room lists', () => {
        expect(csdlViolations(schema, payloads.rooms.value, 'Collection(graph.room)')).toEqual([]);
        expect(csdlViolations(schema, payloads.roomLists.value, 'Collection(graph.roomList)')).toEqual([]);
      });

      test('meeting messages: responses with every meetingMessageType, the attendant notice and a cancellation', async () => {
        const { control } = harness;
        const meeting = control.actAsUser(ADELE, {
          action: 'create',
          meeting: {
            subject: 'Messages',
            start: at('2027-03-02T10:00:00'),
            end: at('2027-03-02T11:00:00'),
            attendees: [MEGAN],
            rooms: [ROOM_A],
          },
        })!;
        await control.idle();
        const copy = () => control.mailboxEvents(MEGAN)[0]!['id'] as string;
        for (const response of ['tentativelyAccept', 'accept', 'decline'] as const) {
          control.actAsUser(MEGAN, { action: 'respond', eventId: copy(), response, comment: response });
          await control.idle();
        }
        control.actAsUser(ADELE, { action: 'cancel', eventId: meeting['id'] as string, comment: 'Off' });
        await control.idle();
        const received = control.messages(ADELE);
        expect(received.map((message) => message['meetingMessageType'])).toEqual([
          'meetingDeclined',
          'meetingAccepted',
          'meetingTenativelyAccepted',
          'meetingAccepted',
        ]);
        expect(csdlViolations(schema, received, 'Collection(graph.eventMessage)')).toEqual([]);
        // Graph spells it "Tenatively"; the correct English spelling is not a member.
        expect(csdlViolations(schema, { meetingMessageType: 'meetingTentativelyAccepted' }, 'eventMessage')).toEqual([
          expect.stringContaining('is not a member of meetingMessageType'),
        ]);
        expect(csdlViolations(schema, control.messages(ROOM_A), 'Collection(graph.eventMessage)')).toEqual([]);
      });

      test('getSchedule: scheduleInformation', () => {
        expect(csdlViolations(schema, payloads.schedule.value, 'Collection(graph.scheduleInformation)')).toEqual([]);
      });
    });
  },
);
