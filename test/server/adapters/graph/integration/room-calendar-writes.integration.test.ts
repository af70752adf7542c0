import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { createGraphRoomCalendar } from '../../../../../server/src/adapters/graph/graph-room-calendar.js';
import { aBooking } from '../../../../support/builders.js';
import { BRUSSELS_ROOM, EMULATOR_NOW, startEmulatedGraph } from './support/emulated-graph.js';
import type { EmulatedGraph } from './support/emulated-graph.js';

// The sync's RoomCalendar writing a Workplace series into a room (createGraphRoomCalendar over the real
// Graph adapter and the emulator).

const DAY_MS = 86_400_000;
let env: EmulatedGraph;

beforeAll(async () => {
  env = await startEmulatedGraph();
});
afterAll(() => env.close());
beforeEach(() => {
  env.emulator.control.reset('demo');
  env.exchanges.length = 0;
});

const roomCalendar = () =>
  createGraphRoomCalendar({
    graph: env.connect(),
    timeZoneOf: () => BRUSSELS_ROOM.timeZone,
    syncWindow: () => ({ start: EMULATOR_NOW, end: new Date(EMULATOR_NOW.getTime() + 60 * DAY_MS) }),
  });

test('an occurrence gone between listing the instances and cancelling it counts as cancelled', async () => {
  // A weekly series of three Mondays whose second Monday Workplace cancelled. Someone else (the
  // organizer, the room's release) removes that instance just before our cancel reaches it: Graph
  // answers 404 ErrorItemNotFound, as for any item gone.
  env.emulator.control.faults.errors({
    status: 404,
    count: 1,
    pathContains: '/cancel',
    code: 'ErrorItemNotFound',
    message: 'The specified object was not found in the store.',
  });
  const booking = aBooking({
    start: { dateTime: '2030-03-04T10:00:00', timeZone: 'Europe/Brussels' },
    end: { dateTime: '2030-03-04T11:00:00', timeZone: 'Europe/Brussels' },
    rooms: [BRUSSELS_ROOM.address],
    recurrence: { freq: 'weekly', interval: 1, byDay: ['MO'], weekStart: 'MO', end: { type: 'count', count: 3 } },
    exceptions: [{ kind: 'cancelled', originalStart: '2030-03-11T09:00:00.000Z' }],
  });

  const written = await roomCalendar().createEvent(BRUSSELS_ROOM.address, booking, {
    transactionId: 'wp-r-1-line-1',
    reservationId: 'r-1',
  });

  expect(written.booking.recurrence).not.toBeNull();
  const cancels = env.exchanges.filter((exchange) => exchange.url.pathname.endsWith('/cancel'));
  expect(cancels.map((exchange) => exchange.status)).toEqual([404]);
});
