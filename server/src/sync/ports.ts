import type { Booking } from '@workplace-sync/shared';
import type { RoomEventChange } from './sync-model.js';
import type { SyncLogEntry } from './sync-plan.js';
import type {
  BookingIntent,
  BookingLink,
  QuarantinedChange,
  ReservationView,
  RoomEvent,
  SyncDirection,
  UnreadableChange,
} from './sync-model.js';

// What the sync core needs from the outside, named for the core's needs. Adapters implement these;
// the core never imports an adapter.

/** One room's Exchange calendar, at meeting level (series masters with their exceptions, or single events). */
export interface RoomCalendar {
  /**
   * Meetings changed since `cursor`; `null` reads every meeting in the sync window (a full resync).
   * `linkedEventIds`: events the core already links, which need no marker, so an adapter may skip
   * reading them again for it.
   */
  readChanges(
    mailbox: string,
    cursor: string | null,
    known?: { linkedEventIds: ReadonlySet<string> },
  ): Promise<{ changes: RoomEventChange[]; unreadable: UnreadableChange[]; nextCursor: string }>;
  readEvent(mailbox: string, eventId: string): Promise<RoomEvent | null>;
  /** Events in the room carrying our marker for this reservation (found again after a crash lost the link). */
  findEventsByReservation(mailbox: string, reservationId: string): Promise<RoomEvent[]>;
  /** Writes into the room's own calendar; `transactionId` makes a retried create a no-op. */
  createEvent(
    mailbox: string,
    booking: Booking,
    write: { transactionId: string; reservationId: string },
  ): Promise<RoomEvent>;
  updateEvent(mailbox: string, eventId: string, booking: Booking): Promise<RoomEvent>;
  /** Cancels an event the room organises (tells its attendees). */
  cancelEvent(mailbox: string, eventId: string, comment: string): Promise<void>;
  /** Declines, on the room's behalf, a meeting someone else organises (the organizer sees why). */
  declineEvent(mailbox: string, eventId: string, comment: string): Promise<void>;
  /**
   * Frees the room for one occurrence of a series (by its original start) or a single meeting
   * (`occurrenceStart` null) that Workplace released while it ran: the room's own event (occurrence) is
   * cancelled, a meeting someone else organises is declined on the room's behalf, with `comment` for the
   * organizer. The rest of a series is untouched; an occurrence no longer there is done.
   */
  releaseOccurrence(
    mailbox: string,
    eventId: string,
    release: { occurrenceStart: string | null; isOrganizedByRoom: boolean; comment: string },
  ): Promise<void>;
  /**
   * Shows the room as tentative (awaiting approval) or as booked: a meeting someone else organises gets
   * the room's tentative or accepting answer with `comment`, as a booking delegate gives it; an event the
   * room organises changes its free/busy status.
   */
  showApproval(
    mailbox: string,
    eventId: string,
    approval: { isAwaitingApproval: boolean; isOrganizedByRoom: boolean; comment: string },
  ): Promise<void>;
}

/** Every write is idempotent by key; `expectedVersion` makes it fail with PRECONDITION_FAILED if the reservation moved on. */
export type ReservationWrite = { idempotencyKey: string; expectedVersion?: string };

/** Where to look for a reservation by its external reference: the room and the meeting's time. */
export type ReservationSearch = { mailboxes: string[]; from: Date; to: Date };

/** Workplace reservations in canonical terms. */
export interface ReservationSystem {
  /**
   * Reservations changed since `cursor`. `creations`: those named only for their creation (nothing
   * changed them since), with the version they were created at; a link that recorded it made them.
   */
  readChanges(
    cursor: string | null,
  ): Promise<{ reservationIds: string[]; creations: ReadonlyMap<string, string>; nextCursor: string }>;
  getReservation(reservationId: string): Promise<ReservationView | null>;
  /**
   * Creates a reservation booked from Outlook, with one room line per room in `booking.rooms`;
   * `externalRef` (the meeting's iCalUId) lets findByExternalRef find it again.
   */
  createReservation(booking: Booking, write: ReservationWrite & { externalRef: string }): Promise<ReservationView>;
  /** The reservation we made for a meeting, found by its iCalUId when our link to it was lost (a crash). */
  findByExternalRef(externalRef: string, near: ReservationSearch): Promise<ReservationView | null>;
  /**
   * The reservations carrying one of `externalRefs` in `near`'s rooms and span, by external reference:
   * findByExternalRef for a page of meetings in one listing (a first sync looks before every create).
   */
  findByExternalRefs(externalRefs: readonly string[], near: ReservationSearch): Promise<Map<string, ReservationView>>;
  /** Replaces the synced fields, keeping equipment and catering lines. */
  updateReservation(reservationId: string, booking: Booking, write: ReservationWrite): Promise<ReservationView>;
  /**
   * Turns an add-in hold into the meeting's reservation (its equipment and catering lines stay), with
   * the meeting's iCalUId as `externalRef` so findByExternalRef finds it again. NOT_FOUND when the hold
   * was released meanwhile (expired, or cancelled in Workplace).
   */
  confirmHold(
    reservationId: string,
    booking: Booking,
    write: ReservationWrite & { externalRef?: string },
  ): Promise<ReservationView>;
  /**
   * Adds `mailbox`'s room line, bringing the synced fields to `booking` (the meeting as this room's copy
   * shows it: it may be newer than what the other rooms wrote).
   */
  addRoomLine(
    reservationId: string,
    mailbox: string,
    booking: Booking,
    write: ReservationWrite,
  ): Promise<ReservationView>;
  releaseRoomLine(
    reservationId: string,
    lineId: string,
    reason: string,
    write: ReservationWrite,
  ): Promise<ReservationView>;
  cancelReservation(reservationId: string, reason: string, write: ReservationWrite): Promise<ReservationView>;
  /**
   * Releases one room (`lineId`) of one occurrence (a single reservation: `occurrenceStart` null) that
   * Exchange freed while it ran; the meeting's other rooms, the reservation and its history stay. An
   * occurrence no longer running answers it unchanged.
   */
  releaseOccurrence(
    reservationId: string,
    occurrenceStart: string | null,
    lineId: string,
    reason: string,
    write: ReservationWrite,
  ): Promise<ReservationView>;
}

