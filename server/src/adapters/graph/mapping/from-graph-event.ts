import { toInstant, toWallClock } from '@workplace-sync/shared';
import type { Booking, WallClockTime } from '@workplace-sync/shared';
import { readReservationId } from '../extended-property.js';
import { fromGraphRecurrence } from '../recurrence.js';
import type { Mailbox, GraphRoomEvent, RoomEventKind } from '../room-event.js';
import type { GraphEvent, GraphEventType } from '../schemas/graph-event.js';
import { readPeople } from './event-people.js';
import { instanceTimes, originalStartOf, readExceptions } from './event-exceptions.js';
import type { ExceptionSources, SeriesAnchor } from './event-exceptions.js';
import { createEventTimes } from './event-times.js';
import type { EventTimes } from './event-times.js';
import { instantFromGraph } from './graph-time.js';
import { isPrivateEvent, PRIVATE_MEETING_SUBJECT } from './private-event.js';
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

/** Where a timed series recurs: `range.recurrenceTimeZone`, else the zone the organizer used, else the one Graph rendered. */
function recurrenceZoneOf(event: GraphEvent): { name: string; field: string } {
  const recurrenceTimeZone = event.recurrence?.range.recurrenceTimeZone;
  if (recurrenceTimeZone) return { name: recurrenceTimeZone, field: 'recurrence.range.recurrenceTimeZone' };
  if (event.originalStartTimeZone) return { name: event.originalStartTimeZone, field: 'originalStartTimeZone' };
  return { name: event.start.timeZone, field: 'start.timeZone' };
}

/**
 * A series' rule reads weekdays and dates in the recurrence's zone, so the master's start is expressed
 * there (Graph renders it in UTC or the `Prefer` zone). An all-day series needs none of that: Graph
 * renders it on its own dates (event-times.ts), and its rule reads those dates in the room's zone,
 * where the booking keeps them; re-reading the rendered midnight in a zone west of the room's would
 * move the series to the day before its `range.startDate`.
 */
function seriesAnchor(
  event: GraphEvent,
  renderedStart: WallClockTime,
  times: EventTimes,
  isPrivate: boolean,
): SeriesAnchor | null {
  if (!event.recurrence) return null;
  const isAllDay = event.isAllDay === true;
  const recurrenceZone = recurrenceZoneOf(event);
  const start = isAllDay ? renderedStart : inZone(renderedStart, times.zone(recurrenceZone.name, recurrenceZone.field));
  return {
    subject: event.subject ?? '',
    start,
    rule: fromGraphRecurrence(event.recurrence, start),
    isAllDay,
    isPrivate,
  };
}

export type FromGraphEventOptions = {
  /** More exceptions than the master carries itself: `/instances` of the series. */
  instances?: ExceptionSources['instancesInWindow'];
};

/**
 * A Graph event of `mailbox` as the canonical booking plus its identity (CONVENTIONS §3). Zone names
 * that cannot be read fall back to the mailbox's zone and are listed in `zoneFallbacks`. Throws a
 * TimeError for a malformed date-time, a RecurrenceError for a recurrence that is no rule, and an
 * EventMappingError for an exception whose key cannot be told; callers that read many events report
 * those per event.
 */
export function fromGraphEvent(
  event: GraphEvent,
  mailbox: Mailbox,
  options: FromGraphEventOptions = {},
): GraphRoomEvent {
  const kind = kindOf(event);
  const times = createEventTimes(mailbox.timeZone);
  const isPrivate = isPrivateEvent(event);
  const people = readPeople(event, mailbox);
  const own = instanceTimes(event, times, false);
  const series = kind === 'seriesMaster' ? seriesAnchor(event, own.start, times, isPrivate) : null;
  const start = series?.start ?? own.start;
  const end = series ? inZone(own.end, series.start.timeZone) : own.end;
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
        times,
      )
    : { exceptions: [], problems: [] };
  if (exceptionsResult.problems.length > 0) {
    // A missing exception would read as an unmodified occurrence and be "restored" on the other side.
    throw new EventMappingError(`Series ${event.id}: ${exceptionsResult.problems.join('; ')}`);
  }
  const subject = event.subject ?? '';
  const booking: Booking = {
    subject: isPrivate ? PRIVATE_MEETING_SUBJECT : subject,
    start,
    end,
    organizer: people.organizer,
    participants: isPrivate ? [] : people.participants,
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
    originalStart: kind === 'occurrence' || kind === 'exception' ? originalStartOf(event, times) : null,
    transactionId: event.transactionId ?? null,
    reservationId: readReservationId(event),
    response: event.responseStatus?.response ?? null,
    isOrganizedByMailbox: people.isOrganizedByMailbox,
    // The placeholder of a private meeting is ours, not the room's rewrite: it is what Workplace shows.
    isSubjectRewritten:
      !isPrivate &&
      isSubjectRewritten({
        subject,
        organizerName: event.organizer?.emailAddress?.name ?? undefined,
        isRoomCopy: mailbox.isRoom !== false && !people.isOrganizedByMailbox,
      }),
    isAllDay: event.isAllDay === true,
    isPrivate,
    zoneFallbacks: times.fallbacks(),
    booking,
  };
}
