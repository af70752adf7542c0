import { describe, expect, test } from 'vitest';
import type { Booking } from '@workplace-sync/shared';
import { RESERVATION_ID_PROPERTY_ID } from '../../../../server/src/adapters/graph/extended-property.js';
import { EventMappingError, fromGraphEvent } from '../../../../server/src/adapters/graph/mapping/from-graph-event.js';
import type { Mailbox, GraphRoomEvent } from '../../../../server/src/adapters/graph/index.js';
import { GraphEvent } from '../../../../server/src/adapters/graph/schemas/graph-event.js';
import { aMailbox, BERLIN_ROOM as ROOM } from '../../../support/builders.js';
import { readGraphFixture } from './support/graph-fixtures.js';

type Json = Record<string, unknown>;
const fixture = (name: string): Json => readGraphFixture<Json>(name);
const pageItem = (name: string, index: number): Json => readGraphFixture<{ value: Json[] }>(name).value[index]!;
const map = (raw: unknown, mailbox: Mailbox): GraphRoomEvent => fromGraphEvent(GraphEvent.parse(raw), mailbox);

const single = fixture('event-create-response-single-prefer-timezone.json');
const seriesMaster = fixture('event-create-response-weekly-recurring-seriesmaster.json');
const la = (dateTime: string) => ({ dateTime, timeZone: 'America/Los_Angeles' });
const berlin = (dateTime: string) => ({ dateTime, timeZone: 'Europe/Berlin' });

/** A room's copy of an Outlook meeting, as the booking attendant leaves it: resource attendee, room location. */
const roomCopy = (overrides: Json = {}): Json => ({
  ...single,
  id: 'AAMkRoomCopy=',
  isOrganizer: false,
  start: { dateTime: '2025-03-03T08:00:00.0000000', timeZone: 'UTC' },
  end: { dateTime: '2025-03-03T09:00:00.0000000', timeZone: 'UTC' },
  responseStatus: { response: 'accepted', time: '2025-03-01T10:00:00Z' },
  location: { displayName: 'Room 4.12', locationEmailAddress: ROOM, locationType: 'conferenceRoom' },
  locations: [{ displayName: 'Room 4.12', locationEmailAddress: ROOM, locationType: 'conferenceRoom' }],
  attendees: [
    { type: 'required', emailAddress: { name: 'Samantha Booth', address: 'samanthab@contoso.onmicrosoft.com' } },
    { type: 'optional', emailAddress: { name: 'Megan Bowen', address: 'meganb@contoso.onmicrosoft.com' } },
    {
      type: 'resource',
      emailAddress: { name: 'Room 4.12', address: 'Room-4.12@contoso.com' },
      status: { response: 'accepted' },
    },
  ],
  ...overrides,
});