/** What we remember between runs. */
export interface SyncStore {
  linkedMailboxes(): Promise<Set<string>>;
  findLink(mailbox: string, eventId: string): Promise<BookingLink | null>;
  findLinksByICalUId(iCalUId: string): Promise<BookingLink[]>;
  findLinksByReservation(reservationId: string): Promise<BookingLink[]>;
  /** The links of many reservations in one read (a feed run's). */
  findLinksOfReservations(reservationIds: readonly string[]): Promise<BookingLink[]>;
  /** In one read: the links of these events of `mailbox`, and every room's links of these meetings (iCalUIds). */
  findLinksOfEvents(mailbox: string, eventIds: readonly string[], iCalUIds: readonly string[]): Promise<BookingLink[]>;
  /** Active (not cancelled) links of one room. */
  findActiveLinksByMailbox(mailbox: string): Promise<BookingLink[]>;
  saveLink(link: BookingLink): Promise<void>;
  markLinkCancelled(mailbox: string, eventId: string): Promise<void>;
  openIntents(mailbox: string): Promise<BookingIntent[]>;
  /** `link` is null for an alternative room's hold: its room event is written later, from Workplace. */
  markIntentMatched(intentId: string, link: Pick<BookingLink, 'mailbox' | 'eventId'> | null): Promise<void>;
  /** The hold is gone in Workplace (cancelled at a touchpoint): its meeting books anew. */
  markIntentReleased(intentId: string): Promise<void>;
  readCursor(source: 'graph' | 'workplace', scope: string): Promise<string | null>;
  saveCursor(source: 'graph' | 'workplace', scope: string, cursor: string): Promise<void>;
  appendLog(entries: SyncLogEntry[]): Promise<void>;
  /**
   * Write-ahead note of a reservation about to be created for a meeting (by iCalUId): where it will be,
   * so a run after a crash finds it even when the meeting has moved since.
   */
  notePendingReservation(iCalUId: string, near: ReservationSearch): Promise<void>;
  /** notePendingReservation for a page of meetings, in one write. */
  notePendingReservations(notes: ReadonlyArray<{ iCalUId: string; near: ReservationSearch }>): Promise<void>;
  /** Which of these meetings have a write-ahead note: a create may have reached Workplace unlinked. */
  meetingsWithPendingReservations(iCalUIds: readonly string[]): Promise<Set<string>>;
  pendingReservationSearches(iCalUId: string): Promise<ReservationSearch[]>;
  clearPendingReservations(iCalUId: string): Promise<void>;
  /**
   * Saves the links of reservations just created (no other link can hold their lines) and clears the
   * write-ahead notes of `settledICalUIds` (linked, or refused: nothing to look for), in one transaction.
   */
  saveNewLinks(links: readonly BookingLink[], settledICalUIds: readonly string[]): Promise<void>;
  /**
   * Runs `work` as the only writer of one meeting's reservation (by iCalUId) across jobs and instances:
   * the rooms of one meeting are synced by different jobs at the same moment. Throws UNAVAILABLE (the
   * job retries) when another writer holds it for too long.
   */
  withMeetingLock<T>(iCalUId: string, work: () => Promise<T>): Promise<T>;
  /** A reservation left without a room (its other lines kept) in case a room swapped in joins it. */
  noteRoomlessReservation(reservationId: string, iCalUId: string, dueAt: Date): Promise<void>;
  /** Roomless reservations whose grace is over at `now`. */
  dueRoomlessReservations(now: Date): Promise<string[]>;
  clearRoomlessReservation(reservationId: string): Promise<void>;
  /** Sets a change aside (an open failed item an admin sees, retries or dismisses); replaces an open one of the same key. */
  quarantine(change: QuarantinedChange): Promise<void>;
  /** Keys of open quarantined changes of one room (`mailbox`) or of the feed (null). */
  openQuarantineKeys(direction: SyncDirection, mailbox: string | null): Promise<Set<string>>;
  /** The change synced after all (it changed again, or an admin retried it): its item is closed. */
  resolveQuarantine(direction: SyncDirection, key: string): Promise<void>;
  /** What a room copy showed of the room's calendar processing: does it replace meeting subjects? */
  noteSubjectRewriting(mailbox: string, rewritesSubjects: boolean): Promise<void>;
}

export interface Clock {
  now(): Date;
}
