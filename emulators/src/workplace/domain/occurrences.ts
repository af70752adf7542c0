import { expandOccurrences, fromRRule, toInstant, toUtcIso } from '@workplace-sync/shared';
import type { RecurrenceRule } from '@workplace-sync/shared';
import type { Reservation, ReservationLine } from '../contract/reservations.js';

export type ReservationTimes = Pick<
  Reservation,
  'subject' | 'start' | 'end' | 'timeZone' | 'recurrence' | 'exceptions'
>;

export type Occurrence = {
  /** Original start (UTC ISO) of a series occurrence; null for a single reservation. */
  originalStart: string | null;
  start: Date;
  end: Date;
  subject: string;
};

export type TimeWindow = { from: Date; to: Date };

const END_OF_TIME = new Date(Date.UTC(9999, 0, 1));

/** The series rule, read with DTSTART = start in timeZone. Throws RecurrenceError or TimeError. */
export function seriesRuleOf(reservation: ReservationTimes): RecurrenceRule | null {
  if (!reservation.recurrence) return null;
  return fromRRule(reservation.recurrence.rrule, { dateTime: reservation.start, timeZone: reservation.timeZone });
}

const overlaps = (a: { start: Date; end: Date }, window: TimeWindow) => a.start < window.to && window.from < a.end;

function expandSeries(reservation: ReservationTimes, rule: RecurrenceRule, window: TimeWindow): Occurrence[] {
  const seriesStart = { dateTime: reservation.start, timeZone: reservation.timeZone };
  const durationMs =
    toInstant({ dateTime: reservation.end, timeZone: reservation.timeZone }).getTime() -
    toInstant(seriesStart).getTime();
  return expandOccurrences(rule, seriesStart, { ...window, durationMs }).map((occurrence) => {
    const start = toInstant(occurrence);
    return {
      originalStart: toUtcIso(start),
      start,
      end: new Date(start.getTime() + durationMs),
      subject: reservation.subject,
    };
  });
}

/**
 * The occurrences that overlap `window`, exceptions applied: cancelled ones left out, modified ones at
 * their new time (including those moved into the window from outside it).
 */
