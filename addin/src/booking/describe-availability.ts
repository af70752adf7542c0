import type { Occurrence, Room, RoomAvailability, Unavailability } from '@workplace-sync/shared';
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

/** The dates a partly free room is taken on (the first three), in the pane's language. */
function takenDates(room: RoomAvailability, occurrences: readonly Occurrence[], words: Localizer, timeZone?: string) {
  const taken = occurrences.filter((_, index) => room.occurrences[index]?.isBookable === false);
  const days = taken.slice(0, 3).map((occurrence) => formatDay(new Date(occurrence.start), timeZone, words.locale));
  const list = new Intl.ListFormat(words.locale, { type: 'conjunction' }).format(days);
  return taken.length > 3 ? `${list} …` : list;
}

export function describeSummary(
  room: RoomAvailability,
  occurrenceCount: number,
  words: Localizer,
  /** The answer's occurrences: a partly free room then says which dates are taken. */
  taken?: { occurrences: readonly Occurrence[]; timeZone?: string | undefined },
): { text: string; tone: Tone } {
  const { t } = words;
  switch (room.summary) {
    case 'free':
      return { text: t('availability.free'), tone: 'success' };
    case 'needs-approval':
      return { text: t('availability.freeNeedsApproval'), tone: 'warning' };
    case 'partly-free': {
      const text = t('availability.partlyFree', { free: room.bookableOccurrences, count: occurrenceCount });
      const dates = taken ? takenDates(room, taken.occurrences, words, taken.timeZone) : '';
      const described = dates ? `${text}: ${t('availability.takenOn', { dates })}` : text;
      // Such a room cannot take the series with another room on the taken dates: say so before Choose.
      return room.seriesConflicts === 'declined'
        ? { text: `${described} · ${t('availability.seriesDeclined')}`, tone: 'danger' }
        : { text: described, tone: 'warning' };
    }
    case 'unavailable':
      return { text: t('availability.unavailable'), tone: 'danger' };
  }
}

/** Each reason once, in words. */
export const describeReasons = (reasons: Unavailability[], words: Localizer, timeZone?: string): string[] => [
  ...new Set(reasons.map((reason) => describeReason(reason, words, timeZone))),
];

/**
 * Whether booking the room asks an approver (Workplace's room setting, or its rules in the answer): the
 * pane then says "Request", and what the organizer sees until the approver decides.
 */
export const isApprovalRequired = (room: Pick<Room, 'approvalRequired'>, availability?: RoomAvailability): boolean =>
  room.approvalRequired || (availability?.reasons.some((reason) => reason.code === 'needs-approval') ?? false);
