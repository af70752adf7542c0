import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { GraphAdapter } from '../../../server/src/adapters/graph/index.js';
import { createBookedHoursReport } from '../../../server/src/admin/booked-hours-report.js';
import { bookingLinks, rooms } from '../../../server/src/storage/schema.js';
import { aBooking } from '../../support/builders.js';
import { createTestPglite, useTestDb } from '../../support/test-db.js';
import { startWorkplace } from '../../support/workplace-harness.js';
import { startEmulatedGraph } from '../adapters/graph/integration/support/emulated-graph.js';
import type { EmulatedGraph } from '../adapters/graph/integration/support/emulated-graph.js';

// The share of each room's opening hours that its Exchange calendar is booked: getSchedule from the
// Graph emulator (the production adapter), opening hours from the Workplace emulator's demo areas
// (Brussels rooms open 07:00–20:00 on weekdays; Lys 2.02 has no opening hours).

const OPEN_WEEKDAYS = 'room-brussels-1.01@contoso.com'; // a-bru-1.01, MO–FR 07:00–20:00 Brussels
const ANY_TIME = 'room-brussels-2.02@contoso.com'; // a-bru-2.02, no regime
const NOT_IN_EXCHANGE = 'room-annex@contoso.com';
// Monday 4 March 2030, 21:30 in Brussels: the last 24 hours are Sunday 22:00 to Monday 22:00 there.
const MONDAY_EVENING = new Date('2030-03-04T20:30:00Z');

let graph: EmulatedGraph;
let adapter: GraphAdapter;
let workplace: Awaited<ReturnType<typeof startWorkplace>>;
beforeAll(async () => {
  [graph, workplace] = await Promise.all([startEmulatedGraph(), startWorkplace()]);
  adapter = graph.connect();
});
afterAll(async () => {
  await graph?.close();
  await workplace?.close();
});
beforeEach(() => graph.emulator.control.reset('demo'));

const database = useTestDb(createTestPglite);

async function linkRooms() {
  await database()
    .db.insert(rooms)
    .values([
      { workplaceAreaId: 'a-bru-1.01', mailbox: OPEN_WEEKDAYS, displayName: 'Lys 1.01', buildingId: 'b-bru' },
      { workplaceAreaId: 'a-bru-2.02', mailbox: ANY_TIME, displayName: 'Lys 2.02', buildingId: 'b-bru' },
      { workplaceAreaId: 'a-bru-1.02', mailbox: NOT_IN_EXCHANGE, displayName: 'Annex', buildingId: 'b-bru' },
      {
        workplaceAreaId: 'a-demolished',
        mailbox: 'room-brussels-1.02@contoso.com',
        displayName: 'Gone',
        buildingId: 'b-bru',
      },
    ]);
}

/** A meeting the room holds in Exchange, Brussels local times on 4 March 2030. */
async function bookInExchange(mailbox: string, from: string, to: string) {
  await adapter.createEvent(
    { address: mailbox, timeZone: 'Europe/Brussels' },
    aBooking({
      start: { dateTime: `2030-03-04T${from}:00`, timeZone: 'Europe/Brussels' },
      end: { dateTime: `2030-03-04T${to}:00`, timeZone: 'Europe/Brussels' },
      rooms: [mailbox],
    }),
    { transactionId: `t-${mailbox}-${from}`, reservationId: `r-${mailbox}-${from}` },
  );
}

const scheduleCalls = () => graph.exchanges.filter((exchange) => exchange.url.pathname.endsWith('/getSchedule')).length;

function reportAt(now: () => Date) {
  return createBookedHoursReport({
    db: database().db,
    workplace: workplace.client(),
    getSchedule: (input) => adapter.getSchedule(input),
    now,
  });
}

