import type { PhysicalAddress } from '../directory/directory.js';
import type { GraphRecurrence } from './patterned-recurrence.js';

export type EventType = 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster';
export type ResponseType = 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';
export type FreeBusyStatus = 'unknown' | 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere';
export type AttendeeType = 'required' | 'optional' | 'resource';

export type EmailAddress = { name: string; address: string };

export type ResponseStatus = { response: ResponseType; time: Date | null };

export type Attendee = { type: AttendeeType; emailAddress: EmailAddress; status: ResponseStatus };

export type EventLocation = {
  displayName: string;
  locationType: string;
  uniqueIdType: string;
  locationEmailAddress?: string;
  uniqueId?: string;
  locationUri?: string;
  address?: PhysicalAddress;
  coordinates?: {
    latitude?: number;
    longitude?: number;
    accuracy?: number;
    altitude?: number;
    altitudeAccuracy?: number;
  };
};

export type ItemBody = { contentType: 'text' | 'html'; content: string };

/**
 * One item in one mailbox's calendar: a single meeting, a series master or an exception. Occurrences
 * are not stored; they are derived from their master (see series-expansion.ts) with type 'occurrence'.
 * Records are never mutated: every write replaces the record, so snapshots (delta pages) stay stable.
 */
export type StoredEvent = {
  id: string;
  type: EventType;
  seriesMasterId: string | null;
  /** Occurrence/exception: the local date (in the series zone) of its original start; it names the instance. */
  originalDate: string | null;
  originalStart: Date | null;
  /** The meeting's UID, shared by the organizer's and every attendee's (and room's) copy. */
  meetingUid: string;
  /** Where the organizer's copy lives, when the organizer is a mailbox of this tenant. */
  organizerMailboxId: string | null;
  createdAt: Date;
  lastModifiedAt: Date;
  changeKey: string;
  /** The mailbox's change sequence number at the last write (drives delta). */
  changeSeq: number;
  subject: string;
  body: ItemBody;
  start: Date;
  end: Date;
  /** Zone names as the client sent them (Windows or IANA); Graph echoes them as originalStart/EndTimeZone. */
  startTimeZone: string;
  endTimeZone: string;
  isAllDay: boolean;
  showAs: FreeBusyStatus;
  sensitivity: string;
  importance: string;
  categories: string[];
  isReminderOn: boolean;
  reminderMinutesBeforeStart: number;
  responseRequested: boolean;
  allowNewTimeProposals: boolean;
  hideAttendees: boolean;
  isOnlineMeeting: boolean;
  onlineMeetingProvider: string;
  location: EventLocation;
  locations: EventLocation[];
  attendees: Attendee[];
  organizer: EmailAddress;
  isOrganizer: boolean;
  responseStatus: ResponseStatus;
  isCancelled: boolean;
  recurrence: GraphRecurrence | null;
  /** Series master: original dates of deleted occurrences. */
  cancelledDates: string[];
  transactionId: string | null;
  /** Single-value extended properties, by property id as the client wrote it. */
  extendedProperties: Readonly<Record<string, string>>;
};

export const EMPTY_LOCATION: EventLocation = { displayName: '', locationType: 'default', uniqueIdType: 'unknown' };
