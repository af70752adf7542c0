import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { workplaceDemoSeed } from '../../../../emulators/src/workplace/index.js';
import { createRoomDirectory } from '../../../../server/src/adapters/workplace/room-directory.js';
import { createWorkplaceChangeFeed } from '../../../../server/src/adapters/workplace/workplace-change-feed.js';
import { createWorkplaceReservationSystem } from '../../../../server/src/adapters/workplace/workplace-reservation-system.js';
import type { ReservationSystem } from '../../../../server/src/sync/ports.js';
import { aBooking } from '../../../support/builders.js';
import { startWorkplace } from '../../../support/workplace-harness.js';

const ROOM_1 = 'room-brussels-1.01@contoso.com';
const ROOM_2 = 'room-brussels-1.02@contoso.com';

const directory = createRoomDirectory(
  workplaceDemoSeed.areas.map((area) => ({
    areaId: area.id,
    mailbox: area.exchangeMailbox ?? null,
    timeZone: workplaceDemoSeed.buildings.find((building) => building.id === area.buildingId)!.timeZone,
  })),
);

describe('the Workplace ReservationSystem against the emulator', () => {
  let workplace: Awaited<ReturnType<typeof startWorkplace>>;
  let system: ReservationSystem;
  const booking = aBooking({
    rooms: [ROOM_1],
    start: { dateTime: '2026-03-04T10:00:00', timeZone: 'Europe/Brussels' },
    end: { dateTime: '2026-03-04T11:00:00', timeZone: 'Europe/Brussels' },
  });

  beforeEach(async () => {
    workplace = await startWorkplace();
    const client = workplace.client();
    system = createWorkplaceReservationSystem({
      client,
      feed: createWorkplaceChangeFeed(client),
      directory: async () => directory,
    });
  });
  afterEach(async () => {
    expect(workplace.violations).toEqual([]);
    await workplace.close();
  });

  test('creates an Outlook reservation with a room line per linked room, idempotently', async () => {
    const created = await system.createReservation(
      { ...booking, rooms: [ROOM_1, ROOM_2] },
      { idempotencyKey: 'exchange-ical-1', externalRef: 'ical-1' },
    );
    const again = await system.createReservation(
      { ...booking, rooms: [ROOM_1, ROOM_2] },
      { idempotencyKey: 'exchange-ical-1', externalRef: 'ical-1' },
    );
    expect(again.reservationId).toBe(created.reservationId);
    expect(created).toMatchObject({
      source: 'outlook',
      status: 'confirmed',
      booking: { subject: 'Design review', rooms: [ROOM_1, ROOM_2] },
    });
    expect(created.lines.map((line) => [line.kind, line.mailbox])).toEqual([
      ['room', ROOM_1],
      ['room', ROOM_2],
    ]);
  });

  test('updates keep equipment and catering lines, and a stale version is refused', async () => {
    const created = await system.createReservation(booking, {
      idempotencyKey: 'k-create',
      externalRef: 'ical-k-create',
    });
    const updated = await system.updateReservation(
      created.reservationId,
      { ...booking, subject: 'Moved' },
      { idempotencyKey: 'k-update', expectedVersion: created.version },
    );
    expect(updated.booking.subject).toBe('Moved');
    expect(Number(updated.version)).toBeGreaterThan(Number(created.version));
    await expect(
      system.updateReservation(
        created.reservationId,
        { ...booking, subject: 'Stale' },
        { idempotencyKey: 'k-stale', expectedVersion: created.version },
      ),
    ).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
  });

  test('adds and releases room lines; cancelling cancels', async () => {
    const created = await system.createReservation(booking, { idempotencyKey: 'k1', externalRef: 'ical-k1' });
    // The second room's copy is newer: the line comes with its subject.
    const withTwo = await system.addRoomLine(
      created.reservationId,
      ROOM_2,
      { ...created.booking, subject: 'Renamed' },
      { idempotencyKey: 'k2' },
    );
    expect(withTwo.booking.rooms).toEqual([ROOM_1, ROOM_2]);
    expect(withTwo.booking.subject).toBe('Renamed');
    const lineOfRoom1 = withTwo.lines.find((line) => line.mailbox === ROOM_1)!;
    const released = await system.releaseRoomLine(created.reservationId, lineOfRoom1.lineId, 'declined', {
      idempotencyKey: 'k3',
    });
    expect(released.booking.rooms).toEqual([ROOM_2]);
    expect(released.lines.find((line) => line.lineId === lineOfRoom1.lineId)?.status).toBe('cancelled');
    const cancelled = await system.cancelReservation(created.reservationId, 'cancelled in Outlook', {
      idempotencyKey: 'k4',
    });
    expect(cancelled.status).toBe('cancelled');
  });

  test('finds a reservation again by its external reference near one of its rooms', async () => {
    const created = await system.createReservation(booking, { idempotencyKey: 'k1', externalRef: 'ical-xyz' });
    const near = { from: new Date('2026-03-04T08:00:00Z'), to: new Date('2026-03-04T11:00:00Z') };
    expect((await system.findByExternalRef('ical-xyz', { ...near, mailboxes: [ROOM_2, ROOM_1] }))?.reservationId).toBe(
      created.reservationId,
    );
    expect(await system.findByExternalRef('ical-other', { ...near, mailboxes: [ROOM_1] })).toBeNull();
    expect(await system.findByExternalRef('ical-xyz', { ...near, mailboxes: [ROOM_2] })).toBeNull();
  });

  test('reads the change feed from a cursor and returns null for unknown reservations', async () => {
    const first = await system.readChanges(null);
    const created = await system.createReservation(booking, { idempotencyKey: 'k1', externalRef: 'ical-k1' });
    const next = await system.readChanges(first.nextCursor);
    expect(next.reservationIds).toEqual([created.reservationId]);
    // Named only for its creation, at the version it was created at; changed since, it is not.
    expect(next.creations).toEqual(new Map([[created.reservationId, created.version]]));
    await system.updateReservation(created.reservationId, { ...booking, subject: 'Renamed' }, { idempotencyKey: 'k2' });
    const both = await system.readChanges(first.nextCursor);
    expect(both.reservationIds).toEqual([created.reservationId, created.reservationId]);
    expect(both.creations).toEqual(new Map());
    expect(await system.getReservation('does-not-exist')).toBeNull();
  });

  test('a room that is not linked to Workplace is refused with a clear error', async () => {
    await expect(
      system.createReservation(
        { ...booking, rooms: ['room-elsewhere@contoso.com'] },
        { idempotencyKey: 'k', externalRef: 'ical-k' },
      ),
    ).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
    });
  });
});
