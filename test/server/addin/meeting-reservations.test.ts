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

describe('attendanceOf per room: each room of a meeting is checked in and released on its own', () => {
  /** 10:00–11:00 in Brussels (09:00Z) in two rooms, l-1 and l-2. */
  const twoRooms = aWorkplaceReservation({
    start: '2026-03-03T10:00:00',
    end: '2026-03-03T11:00:00',
    timeZone: 'Europe/Brussels',
    lines: [
      { id: 'l-1', type: 'area', objectId: 'a-bru-3.01', status: 'confirmed' },
      { id: 'l-2', type: 'area', objectId: 'a-bru-1.01', status: 'confirmed' },
    ],
    checkIns: [{ occurrenceStart: '2026-03-03T09:00:00.000Z', checkedInAt: '2026-03-03T08:58:00.000Z', lineId: 'l-2' }],
    releases: [
      {
        occurrenceStart: '2026-03-03T09:00:00.000Z',
        releasedAt: '2026-03-03T09:15:00.000Z',
        reason: 'no-show',
        lineId: 'l-1',
      },
    ],
  });
  const now = new Date('2026-03-03T09:30:00Z');

  test('the room nobody came to is released; the other is checked in', () => {
    expect(attendanceOf(twoRooms, now, 'l-1')).toMatchObject({ state: 'no-show', at: '2026-03-03T09:15:00.000Z' });
    expect(attendanceOf(twoRooms, now, 'l-2')).toMatchObject({ state: 'checked-in', at: '2026-03-03T08:58:00.000Z' });
    // Nothing of the whole occurrence: neither room's alone stands for it.
    expect(attendanceOf(twoRooms, now)).toBeNull();
  });

  test('a release naming no line is every room’s', () => {
    const whole = {
      ...twoRooms,
      releases: [
        {
          occurrenceStart: '2026-03-03T09:00:00.000Z',
          releasedAt: '2026-03-03T09:20:00.000Z',
          reason: 'ended-early' as const,
        },
      ],
    };
    expect(attendanceOf(whole, now, 'l-1')).toMatchObject({ state: 'ended-early' });
    expect(attendanceOf(whole, now, 'l-2')).toMatchObject({ state: 'ended-early' });
  });
});