const cases: Array<[string, unknown, Mailbox, Partial<GraphRoomEvent>]> = [
  [
    'single event in the organizer calendar (Prefer: Pacific Standard Time)',
    single,
    aMailbox({ address: 'danas@contoso.onmicrosoft.com', timeZone: 'America/Los_Angeles', isRoom: false }),
    {
      id: 'AAMkAGI1AAAt9AHjAAA=',
      kind: 'single',
      iCalUId: single.iCalUId as string,
      changeKey: 'ZlnW4RIAV06KYYwlrfNZvQAALfZeRQ==',
      lastModified: '2017-04-15T03:00:51.245Z',
      seriesMasterId: null,
      originalStart: null,
      transactionId: null,
      reservationId: null,
      response: 'organizer',
      isOrganizedByMailbox: true,
      isSubjectRewritten: false,
      isAllDay: false,
      isPrivate: false,
      zoneFallbacks: [],
      booking: {
        subject: "Let's go brunch",
        start: la('2017-04-15T11:00:00'),
        end: la('2017-04-15T12:00:00'),
        organizer: { email: 'danas@contoso.onmicrosoft.com', name: 'Dana Swope' },
        participants: [{ email: 'samanthab@contoso.onmicrosoft.com', name: 'Samantha Booth', kind: 'required' }],
        rooms: [],
        recurrence: null,
        exceptions: [],
        isCancelled: false,
      },
    },
  ],
  [
    'weekly series master: recurrence in its own zone, echoed defaults ignored',
    seriesMaster,
    aMailbox({ address: 'AlexW@contoso.onmicrosoft.com', timeZone: 'America/Los_Angeles', isRoom: false }),
    {
      kind: 'seriesMaster',
      booking: {
        subject: "Let's go for lunch",
        start: la('2017-09-04T12:00:00'),
        end: la('2017-09-04T14:00:00'),
        organizer: { email: 'AlexW@contoso.onmicrosoft.com', name: 'Alex Wilber' },
        participants: [{ email: 'AdeleV@contoso.onmicrosoft.com', name: 'Adele Vance', kind: 'required' }],
        rooms: [],
        recurrence: {
          freq: 'weekly',
          interval: 1,
          byDay: ['MO'],
          weekStart: 'SU',
          end: { type: 'until', until: '2017-12-31' },
        },
        exceptions: [],
        isCancelled: false,
      },
    },
  ],
  [
    'series master rendered in UTC: start re-read in the recurrence zone',
    {
      ...seriesMaster,
      start: { dateTime: '2017-09-04T19:00:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2017-09-04T21:00:00.0000000', timeZone: 'UTC' },
    },
    aMailbox({ address: 'AlexW@contoso.onmicrosoft.com', timeZone: 'Europe/Berlin', isRoom: false }),
    {
      booking: expect.objectContaining({
        start: la('2017-09-04T12:00:00'),
        end: la('2017-09-04T14:00:00'),
      }) as Booking,
    },
  ],
  [
    'room copy of an Outlook meeting: the room from attendee + location, accepted, people without the room',
    roomCopy(),
    aMailbox(),
    {
      id: 'AAMkRoomCopy=',
      response: 'accepted',
      isOrganizedByMailbox: false,
      isSubjectRewritten: false,
      booking: {
        subject: "Let's go brunch",
        start: { dateTime: '2025-03-03T08:00:00', timeZone: 'UTC' },
        end: { dateTime: '2025-03-03T09:00:00', timeZone: 'UTC' },
        organizer: { email: 'danas@contoso.onmicrosoft.com', name: 'Dana Swope' },
        participants: [
          { email: 'samanthab@contoso.onmicrosoft.com', name: 'Samantha Booth', kind: 'required' },
          { email: 'meganb@contoso.onmicrosoft.com', name: 'Megan Bowen', kind: 'optional' },
        ],
        rooms: [ROOM],
        recurrence: null,
        exceptions: [],
        isCancelled: false,
      },
    },
  ],
  [
    'room copy whose subject the room replaced by the organizer name (DeleteSubject + AddOrganizerToSubject)',
    roomCopy({ subject: 'Dana Swope' }),
    aMailbox(),
    { isSubjectRewritten: true, booking: expect.objectContaining({ subject: 'Dana Swope' }) as Booking },
  ],
  [
    'room copy whose subject the room deleted (DeleteSubject only)',
    roomCopy({ subject: '' }),
    aMailbox(),
    { isSubjectRewritten: true, booking: expect.objectContaining({ subject: '' }) as Booking },
  ],
  [
    'cancelled room copy (RemoveCanceledMeetings $false keeps it)',
    roomCopy({ isCancelled: true }),
    aMailbox(),
    { booking: expect.objectContaining({ isCancelled: true }) as Booking },
  ],
  [
    'event written into the room calendar: the room organises, the first required attendee is responsible',
    {
      ...roomCopy(),
      id: 'AAMkOurWrite=',
      isOrganizer: true,
      transactionId: 'wps-r-17-1',
      organizer: { emailAddress: { name: 'Room 4.12', address: ROOM } },
      responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
      subject: 'Room 4.12',
      start: { dateTime: '2025-03-03T09:00:00.0000000', timeZone: 'W. Europe Standard Time' },
      end: { dateTime: '2025-03-03T10:00:00.0000000', timeZone: 'W. Europe Standard Time' },
      attendees: [
        { type: 'required', emailAddress: { name: 'Adele Vance', address: 'adele@contoso.com' } },
        { type: 'required', emailAddress: { name: 'Megan Bowen', address: 'megan@contoso.com' } },
        { type: 'resource', emailAddress: { name: 'Room 5.01', address: 'room-5.01@contoso.com' } },
      ],
      locations: [
        { displayName: 'Room 4.12', locationEmailAddress: ROOM, locationType: 'conferenceRoom' },
        { displayName: 'Room 5.01', locationEmailAddress: 'room-5.01@contoso.com', locationType: 'conferenceRoom' },
      ],
      singleValueExtendedProperties: [{ id: RESERVATION_ID_PROPERTY_ID, value: 'R-17' }],
    },
    aMailbox(),
    {
      transactionId: 'wps-r-17-1',
      reservationId: 'R-17',
      response: 'organizer',
      isOrganizedByMailbox: true,
      isSubjectRewritten: false,
      booking: {
        subject: 'Room 4.12',
        start: berlin('2025-03-03T09:00:00'),
        end: berlin('2025-03-03T10:00:00'),
        organizer: { email: 'adele@contoso.com', name: 'Adele Vance' },
        participants: [{ email: 'megan@contoso.com', name: 'Megan Bowen', kind: 'required' }],
        rooms: [ROOM, 'room-5.01@contoso.com'],
        recurrence: null,
        exceptions: [],
        isCancelled: false,
      },
    },
  ],
  [
    'custom zone ("tzone://Microsoft/Custom") reads as the mailbox zone',
    roomCopy({
      start: { dateTime: '2025-03-03T09:00:00.0000000', timeZone: 'tzone://Microsoft/Custom' },
      end: { dateTime: '2025-03-03T10:00:00.0000000', timeZone: 'Customized Time Zone' },
    }),
    aMailbox({ timeZone: 'Europe/Amsterdam' }),
    {
      booking: expect.objectContaining({
        start: { dateTime: '2025-03-03T09:00:00', timeZone: 'Europe/Amsterdam' },
        end: { dateTime: '2025-03-03T10:00:00', timeZone: 'Europe/Amsterdam' },
      }) as Booking,
    },
  ],
  [
    "a Windows zone that is the mailbox's reads as the mailbox's IANA zone (Amsterdam, not Berlin)",
    roomCopy({
      start: { dateTime: '2025-03-03T09:00:00.0000000', timeZone: 'W. Europe Standard Time' },
      end: { dateTime: '2025-03-03T10:00:00.0000000', timeZone: 'W. Europe Standard Time' },
    }),
    aMailbox({ timeZone: 'Europe/Amsterdam' }),
    {
      booking: expect.objectContaining({
        start: { dateTime: '2025-03-03T09:00:00', timeZone: 'Europe/Amsterdam' },
      }) as Booking,
    },
  ],
  [
    'delta item in UTC without location or attendees, in a room calendar',
    pageItem('event-delta-calendarview-page1-nextlink.json', 0),
    aMailbox(),
    {
      id: 'AAMkADNVxRAAA=',
      kind: 'single',
      changeKey: null,
      isOrganizedByMailbox: false,
      booking: {
        subject: 'Plan shopping list',
        start: { dateTime: '2016-12-09T20:30:00', timeZone: 'UTC' },
        end: { dateTime: '2016-12-09T22:00:00', timeZone: 'UTC' },
        organizer: { email: 'samanthab@contoso.onmicrosoft.com', name: 'Samantha Booth' },
        participants: [],
        rooms: [ROOM],
        recurrence: null,
        exceptions: [],
        isCancelled: false,
      },
    },
  ],
  [
    'instance of type occurrence: its start is its original start',
    pageItem('event-instances-occurrences-and-exception.json', 1),
    aMailbox({ address: 'user@contoso.com', isRoom: false }),
    {
      kind: 'occurrence',
      seriesMasterId: 'AAMkAGUzYRgWAAA=',
      originalStart: '2019-04-08T20:30:00.000Z',
      booking: expect.objectContaining({ recurrence: null, organizer: { email: 'user@contoso.com' } }) as Booking,
    },
  ],
  [
    'exception without originalStart ($select left it out): original start unknown',
    pageItem('event-instances-occurrences-and-exception.json', 0),
    aMailbox({ address: 'user@contoso.com', isRoom: false }),
    { kind: 'exception', originalStart: null },
  ],
  [
    'exception with originalStart (seven fraction digits)',
    { ...pageItem('event-instances-occurrences-and-exception.json', 0), originalStart: '2019-04-15T20:30:00.0000000Z' },
    aMailbox({ address: 'user@contoso.com', isRoom: false }),
    { kind: 'exception', originalStart: '2019-04-15T20:30:00.000Z' },
  ],
];

