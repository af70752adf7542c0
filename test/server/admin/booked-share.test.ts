import { describe, expect, test } from 'vitest';
import { bookedShare, openIntervals, unionOf } from '../../../server/src/admin/booked-share.js';

// Opening hours laid out on the days of a range, in the building's zone, and busy time measured inside them.

const ms = (iso: string) => Date.parse(iso);
const range = (from: string, to: string) => ({ start: ms(from), end: ms(to) });
const ALL_WEEK = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

describe('openIntervals', () => {
  test('"00:00–24:00" on the day Brussels moves its clocks forward is 23 hours long', () => {
    const open = openIntervals(
      { openingHours: [{ days: ALL_WEEK, from: '00:00', to: '24:00' }] },
      range('2030-03-30T23:00:00Z', '2030-03-31T22:00:00Z'),
      'Europe/Brussels',
    );
    expect(open).toEqual([range('2030-03-30T23:00:00Z', '2030-03-31T22:00:00Z')]);
  });

  test('a split day (a lunch break) and hours cut by the range', () => {
    const open = openIntervals(
      {
        openingHours: [
          { days: ['MO'], from: '08:00', to: '12:00' },
          { days: ['MO'], from: '13:00', to: '18:00' },
        ],
      },
      range('2030-03-04T10:00:00Z', '2030-03-05T10:00:00Z'),
      'UTC',
    );
    expect(open).toEqual([
      range('2030-03-04T10:00:00Z', '2030-03-04T12:00:00Z'),
      range('2030-03-04T13:00:00Z', '2030-03-04T18:00:00Z'),
    ]);
  });
});

test('unionOf joins overlapping and touching bookings', () => {
  expect(
    unionOf([
      range('2030-01-01T10:00:00Z', '2030-01-01T11:00:00Z'),
      range('2030-01-01T09:00:00Z', '2030-01-01T10:00:00Z'),
      range('2030-01-01T12:00:00Z', '2030-01-01T12:00:00Z'),
    ]),
  ).toEqual([range('2030-01-01T09:00:00Z', '2030-01-01T11:00:00Z')]);
});

test('bookedShare: a booking across the lunch break counts only its open part', () => {
  expect(
    bookedShare({
      regime: {
        openingHours: [
          { days: ['MO'], from: '08:00', to: '12:00' },
          { days: ['MO'], from: '13:00', to: '18:00' },
        ],
      },
      timeZone: 'UTC',
      busy: [range('2030-03-04T11:00:00Z', '2030-03-04T14:00:00Z')],
      range: range('2030-03-04T00:00:00Z', '2030-03-05T00:00:00Z'),
    }),
  ).toEqual({ openingHours: 'regime', openHours: 9, bookedHours: 2, share: 0.222 });
});
