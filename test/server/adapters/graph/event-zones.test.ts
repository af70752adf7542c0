import { describe, expect, test } from 'vitest';
import { fromGraphEvent } from '../../../../server/src/adapters/graph/mapping/from-graph-event.js';
import type { ZoneFallback } from '../../../../server/src/adapters/graph/mapping/graph-time.js';
import type { GraphRoomEvent } from '../../../../server/src/adapters/graph/index.js';
import { GraphEvent } from '../../../../server/src/adapters/graph/schemas/graph-event.js';
import { at, BRUSSELS_ROOM, roomCopy, roomInstance, roomSeriesMaster } from './support/graph-room-events.js';
import type { Json } from './support/graph-room-events.js';

// Zone names as Graph returns them for a room mailbox: Windows ids, IANA names, UTC in its spellings,
// Windows display names, and the custom-zone markers (which, like a name that is no zone, read as the
// room's own zone and are reported in `zoneFallbacks`).

const map = (raw: Json): GraphRoomEvent => fromGraphEvent(GraphEvent.parse(raw), BRUSSELS_ROOM);
const fallback = (graphZone: string, reason: ZoneFallback['reason'], fields: string[]): ZoneFallback => ({
  graphZone,
  reason,
  timeZone: 'Europe/Brussels',
  fields,
});

const startEnd = ['start.timeZone', 'end.timeZone'];
const cases: Array<[string, string, ZoneFallback[]]> = [
  ['Romance Standard Time', 'Europe/Brussels', []],
  ['W. Europe Standard Time', 'Europe/Berlin', []],
  ['Eastern Standard Time', 'America/New_York', []],
  ['Europe/Brussels', 'Europe/Brussels', []],
  ['tzone://Microsoft/Utc', 'UTC', []],
  ['UTC', 'UTC', []],
  ['Coordinated Universal Time', 'UTC', []],
  ['(UTC) Coordinated Universal Time', 'UTC', []],
  ['(UTC+01:00) Brussels, Copenhagen, Madrid, Paris', 'Europe/Brussels', []],
  ['(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna', 'Europe/Berlin', []],
  ['(UTC-05:00) Eastern Time (US & Canada)', 'America/New_York', []],
  ['tzone://Microsoft/Custom', 'Europe/Brussels', [fallback('tzone://Microsoft/Custom', 'custom-zone', startEnd)]],
  ['Customized Time Zone', 'Europe/Brussels', [fallback('Customized Time Zone', 'custom-zone', startEnd)]],
  ['Customized Time Zone 1', 'Europe/Brussels', [fallback('Customized Time Zone 1', 'custom-zone', startEnd)]],
  ['Mars Standard Time', 'Europe/Brussels', [fallback('Mars Standard Time', 'unknown-zone', startEnd)]],
  ['(UTC+01:00) Atlantis', 'Europe/Brussels', [fallback('(UTC+01:00) Atlantis', 'unknown-zone', startEnd)]],
];

describe('start/end.timeZone', () => {
  test.each(cases)('%s → %s', (graphZone, timeZone, fallbacks) => {
    const event = map(
      roomCopy({ start: at('2030-03-04T15:00:00', graphZone), end: at('2030-03-04T16:00:00', graphZone) }),
    );
    expect(event.booking.start).toEqual({ dateTime: '2030-03-04T15:00:00', timeZone });
    expect(event.booking.end).toEqual({ dateTime: '2030-03-04T16:00:00', timeZone });
    expect(event.zoneFallbacks).toEqual(fallbacks);
  });

  test('a custom originalStartTimeZone that the timed event does not need is not reported', () => {
    const event = map(
      roomCopy({ originalStartTimeZone: 'Customized Time Zone', originalEndTimeZone: 'Customized Time Zone' }),
    );
    expect(event.zoneFallbacks).toEqual([]);
  });
});

describe('recurrence.range.recurrenceTimeZone', () => {
  // The master renders in the room's zone (Monday 15:00 in Brussels = 14:00 UTC = 09:00 in New York,
  // before either side's DST change); the series is anchored in its recurrence's zone.
  const seriesCases: Array<[string, { dateTime: string; timeZone: string }, ZoneFallback[]]> = [
    ['Eastern Standard Time', { dateTime: '2030-03-04T09:00:00', timeZone: 'America/New_York' }, []],
    ['(UTC-05:00) Eastern Time (US & Canada)', { dateTime: '2030-03-04T09:00:00', timeZone: 'America/New_York' }, []],
    ['America/New_York', { dateTime: '2030-03-04T09:00:00', timeZone: 'America/New_York' }, []],
    ['tzone://Microsoft/Utc', { dateTime: '2030-03-04T14:00:00', timeZone: 'UTC' }, []],
    ['Romance Standard Time', { dateTime: '2030-03-04T15:00:00', timeZone: 'Europe/Brussels' }, []],
    [
      'Customized Time Zone 1',
      { dateTime: '2030-03-04T15:00:00', timeZone: 'Europe/Brussels' },
      [fallback('Customized Time Zone 1', 'custom-zone', ['recurrence.range.recurrenceTimeZone'])],
    ],
    [
      'tzone://Microsoft/Custom',
      { dateTime: '2030-03-04T15:00:00', timeZone: 'Europe/Brussels' },
      [fallback('tzone://Microsoft/Custom', 'custom-zone', ['recurrence.range.recurrenceTimeZone'])],
    ],
  ];
  test.each(seriesCases)('%s', (recurrenceTimeZone, start, fallbacks) => {
    const event = map(roomSeriesMaster({}, { recurrenceTimeZone }));
    expect(event.booking.start).toEqual(start);
    expect(event.booking.recurrence).toMatchObject({ freq: 'weekly', byDay: ['MO'] });
    expect(event.zoneFallbacks).toEqual(fallbacks);
  });

  test('without recurrenceTimeZone the organizer zone anchors the series, and a custom one is reported', () => {
    const event = map(
      roomSeriesMaster({ originalStartTimeZone: 'Customized Time Zone' }, { recurrenceTimeZone: null }),
    );
    expect(event.booking.start).toEqual({ dateTime: '2030-03-04T15:00:00', timeZone: 'Europe/Brussels' });
    expect(event.zoneFallbacks).toEqual([fallback('Customized Time Zone', 'custom-zone', ['originalStartTimeZone'])]);
  });

  test("an exception in a custom zone is read in the room's zone, noted with the instance it came from", () => {
    const exception = roomInstance('AAMkAGEx1=', 'exception', {
      originalStart: '2030-03-11T14:00:00Z',
      start: at('2030-03-11T16:00:00', 'Customized Time Zone'),
      end: at('2030-03-11T17:00:00', 'Customized Time Zone'),
    });
    const event = map(roomSeriesMaster({ exceptionOccurrences: [exception] }));
    expect(event.booking.exceptions).toEqual([
      {
        originalStart: '2030-03-11T14:00:00.000Z',
        kind: 'modified',
        start: { dateTime: '2030-03-11T16:00:00', timeZone: 'Europe/Brussels' },
        end: { dateTime: '2030-03-11T17:00:00', timeZone: 'Europe/Brussels' },
      },
    ]);
    expect(event.zoneFallbacks).toEqual([
      fallback('Customized Time Zone', 'custom-zone', [
        'instances[AAMkAGEx1=].start.timeZone',
        'instances[AAMkAGEx1=].end.timeZone',
      ]),
    ]);
  });
});
