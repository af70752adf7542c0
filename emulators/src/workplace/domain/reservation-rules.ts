import { reservationsBooking } from './booked-objects.js';
import { canonicalTimeZone, RecurrenceError, TimeError, toInstant, toUtcIso, wallClock } from '@workplace-sync/shared';
import type { Conflict } from '../contract/errors.js';
import type { Area, Asset, CatalogItem } from '../contract/locations.js';
import type { Reservation, ReservationLine } from '../contract/reservations.js';
import { EmulatorError } from './emulator-error.js';
import {
  allOccurrencesOf,
  firstOccurrenceAfter,
  heldInterval,
  isOriginalOccurrence,
  lineInterval,
  occurrencesOf,
  seriesRuleOf,
} from './occurrences.js';
import type { Occurrence } from './occurrences.js';
import { describeRegime, fitsRegime } from './opening-hours.js';
import type { WorkplaceState } from './workplace-state.js';

const DAY_MS = 86_400_000;

export const isActiveLine = (line: Pick<ReservationLine, 'status'>) =>
  line.status !== 'cancelled' && line.status !== 'rejected';

/** An area or asset: the objects that can be double-booked. */
type BookableObject = { line: ReservationLine; object: Area | Asset; kind: 'area' | 'asset' };

function lookUpObject(state: WorkplaceState, line: ReservationLine): Area | Asset | CatalogItem {
  const object =
    line.type === 'area'
      ? state.areas.get(line.objectId)
      : line.type === 'asset'
        ? state.assets.get(line.objectId)
        : state.catalogItems.get(line.objectId);
  if (!object) {
    const noun = { area: 'area', asset: 'asset', catalogItem: 'catalog item' }[line.type];
    throw new EmulatorError('UNKNOWN_OBJECT', `Unknown ${noun} '${line.objectId}'`);
  }
  return object;
}

function checkTimes(candidate: Reservation): void {
  try {
    wallClock(candidate.start, candidate.timeZone);
    wallClock(candidate.end, candidate.timeZone);
    for (const line of candidate.lines) {
      if (line.start) wallClock(line.start, candidate.timeZone);
      if (line.end) wallClock(line.end, candidate.timeZone);
    }
  } catch (error) {
    if (error instanceof TimeError) throw new EmulatorError('INVALID_REQUEST', error.message);
    throw error;
  }
  const instant = (dateTime: string) => toInstant({ dateTime, timeZone: candidate.timeZone }).getTime();
  if (instant(candidate.end) <= instant(candidate.start)) {
    throw new EmulatorError('INVALID_TIME_RANGE', `end ${candidate.end} must be after start ${candidate.start}`);
  }
  for (const line of candidate.lines.filter(isActiveLine)) {
    if (!line.start && !line.end) continue;
    if (candidate.recurrence) {
      throw new EmulatorError(
        'INVALID_REQUEST',
        `line ${line.objectId}: own start/end are only supported on single reservations`,
      );
    }
    const start = instant(line.start ?? candidate.start);
    const end = instant(line.end ?? candidate.end);
    if (end <= start) throw new EmulatorError('INVALID_TIME_RANGE', `line ${line.objectId}: end must be after start`);
    if (start < instant(candidate.start) || end > instant(candidate.end)) {
      throw new EmulatorError(
        'INVALID_TIME_RANGE',
        `line ${line.objectId}: its time must lie within the reservation's`,
      );
    }
  }
}

function checkRecurrence(candidate: Reservation): void {
  try {
    seriesRuleOf(candidate);
  } catch (error) {
    if (error instanceof RecurrenceError || error instanceof TimeError) {
      throw new EmulatorError('INVALID_RECURRENCE', `recurrence: ${error.message}`);
    }
    throw error;
  }
  if (!candidate.recurrence && candidate.exceptions.length > 0) {
    throw new EmulatorError('INVALID_RECURRENCE', 'exceptions need a recurrence');
  }
  const seen = new Set<string>();
  for (const exception of candidate.exceptions) {
    const originalStart = new Date(exception.originalStart);
    const key = toUtcIso(originalStart);
    if (seen.has(key)) throw new EmulatorError('INVALID_REQUEST', `two exceptions for the occurrence of ${key}`);
    seen.add(key);
    if (!isOriginalOccurrence(candidate, originalStart)) {
      throw new EmulatorError('UNKNOWN_OCCURRENCE', `the series has no occurrence starting at ${key}`);
    }
    if (exception.status === 'modified') {
      const start = toInstant({ dateTime: exception.start, timeZone: candidate.timeZone });
      const end = toInstant({ dateTime: exception.end, timeZone: candidate.timeZone });
      if (end <= start) throw new EmulatorError('INVALID_TIME_RANGE', `occurrence ${key}: end must be after start`);
    }
  }
}

