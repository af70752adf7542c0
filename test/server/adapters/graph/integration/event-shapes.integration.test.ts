import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { expandOccurrences, toInstant, toUtcIso } from '@workplace-sync/shared';
import type { GraphAdapter, Mailbox } from '../../../../../server/src/adapters/graph/index.js';
import { BRUSSELS_ROOM, startEmulatedGraph } from './support/emulated-graph.js';
import type { EmulatedGraph } from './support/emulated-graph.js';

// Shapes the booking attendant leaves in a room calendar, read by the adapter as the sync reads them.

let env: EmulatedGraph;
let graph: GraphAdapter;

beforeAll(async () => {
  env = await startEmulatedGraph();
  graph = env.connect();
});
afterAll(() => env.close());
beforeEach(() => env.emulator.control.reset('demo'));

const window = { start: new Date('2030-03-01T00:00:00Z'), end: new Date('2030-04-15T00:00:00Z') };
const newYork = (dateTime: string) => ({ dateTime, timeZone: 'America/New_York' });
const brussels = (dateTime: string) => ({ dateTime, timeZone: 'Europe/Brussels' });

describe('an all-day series organised in New York, in a Brussels room', () => {
  test("reads on its dates in the room's zone, and its occurrences carry the keys the series gives them", async () => {
    const { control } = env.emulator;
    control.actAsUser('megan.bowen@contoso.com', {
      action: 'create',
      meeting: {
        subject: 'Brussels office visit',
        start: newYork('2030-03-04T00:00:00'),
        end: newYork('2030-03-05T00:00:00'),
        isAllDay: true,
        rooms: [BRUSSELS_ROOM.address],
        recurrence: {
          pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] },
          range: {
            type: 'numbered',
            startDate: '2030-03-04',
            numberOfOccurrences: 5,
            recurrenceTimeZone: 'Eastern Standard Time',
          },
        },
      },
    });
    await control.idle();
    const round = await graph.readDeltaRound(BRUSSELS_ROOM, { window });
    expect(round.unreadable).toEqual([]);
    const occurrences = round.events.filter((event) => event.kind === 'occurrence');
    expect(occurrences).toHaveLength(5);
    expect(occurrences.every((event) => event.isAllDay)).toBe(true);

    const series = await graph.readSeries(BRUSSELS_ROOM, occurrences[0]!.seriesMasterId!, window);
    expect(series.isAllDay).toBe(true);
    expect(series.zoneFallbacks).toEqual([]);
    expect(series.booking).toMatchObject({
      start: brussels('2030-03-04T00:00:00'),
      end: brussels('2030-03-05T00:00:00'),
      recurrence: { freq: 'weekly', byDay: ['MO'], end: { type: 'count', count: 5 } },
      exceptions: [],
    });
    const keys = expandOccurrences(series.booking.recurrence!, series.booking.start, {
      from: window.start,
      to: window.end,
    }).map((start) => toUtcIso(toInstant(start)));
    expect(occurrences.map((event) => event.originalStart).sort()).toEqual(keys);
    expect(occurrences.map((event) => event.booking.start.dateTime).sort()).toEqual([
      '2030-03-04T00:00:00',
      '2030-03-11T00:00:00',
      '2030-03-18T00:00:00',
      '2030-03-25T00:00:00',
      '2030-04-01T00:00:00',
    ]);
  });
});

describe('a private meeting in a room with RemovePrivateProperty $false', () => {
  const KEEPS_PRIVATE: Mailbox = { address: 'room-brussels-private@contoso.com', timeZone: 'Europe/Brussels' };

  test('reaches the booking as "Private meeting" without participants, the organizer kept', async () => {
    const { control } = env.emulator;
    control.seed({
      rooms: [
        {
          email: KEEPS_PRIVATE.address,
          displayName: 'Brussels Private',
          timeZone: 'Europe/Brussels',
          bookingSettings: { removePrivateProperty: false },
        },
      ],
    });
    control.actAsUser('adele.vance@contoso.com', {
      action: 'create',
      meeting: {
        subject: 'Reorganisation',
        start: brussels('2030-03-05T14:00:00'),
        end: brussels('2030-03-05T15:00:00'),
        attendees: ['alex.wilber@contoso.com'],
        rooms: [KEEPS_PRIVATE.address],
        sensitivity: 'private',
      },
    });
    await control.idle();
    const round = await graph.readDeltaRound(KEEPS_PRIVATE, { window });
    expect(round.events).toHaveLength(1);
    const [copy] = round.events;
    expect(copy!.isPrivate).toBe(true);
    expect(copy!.isSubjectRewritten).toBe(false);
    expect(copy!.booking).toMatchObject({
      subject: 'Private meeting',
      organizer: { email: 'adele.vance@contoso.com' },
      participants: [],
      rooms: [KEEPS_PRIVATE.address],
    });
  });
});
