import { toInstant } from '@workplace-sync/shared';
import { occurrencesOf } from '../../emulators/src/workplace/domain/occurrences.js';
import { workplaceSubjectOf } from '../../server/src/sync/fit-booking.js';
import type { ReservationTimes } from '../../emulators/src/workplace/domain/occurrences.js';

type ControlEvent = Record<string, unknown>;
type WorkplaceReservation = {
  status: string;
  subject: string;
  start: string;
  end: string;
  timeZone: string;
  lines: Array<{ type: string; objectId: string; status: string }>;
};

const utc = (time: unknown) =>
  toInstant({ dateTime: String((time as { dateTime: string }).dateTime).slice(0, 19), timeZone: 'UTC' }).toISOString();

/**
 * What the linked rooms' Exchange calendars hold and accept, one `room start–end subject` line per
 * event (sorted, duplicates kept), marked when the room shows it as tentative: the Exchange side of
 * "both sides equal, booking for booking".
 */
export function exchangeBookingSet(
  eventsOf: (mailbox: string) => ControlEvent[],
  mailboxes: readonly string[],
): string[] {
  return mailboxes
    .flatMap((mailbox) =>
      eventsOf(mailbox)
        .filter((event) => event['isCancelled'] !== true)
        .filter((event) =>
          ['accepted', 'tentativelyAccepted', 'organizer'].includes(
            (event['responseStatus'] as { response: string }).response,
          ),
        )
        .map(
          (event) =>
            `${mailbox} ${utc(event['start'])}–${utc(event['end'])} ${String(event['subject'])}${
              event['showAs'] === 'tentative' ? ' (tentative)' : ''
            }`,
        ),
    )
    .sort();
}

/** The Workplace side: every active room line of a linked area, in the same form. */
export function workplaceBookingSet(
  reservations: WorkplaceReservation[],
  mailboxOfArea: (areaId: string) => string | undefined,
): string[] {
  return reservations
    .filter((reservation) => reservation.status !== 'cancelled')
    .flatMap((reservation) =>
      reservation.lines
        .filter((line) => line.type === 'area' && !['cancelled', 'rejected'].includes(line.status))
        .flatMap((line) => {
          const mailbox = mailboxOfArea(line.objectId);
          if (!mailbox) return [];
          const start = toInstant({ dateTime: reservation.start, timeZone: reservation.timeZone }).toISOString();
          const end = toInstant({ dateTime: reservation.end, timeZone: reservation.timeZone }).toISOString();
          // A line awaiting approval shows as tentative in Exchange (docs/sync-engine.md, Approval).
          const held = line.status === 'pending-approval' ? ' (tentative)' : '';
          return [`${mailbox} ${start}–${end} ${reservation.subject}${held}`];
        }),
    )
    .sort();
}

const heldResponses = ['accepted', 'tentativelyAccepted', 'organizer'];

/**
 * The same comparison occurrence by occurrence in `window`: every occurrence of every series (moved
 * and cancelled ones as they are) that a linked room's calendar holds, marked when tentative.
 */
export function exchangeOccurrenceSet(
  occurrencesIn: (mailbox: string, window: { start: string; end: string }) => ControlEvent[],
  mailboxes: readonly string[],
  window: { start: string; end: string },
): string[] {
  return mailboxes
    .flatMap((mailbox) =>
      occurrencesIn(mailbox, window)
        .filter((event) => event['isCancelled'] !== true)
        .filter((event) => heldResponses.includes((event['responseStatus'] as { response: string }).response))
        .map(
          (event) =>
            // Workplace holds no empty or over-long subject: the sync fits them (fit-booking.ts).
            `${mailbox} ${utc(event['start'])}–${utc(event['end'])} ${workplaceSubjectOf(String(event['subject']))}${
              event['showAs'] === 'tentative' ? ' (tentative)' : ''
            }`,
        ),
    )
    .sort();
}

/** The Workplace side of exchangeOccurrenceSet: each active room line's occurrences in `window`. */
export function workplaceOccurrenceSet(
  reservations: Array<WorkplaceReservation & ReservationTimes>,
  mailboxOfArea: (areaId: string) => string | undefined,
  window: { start: string; end: string },
): string[] {
  const range = { from: new Date(window.start), to: new Date(window.end) };
  return reservations
    .filter((reservation) => reservation.status !== 'cancelled')
    .flatMap((reservation) =>
      reservation.lines
        .filter((line) => line.type === 'area' && !['cancelled', 'rejected'].includes(line.status))
        .flatMap((line) => {
          const mailbox = mailboxOfArea(line.objectId);
          if (!mailbox) return [];
          const held = line.status === 'pending-approval' ? ' (tentative)' : '';
          return occurrencesOf(reservation, range).map(
            (occurrence) =>
              `${mailbox} ${occurrence.start.toISOString()}–${occurrence.end.toISOString()} ${occurrence.subject}${held}`,
          );
        }),
    )
    .sort();
}
