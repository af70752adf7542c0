import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { releaseExpiredHolds } from '../../server/src/runtime/release-expired-holds.js';
import type { Database } from '../../server/src/storage/create-db.js';
import { bookingIntents } from '../../server/src/storage/schema.js';
import { syncReservations } from '../../server/src/sync/sync-reservations.js';
import { syncRoom } from '../../server/src/sync/sync-room.js';
import { createTestPglite } from '../support/test-db.js';
import { startTwoWayHarness } from '../support/two-way-harness.js';
import type { TwoWayHarness } from '../support/two-way-harness.js';

const ARDENNES = 'room-brussels-1.01@contoso.com';
const ADELE = 'adele.vance@contoso.com';

describe('booking intents (add-in holds)', () => {
  let database: Database;
  let h: TwoWayHarness;
  beforeAll(async () => {
    database = await createTestPglite();
    h = await startTwoWayHarness(database);
  });
  afterAll(async () => {
    await h.close();
    await database.close();
  });
  beforeEach(async () => {
    await h.reset();
    await syncRoom(ARDENNES, h.deps);
    await syncReservations(h.deps);
  });

  /** What the add-in does when the user picks a room: a tentative Workplace hold with its lines, and the intent. */
  async function placeHold(expiresAt: Date) {
    const hold = await h.workplaceEmulator.app.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      headers: {
        authorization: `Bearer ${h.workplaceEmulator.apiKey}`,
        'idempotency-key': `hold-${expiresAt.getTime()}`,
      },
      payload: {
        subject: 'Customer workshop',
        start: '2030-03-04T10:00:00',
        end: '2030-03-04T12:00:00',
        timeZone: 'Europe/Brussels',
        responsible: { email: ADELE },
        participants: [],
        status: 'tentative',
        source: 'outlook',
        lines: [
          { type: 'area', objectId: 'a-bru-1.01' },
          { type: 'catalogItem', objectId: 'ci-coffee', quantity: 8 },
        ],
      },
    });
    expect(hold.statusCode).toBe(201);
    const [intent] = await database.db
      .insert(bookingIntents)
      .values({
        organizerEmail: ADELE,
        mailbox: ARDENNES,
        workplaceReservationId: hold.json().id,
        lines: [],
        startAt: new Date('2030-03-04T09:00:00Z'),
        endAt: new Date('2030-03-04T11:00:00Z'),
        expiresAt,
      })
      .returning();
    return { holdId: hold.json().id as string, intentId: intent!.id };
  }

  test('the meeting arriving from Exchange confirms the hold, catering included, instead of booking twice', async () => {
    const { holdId, intentId } = await placeHold(new Date('2030-03-01T09:00:00Z'));
    await h.outlook(ADELE, {
      action: 'create',
      meeting: {
        subject: 'Customer workshop',
        start: { dateTime: '2030-03-04T10:00:00', timeZone: 'Europe/Brussels' },
        end: { dateTime: '2030-03-04T12:00:00', timeZone: 'Europe/Brussels' },
        rooms: [ARDENNES],
      },
    });
    await syncRoom(ARDENNES, h.deps);
    await syncReservations(h.deps);
    const active = h.reservations().filter((r) => r.status !== 'cancelled');
    expect(active).toEqual([
      expect.objectContaining({
        id: holdId,
        status: 'confirmed',
        lines: expect.arrayContaining([
          expect.objectContaining({ type: 'area', objectId: 'a-bru-1.01', status: 'confirmed' }),
          expect.objectContaining({ type: 'catalogItem', objectId: 'ci-coffee' }),
        ]),
      }),
    ]);
    const [intent] = await database.db.select().from(bookingIntents).where(eq(bookingIntents.id, intentId));
    expect(intent?.status).toBe('matched');
    // The hold is not released later: it is the meeting's reservation now.
    await h.graphEmulator.control.clock.advance(3_600_000);
    expect(await releaseExpiredHolds({ db: database.db, reservations: h.deps.reservations, now: h.now() })).toBe(0);
  });

  test('a hold whose meeting never arrives is released after its time, freeing the room', async () => {
    const { holdId, intentId } = await placeHold(new Date('2030-03-01T08:30:00Z'));
    expect(await releaseExpiredHolds({ db: database.db, reservations: h.deps.reservations, now: h.now() })).toBe(0);
    await h.graphEmulator.control.clock.advance(31 * 60_000);
    expect(await releaseExpiredHolds({ db: database.db, reservations: h.deps.reservations, now: h.now() })).toBe(1);
    expect(h.reservations().find((r) => r.id === holdId)?.status).toBe('cancelled');
    const [intent] = await database.db.select().from(bookingIntents).where(eq(bookingIntents.id, intentId));
    expect(intent?.status).toBe('released');
  });
});
