import { syncHash, toInstant, toWallClock } from '@workplace-sync/shared';
import type { Booking } from '@workplace-sync/shared';
import { AppError } from '../errors.js';
import { planApproval } from './plan-approval.js';
import { releasedKeysOf, withoutReleasedOccurrences } from './plan-release.js';
import { identityOfEvent } from './quarantine.js';
import { workplaceBookingFor } from './workplace-booking.js';
import { ownReservationRef } from './occurrence-agreement.js';
import { adoptedBooking, isActiveLine, planRefusal, roomLeaving } from './plan-room-leaving.js';
import type { RefusedWrite } from './plan-room-leaving.js';
import type { ReservationSearch, ReservationSystem, RoomCalendar, SyncStore } from './ports.js';
import { aboutBooking } from './sync-plan.js';
import type { SyncAction, SyncPlan } from './sync-plan.js';
import { endOfMeeting } from './sync-model.js';
import type { BookingLink, ReservationView, RoomEvent } from './sync-model.js';

/** Workplace's own rules said no (double booking, booking window, opening hours): not worth a retry. */
export const isWorkplaceRefusal = (error: unknown): boolean =>
  error instanceof AppError && (error.code === 'CONFLICT' || error.code === 'UNPROCESSABLE');

export type ExecutionDeps = {
  calendar: RoomCalendar;
  reservations: ReservationSystem;
  store: SyncStore;
  /** Checked before every action: a run that lost its job stops between writes. */
  signal?: AbortSignal;
};

export type ExecutionContext = {
  /** The reservation the plan was made against; writes carry its version so a concurrent edit fails cleanly. */
  reservation: ReservationView | null;
  linkedMailboxes: ReadonlySet<string>;
};

export function linkFor(
  event: RoomEvent,
  reservation: ReservationView,
  origin: BookingLink['origin'],
  previous: Pick<BookingLink, 'isAwaitingApproval'> | null = null,
): BookingLink {
  // A room released and added again has two lines: the released one and the one that holds it now.
  const line = reservation.lines.find(
    (candidate) => candidate.kind === 'room' && candidate.mailbox === event.mailbox && isActiveLine(candidate),
  );
  if (!line) throw new Error(`Reservation ${reservation.reservationId} has no room line for ${event.mailbox}`);
  return {
    mailbox: event.mailbox,
    eventId: event.eventId,
    iCalUId: event.iCalUId,
    reservationId: reservation.reservationId,
    lineId: line.lineId,
    graphChangeKey: event.changeKey,
    graphModifiedAt: event.lastModified,
    workplaceVersion: reservation.version,
    graphHash: syncHash(
      withoutReleasedOccurrences(event.booking, releasedKeysOf(reservation, line.lineId), reservation.booking),
    ),
    workplaceHash: syncHash(reservation.booking),
    origin,
    isCancelled: false,
    isAwaitingApproval: previous?.isAwaitingApproval ?? false,
    endsAt: endOfMeeting(event.booking),
  };
}

async function refreshOtherLinks(
  store: SyncStore,
  reservation: ReservationView,
  except: { mailbox: string; eventId: string },
) {
  // Other rooms' links of the same reservation now know its new version and content: without this, the
  // next feed entry for this reservation would look like a Workplace edit to each of them.
  for (const link of await store.findLinksByReservation(reservation.reservationId)) {
    if (link.isCancelled || (link.mailbox === except.mailbox && link.eventId === except.eventId)) continue;
    await store.saveLink({
      ...link,
      workplaceVersion: reservation.version,
      workplaceHash: syncHash(reservation.booking),
    });
  }
}

/**
 * A room's new link, as it may be recorded: when its line waits for approval, Exchange is made to show
 * the room tentative first, so that a recorded link always means Exchange shows what it records (a run
 * cut short in between links the meeting again, and shows it again). The feed does not read our own
 * creates back (sync-reservations.ts, ourOwnCreations), so nothing else would show it.
 */
export async function withApprovalShown(
  link: BookingLink,
  reservation: ReservationView,
  deps: ExecutionDeps,
): Promise<BookingLink> {
  const line = reservation.lines.find((candidate) => candidate.lineId === link.lineId);
  const approval = line ? planApproval(link, line) : null;
  if (!approval || !(await showOnCalendar(approval, deps))) return link;
  return { ...link, isAwaitingApproval: approval.isAwaitingApproval };
}