describe('booked share of opening hours', () => {
  test('busy time within the opening hours over open hours; overlaps count once; no regime counts 24 hours', async () => {
    await linkRooms();
    await bookInExchange(OPEN_WEEKDAYS, '09:00', '10:00');
    await bookInExchange(OPEN_WEEKDAYS, '09:30', '11:00'); // overlaps the first: 2 hours in all
    await bookInExchange(OPEN_WEEKDAYS, '20:30', '21:30'); // after closing time: not counted
    await bookInExchange(ANY_TIME, '10:00', '16:00');

    const before = graph.exchanges.length;
    const report = await reportAt(() => MONDAY_EVENING).read({ range: '24h', timeZone: 'Europe/Brussels' });

    // Made as the annex (first by name), the call is refused whole; made again for the other three.
    const asked = graph.exchanges.slice(before).filter((exchange) => exchange.url.pathname.endsWith('/getSchedule'));
    expect(asked.map((exchange) => exchange.status)).toEqual([404, 200]);
    expect(report).toMatchObject({ from: '2030-03-03T21:00:00Z', to: '2030-03-04T21:00:00Z', roomCount: 4 });
    expect(report.rooms).toEqual([
      {
        mailbox: ANY_TIME,
        displayName: 'Lys 2.02',
        openingHours: 'around-the-clock',
        openHours: 24,
        bookedHours: 6,
        share: 0.25,
        freeBusy: 'checked',
      },
      {
        mailbox: OPEN_WEEKDAYS,
        displayName: 'Lys 1.01',
        openingHours: 'regime',
        openHours: 13,
        bookedHours: 2,
        share: 0.154,
        freeBusy: 'checked',
      },
      // Exchange does not know the mailbox: no share rather than a false 0 %.
      {
        mailbox: NOT_IN_EXCHANGE,
        displayName: 'Annex',
        openingHours: 'regime',
        openHours: 13,
        bookedHours: 0,
        share: null,
        freeBusy: 'unavailable',
      },
      // Its area is no longer in Workplace: no opening hours to measure against.
      {
        mailbox: 'room-brussels-1.02@contoso.com',
        displayName: 'Gone',
        openingHours: 'unknown',
        openHours: 0,
        bookedHours: 0,
        share: null,
        freeBusy: 'checked',
      },
    ]);
  });

  test('over a weekend a weekday room is closed: no share, said as such', async () => {
    await linkRooms();
    // Sunday 3 March 2030, 13:00 in Brussels: the last 24 hours are all weekend.
    const report = await reportAt(() => new Date('2030-03-03T12:00:00Z')).read({
      range: '24h',
      timeZone: 'Europe/Brussels',
    });
    expect(report.rooms.find((room) => room.mailbox === OPEN_WEEKDAYS)).toMatchObject({
      openingHours: 'closed',
      openHours: 0,
      share: null,
    });
  });

  test('over 7 days the weekdays add up, the booking on the one Monday of the range counts', async () => {
    await linkRooms();
    await bookInExchange(OPEN_WEEKDAYS, '07:00', '20:00'); // all of Monday's opening hours
    // Tuesday 5 March 2030, noon: the days are Wednesday 27 February to Tuesday 5 March (5 weekdays).
    const report = await reportAt(() => new Date('2030-03-05T11:00:00Z')).read({
      range: '7d',
      timeZone: 'Europe/Brussels',
    });
    expect(report.rooms.find((room) => room.mailbox === OPEN_WEEKDAYS)).toMatchObject({
      openingHours: 'regime',
      openHours: 65,
      bookedHours: 13,
      share: 0.2,
    });
  });

  test('Graph is asked once per range and zone for a few minutes, then again', async () => {
    await linkRooms();
    let now = MONDAY_EVENING;
    const report = reportAt(() => now);
    const before = scheduleCalls();
    await report.read({ range: '24h', timeZone: 'Europe/Brussels' });
    const perRead = scheduleCalls() - before;
    await report.read({ range: '24h', timeZone: 'Europe/Brussels' });
    expect(scheduleCalls() - before).toBe(perRead);
    await report.read({ range: '7d', timeZone: 'Europe/Brussels' });
    expect(scheduleCalls() - before).toBe(2 * perRead);
    now = new Date(MONDAY_EVENING.getTime() + 5 * 60_000);
    await report.read({ range: '24h', timeZone: 'Europe/Brussels' });
    expect(scheduleCalls() - before).toBe(3 * perRead);
  });

  test('without linked rooms nobody is asked', async () => {
    const before = scheduleCalls();
    const report = await reportAt(() => MONDAY_EVENING).read({ range: '24h', timeZone: 'UTC' });
    expect(report).toMatchObject({ rooms: [], roomCount: 0 });
    expect(scheduleCalls()).toBe(before);
  });

  test('the rooms measured are the busiest 25, by bookings in their calendar over the range', async () => {
    await linkRooms();
    // 24 more linked rooms without bookings: 28 in all, more than are measured.
    await database()
      .db.insert(rooms)
      .values(
        Array.from({ length: 24 }, (_, index) => ({
          workplaceAreaId: `a-quiet-${index}`,
          mailbox: `room-quiet-${String(index).padStart(2, '0')}@contoso.com`,
          displayName: `Quiet ${String(index).padStart(2, '0')}`,
          buildingId: 'b-bru',
        })),
      );
    const link = (mailbox: string, id: string, endsAt: Date | null, isCancelled = false) => ({
      mailbox,
      graphEventId: id,
      iCalUId: id,
      workplaceReservationId: id,
      workplaceLineId: 'line',
      graphChangeKey: 'ck',
      workplaceVersion: '1',
      graphHash: 'g',
      workplaceHash: 'w',
      origin: 'exchange' as const,
      isCancelled,
      endsAt,
      createdAt: new Date('2030-02-01T00:00:00Z'),
    });
    await database()
      .db.insert(bookingLinks)
      .values([
        link(NOT_IN_EXCHANGE, 'series', null), // a series lasts as long as it is linked
        link(NOT_IN_EXCHANGE, 'tonight', new Date('2030-03-04T20:00:00Z')),
        link('room-brussels-1.02@contoso.com', 'today', new Date('2030-03-04T12:00:00Z')),
        link(ANY_TIME, 'last-week', new Date('2030-02-25T12:00:00Z')), // over before the range
        link(ANY_TIME, 'cancelled-1', null, true),
        link(ANY_TIME, 'cancelled-2', null, true),
      ]);
    const calls: string[][] = [];
    const report = await createBookedHoursReport({
      db: database().db,
      workplace: workplace.client(),
      getSchedule: (input) => {
        calls.push(input.schedules);
        return adapter.getSchedule(input);
      },
      now: () => MONDAY_EVENING,
    }).read({ range: '24h', timeZone: 'Europe/Brussels' });
    // The two booked rooms first, then the others by name: Lys 2.02's bookings do not count, Quiet 23 is left out.
    expect(calls.slice(0, 2).map((call) => call.length)).toEqual([20, 5]);
    expect(calls[0]!.slice(0, 4)).toEqual([NOT_IN_EXCHANGE, 'room-brussels-1.02@contoso.com', OPEN_WEEKDAYS, ANY_TIME]);
    expect(new Set(calls.flat()).size).toBe(25);
    expect(calls.flat()).not.toContain('room-quiet-23@contoso.com');
    expect(report).toMatchObject({ roomCount: 28 });
    expect(report.rooms).toHaveLength(25);
  });
});
