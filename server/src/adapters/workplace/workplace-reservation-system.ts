import type { Booking } from '@workplace-sync/shared';
import { AppError } from '../../errors.js';
import type { ReservationSystem, ReservationWrite } from '../../sync/ports.js';
import type { ReservationView } from '../../sync/sync-model.js';
import { fromWorkplaceReservation } from './from-workplace-reservation.js';
import type { WorkplaceReservationLine } from './from-workplace-reservation.js';
import type { RoomDirectory } from './room-directory.js';
import { toWorkplaceReservation } from './to-workplace-reservation.js';
import type { createWorkplaceChangeFeed } from './workplace-change-feed.js';
import type { WorkplaceClient } from './workplace-client.js';
import { workplaceFailureOf } from './workplace-errors.js';
import type { WorkplaceReservation } from './workplace-schemas.js';

export type WorkplaceReservationSystemDeps = {
  client: WorkplaceClient;
  feed: ReturnType<typeof createWorkplaceChangeFeed>;
  /** Read at each call: links change while the server runs. */
  directory: () => Promise<RoomDirectory>;
};

function toView(reservation: WorkplaceReservation, directory: RoomDirectory): ReservationView {
  const mapped = fromWorkplaceReservation(reservation, { mailboxOfArea: directory.mailboxOfArea });
  return {
    reservationId: mapped.reservationId,
    version: String(mapped.version),
    status: mapped.status,
    source: mapped.source,
    booking: mapped.booking,
    lines: mapped.lines.map((line) => ({
      ...line,
      mailbox: line.kind === 'room' ? directory.mailboxOfArea(line.objectId) : null,
    })),
    releases: (reservation.releases ?? []).map(({ occurrenceStart, releasedAt, reason, lineId }) => ({
      occurrenceStart: new Date(occurrenceStart).toISOString(),
      releasedAt: new Date(releasedAt).toISOString(),
      reason,
      lineId: lineId ?? null,
    })),
    updatedAt: reservation.updatedAt,
  };
}

/** The building zone of the first linked room: Workplace keeps a reservation's times there. */
function buildingZoneOf(booking: Booking, directory: RoomDirectory): string {
  for (const room of booking.rooms) {
    const areaId = directory.areaOfMailbox(room);
    const zone = areaId ? directory.timeZoneOfArea(areaId) : null;
    if (zone) return zone;
  }
  throw new AppError(
    'UNPROCESSABLE',
    `None of the rooms ${booking.rooms.join(', ') || '(none)'} is linked to a Workplace area`,
  );
}

const versionOf = (write: ReservationWrite, current: WorkplaceReservation): number =>
  write.expectedVersion !== undefined ? Number(write.expectedVersion) : current.version;

