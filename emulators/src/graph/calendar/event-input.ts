import { GraphError, invalidRequest } from '../odata/graph-error.js';
import { readGraphEnum } from '../odata/graph-enum.js';
import type { Directory } from '../directory/directory.js';
import { assertExtendedPropertyId } from './extended-property-id.js';
import { readDateTimeTimeZone } from './graph-time-zone.js';
import { readRecurrence } from './patterned-recurrence.js';
import type { GraphRecurrence } from './patterned-recurrence.js';
import type { Attendee, EventLocation, FreeBusyStatus, ItemBody, StoredEvent } from './stored-event.js';

/** What a POST or PATCH body asks to change, already validated and normalised. */
export type EventChanges = Partial<
  Pick<
    StoredEvent,
    | 'subject'
    | 'body'
    | 'start'
    | 'end'
    | 'startTimeZone'
    | 'endTimeZone'
    | 'isAllDay'
    | 'showAs'
    | 'sensitivity'
    | 'importance'
    | 'categories'
    | 'isReminderOn'
    | 'reminderMinutesBeforeStart'
    | 'responseRequested'
    | 'allowNewTimeProposals'
    | 'hideAttendees'
    | 'isOnlineMeeting'
    | 'onlineMeetingProvider'
    | 'location'
    | 'locations'
    | 'attendees'
  >
> & {
  /** undefined: unchanged; null: the series becomes a single meeting. */
  recurrence?: GraphRecurrence | null;
  transactionId?: string;
  /** Properties to set, by id. */
  extendedProperties?: Record<string, string>;
};

const WRITABLE = new Set([
  'subject',
  'body',
  'start',
  'end',
  'isAllDay',
  'showAs',
  'sensitivity',
  'importance',
  'categories',
  'isReminderOn',
  'reminderMinutesBeforeStart',
  'responseRequested',
  'allowNewTimeProposals',
  'hideAttendees',
  'isOnlineMeeting',
  'onlineMeetingProvider',
  'location',
  'locations',
  'attendees',
  'recurrence',
  'transactionId',
  'singleValueExtendedProperties',
  'originalStartTimeZone',
  'originalEndTimeZone',
]);
// Read-only properties of the v1.0 event type: Graph ignores them in a request body.
const IGNORED = new Set([
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'iCalUId',
  'type',
  'seriesMasterId',
  'isOrganizer',
  'responseStatus',
  'webLink',
  'hasAttachments',
  'bodyPreview',
  'organizer',
  'onlineMeeting',
  'onlineMeetingUrl',
  'originalStart',
  'cancelledOccurrences',
  'isDraft',
  'uid',
  'occurrenceId',
  'multiValueExtendedProperties',
]);

const FREE_BUSY = ['unknown', 'free', 'tentative', 'busy', 'oof', 'workingElsewhere'] as const;
const SENSITIVITY = ['normal', 'personal', 'private', 'confidential'] as const;
const IMPORTANCE = ['low', 'normal', 'high'] as const;
const ATTENDEE_TYPES = ['required', 'optional', 'resource'] as const;
const BODY_TYPES = ['text', 'html'] as const;
const LOCATION_TYPES = [
  'default',
  'conferenceRoom',
  'homeAddress',
  'businessAddress',
  'geoCoordinates',
  'streetAddress',
  'hotel',
  'restaurant',
  'localBusiness',
  'postalAddress',
] as const;
const UNIQUE_ID_TYPES = ['unknown', 'locationStore', 'directory', 'private', 'bing'] as const;
const MEETING_PROVIDERS = ['unknown', 'skypeForBusiness', 'skypeForConsumer', 'teamsForBusiness'] as const;

type Body = Record<string, unknown>;

function expectType<T>(value: unknown, type: 'string' | 'boolean' | 'number', field: string): T {
  if (typeof value !== type) throw invalidRequest(`Property '${field}' must be a ${type}.`);
  return value as T;
}

function readBody(input: unknown): ItemBody {
  const value = (input ?? {}) as { contentType?: unknown; content?: unknown };
  return {
    contentType:
      value.contentType === undefined ? 'text' : readGraphEnum(BODY_TYPES, value.contentType, 'body.contentType'),
    content: typeof value.content === 'string' ? value.content : '',
  };
}