describe('fromGraphEvent (fixtures → GraphRoomEvent)', () => {
  for (const [name, raw, mailbox, expected] of cases) {
    test(name, () => {
      expect(map(raw, mailbox)).toMatchObject(expected);
    });
  }

  test('every field of a GraphRoomEvent is asserted for the single event', () => {
    const [, raw, mailbox, expected] = cases[0]!;
    expect(map(raw, mailbox)).toStrictEqual(expected);
  });
});

describe('series exceptions', () => {
  const beta = fixture('event-seriesmaster-exception-and-cancelled-occurrences-beta.json');
  const weeklyThursday = {
    pattern: {
      type: 'weekly',
      interval: 1,
      daysOfWeek: ['thursday'],
      firstDayOfWeek: 'sunday',
      index: 'first',
      month: 0,
      dayOfMonth: 0,
    },
    range: {
      type: 'noEnd',
      startDate: '2020-04-23',
      endDate: '0001-01-01',
      recurrenceTimeZone: 'UTC',
      numberOfOccurrences: 0,
    },
  };
  const master = { ...beta, type: 'seriesMaster', recurrence: weeklyThursday };
  const utc = (dateTime: string) => ({ dateTime, timeZone: 'UTC' });

  test('cancelledOccurrences (OID.{master}.{date}) and expanded exceptionOccurrences (beta occurrenceId)', () => {
    const event = map(master, aMailbox({ address: 'user@contoso.com', timeZone: 'UTC', isRoom: false }));
    expect(event.booking.exceptions).toEqual([
      { originalStart: '2020-04-30T11:30:00.000Z', kind: 'cancelled' },
      { originalStart: '2020-05-07T11:30:00.000Z', kind: 'cancelled' },
      { originalStart: '2020-05-14T11:30:00.000Z', kind: 'cancelled' },
      // The sample spells "Subject" in PascalCase: a missing subject is no change of subject.
      {
        originalStart: '2020-05-21T11:30:00.000Z',
        kind: 'modified',
        start: utc('2020-05-21T11:30:00'),
        end: utc('2020-05-21T12:00:00'),
      },
    ]);
  });

  test('a cancelled occurrence date is read at the series local time in its own zone, across DST', () => {
    const berlinSeries = {
      ...master,
      start: { dateTime: '2020-03-19T09:30:00.0000000', timeZone: 'W. Europe Standard Time' },
      end: { dateTime: '2020-03-19T10:00:00.0000000', timeZone: 'W. Europe Standard Time' },
      recurrence: {
        ...weeklyThursday,
        range: { ...weeklyThursday.range, startDate: '2020-03-19', recurrenceTimeZone: 'W. Europe Standard Time' },
      },
      cancelledOccurrences: ['OID.AAMkADAGAADDdm4NAAA=.2020-03-26', 'OID.AAMkADAGAADDdm4NAAA=.2020-04-02'],
      exceptionOccurrences: [],
    };
    const event = map(berlinSeries, aMailbox({ timeZone: 'Europe/Berlin' }));
    expect(event.booking.exceptions).toEqual([
      { originalStart: '2020-03-26T08:30:00.000Z', kind: 'cancelled' },
      { originalStart: '2020-04-02T07:30:00.000Z', kind: 'cancelled' },
    ]);
  });

  test('a modified occurrence with a new subject keeps it', () => {
    const withSubject = {
      ...master,
      cancelledOccurrences: [],
      exceptionOccurrences: [
        {
          id: 'AAMkEx1=',
          type: 'exception',
          subject: 'Stand-up (moved)',
          originalStart: '2020-05-21T11:30:00Z',
          start: { dateTime: '2020-05-22T08:00:00.0000000', timeZone: 'UTC' },
          end: { dateTime: '2020-05-22T08:30:00.0000000', timeZone: 'UTC' },
        },
      ],
    };
    expect(map(withSubject, aMailbox({ timeZone: 'UTC' })).booking.exceptions).toEqual([
      {
        originalStart: '2020-05-21T11:30:00.000Z',
        kind: 'modified',
        subject: 'Stand-up (moved)',
        start: utc('2020-05-22T08:00:00'),
        end: utc('2020-05-22T08:30:00'),
      },
    ]);
  });

  test('an exception whose original start cannot be known makes the series unreadable instead of wrong', () => {
    const unkeyed = {
      ...master,
      exceptionOccurrences: [
        { id: 'AAMkEx1=', type: 'exception', start: utc('2020-05-22T08:00:00'), end: utc('2020-05-22T08:30:00') },
      ],
    };
    expect(() => map(unkeyed, aMailbox({ timeZone: 'UTC' }))).toThrow(EventMappingError);
  });
});
