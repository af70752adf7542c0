import { toWallClock } from '@workplace-sync/shared';
import type { RoomBookingSettings } from '../directory/room-booking-settings.js';
import type { StoredEvent } from '../calendar/stored-event.js';
import { firstOccurrenceOf, lastOccurrenceOf, seriesZoneOf } from '../calendar/series-expansion.js';
import { bookingHorizonOf } from './booking-attendant.js';
import type { MeetingContent } from './meeting-content.js';

/**
 * The room copy of a series that runs past the booking window when EnforceSchedulingHorizon is $false:
 * the request "is automatically accepted … However, the number of meetings is automatically reduced so
 * meetings don't occur after the specified date" ([CP]). The room's series ends on the window's last
 * date (in the series' zone): its range becomes `endDate` there [I: the shape of the reduced copy is not
 * documented], while the organizer's series stays whole. Anything else is returned unchanged; a series
 * whose first occurrence is already beyond the window is declined by the attendant.
 */
export function withinBookingWindow(
  content: MeetingContent,
  master: StoredEvent,
  settings: RoomBookingSettings,
  now: Date,
): MeetingContent {
  const recurrence = content.recurrence;
  const isCut = settings.automateProcessing === 'AutoAccept' && !settings.enforceSchedulingHorizon;
  if (!isCut || !recurrence || master.type !== 'seriesMaster') return content;
  const horizon = bookingHorizonOf(settings, now);
  const first = firstOccurrenceOf(master);
  const last = lastOccurrenceOf(master);
  if (!first || first.start > horizon || (last && last.start <= horizon)) return content;
  const endDate = toWallClock(horizon, seriesZoneOf(master)).dateTime.slice(0, 10);
  return {
    ...content,
    recurrence: { ...recurrence, range: { ...recurrence.range, type: 'endDate', endDate, numberOfOccurrences: 0 } },
  };
}
