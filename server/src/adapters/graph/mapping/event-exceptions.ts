import { expandOccurrences, toInstant, toUtcIso } from '@workplace-sync/shared';
import type { OccurrenceException, RecurrenceRule, WallClockTime } from '@workplace-sync/shared';
import type { GraphEvent } from '../schemas/graph-event.js';
import type { EventTimes } from './event-times.js';
import { instantFromGraph } from './graph-time.js';

type GraphInstance = Omit<GraphEvent, 'exceptionOccurrences'>;

/**
 * The series as the exceptions are read against it: the master's start in the recurrence's zone (for an
 * all-day series, midnight in the room's zone), its rule, and whether its occurrences are shown.
 */
export type SeriesAnchor = {
  subject: string;
  start: WallClockTime;
  rule: RecurrenceRule;
  isAllDay: boolean;
  /** A private series: its exceptions' subjects are not the booking's to show either. */
  isPrivate: boolean;
};

// `OID.{seriesMasterId}.{yyyy-mm-dd}`: cancelledOccurrences (v1.0) and occurrenceId (beta) name an
// occurrence by the series master and the date it had in the series.
const OCCURRENCE_ID = /^OID\.(.+)\.(\d{4}-\d{2}-\d{2})$/;

/** The instant of the occurrence the series has on `date`: the series' local start time on that date. */
function occurrenceOnDate(date: string, seriesStart: WallClockTime): string {
  return toUtcIso(toInstant({ dateTime: `${date}T${seriesStart.dateTime.slice(11)}`, timeZone: seriesStart.timeZone }));
}

/** Where an instance's zone names are noted: `instances[{id}].start.timeZone` for a series' instance. */
const fieldsOf = (event: GraphInstance, inSeries: boolean) => {
  const prefix = inSeries ? `instances[${event.id}].` : '';
  return {
    start: `${prefix}start`,
    end: `${prefix}end`,
    originalStartZone: `${prefix}originalStartTimeZone`,
    originalEndZone: `${prefix}originalEndTimeZone`,
  };
};

export function occurrenceIdDate(occurrenceId: string): string | null {
  return OCCURRENCE_ID.exec(occurrenceId)?.[2] ?? null;
}

/**
 * The start an occurrence or exception had in its series, UTC ISO: Graph's `originalStart`; else the
 * date in a beta `occurrenceId` at the series' local start time; else, for an unmodified occurrence, its
 * start. Of an all-day series Graph's `originalStart` is midnight in the zone the series was written in;
 * the key is midnight of that date in the room's zone, where the all-day booking starts.
 */
export function originalStartOf(
  event: GraphInstance,
  times: EventTimes,
  series?: Pick<SeriesAnchor, 'start' | 'isAllDay'>,
): string | null {
  const isAllDay = series?.isAllDay ?? event.isAllDay === true;
  const fields = fieldsOf(event, series !== undefined);
  const writtenZone = { name: event.originalStartTimeZone, field: fields.originalStartZone };
  if (event.originalStart) {
    const instant = instantFromGraph(event.originalStart);
    return isAllDay ? times.dayKey(instant, writtenZone) : instant;
  }
  const date = event.occurrenceId ? occurrenceIdDate(event.occurrenceId) : null;
  if (date && series) return occurrenceOnDate(date, series.start);
  if (event.type !== 'occurrence') return null;
  const start = isAllDay ? times.day(event.start, fields.start, writtenZone) : times.time(event.start, fields.start);
  return toUtcIso(toInstant(start));
}

/** An instance's start and end: all-day ones on their dates in the room's zone, like the series. */
export function instanceTimes(
  event: GraphInstance,
  times: EventTimes,
  inSeries: boolean,
): { start: WallClockTime; end: WallClockTime } {
  const fields = fieldsOf(event, inSeries);
  if (event.isAllDay !== true)
    return { start: times.time(event.start, fields.start), end: times.time(event.end, fields.end) };
  return {
    start: times.day(event.start, fields.start, { name: event.originalStartTimeZone, field: fields.originalStartZone }),
    end: times.day(event.end, fields.end, { name: event.originalEndTimeZone, field: fields.originalEndZone }),
  };
}

export type ExceptionSources = {
  /** Expanded `exceptionOccurrences` and/or exceptions from `/instances`. */
  exceptions: GraphInstance[];
  /** The master's `cancelledOccurrences`; null when Graph did not send the property. */
  cancelledOccurrences: string[] | null;
  /**
   * All instances in `window` (occurrences and exceptions, as `/instances` returns them, which omits
   * cancelled ones): lets cancellations be inferred when `cancelledOccurrences` is missing.
   */
  instancesInWindow?: { instances: GraphInstance[]; window: { from: Date; to: Date } };
};

export type ExceptionsResult = { exceptions: OccurrenceException[]; problems: string[] };

function inferCancelled(
  series: SeriesAnchor,
  { instances, window }: NonNullable<ExceptionSources['instancesInWindow']>,
  times: EventTimes,
): string[] {
  const present = new Set(
    instances.map((instance) => originalStartOf(instance, times, series)).filter((start) => start !== null),
  );
  // An occurrence moved out of the window by an exception would look cancelled; /instances only
  // reports what overlaps the window. cancelledOccurrences, when Graph sends it, has no such gap.
  return expandOccurrences(series.rule, series.start, window)
    .map((start) => toUtcIso(toInstant(start)))
    .filter((start) => !present.has(start));
}

/**
 * The exceptions of a series, keyed by original start: modified occurrences (with their new times, and
 * their subject when it differs from the series' and the series is not private) and cancelled ones. A
 * cancellation wins over a modification of the same occurrence. Cancellations are kept wherever they
 * fall, inside the sync window or not. Exceptions whose original start cannot be told are reported in
 * `problems` instead of guessed.
 */
export function readExceptions(series: SeriesAnchor, sources: ExceptionSources, times: EventTimes): ExceptionsResult {
  const problems: string[] = [];
  const byStart = new Map<string, OccurrenceException>();
  const seen = new Set<string>();
  for (const exception of sources.exceptions) {
    if (seen.has(exception.id)) continue;
    seen.add(exception.id);
    const originalStart = originalStartOf(exception, times, series);
    if (!originalStart) {
      problems.push(`exception ${exception.id} has no originalStart`);
      continue;
    }
    // A subject left out (by `$select`, or a doc sample's PascalCase "Subject") is not a change.
    const { subject } = exception;
    const isNewSubject = typeof subject === 'string' && subject.trim() !== series.subject.trim();
    byStart.set(originalStart, {
      originalStart,
      kind: 'modified',
      ...(isNewSubject && !series.isPrivate ? { subject } : {}),
      ...instanceTimes(exception, times, true),
    });
  }
  let cancelled: string[] = [];
  if (sources.cancelledOccurrences) {
    for (const occurrenceId of sources.cancelledOccurrences) {
      const date = occurrenceIdDate(occurrenceId);
      if (date) cancelled.push(occurrenceOnDate(date, series.start));
      else problems.push(`cancelled occurrence '${occurrenceId}' is not OID.{masterId}.{date}`);
    }
  } else if (sources.instancesInWindow) {
    cancelled = inferCancelled(series, sources.instancesInWindow, times);
  }
  for (const originalStart of cancelled) byStart.set(originalStart, { originalStart, kind: 'cancelled' });
  const exceptions = [...byStart.values()].sort((a, b) => (a.originalStart < b.originalStart ? -1 : 1));
  return { exceptions, problems };
}
