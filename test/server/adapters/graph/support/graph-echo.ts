import { toInstant, toWallClock } from '@workplace-sync/shared';
import type { GraphEventWrite } from '../../../../../server/src/adapters/graph/index.js';

type Json = Record<string, unknown>;

/** Graph's answer form of a recurrence: lower-case days and every unused field echoed with its default. */
function echoRecurrence(recurrence: NonNullable<GraphEventWrite['recurrence']>): Json {
  const { pattern, range } = recurrence;
  return {
    pattern: {
      type: pattern.type,
      interval: pattern.interval,
      month: pattern.month ?? 0,
      dayOfMonth: pattern.dayOfMonth ?? 0,
      daysOfWeek: (pattern.daysOfWeek ?? []).map((day) => day.toLowerCase()),
      firstDayOfWeek: pattern.firstDayOfWeek ?? 'sunday',
      index: pattern.index ?? 'first',
    },
    range: {
      type: range.type,
      startDate: range.startDate,
      endDate: range.endDate ?? '0001-01-01',
      recurrenceTimeZone: range.recurrenceTimeZone,
      numberOfOccurrences: range.numberOfOccurrences ?? 0,
    },
  };
}

function inUtc(time: { dateTime: string; timeZone: string }, ianaZone: string): Json {
  const utc = toWallClock(toInstant({ dateTime: time.dateTime, timeZone: ianaZone }), 'UTC');
  return { dateTime: `${utc.dateTime}.0000000`, timeZone: 'UTC' };
}

/**
 * What Graph answers for an event written into `mailbox`'s calendar, as far as the mapping reads it: the
 * room organises it, attendees get a status, times are rendered in the `Prefer` zone (the written
 * Windows zone) or, without it, in UTC; JSON all the way.
 */
export function echoAsGraphEvent(
  write: GraphEventWrite,
  { mailbox, ianaZone, renderIn }: { mailbox: string; ianaZone: string; renderIn: 'written zone' | 'UTC' },
): unknown {
  const render = (time: GraphEventWrite['start']) =>
    renderIn === 'UTC' ? inUtc(time, ianaZone) : { dateTime: `${time.dateTime}.0000000`, timeZone: time.timeZone };
  const echo = {
    '@odata.etag': 'W/"ck-1"',
    id: 'AAMkEcho=',
    changeKey: 'ck-1',
    type: write.recurrence ? 'seriesMaster' : 'singleInstance',
    subject: write.subject,
    start: render(write.start),
    end: render(write.end),
    isOrganizer: true,
    isCancelled: false,
    organizer: { emailAddress: { name: 'Room', address: mailbox } },
    responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
    attendees: write.attendees.map((attendee) => ({
      ...attendee,
      status: { response: 'none', time: '0001-01-01T00:00:00Z' },
    })),
    location: write.location,
    locations: write.locations,
    recurrence: write.recurrence ? echoRecurrence(write.recurrence) : null,
    transactionId: write.transactionId ?? null,
  };
  return JSON.parse(JSON.stringify(echo));
}
