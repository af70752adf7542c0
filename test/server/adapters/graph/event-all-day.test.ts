import { describe, expect, test } from 'vitest';
import { fromGraphEvent } from '../../../../server/src/adapters/graph/mapping/from-graph-event.js';
import type { FromGraphEventOptions } from '../../../../server/src/adapters/graph/mapping/from-graph-event.js';
import type { Mailbox, GraphRoomEvent } from '../../../../server/src/adapters/graph/index.js';
import { GraphEvent } from '../../../../server/src/adapters/graph/schemas/graph-event.js';
import { at, BRUSSELS_ROOM, roomCopy, roomInstance, roomSeriesMaster } from './support/graph-room-events.js';
import type { Json } from './support/graph-room-events.js';

// Graph renders an all-day event midnight to midnight on its own dates whatever zone `Prefer:
// outlook.timezone` names, UTC included (docs/emulators-graph.md [ALLDAY]). The booking keeps those
// dates in the room's zone: 00:00 of the first date to 00:00 after the last one.

const map = (raw: Json, mailbox: Mailbox = BRUSSELS_ROOM, options?: FromGraphEventOptions): GraphRoomEvent =>
  fromGraphEvent(GraphEvent.parse(raw), mailbox, options);
const brussels = (dateTime: string) => ({ dateTime, timeZone: 'Europe/Brussels' });

/** An all-day event organised in New York, as the Brussels room reads it. */
const allDay = (overrides: Json = {}): Json => ({
  isAllDay: true,
  showAs: 'free',
  originalStartTimeZone: 'Eastern Standard Time',
  originalEndTimeZone: 'Eastern Standard Time',
  start: at('2030-03-04T00:00:00'),
  end: at('2030-03-05T00:00:00'),
  ...overrides,
});

describe('single all-day events', () => {
  const cases: Array<[string, Json, { dateTime: string; timeZone: string }, { dateTime: string; timeZone: string }]> = [
    ['rendered in the room zone', allDay(), brussels('2030-03-04T00:00:00'), brussels('2030-03-05T00:00:00')],
    [
      'rendered in UTC (no Prefer header): the same dates',
      allDay({ start: at('2030-03-04T00:00:00', 'UTC'), end: at('2030-03-05T00:00:00', 'UTC') }),
      brussels('2030-03-04T00:00:00'),
      brussels('2030-03-05T00:00:00'),
    ],
    [
      'over three days',
      allDay({ end: at('2030-03-07T00:00:00') }),
      brussels('2030-03-04T00:00:00'),
      brussels('2030-03-07T00:00:00'),
    ],
    [
      'rendered shifted to UTC all the same: the dates in the zone it was written in',
      allDay({ start: at('2030-03-04T05:00:00', 'UTC'), end: at('2030-03-05T05:00:00', 'UTC') }),
      brussels('2030-03-04T00:00:00'),
      brussels('2030-03-05T00:00:00'),
    ],
  ];
  test.each(cases)('%s', (_name, raw, start, end) => {
    const event = map(roomCopy(raw));
    expect(event.isAllDay).toBe(true);
    expect(event.booking.start).toEqual(start);
    expect(event.booking.end).toEqual(end);
    expect(event.zoneFallbacks).toEqual([]);
  });

  test("a room in New York keeps a Tokyo all-day event on its date in New York's zone", () => {
    const event = map(
      roomCopy(
        allDay({
          originalStartTimeZone: 'Tokyo Standard Time',
          originalEndTimeZone: 'Tokyo Standard Time',
          start: at('2030-03-04T00:00:00', 'Eastern Standard Time'),
          end: at('2030-03-05T00:00:00', 'Eastern Standard Time'),
        }),
      ),
      { address: 'room-newyork-5.01@contoso.com', timeZone: 'America/New_York' },
    );
    expect(event.booking.start).toEqual({ dateTime: '2030-03-04T00:00:00', timeZone: 'America/New_York' });
  });
});

