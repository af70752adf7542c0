import { syncHash } from '@workplace-sync/shared';
import { AppError } from '../errors.js';
import { workplaceBookingFor } from './plan-room-event-change.js';
import type { ReservationSystem, RoomCalendar, SyncStore } from './ports.js';
import type { SyncAction, SyncPlan } from './sync-plan.js';
import type { BookingLink, ReservationView, RoomEvent } from './sync-model.js';

/** Workplace's own rules said no (double booking, booking window, opening hours): not worth a retry. */
const isWorkplaceRefusal = (error: unknown): boolean =>
  error instanceof AppError && (error.code === 'CONFLICT' || error.code === 'UNPROCESSABLE');

export type ExecutionDeps = { calendar: RoomCalendar; reservations: ReservationSystem; store: SyncStore };

type ExecutionContext = {
  /** The reservation the plan was made against; writes carry its version so a concurrent edit fails cleanly. */
  reservation: ReservationView | null;
  linkedMailboxes: ReadonlySet<string>;
};

function linkFor(event: RoomEvent, reservation: ReservationView, origin: BookingLink['origin']): BookingLink {
  const line = reservation.lines.find((candidate) => candidate.kind === 'room' && candidate.mailbox === event.mailbox);
  if (!line) throw new Error(`Reservation ${reservation.reservationId} has no room line for ${event.mailbox}`);
  return {
    mailbox: event.mailbox,
    eventId: event.eventId,
    iCalUId: event.iCalUId,
    reservationId: reservation.reservationId,
    lineId: line.lineId,
    graphChangeKey: event.changeKey,
    workplaceVersion: reservation.version,
    graphHash: syncHash(event.booking),
    workplaceHash: syncHash(reservation.booking),
    origin,
    isCancelled: false,
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
 * Workplace refused an Outlook change (moved into a taken slot, past the booking window): the meeting no
 * longer holds the room in Workplace, so the room declines it and its Workplace booking is released.
 */
async function refuseChangedMeeting(event: RoomEvent, message: string, deps: ExecutionDeps, context: ExecutionContext) {
  const reason = `Workplace refused the change: ${message}`;
  const link = await deps.store.findLink(event.mailbox, event.eventId);
  await deps.calendar.declineEvent(event.mailbox, event.eventId, reason);
  if (link && context.reservation) {
    const otherRooms = context.reservation.lines.filter(
      (line) => line.kind === 'room' && line.lineId !== link.lineId && !['cancelled', 'declined'].includes(line.status),
    );
    const write = { idempotencyKey: `refuse-${link.reservationId}-${link.lineId}-${event.changeKey}` };
    if (otherRooms.length === 0) await deps.reservations.cancelReservation(link.reservationId, reason, write);
    else await deps.reservations.releaseRoomLine(link.reservationId, link.lineId, reason, write);
    await deps.store.markLinkCancelled(event.mailbox, event.eventId);
  }
  await deps.store.appendLog([
    {
      direction: 'exchange-to-workplace',
      action: 'declined',
      mailbox: event.mailbox,
      reservationId: link?.reservationId ?? null,
      eventId: event.eventId,
      reason,
    },
  ]);
}

async function executeAction(action: SyncAction, deps: ExecutionDeps, context: ExecutionContext): Promise<void> {
  const { calendar, reservations, store } = deps;
  const expectedVersion = context.reservation?.version;
  switch (action.kind) {
    case 'create-reservation': {
      let reservation: ReservationView;
      try {
        reservation = await reservations.createReservation(action.booking, { idempotencyKey: action.idempotencyKey });
      } catch (error) {
        if (!isWorkplaceRefusal(error)) throw error;
        // Workplace will not take it (room taken, outside its booking window, closed): tell the organizer
        // through the room's decline, which Outlook shows them with the reason.
        const reason = `Workplace refused the booking: ${(error as Error).message}`;
        await calendar.declineEvent(action.event.mailbox, action.event.eventId, reason);
        await store.appendLog([
          {
            direction: 'exchange-to-workplace',
            action: 'declined',
            mailbox: action.event.mailbox,
            reservationId: null,
            eventId: action.event.eventId,
            reason,
          },
        ]);
        return;
      }
      await store.saveLink(linkFor(action.event, reservation, 'exchange'));
      return;
    }
    case 'confirm-intent': {
      const reservation = await reservations.confirmHold(action.reservationId, action.booking, {
        idempotencyKey: `confirm-${action.intentId}-${action.event.changeKey}`,
      });
      await store.saveLink(linkFor(action.event, reservation, 'exchange'));
      await store.markIntentMatched(action.intentId, action.event);
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
        await refuseChangedMeeting(action.event, (error as Error).message, deps, context);
        return;
      }
      const existing = await store.findLink(action.event.mailbox, action.event.eventId);
      const link = linkFor(action.event, reservation, existing?.origin ?? 'exchange');
      await store.saveLink(existing ? { ...link, lineId: existing.lineId } : link);
      await refreshOtherLinks(store, reservation, action.event);
      return;
    }
    case 'add-room-line': {
      const reservation = await reservations.addRoomLine(action.reservationId, action.event.mailbox, {
        idempotencyKey: `add-${action.reservationId}-${action.event.mailbox}-${action.event.changeKey}`,
        expectedVersion,
      });
      await store.saveLink(linkFor(action.event, reservation, 'exchange'));
      await refreshOtherLinks(store, reservation, action.event);
      return;
    }
    case 'adopt-link': {
      if (!context.reservation) throw new Error('adopt-link needs the reservation it was planned against');
      const origin = action.event.isOrganizedByRoom ? 'workplace' : 'exchange';
      await store.saveLink({ ...linkFor(action.event, context.reservation, origin), lineId: action.lineId });
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
    case 'mark-link-cancelled':
      await store.markLinkCancelled(action.mailbox, action.eventId);
      return;
    case 'create-event': {
      if (!context.reservation) throw new Error('create-event needs the reservation it was planned against');
      const event = await calendar.createEvent(action.mailbox, action.booking, {
        transactionId: action.transactionId,
        reservationId: action.reservationId,
      });
      await store.saveLink({ ...linkFor(event, context.reservation, 'workplace'), lineId: action.lineId });
      return;
    }
    case 'update-event': {
      if (!context.reservation) throw new Error('update-event needs the reservation it was planned against');
      const event = await calendar.updateEvent(action.mailbox, action.eventId, action.booking);
      const existing = await store.findLink(action.mailbox, action.eventId);
      await store.saveLink({
        ...linkFor(event, context.reservation, existing?.origin ?? 'workplace'),
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
    case 'revert-reservation': {
      const event = await calendar.readEvent(action.mailbox, action.eventId);
      if (!event) return; // gone in Exchange: the room's delta reports the removal
      const booking = workplaceBookingFor(event, context.reservation, context.linkedMailboxes);
      const reservation = await reservations.updateReservation(action.reservationId, booking, {
        idempotencyKey: `revert-${action.reservationId}-${context.reservation?.version ?? 'unknown'}`,
        expectedVersion,
      });
      await store.saveLink(linkFor(event, reservation, 'exchange'));
      await refreshOtherLinks(store, reservation, event);
      return;
    }
  }
}

/** Runs a plan's writes in order, then records its log. Each write is idempotent, so a rerun after a crash repeats nothing. */
export async function executePlan(plan: SyncPlan, deps: ExecutionDeps, context: ExecutionContext): Promise<void> {
  for (const action of plan.actions) await executeAction(action, deps, context);
  if (plan.log.length > 0) await deps.store.appendLog(plan.log);
}
