import type { RoomBookingSettings } from '../directory/room-booking-settings.js';

const DAY_MS = 86_400_000;

export type Interval = { start: Date; end: Date };

/** A meeting request as the room's Resource Booking Attendant sees it. */
export type BookingRequest = {
  /** The instances the room would hold; `key` is the occurrence's original date, null for a single meeting. */
  instances: Array<Interval & { key: string | null }>;
  isSeries: boolean;
  /** End of the last occurrence; null for a series without end. */
  seriesEnd: Date | null;
  durationMinutes: number;
};

export type BookingDecision = {
  /** accept: booked; tentative: left for a delegate (AutoUpdate/None); decline: not booked. */
  outcome: 'accept' | 'tentative' | 'decline';
  /** Occurrences declined inside an accepted series (tolerated conflicts). */
  declinedKeys: string[];
  reason: string;
};

const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

/** The last moment the room can be booked: BookingWindowInDays from now ("the value 0 means today"). */
export const bookingHorizonOf = (settings: RoomBookingSettings, now: Date) =>
  new Date(now.getTime() + settings.bookingWindowInDays * DAY_MS);

/**
 * The Resource Booking Attendant's decision for one request, per Set-CalendarProcessing
 * (reference/graph.md §c5, source [CP]): recurring policy, maximum duration, booking window with
 * EnforceSchedulingHorizon, and conflicts (a single meeting is declined on any conflict; a series is
 * declined whole unless MaximumConflictInstances and ConflictPercentageAllowed tolerate its conflicts).
 * Only AutoAccept rooms run the attendant: with AutoUpdate "only the Calendar Attendant processes
 * meeting requests", which puts every request on the calendar as tentative and declines nothing.
 * `busy` holds the room's other bookings.
 */
export function decideBooking(
  settings: RoomBookingSettings,
  request: BookingRequest,
  busy: Interval[],
  now: Date,
): BookingDecision {
  if (settings.automateProcessing !== 'AutoAccept') {
    return { outcome: 'tentative', declinedKeys: [], reason: 'left for a delegate' };
  }
  const decline = (reason: string): BookingDecision => ({ outcome: 'decline', declinedKeys: [], reason });
  if (request.isSeries && !settings.allowRecurringMeetings) return decline('recurring meetings are not allowed');
  if (settings.maximumDurationInMinutes > 0 && request.durationMinutes > settings.maximumDurationInMinutes) {
    return decline(`longer than ${settings.maximumDurationInMinutes} minutes`);
  }
  const horizon = bookingHorizonOf(settings, now);
  const [first] = request.instances;
  if (!first) return decline('no occurrences');
  if (first.start > horizon) return decline(`beyond the booking window of ${settings.bookingWindowInDays} days`);
  const isBeyondHorizon = request.seriesEnd === null || request.seriesEnd > horizon;
  if (request.isSeries && isBeyondHorizon && settings.enforceSchedulingHorizon) {
    return decline(`the series runs beyond the booking window of ${settings.bookingWindowInDays} days`);
  }
  if (settings.allowConflicts) return { outcome: 'accept', declinedKeys: [], reason: 'conflicts allowed' };
  const considered = request.instances.filter((instance) => instance.start <= horizon);
  const conflicting = considered.filter((instance) => busy.some((booking) => overlaps(instance, booking)));
  if (conflicting.length === 0) return { outcome: 'accept', declinedKeys: [], reason: 'no conflict' };
  if (!request.isSeries) return decline('conflicts with another booking');
  const percentage = (conflicting.length / considered.length) * 100;
  if (conflicting.length > settings.maximumConflictInstances || percentage > settings.conflictPercentageAllowed) {
    return decline(`${conflicting.length} of ${considered.length} occurrences conflict`);
  }
  return {
    outcome: 'accept',
    declinedKeys: conflicting.map((instance) => instance.key).filter((key): key is string => key !== null),
    reason: 'conflicts within the tolerated share',
  };
}