export function occurrencesOf(reservation: ReservationTimes, window: TimeWindow): Occurrence[] {
  const rule = seriesRuleOf(reservation);
  if (!rule) {
    const single = {
      originalStart: null,
      start: toInstant({ dateTime: reservation.start, timeZone: reservation.timeZone }),
      end: toInstant({ dateTime: reservation.end, timeZone: reservation.timeZone }),
      subject: reservation.subject,
    };
    return overlaps(single, window) ? [single] : [];
  }
  const exceptions = new Map(
    reservation.exceptions.map((exception) => [toUtcIso(new Date(exception.originalStart)), exception]),
  );
  const result: Occurrence[] = [];
  const seen = new Set<string>();
  for (const occurrence of expandSeries(reservation, rule, window)) {
    seen.add(occurrence.originalStart!);
    const exception = exceptions.get(occurrence.originalStart!);
    if (!exception) result.push(occurrence);
    else if (exception.status === 'modified')
      result.push(modifiedOccurrence(reservation, occurrence.originalStart!, exception));
  }
  for (const [originalStart, exception] of exceptions) {
    if (exception.status !== 'modified' || seen.has(originalStart)) continue;
    result.push(modifiedOccurrence(reservation, originalStart, exception));
  }
  return result
    .filter((occurrence) => overlaps(occurrence, window))
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

function modifiedOccurrence(
  reservation: ReservationTimes,
  originalStart: string,
  exception: { start: string; end: string; subject?: string },
): Occurrence {
  return {
    originalStart,
    start: toInstant({ dateTime: exception.start, timeZone: reservation.timeZone }),
    end: toInstant({ dateTime: exception.end, timeZone: reservation.timeZone }),
    subject: exception.subject ?? reservation.subject,
  };
}

/** Every occurrence of a single reservation or of a series that ends (COUNT or UNTIL). */
export function allOccurrencesOf(reservation: ReservationTimes): Occurrence[] {
  const rule = seriesRuleOf(reservation);
  if (rule?.end.type === 'none') throw new Error('allOccurrencesOf needs a series that ends');
  const from = toInstant({ dateTime: reservation.start, timeZone: reservation.timeZone });
  const earliestModified = reservation.exceptions
    .filter((exception) => exception.status === 'modified')
    .map((exception) => toInstant({ dateTime: exception.start, timeZone: reservation.timeZone }).getTime());
  return occurrencesOf(reservation, { from: new Date(Math.min(from.getTime(), ...earliestModified)), to: END_OF_TIME });
}

const PERIOD_DAYS = { daily: 1, weekly: 7, monthly: 31, yearly: 366 } as const;

/**
 * The first original occurrence (before exceptions) that starts after `instant`, or null. Every period
 * of a rule in the subset holds an occurrence, so looking one period ahead is enough, however far the
 * series' UNTIL lies.
 */
export function firstOccurrenceAfter(reservation: ReservationTimes, rule: RecurrenceRule, instant: Date): Date | null {
  const seriesStart = { dateTime: reservation.start, timeZone: reservation.timeZone };
  const lookAheadMs = (rule.interval * PERIOD_DAYS[rule.freq] + 2) * 86_400_000;
  const next = expandOccurrences(rule, seriesStart, { from: instant, to: new Date(instant.getTime() + lookAheadMs) })
    .map((occurrence) => toInstant(occurrence))
    .find((start) => start > instant);
  return next ?? null;
}

/** Whether a series has an occurrence that originally starts at `originalStart` (before exceptions). */
export function isOriginalOccurrence(reservation: ReservationTimes, originalStart: Date): boolean {
  const rule = seriesRuleOf(reservation);
  if (!rule) return false;
  const seriesStart = { dateTime: reservation.start, timeZone: reservation.timeZone };
  return expandOccurrences(rule, seriesStart, { from: originalStart, to: new Date(originalStart.getTime() + 1) }).some(
    (occurrence) => toInstant(occurrence).getTime() === originalStart.getTime(),
  );
}

/** The interval a line occupies in one occurrence: its own times on a single reservation, else the occurrence's. */
export function lineInterval(
  reservation: ReservationTimes,
  line: Pick<ReservationLine, 'start' | 'end'>,
  occurrence: Occurrence,
): { start: Date; end: Date } {
  if (reservation.recurrence) return occurrence;
  const at = (dateTime: string | undefined, fallback: Date) =>
    dateTime ? toInstant({ dateTime, timeZone: reservation.timeZone }) : fallback;
  return { start: at(line.start, occurrence.start), end: at(line.end, occurrence.end) };
}

/** The key check-ins and releases use: the original start of a series occurrence, the start of a single one. */
export const occurrenceKeyOf = (occurrence: Occurrence): string =>
  occurrence.originalStart ?? toUtcIso(occurrence.start);

/** Whether a check-in or release names `lineId`, or names no line (the whole occurrence). */
export const coversLine = (record: { lineId?: string | undefined }, lineId: string): boolean =>
  record.lineId === undefined || record.lineId === lineId;

/**
 * When `line` stopped holding its object in `occurrence`, if it was released: a release of the whole
 * occurrence or of this line (room). Equipment and catering (lines other than areas) are free once every
 * room of the occurrence is released; until then the meeting may still use them in its other room.
 */
export function releaseOfLine(
  reservation: Pick<Reservation, 'releases' | 'lines'>,
  line: Pick<ReservationLine, 'id' | 'type'>,
  occurrence: Occurrence,
): Date | null {
  const key = occurrenceKeyOf(occurrence);
  const earliest = (times: number[]) => (times.length > 0 ? Math.min(...times) : null);
  const releasedAt = (lineId: string | undefined) =>
    earliest(
      reservation.releases
        .filter((release) => release.occurrenceStart === key && release.lineId === lineId)
        .map((release) => Date.parse(release.releasedAt)),
    );
  const candidates = [releasedAt(undefined), releasedAt(line.id)];
  if (line.type !== 'area') {
    const rooms = reservation.lines.filter(
      (candidate) => candidate.type === 'area' && candidate.status !== 'cancelled' && candidate.status !== 'rejected',
    );
    const roomsFreedAt = rooms.map((room) => releasedAt(room.id));
    if (rooms.length > 0 && roomsFreedAt.every((at) => at !== null))
      candidates.push(Math.max(...(roomsFreedAt as number[])));
  }
  const at = earliest(candidates.filter((candidate): candidate is number => candidate !== null));
  return at === null ? null : new Date(at);
}

/**
 * The interval a line holds its object in one occurrence: as lineInterval, cut at its release (see
 * releaseOfLine: no-show, ended early); null once nothing of it is held.
 */
export function heldInterval(
  reservation: ReservationTimes & Pick<Reservation, 'releases' | 'lines'>,
  line: Pick<ReservationLine, 'id' | 'type' | 'start' | 'end'>,
  occurrence: Occurrence,
): { start: Date; end: Date } | null {
  const interval = lineInterval(reservation, line, occurrence);
  const freedAt = releaseOfLine(reservation, line, occurrence);
  if (!freedAt) return interval;
  if (freedAt >= interval.end) return interval;
  return freedAt > interval.start ? { start: interval.start, end: freedAt } : null;
}
