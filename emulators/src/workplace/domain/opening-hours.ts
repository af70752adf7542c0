import { toWallClock, WEEKDAYS } from '@workplace-sync/shared';
import type { Weekday } from '@workplace-sync/shared';
import type { Regime } from '../contract/locations.js';

function weekdayOfDate(date: string): Weekday {
  const sundayFirst = new Date(`${date}T00:00:00Z`).getUTCDay();
  return WEEKDAYS[(sundayFirst + 6) % 7]!;
}

/**
 * Whether [start, end) fits inside one opening interval of one day, read in `timeZone` (the building's).
 * As in Workplace, a regime with limited hours rules out bookings that span several days.
 */
export function fitsRegime(regime: Regime | null, start: Date, end: Date, timeZone: string): boolean {
  if (!regime) return true;
  const localStart = toWallClock(start, timeZone).dateTime;
  const localEnd = toWallClock(end, timeZone).dateTime;
  const date = localStart.slice(0, 10);
  const from = localStart.slice(11, 16);
  const endsAtMidnight = localEnd.slice(11) === '00:00:00' && localEnd.slice(0, 10) > date;
  const nextDay = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  if (localEnd.slice(0, 10) !== date && !(endsAtMidnight && localEnd.slice(0, 10) === nextDay)) return false;
  const to = endsAtMidnight ? '24:00' : localEnd.slice(11, 16);
  const day = weekdayOfDate(date);
  return regime.openingHours.some((hours) => hours.days.includes(day) && hours.from <= from && to <= hours.to);
}

/** 'MO,TU,WE,TH,FR 07:00–20:00' */
export function describeRegime(regime: Regime): string {
  return (
    regime.openingHours.map((hours) => `${hours.days.join(',')} ${hours.from}–${hours.to}`).join('; ') || 'never open'
  );
}
