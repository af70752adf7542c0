import { canonicalTimeZone, toInstant, toUtcIso, toWallClock, wallClock } from '@workplace-sync/shared';
import type { WallClockTime } from '@workplace-sync/shared';
import type { GraphDateTimeTimeZone } from '../schemas/graph-date-time.js';
import { readGraphZone } from './graph-time.js';
import type { ZoneFallback } from './graph-time.js';

/**
 * How one event's times are read: zone names resolved against the room's zone (its own zone standing in,
 * and noted, where Graph names a custom or unknown zone), all-day dates kept as dates.
 */
export type EventTimes = {
  /** The IANA zone for a Graph zone name; `field` says where the name was, for the fallback note. */
  zone(name: string, field: string): string;
  /** A timed start or end as wall-clock time in its zone. */
  time(value: GraphDateTimeTimeZone, field: string): WallClockTime;
  /**
   * An all-day start or end as midnight of its date in the room's zone. `written` is the zone the event
   * was written in (`originalStartTimeZone` / `originalEndTimeZone`) and where it was read.
   */
  day(value: GraphDateTimeTimeZone, field: string, written: WrittenZone): WallClockTime;
  /**
   * The date an instant that was midnight in `writtenZone` (Graph's `originalStart` of an all-day
   * occurrence), as the instant its date starts in the room's zone: the key the all-day booking uses.
   */
  dayKey(instant: string, written: WrittenZone): string;
  /** The fallbacks so far, one per zone name Graph wrote. */
  fallbacks(): ZoneFallback[];
};

/** The zone an event was written in, as Graph names it (it may leave it out), and the property it came from. */
export type WrittenZone = { name: string | null | undefined; field: string };

const MIDNIGHT = 'T00:00:00';
const HALF_DAY_MS = 12 * 60 * 60 * 1000;

/** The date nearest to a local date-time (noon rounds up), so that a midnight read an hour off stays on its date. */
function nearestDate(localDateTime: string): string {
  return new Date(Date.parse(`${localDateTime}Z`) + HALF_DAY_MS).toISOString().slice(0, 10);
}

export function createEventTimes(roomTimeZone: string): EventTimes {
  const room = canonicalTimeZone(roomTimeZone);
  const fallbacks = new Map<string, ZoneFallback>();
  const zone = (name: string, field: string): string => {
    const { timeZone, fallback } = readGraphZone(name, room, field);
    if (!fallback) return timeZone;
    const noted = fallbacks.get(fallback.graphZone);
    if (!noted) fallbacks.set(fallback.graphZone, fallback);
    else if (!noted.fields.includes(field)) noted.fields.push(field);
    return timeZone;
  };
  const dayStart = (date: string): WallClockTime => ({ dateTime: `${date}${MIDNIGHT}`, timeZone: room });
  const zoneWritten = ({ name, field }: WrittenZone): string => (name?.trim() ? zone(name, field) : room);
  return {
    zone,
    time: (value, field) => wallClock(value.dateTime, zone(value.timeZone, `${field}.timeZone`)),
    // Graph renders an all-day event midnight to midnight on its own dates whatever zone `Prefer:
    // outlook.timezone` asks for, UTC included (learn.microsoft.com/en-us/answers/questions/1382503,
    // msgraph-sdk-javascript#1158); the rendered date is the event's. Should a value arrive shifted
    // all the same, its date in the zone the event was written in is the one meant.
    day(value, field, written) {
      const rendered = wallClock(value.dateTime, 'UTC').dateTime;
      if (rendered.endsWith(MIDNIGHT)) return dayStart(rendered.slice(0, 10));
      const instant = toInstant({ dateTime: rendered, timeZone: zone(value.timeZone, `${field}.timeZone`) });
      return dayStart(nearestDate(toWallClock(instant, zoneWritten(written)).dateTime));
    },
    dayKey(instant, written) {
      const local = toWallClock(new Date(instant), zoneWritten(written)).dateTime;
      return toUtcIso(toInstant(dayStart(nearestDate(local))));
    },
    fallbacks: () => [...fallbacks.values()].map((fallback) => ({ ...fallback, fields: [...fallback.fields] })),
  };
}