function bookableObjects(state: WorkplaceState, candidate: Reservation): BookableObject[] {
  const bookable: BookableObject[] = [];
  const seen = new Set<string>();
  for (const line of candidate.lines.filter(isActiveLine)) {
    const object = lookUpObject(state, line);
    if (line.type === 'catalogItem') continue;
    const key = `${line.type}:${line.objectId}`;
    if (seen.has(key)) throw new EmulatorError('INVALID_REQUEST', `${line.type} '${line.objectId}' is listed twice`);
    seen.add(key);
    const reservable = object as Area | Asset;
    if (!reservable.reservable)
      throw new EmulatorError('NOT_RESERVABLE', `${reservable.name} (${reservable.id}) is not reservable`);
    bookable.push({ line, object: reservable, kind: line.type });
  }
  if (bookable.length === 0)
    throw new EmulatorError('INVALID_REQUEST', 'a reservation needs at least one area or asset line');
  return bookable;
}

function checkTimeZone(state: WorkplaceState, candidate: Reservation, objects: BookableObject[]): void {
  let timeZone: string;
  try {
    timeZone = canonicalTimeZone(candidate.timeZone);
  } catch (error) {
    throw new EmulatorError('INVALID_REQUEST', (error as Error).message);
  }
  for (const { object } of objects) {
    const building = state.buildings.get(object.buildingId);
    if (building && canonicalTimeZone(building.timeZone) !== timeZone) {
      throw new EmulatorError(
        'TIME_ZONE_MISMATCH',
        `${object.name} is in ${building.name} (${building.timeZone}); send start and end in that time zone, not ${candidate.timeZone}`,
      );
    }
  }
}

/** A series must end inside the booking window; checked before anything expands the whole series. */
function checkSeriesEnd(candidate: Reservation, objects: BookableObject[], now: Date): void {
  const rule = seriesRuleOf(candidate);
  if (!rule) return;
  const { object } = objects.reduce((shortest, next) =>
    next.object.bookingWindowDays < shortest.object.bookingWindowDays ? next : shortest,
  );
  const until = new Date(now.getTime() + object.bookingWindowDays * DAY_MS);
  if (rule.end.type === 'none') {
    throw new EmulatorError(
      'BOOKING_WINDOW_EXCEEDED',
      `${object.name} can be booked up to ${object.bookingWindowDays} days ahead; a series without an end reaches beyond that (give it a COUNT or UNTIL)`,
    );
  }
  const late = firstOccurrenceAfter(candidate, rule, until);
  if (late) {
    throw new EmulatorError(
      'BOOKING_WINDOW_EXCEEDED',
      `${object.name} can be booked up to ${object.bookingWindowDays} days ahead (until ${toUtcIso(until)}); ` +
        `the occurrence starting ${toUtcIso(late)} is beyond that`,
    );
  }
}

function checkBookingWindow(
  candidate: Reservation,
  objects: BookableObject[],
  occurrences: Occurrence[],
  now: Date,
): void {
  for (const { object } of objects) {
    const until = new Date(now.getTime() + object.bookingWindowDays * DAY_MS);
    const late = occurrences.find((occurrence) => occurrence.start > until);
    if (late) {
      throw new EmulatorError(
        'BOOKING_WINDOW_EXCEEDED',
        `${object.name} can be booked up to ${object.bookingWindowDays} days ahead (until ${toUtcIso(until)}); ` +
          `${candidate.recurrence ? 'the occurrence' : 'the reservation'} starting ${toUtcIso(late.start)} is beyond that`,
      );
    }
  }
}