function readLocation(input: unknown, directory: Directory, inList: boolean): EventLocation {
  const value = (input ?? {}) as Record<string, unknown>;
  const displayName = typeof value.displayName === 'string' ? value.displayName : '';
  const email = typeof value.locationEmailAddress === 'string' ? value.locationEmailAddress : undefined;
  const room = email ? directory.find(email) : undefined;
  const location: EventLocation = {
    displayName: displayName || room?.displayName || '',
    locationType:
      value.locationType !== undefined
        ? readGraphEnum(LOCATION_TYPES, value.locationType, 'location.locationType')
        : room?.kind === 'room'
          ? 'conferenceRoom'
          : 'default',
    uniqueIdType:
      value.uniqueIdType !== undefined
        ? readGraphEnum(UNIQUE_ID_TYPES, value.uniqueIdType, 'location.uniqueIdType')
        : room?.kind === 'room'
          ? 'directory'
          : displayName && !inList
            ? 'private'
            : 'unknown',
  };
  if (email) location.locationEmailAddress = email;
  const uniqueId =
    typeof value.uniqueId === 'string'
      ? value.uniqueId
      : room?.kind === 'room'
        ? room.email
        : !inList && displayName
          ? displayName
          : undefined;
  if (uniqueId) location.uniqueId = uniqueId;
  if (typeof value.locationUri === 'string') location.locationUri = value.locationUri;
  if (value.address && typeof value.address === 'object') location.address = value.address as EventLocation['address'];
  if (value.coordinates && typeof value.coordinates === 'object')
    location.coordinates = value.coordinates as EventLocation['coordinates'];
  return location;
}

function readAttendees(input: unknown, directory: Directory): Attendee[] {
  if (!Array.isArray(input)) throw invalidRequest("Property 'attendees' must be a collection.");
  return input.map((entry: { emailAddress?: { address?: unknown; name?: unknown }; type?: unknown }) => {
    const address = entry?.emailAddress?.address;
    if (typeof address !== 'string' || !address.includes('@')) {
      throw new GraphError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
    }
    const known = directory.find(address);
    const name =
      typeof entry.emailAddress?.name === 'string' && entry.emailAddress.name
        ? entry.emailAddress.name
        : (known?.displayName ?? address);
    return {
      type: entry.type === undefined ? 'required' : readGraphEnum(ATTENDEE_TYPES, entry.type, 'attendees.type'),
      emailAddress: { name, address },
      status: { response: 'none', time: null },
    };
  });
}

function readExtendedProperties(input: unknown): Record<string, string> {
  if (!Array.isArray(input)) throw invalidRequest("Property 'singleValueExtendedProperties' must be a collection.");
  const properties: Record<string, string> = {};
  for (const entry of input as Array<{ id?: unknown; value?: unknown }>) {
    if (typeof entry?.id !== 'string') throw invalidRequest('An extended property needs an id.');
    assertExtendedPropertyId(entry.id);
    if (typeof entry.value !== 'string')
      throw invalidRequest(`The value of extended property '${entry.id}' must be a string.`);
    properties[entry.id] = entry.value;
  }
  return properties;
}

export type EventInputContext = {
  directory: Directory;
  /** The mailbox's zone, used for Graph's custom-zone names. */
  mailboxZone: string;
  /** On PATCH: the item being changed (its zones apply when the body does not restate them). */
  existing?: StoredEvent;
};

