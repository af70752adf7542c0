import { toInstant, toWallClock } from '@workplace-sync/shared';
import type { Booking, WallClockTime } from '@workplace-sync/shared';
import { readReservationId } from '../extended-property.js';
import { fromGraphRecurrence } from '../recurrence.js';
import type { Mailbox, RoomEvent, RoomEventKind } from '../room-event.js';
import type { GraphEvent, GraphEventType } from '../schemas/graph-event.js';
import { readPeople } from './event-people.js';
import { originalStartOf, readExceptions } from './event-exceptions.js';
import type { ExceptionSources, SeriesAnchor } from './event-exceptions.js';
import { fromGraphDateTime, instantFromGraph, resolveGraphZone } from './graph-time.js';
import { isSubjectRewritten } from './subject-rewrite.js';

/** An event whose content cannot be mapped without guessing. */
export class EventMappingError extends Error {
  override readonly name = 'EventMappingError';
}

const KIND_OF_TYPE: Record<GraphEventType, RoomEventKind> = {
  singleInstance: 'single',
  occurrence: 'occurrence',
  exception: 'exception',
  seriesMaster: 'seriesMaster',
};

function kindOf(event: GraphEvent): RoomEventKind {
  if (event.type) return KIND_OF_TYPE[event.type];
  // `$select` may leave out `type`; what remains still tells a master from its instances.
  if (event.recurrence) return 'seriesMaster';
  return event.seriesMasterId ? 'occurrence' : 'single';
}

const inZone = (time: WallClockTime, timeZone: string): WallClockTime => toWallClock(toInstant(time), timeZone);

/**
 * A series' rule reads weekdays and dates in the recurrence's zone, so the master's start is expressed
 * there (Graph renders it in UTC or the `Prefer` zone): `range.recurrenceTimeZone`, else the zone the
 * organizer used, else the one Graph rendered.
 */
function seriesAnchor(event: GraphEvent, mailboxTimeZone: string): SeriesAnchor | null {
  if (!event.recurrence) return null;
  const zoneName = event.recurrence.range.recurrenceTimeZone || event.originalStartTimeZone || event.start.timeZone;
  const start = inZone(fromGraphDateTime(event.start, mailboxTimeZone), resolveGraphZone(zoneName, mailboxTimeZone));
  return { subject: event.subject ?? '', start, rule: fromGraphRecurrence(event.recurrence, start) };
}

export type FromGraphEventOptions = {
  /** More exceptions than the master carries itself: `/instances` of the series. */
  instances?: ExceptionSources['instancesInWindow'];
};

/**
 * A Graph event of `mailbox` as the canonical booking plus its identity (CONVENTIONS §3). Throws a
 * TimeError, RecurrenceError or EventMappingError when a time zone, a recurrence or an exception's key
 * cannot be read; callers that read many events report those per event.
 */
export function fromGraphEvent(event: GraphEvent, mailbox: Mailbox, options: FromGraphEventOptions = {}): RoomEvent {
  const kind = kindOf(event);
  const people = readPeople(event, mailbox);
  const series = kind === 'seriesMaster' ? seriesAnchor(event, mailbox.timeZone) : null;
  const start = series?.start ?? fromGraphDateTime(event.start, mailbox.timeZone);
  const end = series
    ? inZone(fromGraphDateTime(event.end, mailbox.timeZone), series.start.timeZone)
    : fromGraphDateTime(event.end, mailbox.timeZone);
  const exceptionsResult = series
    ? readExceptions(
        series,
        {
          exceptions: [
            ...(event.exceptionOccurrences ?? []),
            ...(options.instances?.instances.filter((instance) => instance.type === 'exception') ?? []),
          ],
          cancelledOccurrences: event.cancelledOccurrences ?? null,
          ...(options.instances ? { instancesInWindow: options.instances } : {}),
        },
        mailbox.timeZone,
      )
    : { exceptions: [], problems: [] };
  if (exceptionsResult.problems.length > 0) {
    // A missing exception would read as an unmodified occurrence and be "restored" on the other side.
    throw new EventMappingError(`Series ${event.id}: ${exceptionsResult.problems.join('; ')}`);
  }
  const subject = event.subject ?? '';
  const booking: Booking = {
    subject,
    start,
    end,
    organizer: people.organizer,
    participants: people.participants,
    rooms: people.rooms,
    recurrence: series?.rule ?? null,
    exceptions: exceptionsResult.exceptions,
    isCancelled: event.isCancelled === true,
  };
  return {
    id: event.id,
    kind,
    iCalUId: event.iCalUId ?? null,
    changeKey: event.changeKey ?? null,
    lastModified: event.lastModifiedDateTime ? instantFromGraph(event.lastModifiedDateTime) : null,
    seriesMasterId: event.seriesMasterId ?? null,
    originalStart: kind === 'occurrence' || kind === 'exception' ? originalStartOf(event, mailbox.timeZone) : null,
    transactionId: event.transactionId ?? null,
    reservationId: readReservationId(event),
    response: event.responseStatus?.response ?? null,
    isOrganizedByMailbox: people.isOrganizedByMailbox,
    isSubjectRewritten: isSubjectRewritten({
      subject,
      organizerName: event.organizer?.emailAddress?.name ?? undefined,
      isRoomCopy: mailbox.isRoom !== false && !people.isOrganizedByMailbox,
    }),
    booking,
  };
}