/** The sync core's ReservationSystem port on the Workplace API. */
export function createWorkplaceReservationSystem({
  client,
  feed,
  directory,
}: WorkplaceReservationSystemDeps): ReservationSystem {
  async function current(reservationId: string) {
    const dir = await directory();
    const raw = await client.getReservation(reservationId);
    return { dir, raw, lines: fromWorkplaceReservation(raw, { mailboxOfArea: dir.mailboxOfArea }).lines };
  }

  async function patchBooking(
    reservationId: string,
    booking: Booking,
    write: ReservationWrite,
    options: { keepLines?: (line: WorkplaceReservationLine) => boolean; confirm?: boolean; externalRef?: string } = {},
  ): Promise<ReservationView> {
    const { dir, raw, lines } = await current(reservationId);
    // A hold released (expired, or cancelled at a touchpoint) before the meeting confirmed it: gone.
    if (options.confirm && raw.status === 'cancelled')
      throw new AppError('NOT_FOUND', `The hold ${reservationId} was released before the meeting confirmed it`);
    const keptLines = lines.filter((line) => line.status !== 'cancelled' && (options.keepLines?.(line) ?? true));
    const input = toWorkplaceReservation(booking, keptLines, {
      areaOfMailbox: dir.areaOfMailbox,
      mailboxOfArea: dir.mailboxOfArea,
      timeZone: raw.timeZone,
    });
    const { source: _source, status: _status, ...patch } = input;
    const updated = await client.updateReservation(
      reservationId,
      {
        ...patch,
        ...(options.confirm ? { status: 'confirmed' as const } : {}),
        ...(options.externalRef !== undefined ? { externalRef: options.externalRef } : {}),
      },
      { idempotencyKey: write.idempotencyKey, ifMatch: versionOf(write, raw) },
    );
    return toView(updated, dir);
  }

  return {
    async readChanges(cursor) {
      const reservationIds: string[] = [];
      const creations = new Map<string, string>();
      const changedLater = new Set<string>();
      let next = cursor;
      for (;;) {
        const page = await feed.readChanges(next);
        for (const change of page.changes) {
          reservationIds.push(change.reservationId);
          if (change.type === 'created') creations.set(change.reservationId, String(change.version));
          else changedLater.add(change.reservationId);
        }
        next = page.nextCursor;
        if (page.isAtHead) {
          for (const reservationId of changedLater) creations.delete(reservationId);
          return { reservationIds, creations, nextCursor: page.nextCursor };
        }
      }
    },
    async getReservation(reservationId) {
      try {
        return toView(await client.getReservation(reservationId), await directory());
      } catch (error) {
        if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
        throw error;
      }
    },
    async createReservation(booking, write) {
      const dir = await directory();
      const input = toWorkplaceReservation(booking, [], {
        areaOfMailbox: dir.areaOfMailbox,
        mailboxOfArea: dir.mailboxOfArea,
        timeZone: buildingZoneOf(booking, dir),
        source: 'outlook',
        externalRef: write.externalRef,
      });
      return toView(await client.createReservation(input, { idempotencyKey: write.idempotencyKey }), dir);
    },
    async findByExternalRef(externalRef, { mailboxes, from, to }) {
      const dir = await directory();
      for (const mailbox of mailboxes) {
        const areaId = dir.areaOfMailbox(mailbox);
        if (!areaId) continue;
        const candidates = await client.listReservations({ from, to, areaId });
        const found = candidates.find((reservation) => reservation.externalRef === externalRef);
        if (found) return toView(found, dir);
      }
      return null;
    },
    async findByExternalRefs(externalRefs, { mailboxes, from, to }) {
      const dir = await directory();
      const wanted = new Set(externalRefs);
      const found = new Map<string, ReservationView>();
      for (const mailbox of mailboxes) {
        const areaId = dir.areaOfMailbox(mailbox);
        if (!areaId) continue;
        for (const reservation of await client.listReservations({ from, to, areaId })) {
          const ref = reservation.externalRef;
          if (ref === undefined || !wanted.has(ref)) continue;
          // An active one wins over a cancelled one of the same meeting (a re-booked meeting has both).
          if (!found.has(ref) || found.get(ref)!.status === 'cancelled') found.set(ref, toView(reservation, dir));
        }
      }
      return found;
    },
    updateReservation: (reservationId, booking, write) => patchBooking(reservationId, booking, write),
    confirmHold: (reservationId, booking, write) =>
      patchBooking(reservationId, booking, write, {
        confirm: true,
        ...(write.externalRef !== undefined ? { externalRef: write.externalRef } : {}),
      }),
    addRoomLine: (reservationId, mailbox, booking, write) =>
      patchBooking(
        reservationId,
        { ...booking, rooms: [...new Set([...booking.rooms, mailbox.toLowerCase()])] },
        write,
      ),
    async releaseRoomLine(reservationId, lineId, _reason, write) {
      const { dir, raw } = await current(reservationId);
      const view = toView(raw, dir);
      const released = view.lines.find((line) => line.lineId === lineId);
      const rooms = view.booking.rooms.filter((room) => room !== released?.mailbox);
      return patchBooking(reservationId, { ...view.booking, rooms }, write, {
        keepLines: (line) => line.lineId !== lineId,
      });
    },
    async cancelReservation(reservationId, _reason, write) {
      const dir = await directory();
      const cancelled = await client.cancelReservation(reservationId, {
        idempotencyKey: write.idempotencyKey,
        ...(write.expectedVersion !== undefined ? { ifMatch: Number(write.expectedVersion) } : {}),
      });
      return toView(cancelled, dir);
    },
    async releaseOccurrence(reservationId, occurrenceStart, lineId, reason, write) {
      const dir = await directory();
      try {
        const released = await client.releaseOccurrence(
          reservationId,
          {
            ...(occurrenceStart !== null ? { occurrenceStart } : {}),
            lineId,
            reason: 'ended-early',
            comment: reason.slice(0, 1000),
          },
          { idempotencyKey: write.idempotencyKey },
        );
        return toView(released, dir);
      } catch (error) {
        // Over by the time the sync got to it: there is nothing left to free.
        if (workplaceFailureOf(error)?.code !== 'NOT_IN_PROGRESS') throw error;
        return toView(await client.getReservation(reservationId), dir);
      }
    },
  };
}