async function saveNewLink(link: BookingLink, reservation: ReservationView, deps: ExecutionDeps) {
  await deps.store.saveLink(await withApprovalShown(link, reservation, deps));
}

/** Whether the room's calendar now shows it; false when the event is gone from it. */
async function showOnCalendar(action: Extract<SyncAction, { kind: 'show-approval' }>, deps: ExecutionDeps) {
  try {
    await deps.calendar.showApproval(action.mailbox, action.eventId, action);
    return true;
  } catch (error) {
    // Gone from the room's calendar (its delegate declined it, the organizer deleted it): nothing to show;
    // the room's delta reports the removal and releases the room.
    if (error instanceof AppError && error.code === 'NOT_FOUND') return false;
    throw error;
  }
}

export async function showApproval(action: Extract<SyncAction, { kind: 'show-approval' }>, deps: ExecutionDeps) {
  if (!(await showOnCalendar(action, deps))) return;
  const link = await deps.store.findLink(action.mailbox, action.eventId);
  if (link) await deps.store.saveLink({ ...link, isAwaitingApproval: action.isAwaitingApproval });
}

/** Where the reservation for this meeting would be now: its rooms at its time. */
export function searchFor(event: RoomEvent): ReservationSearch {
  const mailboxes = [...new Set([event.mailbox, ...event.booking.rooms].map((room) => room.toLowerCase()))];
  return { mailboxes, from: toInstant(event.booking.start), to: toInstant(event.booking.end) };
}

/**
 * A reservation we made for this meeting whose link a crash lost, found by the meeting's iCalUId: at
 * the meeting's time, and where a create that was interrupted put it (the meeting may have moved since).
 */
async function findOrphanReservation(
  event: RoomEvent,
  externalRef: string,
  deps: ExecutionDeps,
): Promise<ReservationView | null> {
  const searches = [searchFor(event), ...(await deps.store.pendingReservationSearches(externalRef))];
  for (const near of searches) {
    const found = await deps.reservations.findByExternalRef(externalRef, near);
    if (found && found.status !== 'cancelled') return found;
  }
  return null;
}

/**
 * The reservation a create-reservation (or a room's move to its own) writes: the one an interrupted
 * earlier run made, found by `externalRef` and brought up to date, else a new one (noted first, so a
 * crash right after the create finds it).
 */
async function createOrAdopt(
  action: { booking: Booking; idempotencyKey: string; event: RoomEvent },
  externalRef: string,
  deps: ExecutionDeps,
): Promise<ReservationView> {
  const { reservations, store } = deps;
  const orphan = await findOrphanReservation(action.event, externalRef, deps);
  const adopted = orphan ? adoptedBooking(orphan, action.booking, action.event.mailbox) : null;
  if (orphan && adopted) {
    return reservations.updateReservation(orphan.reservationId, adopted, {
      idempotencyKey: `adopt-${orphan.reservationId}-${syncHash(adopted).slice(0, 16)}`,
      expectedVersion: orphan.version,
    });
  }
  if (orphan) return orphan;
  await store.notePendingReservation(externalRef, searchFor(action.event));
  return reservations.createReservation(action.booking, { idempotencyKey: action.idempotencyKey, externalRef });
}

/** A room of a meeting that cannot share the meeting's reservation books one of its own (occurrence-agreement.ts). */
async function bookOnItsOwn(
  event: RoomEvent,
  meeting: Booking,
  deps: ExecutionDeps,
  context: ExecutionContext,
): Promise<ActionOutcome | undefined> {
  const booking = { ...meeting, rooms: [event.mailbox.toLowerCase()] };
  await deps.store.appendLog([
    {
      direction: 'exchange-to-workplace',
      action: 'created',
      mailbox: event.mailbox,
      eventId: event.eventId,
      reservationId: null,
      ...aboutBooking(booking),
      reason:
        "This room's building is in another time zone than the meeting's reservation (Workplace keeps one per " +
        'reservation): Workplace books this room in a reservation of its own',
    },
  ]);
  const outcome = await executeAction(
    {
      kind: 'create-reservation',
      booking,
      idempotencyKey: `exchange-${event.iCalUId}-${event.mailbox}-${syncHash(event.booking).slice(0, 16)}`,
      externalRef: ownReservationRef(event.iCalUId, event.mailbox),
      event,
    },
    deps,
    context,
  );
  return outcome ?? 'logged-instead';
}

