import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventually } from '../../../support/free-port.js';
import { prepareCutoverRoom } from '../../../support/cutover-scenario.js';
import { startEmbeddedAdminServer } from '../../../support/embedded-admin-server.js';
import type { EmbeddedAdminServer } from '../../../support/embedded-admin-server.js';

// The EWS → Graph cutover assistant on the embedded default: the dry run and the switch, end to end.

describe('cutover assistant (embedded default)', () => {
  let admin: EmbeddedAdminServer;
  const areaId = 'a-nyc-6.02';
  const mailbox = 'room-newyork-6.02@contoso.com';

  beforeAll(async () => {
    admin = await startEmbeddedAdminServer();
  }, 90_000);
  afterAll(async () => {
    await admin?.close();
  });

  test('dry run: the same booking on both sides is linked, the others are created on the other side; the switch does not duplicate', async () => {
    const { subjects } = await prepareCutoverRoom(admin, { areaId, mailbox, daysAhead: 15, tag: 'Cutover API' });

    const dryRun = await admin.call('POST', '/admin/api/cutover/dry-run', { payload: { areaId, mailbox } });
    expect(dryRun.statusCode).toBe(200);
    const plan = dryRun.json();
    expect(plan.linked).toEqual([
      expect.objectContaining({
        exchange: expect.objectContaining({ subject: subjects.both }),
        workplace: expect.objectContaining({ subject: subjects.both }),
        matchedBy: 'time',
      }),
    ]);
    expect(plan.toWorkplace.map((booking: { subject: string }) => booking.subject)).toEqual([subjects.exchangeOnly]);
    expect(plan.toExchange.map((booking: { subject: string }) => booking.subject)).toEqual([subjects.workplaceOnly]);
    // The dry run wrote nothing: the room is still unlinked.
    const rooms = (await admin.call('GET', '/admin/api/rooms')).json().rooms as Array<{
      mailbox: string;
      isEnabled: boolean;
    }>;
    expect(rooms.find((room) => room.mailbox === mailbox)?.isEnabled).toBe(false);

    const switched = await admin.call('POST', '/admin/api/cutover/switch', { payload: { areaId, mailbox } });
    expect(switched.statusCode).toBe(202);
    expect(switched.json()).toMatchObject({ linksRecorded: 1, link: { areaId, mailbox, isEnabled: true } });
    await admin.syncFinished(mailbox);

    const ofRoom = (await admin.reservations()).filter(
      (r) =>
        r.status !== 'cancelled' &&
        r.lines.some((line) => line.objectId === areaId) &&
        r.subject.startsWith('Cutover API'),
    );
    // One reservation each: the linked pair was not duplicated, the Exchange-only meeting was created.
    expect(ofRoom.map((r) => r.subject).sort()).toEqual(
      [subjects.both, subjects.exchangeOnly, subjects.workplaceOnly].sort(),
    );
    const events = await eventually(
      () => {
        const found = admin.emulators.graph
          .mailboxEvents(mailbox)
          .filter((event) => String(event['subject']).startsWith('Cutover API') && event['isCancelled'] === false);
        return found.length === 3 && found;
      },
      { what: 'the Workplace-only reservation in the room calendar' },
    );
    expect(events.map((event) => event['subject']).sort()).toEqual(
      [subjects.both, subjects.exchangeOnly, subjects.workplaceOnly].sort(),
    );
  });

  test('bad input: an unknown area or mailbox is a 404, a malformed body a 400', async () => {
    expect(
      (await admin.call('POST', '/admin/api/cutover/dry-run', { payload: { areaId: 'nope', mailbox } })).statusCode,
    ).toBe(404);
    const unknownRoom = await admin.call('POST', '/admin/api/cutover/dry-run', {
      payload: { areaId, mailbox: 'room-nowhere@contoso.com' },
    });
    expect(unknownRoom.statusCode).toBe(404);
    expect(unknownRoom.json().error.message).toMatch(/room-nowhere/);
    expect((await admin.call('POST', '/admin/api/cutover/switch', { payload: { areaId } })).statusCode).toBe(400);
  });

  test('a pair that clashes with another link is refused before anything is written (no link of the other room replaced)', async () => {
    const { bookingLinks } = await import('../../../../server/src/storage/schema.js');
    const before = await admin.server.database.db.select().from(bookingLinks);
    // a-bru-1.01 is linked to room-brussels-1.01 in the demo.
    const clash = await admin.call('POST', '/admin/api/cutover/switch', {
      payload: { areaId: 'a-bru-1.01', mailbox: 'room-brussels-1.02@contoso.com' },
    });
    expect(clash.statusCode).toBe(409);
    expect(await admin.server.database.db.select().from(bookingLinks)).toEqual(before);
  });
});