describe('recurring all-day events', () => {
  // Weekly on Mondays from 2030-03-04, written in New York (west of the room): re-reading the rendered
  // midnight in New York's zone would put the series on Sunday 2030-03-03, before range.startDate.
  // New York moves to summer time on 2030-03-10, Brussels on 2030-03-31.
  const exception = roomInstance(
    'AAMkAGAllDayEx=',
    'exception',
    allDay({
      // Monday 2030-03-18 was moved to Tuesday. originalStart is that Monday's midnight in New York (EDT).
      originalStart: '2030-03-18T04:00:00Z',
      start: at('2030-03-19T00:00:00'),
      end: at('2030-03-20T00:00:00'),
    }),
  );
  const master = roomSeriesMaster(allDay(), { recurrenceTimeZone: 'Eastern Standard Time' });
  const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const occurrence = (id: string, date: string, originalStart: string) =>
    roomInstance(
      id,
      'occurrence',
      allDay({ originalStart, start: at(`${date}T00:00:00`), end: at(`${nextDay(date)}T00:00:00`) }),
    );

  test("the series master: on its dates in the room's zone, exceptions keyed by their Brussels midnight", () => {
    const event = map({
      ...master,
      cancelledOccurrences: ['OID.AAMkAGMaster1=.2030-03-11', 'OID.AAMkAGMaster1=.2030-04-01'],
      exceptionOccurrences: [exception],
    });
    expect(event.isAllDay).toBe(true);
    expect(event.booking).toMatchObject({
      start: brussels('2030-03-04T00:00:00'),
      end: brussels('2030-03-05T00:00:00'),
      recurrence: { freq: 'weekly', interval: 1, byDay: ['MO'], weekStart: 'SU', end: { type: 'none' } },
      exceptions: [
        { originalStart: '2030-03-10T23:00:00.000Z', kind: 'cancelled' },
        {
          originalStart: '2030-03-17T23:00:00.000Z',
          kind: 'modified',
          start: brussels('2030-03-19T00:00:00'),
          end: brussels('2030-03-20T00:00:00'),
        },
        // After Brussels' own change to summer time.
        { originalStart: '2030-03-31T22:00:00.000Z', kind: 'cancelled' },
      ],
    });
  });

  test('read with its instances (readSeries): a cancellation is inferred on its date, none elsewhere', () => {
    const instances = [
      occurrence('AAMkAGOcc1=', '2030-03-04', '2030-03-04T05:00:00Z'),
      exception,
      occurrence('AAMkAGOcc3=', '2030-03-25', '2030-03-25T04:00:00Z'),
      occurrence('AAMkAGOcc4=', '2030-04-01', '2030-04-01T04:00:00Z'),
    ].map((instance) => GraphEvent.parse(instance));
    const event = map(master, BRUSSELS_ROOM, {
      instances: {
        instances,
        window: { from: new Date('2030-03-01T00:00:00Z'), to: new Date('2030-04-05T00:00:00Z') },
      },
    });
    expect(event.booking.exceptions).toEqual([
      { originalStart: '2030-03-10T23:00:00.000Z', kind: 'cancelled' },
      {
        originalStart: '2030-03-17T23:00:00.000Z',
        kind: 'modified',
        start: brussels('2030-03-19T00:00:00'),
        end: brussels('2030-03-20T00:00:00'),
      },
    ]);
  });

  test('an occurrence read on its own (delta) carries the same key as the series gives it', () => {
    const event = map(occurrence('AAMkAGOcc3=', '2030-03-25', '2030-03-25T04:00:00Z'));
    expect(event.kind).toBe('occurrence');
    expect(event.originalStart).toBe('2030-03-24T23:00:00.000Z');
    expect(event.booking.start).toEqual(brussels('2030-03-25T00:00:00'));
    expect(event.booking.end).toEqual(brussels('2030-03-26T00:00:00'));
  });

  test('a series written east of the room (Tokyo, read in New York) stays on its dates too', () => {
    const event = map(
      roomSeriesMaster(
        allDay({
          originalStartTimeZone: 'Tokyo Standard Time',
          start: at('2030-03-04T00:00:00', 'Eastern Standard Time'),
          end: at('2030-03-05T00:00:00', 'Eastern Standard Time'),
        }),
        { recurrenceTimeZone: 'Tokyo Standard Time' },
      ),
      { address: 'room-newyork-5.01@contoso.com', timeZone: 'America/New_York' },
    );
    expect(event.booking.start).toEqual({ dateTime: '2030-03-04T00:00:00', timeZone: 'America/New_York' });
    expect(event.booking.recurrence).toMatchObject({ byDay: ['MO'] });
  });
});