/**
 * `refused`: Workplace refused the write and the room declined the meeting (logged as such);
 * `logged-instead`: the write went another way than planned, and said so in the log itself.
 */
type ActionOutcome = 'refused' | 'logged-instead';

/** Carries out what planRefusal decided for a refused write: the room's answer, and its leaving. */
export async function refuse(
  write: RefusedWrite,
  event: RoomEvent,
  error: unknown,
  deps: ExecutionDeps,
  context: ExecutionContext,
): Promise<ActionOutcome> {
  const link = write === 'update' ? await deps.store.findLink(event.mailbox, event.eventId) : null;
  const message = (error as Error).message;
  const plan = planRefusal({ write, event, message, link, reservation: context.reservation });
  for (const action of plan.actions) await executeAction(action, deps, context);
  await deps.store.appendLog(plan.log);
  return 'refused';
}

async function executeAction(
  action: SyncAction,
  deps: ExecutionDeps,
  context: ExecutionContext,
): Promise<ActionOutcome | undefined> {
  const { calendar, reservations, store } = deps;
  const expectedVersion = context.reservation?.version;
  switch (action.kind) {
    case 'create-reservation': {
      const externalRef = action.externalRef ?? action.event.iCalUId;
      let reservation: ReservationView;
      try {
        reservation = await createOrAdopt(action, externalRef, deps);
      } catch (error) {
        if (!isWorkplaceRefusal(error)) throw error;
        // A refused create stored nothing (Workplace's contract): nothing to look for later.
        await store.clearPendingReservations(externalRef);
        return refuse('create', action.event, error, deps, context);
      }
      await saveNewLink(linkFor(action.event, reservation, 'exchange'), reservation, deps);
      await store.clearPendingReservations(externalRef);
      return;
    }
    case 'move-to-own-reservation': {
      // Workplace takes no second booking of the same room at the same time, so the room leaves the
      // shared reservation first, under a write-ahead note. A run that dies before the link moves plans
      // the same move again (the copies still disagree, with or without the old line) and finds the
      // reservation it may have created by externalRef.
      await store.notePendingReservation(action.externalRef, searchFor(action.event));
      const oldLine = context.reservation?.lines.find((line) => line.lineId === action.fromLineId);
      if (oldLine && isActiveLine(oldLine)) {
        const left = await reservations.releaseRoomLine(
          action.fromReservationId,
          action.fromLineId,
          'The room now holds its own reservation of this meeting',
          { idempotencyKey: `release-${action.fromReservationId}-${action.fromLineId}`, expectedVersion },
        );
        await refreshOtherLinks(store, left, action.event);
      }
      let reservation: ReservationView;
      try {
        reservation = await createOrAdopt(action, action.externalRef, deps);
      } catch (error) {
        if (!isWorkplaceRefusal(error)) throw error;
        await store.clearPendingReservations(action.externalRef);
        return refuse('update', action.event, error, deps, context);
      }
      const previous = await store.findLink(action.event.mailbox, action.event.eventId);
      await saveNewLink(linkFor(action.event, reservation, 'exchange', previous), reservation, deps);
      await store.clearPendingReservations(action.externalRef);
      return;
    }
    case 'confirm-intent': {
      let reservation: ReservationView;
      try {
        reservation = await reservations.confirmHold(action.reservationId, action.booking, {
          idempotencyKey: `confirm-${action.intentId}`,
          externalRef: action.event.iCalUId,
        });
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
        // The hold is gone (cancelled in Workplace, released): the meeting is booked anew on the next plan.
        await store.markIntentReleased(action.intentId);
        throw new AppError('PRECONDITION_FAILED', `The hold for this meeting is gone: ${error.message}`);
      }
      await saveNewLink(linkFor(action.event, reservation, 'exchange'), reservation, deps);
      await store.markIntentMatched(action.intentId, action.event);
      // The alternative rooms' holds become ordinary Workplace bookings for their occurrence; the
      // reservation sync then writes each into its room's calendar with the organizer invited.
      for (const alternative of action.alternatives) {
        const zone = action.booking.start.timeZone;
        await reservations.confirmHold(
          alternative.reservationId,
          {
            ...action.booking,
            start: toWallClock(new Date(alternative.start), zone),
            end: toWallClock(new Date(alternative.end), zone),
            rooms: [alternative.mailbox],
            recurrence: null,
            exceptions: [],
          },
          { idempotencyKey: `confirm-${alternative.intentId}-${action.event.changeKey}` },
        );
        await store.markIntentMatched(alternative.intentId, null);
      }
      return;
    }
    case 'update-reservation': {
      let reservation: ReservationView;
      try {
        reservation = await reservations.updateReservation(action.reservationId, action.booking, {
          idempotencyKey: `exchange-${action.event.eventId}-${action.event.changeKey}`,
          expectedVersion,
        });
      } catch (error) {
        if (!isWorkplaceRefusal(error)) throw error;
        return refuse('update', action.event, error, deps, context);
      }
      const existing = await store.findLink(action.event.mailbox, action.event.eventId);
      const link = linkFor(action.event, reservation, existing?.origin ?? 'exchange', existing);
      await store.saveLink(existing ? { ...link, lineId: existing.lineId } : link);
      await refreshOtherLinks(store, reservation, action.event);
      return;
    }
    case 'add-room-line': {
      let reservation: ReservationView;
      try {
        reservation = await reservations.addRoomLine(action.reservationId, action.event.mailbox, action.booking, {
          idempotencyKey: `add-${action.reservationId}-${action.event.mailbox}-${action.event.changeKey}`,
          expectedVersion,
        });
      } catch (error) {
        if (!isWorkplaceRefusal(error)) throw error;
        if (error instanceof AppError && error.details.refusal === 'other-time-zone') {
          // A hybrid meeting (Brussels and New York): a Workplace reservation keeps one time zone, so the
          // room in the other one holds the meeting in a reservation of its own, in its building's zone.
          return bookOnItsOwn(action.event, action.booking, deps, context);
        }
        return refuse('add-room', action.event, error, deps, context);
      }
      await saveNewLink(linkFor(action.event, reservation, 'exchange'), reservation, deps);
      await refreshOtherLinks(store, reservation, action.event);
      return;
    }
    case 'adopt-link': {
      if (!context.reservation) throw new Error('adopt-link needs the reservation it was planned against');
      const origin = action.event.isOrganizedByRoom ? 'workplace' : 'exchange';
      const link = { ...linkFor(action.event, context.reservation, origin), lineId: action.lineId };
      await saveNewLink(link, context.reservation, deps);
      return;
    }
    case 'release-room-line': {
      const reservation = await reservations.releaseRoomLine(action.reservationId, action.lineId, action.reason, {
        idempotencyKey: `release-${action.reservationId}-${action.lineId}`,
        expectedVersion,
      });
      await refreshOtherLinks(store, reservation, { mailbox: action.mailbox, eventId: '' });
      return;
    }
    case 'cancel-reservation':
      await reservations.cancelReservation(action.reservationId, action.reason, {
        idempotencyKey: `cancel-${action.reservationId}`,
        expectedVersion,
      });
      return;
    case 'await-room':
      await store.noteRoomlessReservation(action.reservationId, action.iCalUId, action.dueAt);
      return;
    case 'mark-link-cancelled':
      await store.markLinkCancelled(action.mailbox, action.eventId);
      return;
    case 'create-event': {
      if (!context.reservation) throw new Error('create-event needs the reservation it was planned against');
      let event = await calendar.createEvent(action.mailbox, action.booking, {
        transactionId: action.transactionId,
        reservationId: action.reservationId,
      });
      // A transactionId replay returns the event as first written; if the reservation changed since
      // (a crash lost the link in between), bring the event up to date now.
      if (syncHash(event.booking) !== syncHash(action.booking)) {
        event = await calendar.updateEvent(action.mailbox, event.eventId, action.booking);
      }
      const link = { ...linkFor(event, context.reservation, 'workplace'), lineId: action.lineId };
      await saveNewLink(link, context.reservation, deps);
      return;
    }
    case 'update-event': {
      if (!context.reservation) throw new Error('update-event needs the reservation it was planned against');
      const event = await calendar.updateEvent(action.mailbox, action.eventId, action.booking);
      const existing = await store.findLink(action.mailbox, action.eventId);
      await store.saveLink({
        ...linkFor(event, context.reservation, existing?.origin ?? 'workplace', existing),
        lineId: action.lineId,
      });
      return;
    }
    case 'cancel-event':
      await calendar.cancelEvent(action.mailbox, action.eventId, action.comment);
      return;
    case 'decline-event':
      await calendar.declineEvent(action.mailbox, action.eventId, action.comment);
      return;
    case 'show-approval':
      await showApproval(action, deps);
      return;
    case 'release-occurrence':
      await calendar.releaseOccurrence(action.mailbox, action.eventId, action);
      return;
    case 'release-reservation-occurrence':
      await reservations.releaseOccurrence(action.reservationId, action.occurrenceStart, action.lineId, action.reason, {
        idempotencyKey: `release-${action.reservationId}-${action.lineId}-${action.occurrenceStart ?? 'single'}`,
      });
      return;
    case 'note-link-releases': {
      const link = await store.findLink(action.mailbox, action.eventId);
      if (!link) return;
      const releasedOccurrences = [...new Set([...(link.releasedOccurrences ?? []), ...action.occurrenceStarts])];
      await store.saveLink({ ...link, releasedOccurrences });
      return;
    }
    case 'release-declined-hold': {
      for (const hold of [{ intentId: action.intentId, reservationId: action.reservationId }, ...action.alternatives]) {
        await reservations.cancelReservation(hold.reservationId, action.reason, {
          idempotencyKey: `declined-${hold.intentId}`,
        });
        await store.markIntentReleased(hold.intentId);
      }
      // Failed items (and the room's Health) show it until it syncs again or an admin dismisses it.
      await store.quarantine({
        direction: 'exchange-to-workplace',
        key: `${action.event.mailbox} ${action.event.eventId}`,
        mailbox: action.event.mailbox,
        eventId: action.event.eventId,
        reservationId: action.reservationId,
        booking: identityOfEvent(action.event),
        reason: action.reason,
        raw: action.event,
      });
      return;
    }
    case 'release-orphan-reservation': {
      const orphan = await findOrphanReservation(action.event, action.event.iCalUId, deps);
      if (!orphan) return;
      const line = orphan.lines.find(
        (candidate) => candidate.kind === 'room' && candidate.mailbox === action.event.mailbox,
      );
      const leave = roomLeaving(orphan, line ?? null, action.reason);
      if (leave) await executeAction(leave, deps, { ...context, reservation: orphan });
      return;
    }
    case 'cancel-orphan-events': {
      for (const event of await calendar.findEventsByReservation(action.mailbox, action.reservationId)) {
        if (!event.booking.isCancelled) await calendar.cancelEvent(action.mailbox, event.eventId, action.comment);
      }
      return;
    }
    case 'revert-reservation': {
      const event = await calendar.readEvent(action.mailbox, action.eventId);
      if (!event) return; // gone in Exchange: the room's delta reports the removal
      const booking = workplaceBookingFor(event, context.reservation, context.linkedMailboxes);
      const reservation = await reservations.updateReservation(action.reservationId, booking, {
        idempotencyKey: `revert-${action.reservationId}-${context.reservation?.version ?? 'unknown'}`,
        expectedVersion,
      });
      const existing = await store.findLink(action.mailbox, action.eventId);
      await store.saveLink(linkFor(event, reservation, 'exchange', existing));
      await refreshOtherLinks(store, reservation, event);
      return;
    }
  }
}

/** Runs a plan's writes in order, then records its log. Each write is idempotent, so a rerun after a crash repeats nothing. */
export async function executePlan(plan: SyncPlan, deps: ExecutionDeps, context: ExecutionContext): Promise<void> {
  const refused = new Set<string>();
  for (const action of plan.actions) {
    deps.signal?.throwIfAborted();
    const outcome = await executeAction(action, deps, context);
    if (outcome && 'event' in action) refused.add(`${action.event.mailbox}\n${action.event.eventId}`);
  }
  // What the plan meant to do to a refused meeting (or one booked another way) did not happen: what
  // happened instead was logged.
  const log = plan.log.filter((entry) => !refused.has(`${entry.mailbox}\n${entry.eventId}`));
  if (log.length > 0) await deps.store.appendLog(log);
}
