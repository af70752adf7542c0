import type { Booking, OccurrenceException } from '@workplace-sync/shared';
import { reservationIdProperty } from '../extended-property.js';
import { toGraphRecurrence } from '../recurrence.js';
import type { GraphPatternedRecurrence } from '../recurrence.js';
import type { GraphDateTimeTimeZone } from '../schemas/graph-date-time.js';
import { toPeopleWrite } from './event-people.js';
import type { GraphAttendeeWrite, GraphLocationWrite, PeopleWriteOptions } from './event-people.js';
import { toGraphDateTime } from './graph-time.js';

/** The body of POST/PATCH `/users/{room}/events[/{id}]`, in CSDL property names. */
export type GraphEventWrite = {
  subject: string;
  start: GraphDateTimeTimeZone;
  end: GraphDateTimeTimeZone;
  attendees: GraphAttendeeWrite[];
  location: GraphLocationWrite;
  locations: GraphLocationWrite[];
  recurrence?: GraphPatternedRecurrence;
  transactionId?: string;
  singleValueExtendedProperties?: Array<{ id: string; value: string }>;
};

export type ToGraphEventOptions = PeopleWriteOptions & {
  /** Our extended property's value. */
  reservationId?: string;
  /**
   * Create only (Graph refuses to change it): a deterministic key so that a create retried after a
   * timeout returns the event the first attempt made instead of a second one.
   */
  transactionId?: string;
};

/**
 * A booking as an event written directly into a room calendar (DESIGN §5, room-centric): the room
 * organises it, the responsible person and the participants are attendees, rooms are locations (and
 * resource attendees). Exceptions are not part of the write: they are PATCHes and cancels of the
 * series' instances (toGraphOccurrenceUpdate). Cancellation is its own request, too.
 * Throws a TimeError for a zone without a Windows name.
 */
export function toGraphEvent(booking: Booking, options: ToGraphEventOptions): GraphEventWrite {
  const people = toPeopleWrite(booking, options);
  return {
    subject: booking.subject,
    start: toGraphDateTime(booking.start),
    end: toGraphDateTime(booking.end),
    ...people,
    ...(booking.recurrence ? { recurrence: toGraphRecurrence(booking.recurrence, booking.start) } : {}),
    ...(options.transactionId ? { transactionId: options.transactionId } : {}),
    ...(options.reservationId ? { singleValueExtendedProperties: [reservationIdProperty(options.reservationId)] } : {}),
  };
}

export type GraphOccurrenceUpdate = { start: GraphDateTimeTimeZone; end: GraphDateTimeTimeZone; subject?: string };

/** PATCH of one instance, which turns it into an exception of its series. */
export function toGraphOccurrenceUpdate(
  exception: Extract<OccurrenceException, { kind: 'modified' }>,
): GraphOccurrenceUpdate {
  return {
    start: toGraphDateTime(exception.start),
    end: toGraphDateTime(exception.end),
    ...(exception.subject === undefined ? {} : { subject: exception.subject }),
  };
}