function checkRegimes(
  state: WorkplaceState,
  candidate: Reservation,
  objects: BookableObject[],
  occurrences: Occurrence[],
): void {
  const regimed = [
    ...objects.map(({ line, object }) => ({ line, name: object.name, regime: object.regime })),
    ...candidate.lines
      .filter((line) => isActiveLine(line) && line.type === 'catalogItem')
      .map((line) => {
        const item = state.catalogItems.get(line.objectId)!;
        return { line, name: item.name, regime: item.regime };
      }),
  ];
  for (const { line, name, regime } of regimed) {
    if (!regime) continue;
    for (const occurrence of occurrences) {
      const { start, end } = lineInterval(candidate, line, occurrence);
      if (!fitsRegime(regime, start, end, candidate.timeZone)) {
        throw new EmulatorError(
          'OUTSIDE_OPENING_HOURS',
          `${name} is available ${describeRegime(regime)} (${candidate.timeZone}); ${toUtcIso(start)}–${toUtcIso(end)} is outside`,
        );
      }
    }
  }
}

function checkCatering(state: WorkplaceState, candidate: Reservation, objects: BookableObject[]): void {
  const active = candidate.lines.filter(isActiveLine);
  const catering = active.filter(
    (line) => line.type === 'catalogItem' && state.catalogItems.get(line.objectId)?.category === 'catering',
  );
  if (catering.length === 0) return;
  const areas = objects.filter(({ kind }) => kind === 'area').map(({ object }) => object as Area);
  if (!areas.some((area) => area.cateringAllowed)) {
    const names = areas.map((area) => area.name).join(', ') || 'no area';
    throw new EmulatorError('CATERING_NOT_ALLOWED', `catering is not allowed in ${names}`);
  }
}

function findConflicts(
  state: WorkplaceState,
  candidate: Reservation,
  objects: BookableObject[],
  occurrences: Occurrence[],
): Conflict[] {
  if (occurrences.length === 0) return [];
  const span = {
    from: occurrences[0]!.start,
    to: new Date(Math.max(...occurrences.map((occurrence) => occurrence.end.getTime()))),
  };
  const conflicts: Conflict[] = [];
  const booking = reservationsBooking(
    state.reservations,
    objects.map(({ line }) => line.objectId),
  );
  for (const other of booking) {
    if (other.id === candidate.id || other.status === 'cancelled') continue;
    for (const { line } of objects) {
      const otherLine = other.lines.find(
        (o) => isActiveLine(o) && o.type === line.type && o.objectId === line.objectId,
      );
      if (!otherLine) continue;
      const theirs = occurrencesOf(other, span).flatMap(
        (occurrence) => heldInterval(other, otherLine, occurrence) ?? [],
      );
      for (const occurrence of occurrences) {
        const mine = heldInterval(candidate, line, occurrence);
        if (!mine) continue;
        const clash = theirs.find((interval) => interval.start < mine.end && mine.start < interval.end);
        if (!clash) continue;
        conflicts.push({
          objectId: line.objectId,
          occurrenceStart: occurrence.originalStart,
          start: toUtcIso(mine.start),
          end: toUtcIso(mine.end),
          conflictingReservationId: other.id,
          conflictingStart: toUtcIso(clash.start),
          conflictingEnd: toUtcIso(clash.end),
        });
      }
    }
  }
  return conflicts;
}

/** Throws the first rule a reservation breaks, as the product would refuse it. */
export function assertBookable(state: WorkplaceState, candidate: Reservation, now: Date): void {
  const objects = bookableObjects(state, candidate);
  checkTimeZone(state, candidate, objects);
  checkTimes(candidate);
  checkRecurrence(candidate);
  checkSeriesEnd(candidate, objects, now);
  const occurrences = allOccurrencesOf(candidate);
  checkBookingWindow(candidate, objects, occurrences, now);
  checkRegimes(state, candidate, objects, occurrences);
  checkCatering(state, candidate, objects);
  const conflicts = findConflicts(state, candidate, objects, occurrences);
  if (conflicts.length > 0) {
    const first = conflicts[0]!;
    const which = first.occurrenceStart ? `the occurrence of ${first.occurrenceStart}` : `${first.start}–${first.end}`;
    throw new EmulatorError(
      'DOUBLE_BOOKING',
      `${first.objectId} is already booked by reservation ${first.conflictingReservationId} ` +
        `(${first.conflictingStart}–${first.conflictingEnd}) for ${which}` +
        (conflicts.length > 1 ? ` and ${conflicts.length - 1} more` : ''),
      { conflicts },
    );
  }
}
