import type { RoomAvailability, Unavailability } from '@workplace-sync/shared';
import type { Localizer } from '../i18n/pane-i18n.js';
import { formatDay } from '../time/meeting-time-format.js';

export type Tone = 'success' | 'warning' | 'danger' | 'info' | 'neutral';

/** Why-not reasons in words: status is always said in text, never by colour alone. */
export function describeReason(reason: Unavailability, words: Localizer, timeZone?: string): string {
  const { t } = words;
  switch (reason.code) {
    case 'booked':
      return reason.source === 'exchange' ? t('availability.busyInExchange') : t('availability.bookedInWorkplace');
    case 'outside-booking-window':
      return reason.until
        ? t('availability.beyondWindowUntil', { date: formatDay(new Date(reason.until), timeZone, words.locale) })
        : t('availability.beyondWindow');
    case 'needs-approval':
      return t('availability.needsApproval');
    case 'not-linked-to-exchange':
      return t('availability.notLinked');
    case 'closed':
      return t('availability.closed');
  }
}

export function describeSummary(
  room: RoomAvailability,
  occurrenceCount: number,
  { t }: Localizer,
): { text: string; tone: Tone } {
  switch (room.summary) {
    case 'free':
      return { text: t('availability.free'), tone: 'success' };
    case 'needs-approval':
      return { text: t('availability.freeNeedsApproval'), tone: 'warning' };
    case 'partly-free':
      return {
        text: t('availability.partlyFree', { free: room.bookableOccurrences, count: occurrenceCount }),
        tone: 'warning',
      };
    case 'unavailable':
      return { text: t('availability.unavailable'), tone: 'danger' };
  }
}

/** Each reason once, in words. */
export const describeReasons = (reasons: Unavailability[], words: Localizer, timeZone?: string): string[] => [
  ...new Set(reasons.map((reason) => describeReason(reason, words, timeZone))),
];
