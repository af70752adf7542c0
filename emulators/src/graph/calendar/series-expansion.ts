import { expandOccurrences, toInstant, toWallClock } from '@workplace-sync/shared';
import { occurrenceId } from '../ids/graph-ids.js';
import { ianaZoneOf } from './graph-time-zone.js';
import { toRecurrenceRule } from './patterned-recurrence.js';
import type { StoredEvent } from './stored-event.js';

const DAY_MS = 86_400_000;

export type Occurrence = { originalDate: string; start: Date; end: Date };

/** The zone a series recurs in: range.recurrenceTimeZone, else the start zone. */
export function seriesZoneOf(master: StoredEvent): string {
  const name = master.recurrence?.range.recurrenceTimeZone || master.startTimeZone;
  return ianaZoneOf(name);
}

function seriesStartOf(master: StoredEvent): { dateTime: string; timeZone: string } {
  const zone = seriesZoneOf(master);
  const localTime = toWallClock(master.start, zone).dateTime.slice(11);
  return { dateTime: `${master.recurrence!.range.startDate}T${localTime}`, timeZone: zone };
}

/**
 * The series' occurrences (cancelled ones included) that overlap [from, to), named by their original
 * local date. Occurrences keep their local start time across DST, as Exchange's do.
 */
export function occurrencesOf(master: StoredEvent, from: Date, to: Date): Occurrence[] {
  if (!master.recurrence) return [];
  const durationMs = master.end.getTime() - master.start.getTime();
  const starts = expandOccurrences(toRecurrenceRule(master.recurrence), seriesStartOf(master), {
    from,
    to,
    durationMs: Math.max(durationMs, 1),
  });
  return starts.map((start) => {
    const instant = toInstant(start);
    return { originalDate: start.dateTime.slice(0, 10), start: instant, end: new Date(instant.getTime() + durationMs) };
  });
}

/** The first occurrence of a series: Graph moves a master whose start does not fit the pattern onto it. */
export function firstOccurrenceOf(master: StoredEvent): Occurrence | undefined {
  const zone = seriesZoneOf(master);
  const from = toInstant({ dateTime: `${master.recurrence!.range.startDate}T00:00:00`, timeZone: zone });
  for (let years = 1; years <= 8; years *= 2) {
    const [first] = occurrencesOf(
      master,
      new Date(from.getTime() - DAY_MS),
      new Date(from.getTime() + years * 366 * DAY_MS),
    );
    if (first) return first;
  }
  return undefined;
}

/** The last occurrence, or undefined for a series without end. */
export function lastOccurrenceOf(master: StoredEvent): Occurrence | undefined {
  const range = master.recurrence?.range;
  if (!range || range.type === 'noEnd') return undefined;
  const first = firstOccurrenceOf(master);
  if (!first) return undefined;
  const to =
    range.type === 'endDate'
      ? toInstant({ dateTime: `${range.endDate}T23:59:59`, timeZone: seriesZoneOf(master) }).getTime() + DAY_MS
      : first.start.getTime() + 1000 * 366 * DAY_MS;
  return occurrencesOf(master, first.start, new Date(to)).at(-1);
}

/** The occurrence originally on `originalDate`, if the pattern has one that day. */
export function occurrenceOn(master: StoredEvent, originalDate: string): Occurrence | undefined {
  const dayStart = toInstant({ dateTime: `${originalDate}T00:00:00`, timeZone: seriesZoneOf(master) });
  const candidates = occurrencesOf(
    master,
    new Date(dayStart.getTime() - DAY_MS),
    new Date(dayStart.getTime() + 2 * DAY_MS),
  );
  return candidates.find((occurrence) => occurrence.originalDate === originalDate);
}

/** An occurrence as an item: the master's content at the occurrence's time, with its own id. */
export function occurrenceItem(master: StoredEvent, occurrence: Occurrence): StoredEvent {
  return {
    ...master,
    id: occurrenceId(master.id, occurrence.originalDate),
    type: 'occurrence',
    seriesMasterId: master.id,
    originalDate: occurrence.originalDate,
    originalStart: occurrence.start,
    start: occurrence.start,
    end: occurrence.end,
    recurrence: null,
    cancelledDates: [],
    transactionId: null,
  };
}

/**
 * What a calendar view shows of a series in [from, to): occurrences, with exceptions in place of the
 * occurrences they replace (wherever they were moved to) and cancelled occurrences left out.
 */
export function seriesInstancesIn(master: StoredEvent, exceptions: StoredEvent[], from: Date, to: Date): StoredEvent[] {
  const exceptionDates = new Set(exceptions.map((exception) => exception.originalDate));
  const cancelled = new Set(master.cancelledDates);
  const occurrences = occurrencesOf(master, from, to)
    .filter((occurrence) => !exceptionDates.has(occurrence.originalDate) && !cancelled.has(occurrence.originalDate))
    .map((occurrence) => occurrenceItem(master, occurrence));
  const movedExceptions = exceptions.filter(
    (exception) => exception.start.getTime() < to.getTime() && exception.end.getTime() > from.getTime(),
  );
  return [...occurrences, ...movedExceptions].sort((a, b) => a.start.getTime() - b.start.getTime());
}
