import type { Booking } from '@workplace-sync/shared';
import type { ZoneFallback } from './mapping/graph-time.js';

/**
 * The mailbox whose calendar is read or written. `timeZone` (IANA) is the mailbox's own zone: it
 * stands in for Graph's custom-zone names ("tzone://Microsoft/Custom", "Customized Time Zone") and for
 * names that are no zone (noted in `GraphRoomEvent.zoneFallbacks`), it is the zone start/end are requested
 * in and all-day events are kept in, and it is preferred over other IANA names of the same Windows zone.
 */
export type Mailbox = {
  address: string;
  timeZone: string;
  /** Room mailboxes (the default) count as a room of every event in their calendar. */
  isRoom?: boolean;
};

export type RoomEventKind = 'single' | 'occurrence' | 'exception' | 'seriesMaster';

/** A Graph event as the sync sees it: the canonical booking plus what identifies and versions the item. */
export type GraphRoomEvent = {
  id: string;
  kind: RoomEventKind;
  /** Shared by the organizer's and the rooms' copies of one meeting; differs per occurrence. */
  iCalUId: string | null;
  /** Changes on every modification of the item (also for Exchange's own processing). */
  changeKey: string | null;
  /** UTC ISO instant. */
  lastModified: string | null;
  seriesMasterId: string | null;
  /** Occurrences and exceptions: the start in the series before any change, UTC ISO; the key of an OccurrenceException. */
  originalStart: string | null;
  transactionId: string | null;
  /** Our extended property; null when absent or not requested (delta and calendarView never carry it). */
  reservationId: string | null;
  /** The mailbox owner's response (`accepted`, `declined`, `tentativelyAccepted`, `organizer`, `none`, …). */
  response: string | null;
  /** The mailbox itself organises the item: an event written directly into the room calendar. */
  isOrganizedByMailbox: boolean;
  /**
   * The room replaced the subject (DeleteSubject, with AddOrganizerToSubject the organizer's name): the
   * subject is not the meeting's, so it must not overwrite the Workplace subject.
   */
  isSubjectRewritten: boolean;
  /**
   * Graph's `isAllDay`. The booking then runs from 00:00 of its first date to 00:00 after its last date
   * in the room's zone, whatever zone the organizer used (docs/graph-adapter.md, "All-day events").
   */
  isAllDay: boolean;
  /**
   * The item is private (`sensitivity: private`, kept on the room's copy by RemovePrivateProperty
   * $false): the booking carries "Private meeting" and no participants instead of the meeting's.
   */
  isPrivate: boolean;
  /** Zone names Graph gave that could not be read, each replaced by the room's zone; empty when none. */
  zoneFallbacks: ZoneFallback[];
  booking: Booking;
};
