import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Booking } from '@workplace-sync/shared';
import type { GraphAdapter } from '../../../../../server/src/adapters/graph/index.js';
import { AppError } from '../../../../../server/src/errors.js';
import { BRUSSELS_ROOM, startEmulatedGraph } from './support/emulated-graph.js';
import type { EmulatedGraph } from './support/emulated-graph.js';

let env: EmulatedGraph;
let graph: GraphAdapter;

beforeAll(async () => {
  env = await startEmulatedGraph();
  graph = env.connect();
});
afterAll(() => env.close());
beforeEach(() => env.emulator.control.reset('demo'));

const window = { start: new Date('2030-03-01T00:00:00Z'), end: new Date('2030-06-01T00:00:00Z') };
const brussels = (dateTime: string) => ({ dateTime, timeZone: 'Europe/Brussels' });
const booking = (subject: string, day: number): Booking => ({
  subject,
  start: brussels(`2030-03-${String(day).padStart(2, '0')}T09:00:00`),
  end: brussels(`2030-03-${String(day).padStart(2, '0')}T10:00:00`),
  organizer: { email: 'adele.vance@contoso.com', name: 'Adele Vance' },
  participants: [],
  rooms: [BRUSSELS_ROOM.address],
  recurrence: null,
  exceptions: [],
  isCancelled: false,
});
const create = (subject: string, day: number) =>
  graph.createEvent(BRUSSELS_ROOM, booking(subject, day), {
    transactionId: `t-${subject}`,
    reservationId: `R-${subject}`,
  });

describe('calendarView delta against the emulator', () => {
  test('a full round over several pages, then rounds from the deltaLink with updates and deletions', async () => {
    const created = await Promise.all([1, 2, 3, 4, 5].map((day) => create(`E${day}`, day + 3)));
    const first = await graph.readDeltaRound(BRUSSELS_ROOM, { window }, { pageSize: 2 });
    expect(first.events.map((event) => event.booking.subject).sort()).toEqual(['E1', 'E2', 'E3', 'E4', 'E5']);
    expect(first.removedIds).toEqual([]);
    expect(first.unreadable).toEqual([]);

    const quiet = await graph.readDeltaRound(BRUSSELS_ROOM, { deltaLink: first.deltaLink });
    expect(quiet.events).toEqual([]);

    await graph.updateEvent(BRUSSELS_ROOM, created[0]!.id, booking('E1 renamed', 4));
    await graph.deleteEvent(BRUSSELS_ROOM, created[1]!.id);
    await create('E6', 20);
    const next = await graph.readDeltaRound(BRUSSELS_ROOM, { deltaLink: quiet.deltaLink });
    expect(next.events.map((event) => event.booking.subject).sort()).toEqual(['E1 renamed', 'E6']);
    expect(next.removedIds).toEqual([created[1]!.id]);
  });

  test('empty pages with a nextLink are followed to the end of the round', async () => {
    await Promise.all([1, 2, 3].map((day) => create(`E${day}`, day + 3)));
    env.emulator.control.faults.emptyDeltaPages(3);
    env.exchanges.length = 0;
    const round = await graph.readDeltaRound(BRUSSELS_ROOM, { window }, { pageSize: 1 });
    expect(round.events.map((event) => event.booking.subject).sort()).toEqual(['E1', 'E2', 'E3']);
    const pages = env.exchanges.filter((exchange) => exchange.url.pathname.endsWith('/calendarView/delta'));
    expect(pages.filter((exchange) => exchange.items === 0).length).toBeGreaterThanOrEqual(3);
  });

  test('realistic noise (random empty pages) does not change what a round returns', async () => {
    const noisy = await startEmulatedGraph({ noise: { emptyDeltaPageProbability: 0.5 }, randomSeed: 7 });
    try {
      const noisyGraph = noisy.connect();
      for (const day of [4, 5, 6, 7]) {
        await noisyGraph.createEvent(BRUSSELS_ROOM, booking(`N${day}`, day), {
          transactionId: `n-${day}`,
          reservationId: `R-n${day}`,
        });
      }
      const round = await noisyGraph.readDeltaRound(BRUSSELS_ROOM, { window }, { pageSize: 1 });
      expect(round.events.map((event) => event.booking.subject).sort()).toEqual(['N4', 'N5', 'N6', 'N7']);
      const pages = noisy.exchanges.filter((exchange) => exchange.url.pathname.endsWith('/calendarView/delta'));
      expect(pages.some((exchange) => exchange.items === 0)).toBe(true);
    } finally {
      await noisy.close();
    }
  });

  test('an expired deltaLink is CURSOR_EXPIRED; a new full round works', async () => {
    await create('E1', 4);
    const first = await graph.readDeltaRound(BRUSSELS_ROOM, { window });
    expect(env.emulator.control.faults.expireDeltaTokens(BRUSSELS_ROOM.address)).toBeGreaterThan(0);
    const error = await graph
      .readDeltaRound(BRUSSELS_ROOM, { deltaLink: first.deltaLink })
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CURSOR_EXPIRED');
    const again = await graph.readDeltaRound(BRUSSELS_ROOM, { window });
    expect(again.events.map((event) => event.booking.subject)).toEqual(['E1']);
  });

  test('occurrences of a series come expanded, keyed to their master and original start', async () => {
    const master = await graph.createEvent(
      BRUSSELS_ROOM,
      {
        ...booking('Daily', 4),
        recurrence: { freq: 'daily', interval: 1, weekStart: 'MO', end: { type: 'count', count: 3 } },
      },
      { transactionId: 't-daily', reservationId: 'R-daily' },
    );
    const round = await graph.readDeltaRound(BRUSSELS_ROOM, { window });
    expect(round.events.map((event) => [event.kind, event.seriesMasterId, event.originalStart])).toEqual([
      ['occurrence', master.id, '2030-03-04T08:00:00.000Z'],
      ['occurrence', master.id, '2030-03-05T08:00:00.000Z'],
      ['occurrence', master.id, '2030-03-06T08:00:00.000Z'],
    ]);
  });
});
