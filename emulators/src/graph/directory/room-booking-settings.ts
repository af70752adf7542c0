/**
 * A room mailbox's calendar processing (Exchange `Set-CalendarProcessing`), with the defaults of a
 * room created in Exchange Online after 2018 (reference/graph.md §c5, source [CP]).
 */
export type RoomBookingSettings = {
  /**
   * AutoAccept runs the booking attendant (every policy below); AutoUpdate only marks requests tentative,
   * declining and rewriting nothing (a delegate decides); None does nothing.
   */
  automateProcessing: 'AutoAccept' | 'AutoUpdate' | 'None';
  allowConflicts: boolean;
  /** For a series: the share of conflicting occurrences (0–100) the room tolerates, declining just those. */
  conflictPercentageAllowed: number;
  /** For a series: how many conflicting occurrences the room tolerates. */
  maximumConflictInstances: number;
  bookingWindowInDays: number;
  /** true: a series that runs past the booking window is declined; false: accepted, the room's copy ending at the window. */
  enforceSchedulingHorizon: boolean;
  maximumDurationInMinutes: number;
  allowRecurringMeetings: boolean;
  /** With addOrganizerToSubject, the room copy's subject becomes the organizer's name; alone, it is emptied. */
  deleteSubject: boolean;
  addOrganizerToSubject: boolean;
  /** The room copy's body is removed. */
  deleteComments: boolean;
  /** The room copy of a private meeting is no longer private (sensitivity 'normal'). */
  removePrivateProperty: boolean;
  /** true: a cancelled meeting disappears from the room calendar; false: it stays with isCancelled. */
  removeCanceledMeetings: boolean;
  /**
   * Microsoft Places auto-release: a meeting nobody checked in to within
   * postReservationMaxClaimTimeInMinutes of its start is released (the room declines it).
   */
  enableAutoRelease: boolean;
  postReservationMaxClaimTimeInMinutes: number;
};

export const DEFAULT_ROOM_BOOKING_SETTINGS: RoomBookingSettings = {
  automateProcessing: 'AutoAccept',
  allowConflicts: false,
  conflictPercentageAllowed: 0,
  maximumConflictInstances: 0,
  bookingWindowInDays: 180,
  enforceSchedulingHorizon: true,
  maximumDurationInMinutes: 1440,
  allowRecurringMeetings: true,
  deleteSubject: true,
  addOrganizerToSubject: true,
  deleteComments: true,
  removePrivateProperty: true,
  removeCanceledMeetings: false,
  enableAutoRelease: false,
  postReservationMaxClaimTimeInMinutes: 10,
};
