import { toInstant } from '@workplace-sync/shared';
import { occurrencesOf } from '../../emulators/src/workplace/domain/occurrences.js';
import type { ReservationTimes } from '../../emulators/src/workplace/domain/occurrences.js';
import { workplaceSubjectOf } from '../../server/src/sync/fit-booking.js';

type ControlEvent = Record<string, unknown>;
type WorkplaceReservation = {
  status: string;
  subject: string;
  start: string;
  end: string;
  timeZone: string;
  lines: Array<{ id: string; type: string; objectId: string; status: string }>;
};
type Window = { start: string; end: string };

const utc = (time: unknown) =>
  toInstant({ dateTime: String((time as { dateTime: string }).dateTime).slice(0, 19), timeZone: 'UTC' }).toISOString();
const HELD_RESPONSES = ['accepted', 'tentativelyAccepted', 'organizer'];
/** One booking of one room, as both sides are compared: `room start–end subject`, marked when tentative. */
const entry = (mailbox: string, start: string, end: string, subject: string, isTentative: boolean) =>
  `${mailbox} ${start}–${end} ${subject}${isTentative ? ' (tentative)' : ''}`;

function exchangeSet(eventsOf: (mailbox: string) => ControlEvent[], mailboxes: readonly string[]): string[] {
  return mailboxes
    .flatMap((mailbox) =>
      eventsOf(mailbox)
        .filter((event) => event['isCancelled'] !== true)
        .filter((event) => HELD_RESPONSES.includes((event['responseStatus'] as { response: string }).response))
        .map((event) =>
          // Workplace holds no empty or over-long subject: the sync fits them (fit-booking.ts).
          entry(
            mailbox,
            utc(event['start']),
            utc(event['end']),
            workplaceSubjectOf(String(event['subject'])),
            event['showAs'] === 'tentative',
          ),
        ),
    )
    .sort();
}

function workplaceSet<R extends WorkplaceReservation>(
  reservations: R[],
  mailboxOfArea: (areaId: string) => string | undefined,
  occurrences: (reservation: R, line: R['lines'][number]) => Array<{ start: string; end: string; subject: string }>,
): string[] {
  return reservations
    .filter((reservation) => reservation.status !== 'cancelled')
    .flatMap((reservation) =>
      reservation.lines
        .filter((line) => line.type === 'area' && !['cancelled', 'rejected'].includes(line.status))
        .flatMap((line) => {
          const mailbox = mailboxOfArea(line.objectId);
          if (!mailbox) return [];
          // A line awaiting approval shows as tentative in Exchange (docs/sync-engine.md, Approval).
          return occurrences(reservation, line).map(({ start, end, subject }) =>
            entry(mailbox, start, end, subject, line.status === 'pending-approval'),
          );
        }),
    )
    .sort();
}

/**
 * What the linked rooms' Exchange calendars hold and accept, one line per stored item (a series by its
 * first occurrence; sorted, duplicates kept): the Exchange side of "both sides equal, booking for booking".
 */
export const exchangeBookingSet = exchangeSet;

/** The Workplace side of exchangeBookingSet: every active room line of a linked area, in the same form. */
export function workplaceBookingSet(
  reservations: WorkplaceReservation[],
  mailboxOfArea: (areaId: string) => string | undefined,
): string[] {
  return workplaceSet(reservations, mailboxOfArea, (reservation) => [
    {
      start: toInstant({ dateTime: reservation.start, timeZone: reservation.timeZone }).toISOString(),
      end: toInstant({ dateTime: reservation.end, timeZone: reservation.timeZone }).toISOString(),
      subject: reservation.subject,
    },
  ]);
}

/**
 * The same comparison occurrence by occurrence in `window`: every occurrence of every series (moved
 * and cancelled ones as they are) that a linked room's calendar holds.
 */
export function exchangeOccurrenceSet(
  occurrencesIn: (mailbox: string, window: Window) => ControlEvent[],
  mailboxes: readonly string[],
  window: Window,
): string[] {
  return exchangeSet((mailbox) => occurrencesIn(mailbox, window), mailboxes);
}

/**
 * The Workplace side of exchangeOccurrenceSet: each active room line's occurrences in `window`. A
 * released occurrence (no-show, ended early) holds its room only until its release: it counts until
 * then, so a window that starts later (the clock moved past it) sees it freed, as the room's calendar does.
 * A release names its room's line (the meeting's other rooms stay booked), or none: every room.
 */
export function workplaceOccurrenceSet(
  reservations: Array<
    WorkplaceReservation &
      ReservationTimes & { releases?: Array<{ occurrenceStart: string; releasedAt: string; lineId?: string }> }
  >,
  mailboxOfArea: (areaId: string) => string | undefined,
  window: Window,
): string[] {
  const range = { from: new Date(window.start), to: new Date(window.end) };
  return workplaceSet(reservations, mailboxOfArea, (reservation, line) =>
    occurrencesOf(reservation, range).flatMap((occurrence) => {
      const key = occurrence.originalStart ?? occurrence.start.toISOString();
      const releasedAt = (reservation.releases ?? [])
        .filter(
          (candidate) =>
            candidate.occurrenceStart === key && (candidate.lineId === undefined || candidate.lineId === line.id),
        )
        .map((candidate) => new Date(candidate.releasedAt))
        .sort((a, b) => a.getTime() - b.getTime())[0];
      const end = releasedAt && releasedAt < occurrence.end ? releasedAt : occurrence.end;
      if (end <= range.from) return [];
      return [{ start: occurrence.start.toISOString(), end: end.toISOString(), subject: occurrence.subject }];
    }),
  );
}
