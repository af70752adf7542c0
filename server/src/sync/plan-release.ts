import { toInstant, toWallClock } from '@workplace-sync/shared';
import type { Booking, OccurrenceException } from '@workplace-sync/shared';
import type { BookingLink, OccurrenceRelease, ReservationView, RoomEvent } from './sync-model.js';
import type { SyncAction, SyncLogEntry } from './sync-plan.js';

// Releases: an occurrence (or a single meeting) freed in a room while it ran — Workplace's auto-release
// of a no-show, a room display's "end now", Exchange's own release (Places auto-release, a panel, the
// organizer ending it). A release is not a cancellation: Workplace keeps the reservation and its
// history, Exchange frees the room for that occurrence only. Releases are per room: in a meeting with
// several rooms (one reservation, one line per room) nobody at one room frees that room, not the others.
// Both directions and their echoes meet here.

/** The key of an occurrence: its original start (UTC ISO); a single meeting's is its start. */
export const singleMeetingKey = (booking: Booking): string => toInstant(booking.start).toISOString();

const keyOf = (instant: string) => new Date(instant).toISOString();

/** Whether a release frees the room of `lineId`: it names that line, or no line (the whole occurrence). */
export const releasesLine = (release: OccurrenceRelease, lineId: string | null | undefined): boolean =>
  release.lineId === null || release.lineId === lineId;

/** The releases of a reservation that free the room of one line. */
export const releasesOfLine = (reservation: ReservationView, lineId: string | null | undefined): OccurrenceRelease[] =>
  reservation.releases.filter((release) => releasesLine(release, lineId));

/**
 * The occurrences a reservation has released in the room of `lineId`, by key. Without a line (a room
 * not in the reservation), those released whole only.
 */
export const releasedKeysOf = (reservation: ReservationView | null, lineId?: string | null): Set<string> =>
  new Set(reservation ? releasesOfLine(reservation, lineId).map((release) => keyOf(release.occurrenceStart)) : []);

/**
 * The meeting as the room's calendar shows it, without the occurrences it freed for a release: those
 * are cancelled or declined there, yet still booked-and-released in Workplace, so they are not an edit.
 * Such an occurrence reads as the reservation holds it (`reservation`: moved, say, by the meeting's other
 * rooms), not as the series would have it: written back, it must not undo another room's change.
 */
export function withoutReleasedOccurrences(
  booking: Booking,
  released: ReadonlySet<string>,
  reservation: Booking | null = null,
): Booking {
  if (!booking.recurrence || released.size === 0) return booking;
  const freedHere = (exception: OccurrenceException) =>
    exception.kind === 'cancelled' && released.has(keyOf(exception.originalStart));
  const freed = new Set(booking.exceptions.filter(freedHere).map((exception) => keyOf(exception.originalStart)));
  if (freed.size === 0) return booking;
  const asReserved = (reservation?.exceptions ?? []).filter((exception) => freed.has(keyOf(exception.originalStart)));
  return {
    ...booking,
    exceptions: [...booking.exceptions.filter((exception) => !freedHere(exception)), ...asReserved],
  };
}

/**
 * How the sync log's reasons begin for a room released because nobody came: Workplace's no-show (as the
 * organizer reads it) and the room's own release in Exchange (Places auto-release, a panel). The console's
 * activity counts them per room.
 */
export const NO_SHOW_REASON_PREFIXES = [
  'Released: nobody checked in by',
  'The room released it in Exchange after it began',
] as const;

/** What the organizer reads in Outlook: when the room was released, in the reservation's zone. */
export function releaseComment(release: OccurrenceRelease, timeZone: string): string {
  const time = toWallClock(new Date(release.releasedAt), timeZone).dateTime.slice(11, 16);
  return release.reason === 'no-show'
    ? `Released: nobody checked in by ${time}`
    : `Released: the meeting ended at ${time} in Workplace`;
}

/** The room's event ends at the release: our own single event ended early, shortened rather than cancelled. */
export function shortenedBooking(booking: Booking, release: OccurrenceRelease): Booking {
  return { ...booking, end: toWallClock(new Date(release.releasedAt), booking.end.timeZone) };
}

/**
 * The meeting our own event in a room should show given the releases: released occurrences of a series
 * cancelled (so that writing the series again never brings them back), a single meeting that ended early
 * ending then.
 */
export function withReleasesShown(booking: Booking, releases: OccurrenceRelease[]): Booking {
  if (releases.length === 0) return booking;
  if (!booking.recurrence) {
    const endedEarly = releases.find(
      (release) => release.reason === 'ended-early' && keyOf(release.occurrenceStart) === singleMeetingKey(booking),
    );
    return endedEarly ? shortenedBooking(booking, endedEarly) : booking;
  }
  const released = new Set(releases.map((release) => keyOf(release.occurrenceStart)));
  return {
    ...booking,
    exceptions: [
      ...booking.exceptions.filter((exception) => !released.has(keyOf(exception.originalStart))),
      ...[...released].map((originalStart) => ({ originalStart, kind: 'cancelled' as const })),
    ],
  };
}

