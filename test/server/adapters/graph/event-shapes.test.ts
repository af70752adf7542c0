import { describe, expect, test } from 'vitest';
import { syncHash } from '@workplace-sync/shared';
import { fromGraphEvent } from '../../../../server/src/adapters/graph/mapping/from-graph-event.js';
import type { FromGraphEventOptions } from '../../../../server/src/adapters/graph/mapping/from-graph-event.js';
import type { GraphRoomEvent } from '../../../../server/src/adapters/graph/index.js';
import { GraphEvent } from '../../../../server/src/adapters/graph/schemas/graph-event.js';
import {
  at,
  BRUSSELS_ROOM,
  ORGANIZER,
  roomAttendee,
  roomCopy,
  roomInstance,
  roomLocation,
  roomSeriesMaster,
} from './support/graph-room-events.js';
import type { Json } from './support/graph-room-events.js';

// Event shapes Graph returns for a room mailbox, beyond the plain meeting (event-mapping.test.ts).

const map = (raw: Json, options?: FromGraphEventOptions): GraphRoomEvent =>
  fromGraphEvent(GraphEvent.parse(raw), BRUSSELS_ROOM, options);
const brussels = (dateTime: string) => ({ dateTime, timeZone: 'Europe/Brussels' });
const newYork = (dateTime: string) => ({ dateTime, timeZone: 'America/New_York' });
const organizer = { email: ORGANIZER.address, name: ORGANIZER.name };

describe('private meetings (RemovePrivateProperty $false keeps the flag on the room copy)', () => {
  test('subject and participants are hidden; organizer and rooms stay', () => {
    const event = map(roomCopy({ sensitivity: 'private' }));
    expect(event.isPrivate).toBe(true);
    expect(event.isSubjectRewritten).toBe(false);
    expect(event.booking).toMatchObject({
      subject: 'Private meeting',
      organizer,
      participants: [],
      rooms: [BRUSSELS_ROOM.address],
    });
  });

  test('a subject the room also rewrote (DeleteSubject) is hidden the same way', () => {
    const event = map(roomCopy({ sensitivity: 'private', subject: ORGANIZER.name }));
    expect(event.booking.subject).toBe('Private meeting');
    expect(event.isSubjectRewritten).toBe(false);
  });

  test("a private series does not show its exceptions' own subjects either", () => {
    const exception = roomInstance('AAMkAGEx2=', 'exception', {
      sensitivity: 'private',
      subject: 'Quarterly planning (moved)',
      originalStart: '2030-03-11T14:00:00Z',
      start: at('2030-03-11T16:00:00'),
      end: at('2030-03-11T17:00:00'),
    });
    const event = map(roomSeriesMaster({ sensitivity: 'private', exceptionOccurrences: [exception] }));
    expect(event.booking.subject).toBe('Private meeting');
    expect(event.booking.exceptions).toEqual([
      {
        originalStart: '2030-03-11T14:00:00.000Z',
        kind: 'modified',
        start: brussels('2030-03-11T16:00:00'),
        end: brussels('2030-03-11T17:00:00'),
      },
    ]);
  });

  test.each([
    ['normal', false],
    ['personal', false],
    ['confidential', false],
    ['private', true],
    ['Private', true],
  ])('sensitivity %s → isPrivate %s', (sensitivity, isPrivate) => {
    expect(map(roomCopy({ sensitivity })).isPrivate).toBe(isPrivate);
  });
});

