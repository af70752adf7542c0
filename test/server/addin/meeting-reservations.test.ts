import { describe, expect, test } from 'vitest';
import { attendanceOf } from '../../../server/src/addin/meeting-reservations.js';
import { aWorkplaceReservation } from '../../support/builders.js';

// What the pane shows of the occurrence running now: checked in, or released (no-show, ended early).

/** Daily 10:00–11:00 in Brussels (09:00Z) from 3 March 2026. */
const series = aWorkplaceReservation({
  start: '2026-03-03T10:00:00',
  end: '2026-03-03T11:00:00',
  timeZone: 'Europe/Brussels',
  recurrence: { rrule: 'FREQ=DAILY;COUNT=3' },
  exceptions: [],
  checkIns: [{ occurrenceStart: '2026-03-03T09:00:00.000Z', checkedInAt: '2026-03-03T08:58:00.000Z' }],
  releases: [
    { occurrenceStart: '2026-03-04T09:00:00.000Z', releasedAt: '2026-03-04T09:15:00.000Z', reason: 'no-show' },
  ],
});

describe('attendanceOf', () => {
  test.each([
    [
      '2026-03-03T09:30:00Z',
      { occurrenceStart: '2026-03-03T09:00:00.000Z', state: 'checked-in', at: '2026-03-03T08:58:00.000Z' },
    ],
    [
      '2026-03-04T09:30:00Z',
      { occurrenceStart: '2026-03-04T09:00:00.000Z', state: 'no-show', at: '2026-03-04T09:15:00.000Z' },
    ],
    ['2026-03-05T09:30:00Z', null],
    ['2026-03-03T11:00:00Z', null],
  ])('at %s', (now, expected) => {
    expect(attendanceOf(series, new Date(now))).toEqual(expected);
  });
});
