import type { Mailbox } from '../../../../../server/src/adapters/graph/index.js';

export type Json = Record<string, unknown>;

export const BRUSSELS_ROOM: Mailbox = { address: 'room-brussels-1.01@contoso.com', timeZone: 'Europe/Brussels' };
const ROOM_NAME = 'Brussels 1.01';
export const ORGANIZER = { name: 'Megan Bowen', address: 'megan.bowen@contoso.com' };

/** `dateTimeTimeZone` as Graph renders it: seven fraction digits, and the zone the `Prefer` header asked for. */
export const at = (dateTime: string, timeZone = 'Romance Standard Time') => ({
  dateTime: `${dateTime}.0000000`,
  timeZone,
});

export const roomAttendee = {
  type: 'resource',
  status: { response: 'accepted', time: '2030-03-01T08:00:05Z' },
  emailAddress: { name: ROOM_NAME, address: BRUSSELS_ROOM.address },
};
export const roomLocation = {
  displayName: ROOM_NAME,
  locationType: 'conferenceRoom',
  uniqueId: BRUSSELS_ROOM.address,
  uniqueIdType: 'directory',
  locationEmailAddress: BRUSSELS_ROOM.address,
};

/**
 * A room's copy of an Outlook meeting, as `GET /users/{room}/events/{id}` returns it in v1.0 with
 * `Prefer: outlook.timezone="Romance Standard Time"` (the property set and order of
 * fixtures/graph/event-create-response-single-prefer-timezone.json; the room's copy as Exchange's
 * booking attendant leaves it: accepted, the room a resource attendee and a conference-room location).
 */
export const roomCopy = (overrides: Json = {}): Json => ({
  '@odata.etag': 'W/"DwAAABYAAADd6Lq0n7+GSLYKxfk8GxFPAAB2Qh9f"',
  id: 'AAMkAGRoomCopy1=',
  createdDateTime: '2030-03-01T08:00:04.1234567Z',
  lastModifiedDateTime: '2030-03-01T08:00:05.7654321Z',
  changeKey: 'DwAAABYAAADd6Lq0n7+GSLYKxfk8GxFPAAB2Qh9f',
  categories: [],
  transactionId: null,
  originalStartTimeZone: 'Eastern Standard Time',
  originalEndTimeZone: 'Eastern Standard Time',
  iCalUId: '040000008200E00074C5B7101A82E00800000000A1B2C3D4E5F6D201000000000000000010000000F00DFACE',
  reminderMinutesBeforeStart: 15,
  isReminderOn: false,
  hasAttachments: false,
  subject: 'Quarterly planning',
  bodyPreview: 'Agenda to follow.',
  importance: 'normal',
  sensitivity: 'normal',
  isAllDay: false,
  isCancelled: false,
  isOrganizer: false,
  responseRequested: true,
  seriesMasterId: null,
  showAs: 'busy',
  type: 'singleInstance',
  webLink: 'https://outlook.office365.com/owa/?itemid=AAMkAGRoomCopy1%3D&exvsurl=1&path=/calendar/item',
  onlineMeetingUrl: null,
  isOnlineMeeting: false,
  onlineMeetingProvider: 'unknown',
  allowNewTimeProposals: true,
  isDraft: false,
  hideAttendees: false,
  responseStatus: { response: 'accepted', time: '2030-03-01T08:00:05Z' },
  body: { contentType: 'html', content: '<html><head></head><body>Agenda to follow.</body></html>' },
  start: at('2030-03-04T15:00:00'),
  end: at('2030-03-04T16:00:00'),
  location: roomLocation,
  locations: [roomLocation],
  recurrence: null,
  attendees: [
    {
      type: 'required',
      status: { response: 'none', time: '0001-01-01T00:00:00Z' },
      emailAddress: { name: 'Adele Vance', address: 'adele.vance@contoso.com' },
    },
    {
      type: 'optional',
      status: { response: 'none', time: '0001-01-01T00:00:00Z' },
      emailAddress: { name: 'Alex Wilber', address: 'alex.wilber@contoso.com' },
    },
    roomAttendee,
  ],
  organizer: { emailAddress: ORGANIZER },
  onlineMeeting: null,
  ...overrides,
});

/** A weekly series on Mondays, as its master reads in the room: `recurrence` with Graph's echoed defaults. */
export const roomSeriesMaster = (overrides: Json = {}, range: Json = {}, pattern: Json = {}): Json =>
  roomCopy({
    id: 'AAMkAGMaster1=',
    type: 'seriesMaster',
    recurrence: {
      pattern: {
        type: 'weekly',
        interval: 1,
        month: 0,
        dayOfMonth: 0,
        daysOfWeek: ['monday'],
        firstDayOfWeek: 'sunday',
        index: 'first',
        ...pattern,
      },
      range: {
        type: 'noEnd',
        startDate: '2030-03-04',
        endDate: '0001-01-01',
        recurrenceTimeZone: 'Eastern Standard Time',
        numberOfOccurrences: 0,
        ...range,
      },
    },
    ...overrides,
  });

/** An instance of that series as `/instances` or delta returns it. */
export const roomInstance = (id: string, type: 'occurrence' | 'exception', overrides: Json = {}): Json =>
  roomCopy({ id, type, seriesMasterId: 'AAMkAGMaster1=', ...overrides });
