import { syncHash } from '@workplace-sync/shared';
import type { CutoverSwitchResult } from '@workplace-sync/shared';
import type { WorkplaceClient } from '../adapters/workplace/workplace-client.js';
import type { ReservationSystem, RoomCalendar, SyncStore } from '../sync/ports.js';
import type { RoomEvent } from '../sync/sync-model.js';
import { planCutover } from './cutover-plan.js';
import type { AreaReservation } from './cutover-plan.js';
import type { RoomLinker } from './room-linker.js';
import type { AdminDirectory } from './admin-directory.js';
import { endOfMeeting } from '../sync/sync-model.js';

export type CutoverAssistantDeps = {
  calendar: Pick<RoomCalendar, 'readChanges'>;
  reservations: Pick<ReservationSystem, 'getReservation'>;
  workplace: Pick<WorkplaceClient, 'listReservations'>;
  store: Pick<SyncStore, 'findActiveLinksByMailbox' | 'findLinksByReservation' | 'saveLink'>;
  linker: RoomLinker;
  directory: AdminDirectory;
  /** The sync window: what the first sync will read on both sides. */
  window: () => { start: Date; end: Date };
  now: () => Date;
};

/**
 * The EWS → Graph cutover assistant: a dry run of what linking a room would do to the bookings already
 * on both sides, and the switch itself (link the room with the matched bookings recorded as links).
 */
export function createCutoverAssistant(deps: CutoverAssistantDeps) {
  async function readBothSides(areaId: string, mailbox: string) {
    const window = deps.window();
    // A full read (no cursor) of the window, as the first sync will do; its delta cursor is not kept.
    const { changes } = await deps.calendar.readChanges(mailbox, null);
    const events = changes.flatMap((change): RoomEvent[] => (change.kind === 'upserted' ? [change.event] : []));
    const raw = await deps.workplace.listReservations({ from: window.start, to: window.end, areaId });
    const reservations: AreaReservation[] = [];
    for (const reservation of raw) {
      const view = await deps.reservations.getReservation(reservation.id);
      if (view) reservations.push({ view, externalRef: reservation.externalRef ?? null });
    }
    const activeLinks = await deps.store.findActiveLinksByMailbox(mailbox);
    const linkedReservationIds = new Set<string>();
    for (const { view } of reservations) {
      const links = await deps.store.findLinksByReservation(view.reservationId);
      if (links.some((link) => link.mailbox === mailbox && !link.isCancelled))
        linkedReservationIds.add(view.reservationId);
    }
    return planCutover({
      areaId,
      mailbox,
      window,
      events,
      reservations,
      linkedEventIds: new Set(activeLinks.map((link) => link.eventId)),
      linkedReservationIds,
      now: deps.now(),
    });
  }

  return {
    async dryRun(areaId: string, mailbox: string) {
      await deps.directory.requirePair(areaId, mailbox);
      return (await readBothSides(areaId, mailbox.toLowerCase())).plan;
    },
    async switchRoom(areaId: string, mailbox: string): Promise<CutoverSwitchResult> {
      const room = await deps.directory.requirePair(areaId, mailbox);
      const address = mailbox.toLowerCase();
      let result: ReturnType<typeof planCutover> | null = null;
      const progress = await deps.linker.link(room, async () => {
        // The links are recorded before the room is enabled: once it is, any of its jobs (a notification,
        // the room poll) may sync it, and a meeting on both sides not yet linked would be booked again,
        // refused as a double booking and declined. Until then the reservations do not name the room's
        // mailbox; the hash recorded is the one the first sync computes, with the mailbox.
        result = await readBothSides(areaId, address);
        for (const match of result.matches) {
          await deps.store.saveLink({
            mailbox: address,
            eventId: match.event.eventId,
            iCalUId: match.event.iCalUId,
            reservationId: match.reservation.reservationId,
            lineId: match.lineId,
            graphChangeKey: match.event.changeKey,
            graphModifiedAt: match.event.lastModified,
            workplaceVersion: match.reservation.version,
            graphHash: syncHash(match.event.booking),
            workplaceHash: syncHash({
              ...match.reservation.booking,
              rooms: [...match.reservation.booking.rooms, address],
            }),
            // A meeting someone sent to the room belongs to its organizer; one written into the room
            // calendar (by the EWS integration being replaced) follows Workplace.
            origin: match.event.isOrganizedByRoom ? 'workplace' : 'exchange',
            isCancelled: false,
            isAwaitingApproval: false,
            endsAt: endOfMeeting(match.event.booking),
          });
        }
      });
      const done = result as ReturnType<typeof planCutover> | null;
      return {
        plan: done!.plan,
        linksRecorded: done!.matches.length,
        link: { areaId, mailbox: address, isEnabled: true, progress },
      };
    },
  };
}

export type CutoverAssistant = ReturnType<typeof createCutoverAssistant>;
