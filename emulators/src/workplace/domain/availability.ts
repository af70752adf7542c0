import { toUtcIso } from '@workplace-sync/shared';
import type { Availability } from '../contract/availability.js';
import { EmulatorError } from './emulator-error.js';
import { heldInterval, occurrencesOf } from './occurrences.js';
import type { TimeWindow } from './occurrences.js';
import { isActiveLine } from './reservation-rules.js';
import type { WorkplaceState } from './workplace-state.js';

const DAY_MS = 86_400_000;
export const MAX_AVAILABILITY_DAYS = 62;
const MAX_AREAS = 50;

/** Busy intervals per area in the window, every occurrence of a series on its own, exceptions applied. */
export function availabilityOf(state: WorkplaceState, areaIds: string[], window: TimeWindow, now: Date): Availability {
  if (window.to <= window.from) throw new EmulatorError('INVALID_REQUEST', '`to` must be after `from`');
  if (window.to.getTime() - window.from.getTime() > MAX_AVAILABILITY_DAYS * DAY_MS) {
    throw new EmulatorError('INVALID_REQUEST', `the window may span at most ${MAX_AVAILABILITY_DAYS} days`);
  }
  if (areaIds.length > MAX_AREAS) throw new EmulatorError('INVALID_REQUEST', `at most ${MAX_AREAS} areas per request`);
  return {
    areas: areaIds.map((areaId) => {
      const area = state.areas.get(areaId);
      if (!area) throw new EmulatorError('NOT_FOUND', `Unknown area '${areaId}'`);
      const busy = [...state.reservations.values()]
        .filter((reservation) => reservation.status !== 'cancelled')
        .flatMap((reservation) =>
          reservation.lines
            .filter((line) => line.type === 'area' && line.objectId === areaId && isActiveLine(line))
            .flatMap((line) =>
              occurrencesOf(reservation, window).flatMap((occurrence) => {
                const interval = heldInterval(reservation, line, occurrence);
                if (!interval || interval.end <= window.from || interval.start >= window.to) return [];
                return {
                  start: toUtcIso(interval.start),
                  end: toUtcIso(interval.end),
                  reservationId: reservation.id,
                  status: line.status,
                  occurrenceStart: occurrence.originalStart,
                };
              }),
            ),
        )
        .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
      return {
        areaId,
        timeZone: state.buildings.get(area.buildingId)?.timeZone ?? 'UTC',
        rules: {
          reservable: area.reservable,
          approvalRequired: area.approvalRequired,
          cateringAllowed: area.cateringAllowed,
          bookingWindowDays: area.bookingWindowDays,
          bookableUntil: toUtcIso(now.getTime() + area.bookingWindowDays * DAY_MS),
          regime: area.regime,
        },
        busy,
      };
    }),
  };
}
