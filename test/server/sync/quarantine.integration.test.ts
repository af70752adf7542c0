import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { fromGraphFailure } from '../../../server/src/adapters/graph/graph-errors.js';
import { fromWorkplaceFailure } from '../../../server/src/adapters/workplace/workplace-errors.js';
import {
  dismissFailedItem,
  failedItemPayload,
  listFailedItems,
  retryFailedItem,
} from '../../../server/src/admin/failed-items.js';
import type { Database } from '../../../server/src/storage/create-db.js';
import { failedItems, syncLog } from '../../../server/src/storage/schema.js';
import { syncReservationIds, syncReservations } from '../../../server/src/sync/sync-reservations.js';
import { syncRoom } from '../../../server/src/sync/sync-room.js';
import type { SyncDeps } from '../../../server/src/sync/sync-room.js';
import { createTestPglite } from '../../support/test-db.js';
import { startTwoWayHarness } from './support/two-way-harness.js';
import type { TwoWayHarness } from './support/two-way-harness.js';

// Nothing may wedge: a change that cannot be synced for good is quarantined with the booking's identity
// and the reason, the rest of the room (or the feed) flows and its cursor advances; the change is tried
// again when it changes on its side, or when an admin retries it; an admin may dismiss it.

const ARDENNES = 'room-brussels-1.01@contoso.com'; // a-bru-1.01
const ADELE = 'adele.vance@contoso.com';
const brussels = (dateTime: string) => ({ dateTime, timeZone: 'Europe/Brussels' });
const REFUSED = 'Refused for good';

let database: Database;
let h: TwoWayHarness;
/**
 * Workplace and Exchange refusing one booking's content for good, as each answers a body it will never
 * take (400): every booking whose subject is REFUSED.
 */
let deps: SyncDeps;

beforeAll(async () => {
  database = await createTestPglite();
  h = await startTwoWayHarness(database);
  const refuse = (subject: string) => {
    if (subject === REFUSED) {
      throw fromWorkplaceFailure({ status: 400, code: 'INVALID_REQUEST', message: 'body.subject: not accepted' });
    }
  };
  deps = {
    ...h.deps,
    calendar: {
      ...h.deps.calendar,
      createEvent: async (mailbox, booking, write) => {
        if (booking.subject === REFUSED) {
          throw fromGraphFailure({
            status: 400,
            body: { error: { code: 'ErrorInvalidRequest', message: 'The request is invalid.' } },
          });
        }
        return h.deps.calendar.createEvent(mailbox, booking, write);
      },
    },
    reservations: {
      ...h.deps.reservations,
      createReservation: async (booking, write) => {
        refuse(booking.subject);
        return h.deps.reservations.createReservation(booking, write);
      },
    },
  };
});
afterAll(async () => {
  await h.close();
  await database.close();
});
beforeEach(async () => {
  // Back to the seeds, an empty database (the harness truncates every table) and the starting time.
  await h.reset();
  await syncRoom(ARDENNES, deps);
  await syncReservations(deps);
});

const book = (subject: string, hour: number) =>
  h.outlook(ADELE, {
    action: 'create',
    meeting: {
      subject,
      start: brussels(`2030-03-04T${hour}:00:00`),
      end: brussels(`2030-03-04T${hour + 1}:00:00`),
      rooms: [ARDENNES],
    },
  });
const activeSubjects = () =>
  h
    .reservations()
    .filter((reservation) => reservation.status !== 'cancelled')
    .map((reservation) => reservation.subject)
    .sort();
const openItems = () => listFailedItems(database.db, 'open');

