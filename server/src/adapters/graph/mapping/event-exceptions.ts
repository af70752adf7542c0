import { expandOccurrences, toInstant, toUtcIso } from '@workplace-sync/shared';
import type { OccurrenceException, RecurrenceRule, WallClockTime } from '@workplace-sync/shared';
import type { GraphEvent } from '../schemas/graph-event.js';
import { fromGraphDateTime, instantFromGraph } from './graph-time.js';

type GraphInstance = Omit<GraphEvent, 'exceptionOccurrences'>;

/** The series as the exceptions are read against it: the master's start in the recurrence's zone, and its rule. */
export type SeriesAnchor = { subject: string; start: WallClockTime; rule: RecurrenceRule };

// `OID.{seriesMasterId}.{yyyy-mm-dd}`: cancelledOccurrences (v1.0) and occurrenceId (beta) name an
// occurrence by the series master and the date it had in the series.
const OCCURRENCE_ID = /^OID\.(.+)\.(\d{4}-\d{2}-\d{2})$/;

/** The instant of the occurrence the series has on `date`: the series' local start time on that date. */
function occurrenceOnDate(date: string, seriesStart: WallClockTime): string {
  return toUtcIso(toInstant({ dateTime: `${date}T${seriesStart.dateTime.slice(11)}`, timeZone: seriesStart.timeZone }));
}

export function occurrenceIdDate(occurrenceId: string): string | null {
  return OCCURRENCE_ID.exec(occurrenceId)?.[2] ?? null;
}

/**
 * The start an occurrence or exception had in its series, UTC ISO: Graph's `originalStart`; else the
 * date in a beta `occurrenceId` at the series' local start time; else, for an unmodified occurrence, its start.
 */
export function originalStartOf(
  event: GraphInstance,
  mailboxTimeZone: string,
  series?: Pick<SeriesAnchor, 'start'>,
): string | null {
  if (event.originalStart) return instantFromGraph(event.originalStart);
  const date = event.occurrenceId ? occurrenceIdDate(event.occurrenceId) : null;
  if (date && series) return occurrenceOnDate(date, series.start);
  if (event.type === 'occurrence') return toUtcIso(toInstant(fromGraphDateTime(event.start, mailboxTimeZone)));
  return null;
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
  mailboxTimeZone: string,
): string[] {
  const present = new Set(
    instances.map((instance) => originalStartOf(instance, mailboxTimeZone, series)).filter((start) => start !== null),
  );
  // An occurrence moved out of the window by an exception would look cancelled; /instances only
  // reports what overlaps the window. cancelledOccurrences, when Graph sends it, has no such gap.
  return expandOccurrences(series.rule, series.start, window)
    .map((start) => toUtcIso(toInstant(start)))
    .filter((start) => !present.has(start));
}

/**
 * The exceptions of a series, keyed by original start: modified occurrences (with their new times, and
 * their subject when it differs from the series') and cancelled ones. A cancellation wins over a
 * modification of the same occurrence. Exceptions whose original start cannot be told are reported in
 * `problems` instead of guessed.
 */
export function readExceptions(
  series: SeriesAnchor,
  sources: ExceptionSources,
  mailboxTimeZone: string,
): ExceptionsResult {
  const problems: string[] = [];
  const byStart = new Map<string, OccurrenceException>();
  const seen = new Set<string>();
  for (const exception of sources.exceptions) {
    if (seen.has(exception.id)) continue;
    seen.add(exception.id);
    const originalStart = originalStartOf(exception, mailboxTimeZone, series);
    if (!originalStart) {
      problems.push(`exception ${exception.id} has no originalStart`);
      continue;
    }
    // A subject left out (by `$select`, or a doc sample's PascalCase "Subject") is not a change.
    const { subject } = exception;
    byStart.set(originalStart, {
      originalStart,
      kind: 'modified',
      ...(typeof subject === 'string' && subject.trim() !== series.subject.trim() ? { subject } : {}),
      start: fromGraphDateTime(exception.start, mailboxTimeZone),
      end: fromGraphDateTime(exception.end, mailboxTimeZone),
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
    cancelled = inferCancelled(series, sources.instancesInWindow, mailboxTimeZone);
  }
  for (const originalStart of cancelled) byStart.set(originalStart, { originalStart, kind: 'cancelled' });
  const exceptions = [...byStart.values()].sort((a, b) => (a.originalStart < b.originalStart ? -1 : 1));
  return { exceptions, problems };
}