/** Validates a POST/PATCH body against the v1.0 event type and returns what it changes. */
export function readEventChanges(
  input: unknown,
  { directory, mailboxZone, existing }: EventInputContext,
): EventChanges {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new GraphError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
  }
  const body = input as Body;
  for (const key of Object.keys(body)) {
    if (key.startsWith('@odata.') || WRITABLE.has(key) || IGNORED.has(key)) continue;
    throw new GraphError(
      400,
      'RequestBodyRead',
      `The property '${key}' does not exist on type 'Microsoft.OutlookServices.Event'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
    );
  }
  const changes: EventChanges = {};
  if (body.subject !== undefined)
    changes.subject = body.subject === null ? '' : expectType<string>(body.subject, 'string', 'subject');
  if (body.body !== undefined) changes.body = readBody(body.body);
  if (body.start !== undefined) {
    const start = readDateTimeTimeZone(body.start, 'start', mailboxZone);
    changes.start = start.instant;
    changes.startTimeZone =
      typeof body.originalStartTimeZone === 'string' ? body.originalStartTimeZone : start.timeZone;
  }
  if (body.end !== undefined) {
    const end = readDateTimeTimeZone(body.end, 'end', mailboxZone);
    changes.end = end.instant;
    changes.endTimeZone = typeof body.originalEndTimeZone === 'string' ? body.originalEndTimeZone : end.timeZone;
  }
  if (body.isAllDay !== undefined) changes.isAllDay = expectType<boolean>(body.isAllDay, 'boolean', 'isAllDay');
  if (body.showAs !== undefined) changes.showAs = readGraphEnum(FREE_BUSY, body.showAs, 'showAs') as FreeBusyStatus;
  if (body.sensitivity !== undefined) changes.sensitivity = readGraphEnum(SENSITIVITY, body.sensitivity, 'sensitivity');
  if (body.importance !== undefined) changes.importance = readGraphEnum(IMPORTANCE, body.importance, 'importance');
  if (body.categories !== undefined) {
    if (!Array.isArray(body.categories) || body.categories.some((category) => typeof category !== 'string')) {
      throw invalidRequest("Property 'categories' must be a collection of strings.");
    }
    changes.categories = body.categories as string[];
  }
  for (const flag of [
    'isReminderOn',
    'responseRequested',
    'allowNewTimeProposals',
    'hideAttendees',
    'isOnlineMeeting',
  ] as const) {
    if (body[flag] !== undefined) changes[flag] = expectType<boolean>(body[flag], 'boolean', flag);
  }
  if (body.reminderMinutesBeforeStart !== undefined) {
    changes.reminderMinutesBeforeStart = expectType<number>(
      body.reminderMinutesBeforeStart,
      'number',
      'reminderMinutesBeforeStart',
    );
  }
  if (body.onlineMeetingProvider !== undefined) {
    changes.onlineMeetingProvider = readGraphEnum(
      MEETING_PROVIDERS,
      body.onlineMeetingProvider,
      'onlineMeetingProvider',
    );
  }
  if (body.attendees !== undefined)
    changes.attendees = body.attendees === null ? [] : readAttendees(body.attendees, directory);
  readLocations(body, directory, changes);
  if (body.recurrence !== undefined) {
    const zone = changes.startTimeZone ?? existing?.startTimeZone ?? 'UTC';
    changes.recurrence = body.recurrence === null ? null : readRecurrence(body.recurrence, zone);
  }
  if (body.transactionId !== undefined && body.transactionId !== null) {
    changes.transactionId = expectType<string>(body.transactionId, 'string', 'transactionId');
  }
  if (body.singleValueExtendedProperties !== undefined) {
    changes.extendedProperties = readExtendedProperties(body.singleValueExtendedProperties);
  }
  return changes;
}

/** Graph fills `locations` from `location` and the other way round when a request sets only one. */
function readLocations(body: Body, directory: Directory, changes: EventChanges): void {
  if (body.location !== undefined) changes.location = readLocation(body.location, directory, false);
  if (body.locations !== undefined) {
    if (!Array.isArray(body.locations)) throw invalidRequest("Property 'locations' must be a collection.");
    changes.locations = body.locations.map((location) => readLocation(location, directory, true));
  }
  if (changes.location && !changes.locations) {
    changes.locations = changes.location.displayName
      ? [
          {
            ...changes.location,
            uniqueIdType: changes.location.uniqueIdType === 'private' ? 'unknown' : changes.location.uniqueIdType,
          },
        ]
      : [];
  }
  if (changes.locations && !changes.location) {
    const names = changes.locations.map((location) => location.displayName).filter(Boolean);
    const [only] = changes.locations;
    changes.location =
      changes.locations.length === 1 && only
        ? { ...only }
        : {
            displayName: names.join('; '),
            locationType: 'default',
            uniqueIdType: names.length > 0 ? 'private' : 'unknown',
            ...(names.length > 0 ? { uniqueId: names.join('; ') } : {}),
          };
  }
}
