import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { createDrizzleBookingIntentStore } from '../../../server/src/holds/booking-intent-store.js';
import type { Database } from '../../../server/src/storage/create-db.js';
import { bookingIntents, failedItems, syncLog } from '../../../server/src/storage/schema.js';
import { executePlan } from '../../../server/src/sync/execute-plan.js';
import { planRoomEventChange } from '../../../server/src/sync/plan-room-event-change.js';
import { syncReservations } from '../../../server/src/sync/sync-reservations.js';
import { syncRoom } from '../../../server/src/sync/sync-room.js';
import { aBooking, aRoomEvent, aRoomEventChangeInput } from '../../support/builders.js';
import { createTestPglite } from '../../support/test-db.js';
import { startTwoWayHarness } from './support/two-way-harness.js';
import type { TwoWayHarness } from './support/two-way-harness.js';

// The add-in held a room; the organizer sent the meeting; the room declined it (a series with a taken
// date where the room tolerates no conflict, a meeting longer than it takes). The hold is released at once, the sync log says why and what the organizer should do, Failed items
// (and with them the room's Health) show it, and the pane's read mode can tell it from an expired hold.

const ARDENNES = 'room-brussels-1.01@contoso.com';
const ADELE = 'adele.vance@contoso.com';

describe('Exchange declines a meeting a hold from the add-in waited for', () => {
  let database: Database;
  let h: TwoWayHarness;
  beforeAll(async () => {
    database = await createTestPglite();
    h = await startTwoWayHarness(database);
    await syncRoom(ARDENNES, h.deps);
    await syncReservations(h.deps);
  });
  afterAll(async () => {
    await h.close();
    await database.close();
  });

  test('the hold is released now, logged as declined with what to do, and set aside for the admins', async () => {
    const hold = await h.workplaceEmulator.app.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      headers: { authorization: `Bearer ${h.workplaceEmulator.apiKey}`, 'idempotency-key': 'hold-declined' },
      payload: {
        subject: 'Customer workshop',
        start: '2030-03-04T10:00:00',
        end: '2030-03-04T12:00:00',
        timeZone: 'Europe/Brussels',
        responsible: { email: ADELE },
        participants: [],
        status: 'tentative',
        source: 'outlook',
        lines: [{ type: 'area', objectId: 'a-bru-1.01' }],
      },
    });
    expect(hold.statusCode).toBe(201);
    const holdId = hold.json().id as string;
    const [intent] = await database.db
      .insert(bookingIntents)
      .values({
        organizerEmail: ADELE,
        mailbox: ARDENNES,
        workplaceReservationId: holdId,
        lines: [],
        startAt: new Date('2030-03-04T09:00:00Z'),
        endAt: new Date('2030-03-04T11:00:00Z'),
        expiresAt: new Date('2030-03-01T09:00:00Z'),
      })
      .returning();
    const intents = createDrizzleBookingIntentStore(database.db);
    expect(await intents.isDeclinedByExchange(intent!)).toBe(false);

    // Exchange Online's attendant deletes a request it declines from the room's calendar (the emulator
    // too), leaving the sync an anonymous tombstone; the room's copy comes with its decline where a
    // delegate declines and the copy stays. Here: that copy, planned and carried out as syncRoom does.
    const declined = aRoomEvent({
      mailbox: ARDENNES,
      eventId: 'AAMk-ardennes-declined',
      roomResponse: 'declined',
      booking: aBooking({
        subject: 'Customer workshop',
        organizer: { email: ADELE, name: 'Adele Vance' },
        start: { dateTime: '2030-03-04T10:00:00', timeZone: 'Europe/Brussels' },
        end: { dateTime: '2030-03-04T12:00:00', timeZone: 'Europe/Brussels' },
        rooms: [ARDENNES],
      }),
    });
    const plan = planRoomEventChange(
      aRoomEventChangeInput({
        change: { kind: 'upserted', event: declined },
        intents: await h.deps.store.openIntents(ARDENNES),
        now: h.now(),
      }),
    );
    await executePlan(plan, h.deps, { reservation: null, linkedMailboxes: new Set([ARDENNES]) });

    expect(h.reservations().find((reservation) => reservation.id === holdId)?.status).toBe('cancelled');
    const [after] = await database.db.select().from(bookingIntents).where(eq(bookingIntents.id, intent!.id));
    expect(after?.status).toBe('released');
    const logged = await database.db
      .select()
      .from(syncLog)
      .where(and(eq(syncLog.mailbox, ARDENNES), eq(syncLog.action, 'declined')));
    expect(logged).toEqual([
      expect.objectContaining({
        reason: expect.stringMatching(
          /^Exchange declined the meeting for this room .* The organizer should pick another room in the add-in/,
        ),
        details: expect.objectContaining({ reservationId: holdId }),
      }),
    ]);
    const open = await database.db
      .select()
      .from(failedItems)
      .where(and(eq(failedItems.kind, 'quarantine:exchange-to-workplace'), isNull(failedItems.resolvedAt)));
    expect(open).toEqual([
      expect.objectContaining({
        key: `${ARDENNES} AAMk-ardennes-declined`,
        error: expect.stringMatching(/^Exchange declined the meeting for this room/),
      }),
    ]);
    expect(await intents.isDeclinedByExchange(intent!)).toBe(true);
    // No reservation was booked for the declined meeting instead.
    expect(h.reservations().filter((reservation) => reservation.status !== 'cancelled')).toEqual([]);
  });
});
