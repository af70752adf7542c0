import { toInstant } from '@workplace-sync/shared';
import type { Booking, ReservationLine } from '@workplace-sync/shared';

// The plain data the sync core decides on. Adapters build these from Graph and Workplace shapes;
// the core never sees either.

export type RoomResponse = 'accepted' | 'tentative' | 'declined' | 'none' | 'organizer';

/** A meeting (single event or series master with its exceptions) as one room's Exchange calendar holds it. */
export type RoomEvent = {
  mailbox: string;
  eventId: string;
  iCalUId: string;
  changeKey: string;
  /** `rooms` lists the room mailboxes invited; `isCancelled` is set when the organizer cancelled. */
  booking: Booking;
  roomResponse: RoomResponse;
  /** Our extended property on events we wrote: the Workplace reservation they mirror. */
  reservationMarker: string | null;
  /** The room replaced the subject (DeleteSubject / AddOrganizerToSubject): never copy it to Workplace. */
  isSubjectRewritten: boolean;
  /** True when the room is the organizer: we (or a delegate) wrote the event into the room calendar. */
  isOrganizedByRoom: boolean;
  lastModified: string;
  /** What reading it had to assume (a zone name Graph gave that names no zone, read as the room's): logged. */
  readingNotes: string[];
};

/** What a room calendar's delta reports of one meeting: its current state, or that it is gone. */
export type RoomEventChange =
  { kind: 'upserted'; event: RoomEvent } | { kind: 'removed'; mailbox: string; eventId: string };

export type ReservationStatus = 'confirmed' | 'pending-approval' | 'tentative' | 'cancelled';

export type LinkedReservationLine = ReservationLine & {
  lineId: string;
  /** The Exchange room mailbox of a room line whose area is linked; null for unlinked rooms and other kinds. */
  mailbox: string | null;
};

/**
 * One room of one occurrence (a single reservation's only one), or the whole occurrence, that Workplace
 * released while it ran: nobody checked in by the end of the check-in window (no-show), or it ended early. Not part of `booking`: a release is not an
 * edit of the meeting (its content hash, and the revert of an Outlook meeting, stay untouched).
 */
export type OccurrenceRelease = {
  /** The occurrence's original start (a single meeting's start), UTC ISO. */
  occurrenceStart: string;
  /** From when the room is free (UTC ISO). */
  releasedAt: string;
  reason: 'no-show' | 'ended-early';
  /**
   * The room line released (nobody checked in at that room, "end now" at its display): the meeting's
   * other rooms stay booked. Null: the whole occurrence, every room.
   */
  lineId: string | null;
};

/** A Workplace reservation in canonical terms. */
export type ReservationView = {
  reservationId: string;
  version: string;
  status: ReservationStatus;
  source: 'outlook' | 'app' | 'kiosk' | 'display' | 'web' | 'api';
  booking: Booking;
  lines: LinkedReservationLine[];
  /** Occurrences released while they ran (check-in no-show, ended early); the history stays. */
  releases: OccurrenceRelease[];
  updatedAt: string;
};

/** What we last synced between one room's event and one reservation line. */
export type BookingLink = {
  mailbox: string;
  eventId: string;
  iCalUId: string;
  reservationId: string;
  lineId: string;
  graphChangeKey: string;
  /**
   * The copy's lastModified at graphChangeKey (ISO instant); null when not known (links made before it
   * was kept). Left out of a link being saved, the stored one is kept.
   */
  graphModifiedAt?: string | null;
  workplaceVersion: string;
  graphHash: string;
  workplaceHash: string;
  origin: 'exchange' | 'workplace';
  isCancelled: boolean;
  /** Exchange shows the room as tentative: its Workplace line waits for approval (see planApproval). */
  isAwaitingApproval: boolean;
  /** When a single meeting ends (ISO instant); null for a series. A full round skips meetings over. */
  endsAt: string | null;
  /**
   * Occurrences (original starts, UTC ISO) whose release both sides already show: repeats and echoes do
   * nothing. Left out of a link being saved, the stored list is kept (only release writes set it).
   */
  releasedOccurrences?: string[];
};

/** A tentative Workplace hold placed by the add-in before the meeting was sent. */
export type BookingIntent = {
  intentId: string;
  organizerEmail: string;
  mailbox: string;
  reservationId: string;
  start: string;
  end: string;
  expiresAt: string;
  /** Other rooms held for the occurrences of a series its own room could not take (confirmed with it). */
  alternatives: AlternativeHold[];
};

/** A single-occurrence hold in another room, placed by the add-in with a series' hold. */
export type AlternativeHold = {
  intentId: string;
  mailbox: string;
  reservationId: string;
  /** The occurrence's start and end (instants). */
  start: string;
  end: string;
};

/** When a single meeting ends; null for a series (its end needs expanding, and most series run on). */
export const endOfMeeting = (booking: Booking): string | null =>
  booking.recurrence ? null : toInstant(booking.end).toISOString();

export type SyncDirection = 'exchange-to-workplace' | 'workplace-to-exchange';

/** Who and what a quarantined change concerns, as an admin recognises the booking. */
export type BookingIdentity = {
  room: string | null;
  organizer: string | null;
  subject: string | null;
  /** The start as read (wall clock with its zone, or an instant). */
  start: string | null;
};

/**
 * A change that cannot be synced (it cannot be mapped, or the other side refuses its content for good):
 * set aside with its reason and what was read, so that the rest of the room's or the feed's changes flow.
 */
export type QuarantinedChange = {
  direction: SyncDirection;
  /** `{mailbox} {eventId}` for a room's change, the reservation id for a Workplace one. */
  key: string;
  mailbox: string | null;
  eventId: string | null;
  reservationId: string | null;
  booking: BookingIdentity;
  reason: string;
  /** What was read: Graph's item for an unreadable one, otherwise the event or reservation as mapped. */
  raw: unknown;
};

/** An item of a delta round that could not be read at all (an unknown shape, a broken recurrence). */
export type UnreadableChange = {
  mailbox: string;
  eventId: string | null;
  reason: string;
  raw: unknown;
  booking: BookingIdentity;
};
