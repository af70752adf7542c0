import type { Booking } from '@workplace-sync/shared';
import type { AlternativeHold, RoomEvent } from './sync-model.js';

/** One write the executor performs, described as data. Links are saved by the executor from each write's result. */
export type SyncAction =
  /** `externalRef`: the meeting's iCalUId unless the room books a reservation of its own (occurrence-agreement.ts). */
  | { kind: 'create-reservation'; booking: Booking; idempotencyKey: string; event: RoomEvent; externalRef?: string }
  /**
   * The room leaves the reservation it shares with the meeting's other rooms for one of its own, which
   * holds its occurrences as its copy has them: created (or found again by `externalRef`), then the old
   * line released, then the link moved.
   */
  | {
      kind: 'move-to-own-reservation';
      fromReservationId: string;
      fromLineId: string;
      booking: Booking;
      idempotencyKey: string;
      externalRef: string;
      event: RoomEvent;
    }
  | {
      kind: 'confirm-intent';
      intentId: string;
      reservationId: string;
      booking: Booking;
      event: RoomEvent;
      alternatives: AlternativeHold[];
    }
  | { kind: 'update-reservation'; reservationId: string; booking: Booking; event: RoomEvent }
  /** `booking`: the meeting as this room's copy shows it (other rooms' copies may have been older). */
  | { kind: 'add-room-line'; reservationId: string; booking: Booking; event: RoomEvent }
  | { kind: 'release-room-line'; reservationId: string; lineId: string; mailbox: string; reason: string }
  | { kind: 'cancel-reservation'; reservationId: string; reason: string }
  /** Keep a reservation that lost its last room for a room swapped in; cancel it at `dueAt` if none joins. */
  | { kind: 'await-room'; reservationId: string; iCalUId: string; dueAt: Date }
  | { kind: 'adopt-link'; event: RoomEvent; reservationId: string; lineId: string }
  | { kind: 'mark-link-cancelled'; mailbox: string; eventId: string }
  | {
      kind: 'create-event';
      mailbox: string;
      booking: Booking;
      transactionId: string;
      reservationId: string;
      lineId: string;
    }
  | { kind: 'update-event'; mailbox: string; eventId: string; booking: Booking; reservationId: string; lineId: string }
  | { kind: 'cancel-event'; mailbox: string; eventId: string; comment: string }
  /** Shows the room as tentative while its Workplace line waits for approval, as booked once approved. */
  | {
      kind: 'show-approval';
      mailbox: string;
      eventId: string;
      isAwaitingApproval: boolean;
      isOrganizedByRoom: boolean;
      comment: string;
    }
  | { kind: 'decline-event'; mailbox: string; eventId: string; comment: string }
  | { kind: 'revert-reservation'; reservationId: string; mailbox: string; eventId: string; reason: string }
  /**
   * The room declined the meeting a hold from the add-in was waiting for (a series it takes no conflicts
   * in, beyond its booking window): release that hold and its alternative rooms now, and set the meeting
   * aside for the admins (Failed items) as well as in the log.
   */
  | {
      kind: 'release-declined-hold';
      intentId: string;
      reservationId: string;
      alternatives: AlternativeHold[];
      event: RoomEvent;
      reason: string;
    }
  /**
   * Workplace released an occurrence (or a single meeting) while it ran: free the room for it in Exchange
   * (our own event cancelled, an Outlook meeting declined on the room's behalf), the rest untouched.
   */
  | {
      kind: 'release-occurrence';
      mailbox: string;
      eventId: string;
      /** The occurrence's original start; null for a single meeting. */
      occurrenceStart: string | null;
      isOrganizedByRoom: boolean;
      comment: string;
    }
  /**
   * Exchange freed an occurrence (or a single meeting) in one room after it began: release that room's line
   * in Workplace, the meeting's other rooms and its history kept.
   */
  | {
      kind: 'release-reservation-occurrence';
      reservationId: string;
      occurrenceStart: string | null;
      lineId: string;
      reason: string;
    }
  /** Both sides show these releases now: the link remembers them, so repeats and echoes do nothing. */
  | { kind: 'note-link-releases'; mailbox: string; eventId: string; occurrenceStarts: string[] }
  /** A meeting cancelled before we recorded its reservation (a crash right after creating it): find and release it. */
  | { kind: 'release-orphan-reservation'; event: RoomEvent; reason: string }
  /** A reservation cancelled before we recorded its room event: find the event by our marker and cancel it. */
  | { kind: 'cancel-orphan-events'; mailbox: string; reservationId: string; comment: string };

export type SyncLogAction =
  | 'created'
  | 'updated'
  | 'cancelled'
  | 'declined'
  | 'linked'
  | 'conflict-resolved'
  | 'echo-ignored'
  | 'skipped'
  /** Set aside: it cannot be synced (Failed items); the rest flows. */
  | 'quarantined';

export type SyncLogEntry = {
  direction: 'exchange-to-workplace' | 'workplace-to-exchange';
  action: SyncLogAction;
  mailbox: string | null;
  reservationId: string | null;
  eventId: string | null;
  reason: string;
  /** The booking's organizer (lower-case) and subject, for the admin console's sync log; null when unknown. */
  organizer: string | null;
  subject: string | null;
};

/** The organizer and subject of the booking a log entry is about (`bookingOf` it, when known). */
export const aboutBooking = (
  booking: Pick<Booking, 'organizer' | 'subject'> | null | undefined,
): Pick<SyncLogEntry, 'organizer' | 'subject'> => ({
  organizer: booking?.organizer.email ? booking.organizer.email.toLowerCase() : null,
  subject: booking?.subject ?? null,
});

export type SyncPlan = { actions: SyncAction[]; log: SyncLogEntry[] };

export type ConflictPolicy = 'latest-wins' | 'exchange-wins' | 'workplace-wins';
