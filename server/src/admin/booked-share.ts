import { toInstant, toWallClock } from '@workplace-sync/shared';
import type { OpeningHoursSource } from '@workplace-sync/shared';
import type { WorkplaceAvailability } from '../adapters/workplace/index.js';

// How much of a room's open hours its calendar is busy: pure arithmetic on instants (epoch ms), with
// the opening hours laid out on the days of the range in the building's zone (DST-correct).

export type Interval = { start: number; end: number };
export type Regime = WorkplaceAvailability['areas'][number]['rules']['regime'];

const HOUR_MS = 3_600_000;
const WEEKDAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** Sorted, overlapping or touching intervals joined: a time counts once however many bookings cover it. */
export function unionOf(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter((interval) => interval.end > interval.start).sort((a, b) => a.start - b.start);
  const joined: Interval[] = [];
  for (const interval of sorted) {
    const last = joined.at(-1);
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else joined.push({ ...interval });
  }
  return joined;
}

const lengthOf = (intervals: Interval[]) => intervals.reduce((total, { start, end }) => total + (end - start), 0);

/** The overlap of two unions (each sorted and disjoint). */
function intersectionOf(a: Interval[], b: Interval[]): Interval[] {
  const overlaps: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]!.start, b[j]!.start);
    const end = Math.min(a[i]!.end, b[j]!.end);
    if (start < end) overlaps.push({ start, end });
    if (a[i]!.end < b[j]!.end) i += 1;
    else j += 1;
  }
  return overlaps;
}

const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The regime's opening intervals within `range`, in `timeZone`; the whole range without a regime. An
 * interval ending at '24:00' ends at the next local midnight (a 23- or 25-hour day stays what it is).
 */
export function openIntervals(regime: Regime, range: Interval, timeZone: string): Interval[] {
  if (!regime) return [{ ...range }];
  const local = (date: string, time: string) =>
    time === '24:00'
      ? toInstant({ dateTime: `${nextDate(date)}T00:00:00`, timeZone }).getTime()
      : toInstant({ dateTime: `${date}T${time}:00`, timeZone }).getTime();
  const open: Interval[] = [];
  const lastDate = toWallClock(range.end, timeZone).dateTime.slice(0, 10);
  for (let date = toWallClock(range.start, timeZone).dateTime.slice(0, 10); date <= lastDate; date = nextDate(date)) {
    const weekday = WEEKDAY_CODES[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
    for (const hours of regime.openingHours) {
      if (!hours.days.includes(weekday)) continue;
      const start = Math.max(local(date, hours.from), range.start);
      const end = Math.min(local(date, hours.to), range.end);
      if (start < end) open.push({ start, end });
    }
  }
  return unionOf(open);
}

export type BookedShare = {
  openingHours: Exclude<OpeningHoursSource, 'unknown'>;
  openHours: number;
  bookedHours: number;
  /** null when the room is never open in the range. */
  share: number | null;
};

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Busy time over open time within `range`: bookings outside the opening hours do not count. */
export function bookedShare({
  regime,
  timeZone,
  busy,
  range,
}: {
  regime: Regime;
  timeZone: string;
  busy: Interval[];
  range: Interval;
}): BookedShare {
  const open = openIntervals(regime, range, timeZone);
  const openMs = lengthOf(open);
  const bookedMs = lengthOf(intersectionOf(open, unionOf(busy)));
  return {
    openingHours: regime === null ? 'around-the-clock' : openMs === 0 ? 'closed' : 'regime',
    openHours: round(openMs / HOUR_MS, 2),
    bookedHours: round(bookedMs / HOUR_MS, 2),
    share: openMs === 0 ? null : round(bookedMs / openMs, 3),
  };
}