describe('Outlook → Workplace', () => {
  test('a meeting Workplace refuses for good is set aside with its identity; the room goes on', async () => {
    await book(REFUSED, 10);
    await book('Ordinary meeting', 12);
    await syncRoom(ARDENNES, deps);

    expect(activeSubjects()).toEqual(['Ordinary meeting']);
    expect(await openItems()).toEqual([
      expect.objectContaining({
        kind: 'quarantine:exchange-to-workplace',
        error: expect.stringMatching(/^Workplace does not take this booking: Workplace 400 INVALID_REQUEST/),
        isRetryable: true,
        booking: expect.objectContaining({
          direction: 'exchange-to-workplace',
          room: ARDENNES,
          organizer: ADELE,
          subject: REFUSED,
          start: '2030-03-04T10:00:00 Europe/Brussels',
        }),
      }),
    ]);
    const log = await database.db.select().from(syncLog).where(eq(syncLog.action, 'quarantined'));
    expect(log).toHaveLength(1);

    // The room's cursor moved on: a later booking syncs in the next run, the refused one is not retried.
    await book('Later meeting', 14);
    await syncRoom(ARDENNES, deps);
    expect(activeSubjects()).toEqual(['Later meeting', 'Ordinary meeting']);
    expect(await openItems()).toHaveLength(1);
  });

  test('the set-aside meeting syncs once it changes in Outlook, and its item is closed as synced', async () => {
    const meeting = await book(REFUSED, 10);
    await syncRoom(ARDENNES, deps);
    await h.outlook(ADELE, { action: 'update', eventId: meeting!.id, changes: { subject: 'Renamed' } });
    await syncRoom(ARDENNES, deps);

    expect(activeSubjects()).toEqual(['Renamed']);
    expect(await openItems()).toEqual([]);
    expect(await listFailedItems(database.db, 'retried')).toEqual([expect.objectContaining({ resolution: 'synced' })]);
  });

  test("an admin's retry reads the room again; dismiss closes the item and leaves the booking as it is", async () => {
    await book(REFUSED, 10);
    await syncRoom(ARDENNES, deps);
    const [item] = await openItems();
    const sent: unknown[] = [];
    await retryFailedItem(database.db, async (...job) => void sent.push(job), item!.id, h.now());
    expect(sent).toEqual([['room-resync', ARDENNES, { mailbox: ARDENNES, reason: 'admin-repair' }]]);
    // What the room-resync job does: a full round, which meets the refused meeting again.
    await syncRoom(ARDENNES, deps, { fullResync: true });
    const [again] = await openItems();
    expect(again).toMatchObject({ booking: expect.objectContaining({ subject: REFUSED }) });

    const dismissed = await dismissFailedItem(database.db, again!.id, h.now());
    expect(dismissed).toMatchObject({ resolution: 'dismissed' });
    expect(await openItems()).toEqual([]);
    await expect(dismissFailedItem(database.db, again!.id, h.now())).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  test('an item of a delta round that cannot be read is set aside with what Graph sent, not dropped', async () => {
    await book('Ordinary meeting', 12);
    const raw = {
      id: 'AAMk-unreadable',
      subject: 'Broken',
      start: { dateTime: '2030-02-30T09:00:00', timeZone: 'UTC' },
    };
    const unreadable = {
      ...deps,
      calendar: {
        ...deps.calendar,
        readChanges: async (...args: Parameters<SyncDeps['calendar']['readChanges']>) => {
          const result = await deps.calendar.readChanges(...args);
          return {
            ...result,
            unreadable: [
              {
                mailbox: ARDENNES,
                eventId: raw.id,
                reason: 'Invalid date 2030-02-30T09:00:00',
                raw,
                booking: { room: ARDENNES, organizer: null, subject: 'Broken', start: '2030-02-30T09:00:00 UTC' },
              },
            ],
          };
        },
      },
    };
    await syncRoom(ARDENNES, unreadable);
    expect(activeSubjects()).toEqual(['Ordinary meeting']);
    const [item] = await openItems();
    expect(item).toMatchObject({
      key: `${ARDENNES} ${raw.id}`,
      error: 'Graph returned an event the sync cannot read: Invalid date 2030-02-30T09:00:00',
      booking: expect.objectContaining({ subject: 'Broken', eventId: raw.id }),
    });
    expect(await failedItemPayload(database.db, item!.id)).toMatchObject({ raw });
  });

  test('a transient failure still fails the run and keeps the cursor (no quarantine)', async () => {
    await book('Ordinary meeting', 12);
    h.workplaceEmulator.injectFault({ kind: 'error', count: 20, status: 503, phase: 'before' });
    await expect(syncRoom(ARDENNES, deps)).rejects.toMatchObject({ code: 'UPSTREAM_FAILED' });
    h.workplaceEmulator.clearFaults();
    expect(await openItems()).toEqual([]);
    await syncRoom(ARDENNES, deps);
    expect(activeSubjects()).toEqual(['Ordinary meeting']);
  });
});

describe('Workplace → Outlook', () => {
  const kioskBooking = (subject: string, hour: number) =>
    h.kiosk.book({
      subject,
      start: `2030-03-05T${hour}:00:00`,
      end: `2030-03-05T${hour + 1}:00:00`,
      timeZone: 'Europe/Brussels',
      responsible: { email: 'megan.bowen@contoso.com' },
      lines: [{ type: 'area', objectId: 'a-bru-1.01' }],
    });
  const roomSubjects = () =>
    h
      .roomEvents(ARDENNES)
      .filter((event) => event['isCancelled'] !== true)
      .map((event) => String(event['subject']))
      .sort();

  test('a reservation Exchange refuses for good is set aside; the feed goes on past it', async () => {
    const refused = await kioskBooking(REFUSED, 10);
    await kioskBooking('Kiosk booking', 14);
    await syncReservations(deps);

    expect(roomSubjects()).toEqual(['Kiosk booking']);
    expect(await openItems()).toEqual([
      expect.objectContaining({
        kind: 'quarantine:workplace-to-exchange',
        key: refused.id,
        error: expect.stringMatching(/^Exchange does not take this booking: Graph 400 ErrorInvalidRequest/),
        booking: expect.objectContaining({
          direction: 'workplace-to-exchange',
          reservationId: refused.id,
          subject: REFUSED,
          organizer: 'megan.bowen@contoso.com',
          room: ARDENNES,
        }),
      }),
    ]);
    // The feed's cursor moved on: the next run does not read it again.
    await syncReservations(deps);
    expect((await openItems())[0]).toMatchObject({ attempts: 1 });
  });

  test("an admin's retry syncs that one reservation again; after a fix in Workplace it reaches the room", async () => {
    const refused = await kioskBooking(REFUSED, 10);
    await syncReservations(deps);
    const [item] = await openItems();
    const sent: unknown[] = [];
    await retryFailedItem(database.db, async (...job) => void sent.push(job), item!.id, h.now());
    expect(sent).toEqual([['retry-reservation', `reservation:${refused.id}`, { reservationId: refused.id }]]);

    // What the retry-reservation job does, once the facility admin renamed it.
    await h.workplaceEmulator.app.inject({
      method: 'PATCH',
      url: `/_emulator/touchpoints/kiosk/reservations/${refused.id}`,
      payload: { subject: 'Fixed in Workplace' },
    });
    await syncReservationIds([refused.id], deps);
    expect(roomSubjects()).toEqual(['Fixed in Workplace']);
    const open = await database.db
      .select()
      .from(failedItems)
      .where(and(eq(failedItems.key, refused.id), isNull(failedItems.resolvedAt)));
    expect(open).toEqual([]);
  });
});
