import type { SyncAction } from './sync-plan.js';
import type { BookingLink, LinkedReservationLine } from './sync-model.js';

type ShowApproval = Extract<SyncAction, { kind: 'show-approval' }>;

/**
 * What Exchange shows of a room whose Workplace line waits for approval: tentative, as a booking
 * delegate's pending decision looks to the organizer; once approved, booked. Null when Exchange already
 * shows the line's state. Used by the feed's plan and after every write that links a room (its line's
 * state is known only from the write's answer, and the feed may have read the reservation before the
 * link existed).
 */
export function planApproval(link: BookingLink, line: LinkedReservationLine): ShowApproval | null {
  const isAwaitingApproval = line.status === 'pending-approval';
  if (isAwaitingApproval === link.isAwaitingApproval) return null;
  return {
    kind: 'show-approval',
    mailbox: link.mailbox,
    eventId: link.eventId,
    isAwaitingApproval,
    isOrganizedByRoom: link.origin === 'workplace',
    comment: isAwaitingApproval
      ? 'The room waits for approval in Workplace: Outlook shows it as tentative until then'
      : 'The room was approved in Workplace',
  };
}
