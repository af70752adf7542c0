import type { RoomAvailability, Unavailability } from '@workplace-sync/shared';
import { formatDay } from '../time/meeting-time-format.js';

export type Tone = 'success' | 'warning' | 'danger' | 'info' | 'neutral';

/** Why-not reasons in words: status is always said in text, never by colour alone. */
export function describeReason(reason: Unavailability, timeZone?: string): string {
  switch (reason.code) {
    case 'booked':
      return reason.source === 'exchange' ? 'Busy in Exchange' : 'Booked in Workplace';
    case 'outside-booking-window':
      return reason.until
        ? `Beyond its booking window (bookable until ${formatDay(new Date(reason.until), timeZone)})`
        : 'Beyond its booking window (set an end date for the series)';
    case 'needs-approval':
      return 'Needs approval';
    case 'not-linked-to-exchange':
      return 'Not linked to Exchange: book it in Workplace';
    case 'closed':
      return 'Closed at that time';
  }
}

export function describeSummary(room: RoomAvailability, occurrenceCount: number): { text: string; tone: Tone } {
  switch (room.summary) {
    case 'free':
      return { text: 'Free', tone: 'success' };
    case 'needs-approval':
      return { text: 'Free, needs approval', tone: 'warning' };
    case 'partly-free':
      return { text: `Free for ${room.bookableOccurrences} of ${occurrenceCount} dates`, tone: 'warning' };
    case 'unavailable':
      return { text: 'Unavailable', tone: 'danger' };
  }
}

/** Each reason once, in words. */
export const describeReasons = (reasons: Unavailability[], timeZone?: string): string[] => [
  ...new Set(reasons.map((reason) => describeReason(reason, timeZone))),
];