describe('locations and resources', () => {
  test('a room list address in the location is no room', () => {
    const roomList = {
      displayName: 'Brussels HQ',
      locationType: 'default',
      uniqueId: 'brussels@contoso.com',
      uniqueIdType: 'directory',
      locationEmailAddress: 'brussels@contoso.com',
    };
    const event = map(roomCopy({ location: roomList, locations: [roomList, roomLocation] }));
    expect(event.booking.rooms).toEqual([BRUSSELS_ROOM.address]);
  });

  test('an equipment mailbox (resource attendee, no location) is never a participant', () => {
    const projector = {
      type: 'resource',
      status: { response: 'accepted', time: '2030-03-01T08:00:06Z' },
      emailAddress: { name: 'Projector Brussels 1', address: 'projector-brussels-1@contoso.com' },
    };
    const event = map(roomCopy({ attendees: [...(roomCopy().attendees as Json[]), projector] }));
    expect(event.booking.participants.map((participant) => participant.email)).toEqual([
      'adele.vance@contoso.com',
      'alex.wilber@contoso.com',
    ]);
    // Graph does not tell equipment from rooms; only rooms linked to Workplace get reservation lines.
    expect(event.booking.rooms).toEqual([BRUSSELS_ROOM.address, 'projector-brussels-1@contoso.com']);
  });

  test('an online meeting maps like the same meeting without its join link', () => {
    const joinUrl =
      'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjM1ZGE2YjQtYzE2MC00ZjZi%40thread.v2/0?context=%7b%22Tid%22%3a%22c5b6%22%7d';
    const online = roomCopy({
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      onlineMeeting: { joinUrl },
      bodyPreview: 'Agenda to follow.\r\n________________\r\nMicrosoft Teams meeting\r\nJoin on your computer',
      body: {
        contentType: 'html',
        content: `<html><body><p>Agenda to follow.</p><div><a href="${joinUrl}">Join the meeting now</a></div></body></html>`,
      },
    });
    expect(map(online).booking).toEqual(map(roomCopy()).booking);
  });

  test('600 attendees are all kept (fitting them to Workplace happens elsewhere)', () => {
    const people = Array.from({ length: 600 }, (_, index) => ({
      type: index % 5 === 0 ? 'optional' : 'required',
      status: { response: 'none', time: '0001-01-01T00:00:00Z' },
      emailAddress: { name: `Attendee ${index}`, address: `attendee-${index}@contoso.com` },
    }));
    const event = map(roomCopy({ attendees: [...people, roomAttendee] }));
    expect(event.booking.participants).toHaveLength(600);
    expect(event.booking.participants[599]).toEqual({
      email: 'attendee-599@contoso.com',
      name: 'Attendee 599',
      kind: 'required',
    });
  });
});

describe('subjects are kept as they are (fitting them to Workplace happens elsewhere)', () => {
  test('an empty subject on the room copy', () => {
    const event = map(roomCopy({ subject: '' }));
    expect(event.booking.subject).toBe('');
    expect(event.isSubjectRewritten).toBe(true);
  });

  test('an empty subject on an event the room organises', () => {
    const event = map(
      roomCopy({
        subject: '',
        isOrganizer: true,
        organizer: { emailAddress: { name: 'Brussels 1.01', address: BRUSSELS_ROOM.address } },
      }),
    );
    expect(event.booking.subject).toBe('');
    expect(event.isSubjectRewritten).toBe(false);
  });

  test('a 300-character subject', () => {
    const subject = `Quarterly planning: ${'budget, hiring, roadmap and offsite logistics; '.repeat(6)}`.slice(0, 300);
    expect(subject).toHaveLength(300);
    expect(map(roomCopy({ subject })).booking.subject).toBe(subject);
  });
});