/** The earliest release of each occurrence (the room's own and the whole occurrence's may both exist). */
const firstPerOccurrence = (releases: OccurrenceRelease[]): OccurrenceRelease[] => {
  const first = new Map<string, OccurrenceRelease>();
  for (const release of [...releases].sort((a, b) => Date.parse(a.releasedAt) - Date.parse(b.releasedAt))) {
    const key = keyOf(release.occurrenceStart);
    if (!first.has(key)) first.set(key, release);
  }
  return [...first.values()];
};

type LogFields = Omit<SyncLogEntry, 'direction' | 'reservationId' | 'organizer' | 'subject'>;

/**
 * Workplace → Exchange: the releases of `reservation` that free this room (its line, or the whole
 * occurrence) and that its link has not applied yet; another room's release leaves it booked. Our own
 * single event that ended early is shortened (update-event with `shortened`); otherwise the occurrence
 * (or the single meeting) is cancelled in the room's calendar (our own event) or declined on the room's
 * behalf (an Outlook meeting), with the reason the organizer sees. A single meeting freed whole leaves
 * the room: its link is marked cancelled. Each applied release is noted on the link, so a repeated feed
 * entry and the room's own echo do nothing.
 */
export function planWorkplaceReleases(
  reservation: ReservationView,
  link: BookingLink,
  shortened: (release: OccurrenceRelease) => Booking,
  lineId: string,
): { actions: SyncAction[]; log: LogFields[] } {
  const applied = new Set(link.releasedOccurrences ?? []);
  const isSeries = reservation.booking.recurrence !== null;
  const actions: SyncAction[] = [];
  const log: LogFields[] = [];
  const ids = { mailbox: link.mailbox, eventId: link.eventId };
  const timeZone = reservation.booking.start.timeZone;
  const pending = firstPerOccurrence(releasesOfLine(reservation, lineId)).filter(
    (release) =>
      !applied.has(keyOf(release.occurrenceStart)) &&
      (isSeries || keyOf(release.occurrenceStart) === singleMeetingKey(reservation.booking)),
  );
  if (pending.length === 0) return { actions, log };
  for (const release of pending) {
    const comment = releaseComment(release, timeZone);
    const isOwnEvent = link.origin === 'workplace';
    if (!isSeries && isOwnEvent && release.reason === 'ended-early') {
      actions.push({
        kind: 'update-event',
        ...ids,
        booking: shortened(release),
        reservationId: reservation.reservationId,
        lineId,
      });
      log.push({ action: 'updated', ...ids, reason: comment });
      continue;
    }
    actions.push({
      kind: 'release-occurrence',
      ...ids,
      occurrenceStart: isSeries ? keyOf(release.occurrenceStart) : null,
      isOrganizedByRoom: isOwnEvent,
      comment,
    });
    log.push({ action: isOwnEvent ? 'cancelled' : 'declined', ...ids, reason: comment });
  }
  actions.push({
    kind: 'note-link-releases',
    ...ids,
    occurrenceStarts: pending.map((release) => keyOf(release.occurrenceStart)),
  });
  const freesWholeSingle =
    !isSeries && pending.some((release) => link.origin === 'exchange' || release.reason === 'no-show');
  if (freesWholeSingle) actions.push({ kind: 'mark-link-cancelled', ...ids });
  return { actions, log };
}

/**
 * Exchange → Workplace: occurrences the room's calendar freed after they began (Places auto-release, a
 * panel's release, the organizer ending or cancelling it once it had started) that Workplace still
 * holds in this room (`lineId`). Before its start a cancelled occurrence stays a cancellation, as any edit.
 */
export function startedOccurrencesFreedInExchange(
  event: RoomEvent,
  reservation: ReservationView,
  lineId: string,
  now: Date,
): string[] {
  const booking = event.booking;
  if (!booking.recurrence) return [];
  const inWorkplace = new Set(
    reservation.booking.exceptions
      .filter((exception) => exception.kind === 'cancelled')
      .map((exception) => keyOf(exception.originalStart)),
  );
  const released = releasedKeysOf(reservation, lineId);
  return booking.exceptions
    .filter((exception) => exception.kind === 'cancelled')
    .map((exception) => keyOf(exception.originalStart))
    .filter((key) => !inWorkplace.has(key) && !released.has(key) && new Date(key) <= now);
}

/** Whether a single meeting freed in Exchange (cancelled, declined) had begun: a release, not a cancellation. */
export const hasBegun = (booking: Booking, now: Date): boolean =>
  !booking.recurrence && toInstant(booking.start) <= now;