describe('series: cancellations and exceptions', () => {
  // Weekly on Mondays at 09:00 in New York from 2030-03-04 (the master renders at 15:00 in Brussels);
  // New York moves to summer time on 2030-03-10.
  const window = { from: new Date('2030-03-01T00:00:00Z'), to: new Date('2030-04-01T00:00:00Z') };
  const occurrence = (date: string, originalStart: string) =>
    roomInstance(`AAMkAGOcc.${date}=`, 'occurrence', { originalStart, start: at(`${date}T14:00:00`) });
  const instancesInWindow = [
    occurrence('2030-03-04', '2030-03-04T14:00:00Z'),
    occurrence('2030-03-18', '2030-03-18T13:00:00Z'),
    occurrence('2030-03-25', '2030-03-25T13:00:00Z'),
  ].map((instance) => GraphEvent.parse(instance));

  test('cancelled occurrences outside the sync window are kept with the ones inside', () => {
    const event = map(
      roomSeriesMaster({
        cancelledOccurrences: [
          'OID.AAMkAGMaster1=.2030-03-11',
          'OID.AAMkAGMaster1=.2030-06-03',
          'OID.AAMkAGMaster1=.2031-01-06',
        ],
      }),
      { instances: { instances: instancesInWindow, window } },
    );
    expect(event.booking.exceptions).toEqual([
      { originalStart: '2030-03-11T13:00:00.000Z', kind: 'cancelled' },
      { originalStart: '2030-06-03T13:00:00.000Z', kind: 'cancelled' },
      { originalStart: '2031-01-06T14:00:00.000Z', kind: 'cancelled' },
    ]);
  });

  test('without cancelledOccurrences, only the window is searched for missing occurrences', () => {
    const event = map(roomSeriesMaster(), { instances: { instances: instancesInWindow, window } });
    expect(event.booking.exceptions).toEqual([{ originalStart: '2030-03-11T13:00:00.000Z', kind: 'cancelled' }]);
  });

  describe('across a DST change (Brussels, summer time from 2030-03-31)', () => {
    // Weekly on Mondays at 09:00 in Brussels from 2030-03-18.
    const series = (renderedIn: 'Romance Standard Time' | 'UTC', exceptionOccurrences: Json[]) =>
      roomSeriesMaster(
        {
          start: renderedIn === 'UTC' ? at('2030-03-18T08:00:00', 'UTC') : at('2030-03-18T09:00:00'),
          end: renderedIn === 'UTC' ? at('2030-03-18T09:00:00', 'UTC') : at('2030-03-18T10:00:00'),
          originalStartTimeZone: 'Romance Standard Time',
          cancelledOccurrences: ['OID.AAMkAGMaster1=.2030-04-08'],
          exceptionOccurrences,
        },
        { startDate: '2030-03-18', recurrenceTimeZone: 'Romance Standard Time' },
      );
    const exceptions = (renderedIn: 'Romance Standard Time' | 'UTC') => [
      // 2030-03-25 (winter time) moved to Tuesday 2030-04-02 (summer time) at 09:00.
      roomInstance('AAMkAGEx3=', 'exception', {
        originalStart: '2030-03-25T08:00:00Z',
        start: renderedIn === 'UTC' ? at('2030-04-02T07:00:00', 'UTC') : at('2030-04-02T09:00:00'),
        end: renderedIn === 'UTC' ? at('2030-04-02T08:00:00', 'UTC') : at('2030-04-02T10:00:00'),
      }),
      // 2030-04-01 (summer time) an hour later.
      roomInstance('AAMkAGEx4=', 'exception', {
        originalStart: '2030-04-01T07:00:00Z',
        start: renderedIn === 'UTC' ? at('2030-04-01T08:00:00', 'UTC') : at('2030-04-01T10:00:00'),
        end: renderedIn === 'UTC' ? at('2030-04-01T09:00:00', 'UTC') : at('2030-04-01T11:00:00'),
      }),
    ];

    test('exceptions are keyed by their original start and keep their local times', () => {
      const event = map(series('Romance Standard Time', exceptions('Romance Standard Time')));
      expect(event.booking.start).toEqual(brussels('2030-03-18T09:00:00'));
      expect(event.booking.exceptions).toEqual([
        {
          originalStart: '2030-03-25T08:00:00.000Z',
          kind: 'modified',
          start: brussels('2030-04-02T09:00:00'),
          end: brussels('2030-04-02T10:00:00'),
        },
        {
          originalStart: '2030-04-01T07:00:00.000Z',
          kind: 'modified',
          start: brussels('2030-04-01T10:00:00'),
          end: brussels('2030-04-01T11:00:00'),
        },
        { originalStart: '2030-04-08T07:00:00.000Z', kind: 'cancelled' },
      ]);
    });

    test('rendered in UTC, the series is the same booking', () => {
      const inRoomZone = map(series('Romance Standard Time', exceptions('Romance Standard Time')));
      const inUtc = map(series('UTC', exceptions('UTC')));
      expect(inUtc.booking.start).toEqual(brussels('2030-03-18T09:00:00'));
      expect(syncHash(inUtc.booking)).toBe(syncHash(inRoomZone.booking));
    });

    test('instances across the change leave no false cancellation', () => {
      const instances = [
        roomInstance('AAMkAGOcc5=', 'occurrence', { originalStart: '2030-03-18T08:00:00Z' }),
        ...exceptions('Romance Standard Time'),
        roomInstance('AAMkAGOcc6=', 'occurrence', { originalStart: '2030-04-15T07:00:00Z' }),
      ].map((instance) => GraphEvent.parse(instance));
      const event = map(
        { ...series('Romance Standard Time', []), cancelledOccurrences: null },
        {
          instances: {
            instances,
            window: { from: new Date('2030-03-15T00:00:00Z'), to: new Date('2030-04-20T00:00:00Z') },
          },
        },
      );
      expect(event.booking.exceptions.filter((exception) => exception.kind === 'cancelled')).toEqual([
        { originalStart: '2030-04-08T07:00:00.000Z', kind: 'cancelled' },
      ]);
    });
  });

  test("a New York series reads at 09:00 in New York's zone on both sides of its DST change", () => {
    const event = map(roomSeriesMaster({ cancelledOccurrences: ['OID.AAMkAGMaster1=.2030-03-18'] }));
    expect(event.booking.start).toEqual(newYork('2030-03-04T09:00:00'));
    expect(event.booking.exceptions).toEqual([{ originalStart: '2030-03-18T13:00:00.000Z', kind: 'cancelled' }]);
  });
});
