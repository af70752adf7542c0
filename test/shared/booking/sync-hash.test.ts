import { describe, expect, test } from 'vitest';
import { syncHash } from '@workplace-sync/shared';
import type { Booking, RecurrenceRule } from '@workplace-sync/shared';
import { aBooking } from '../../support/builders.js';

/** This file's meeting: in Berlin, with a required and an optional participant, in room 4.12. */
const inBerlin: Partial<Booking> = {
  start: { dateTime: '2026-03-03T09:00:00', timeZone: 'Europe/Berlin' },
  end: { dateTime: '2026-03-03T10:00:00', timeZone: 'Europe/Berlin' },
  participants: [
    { email: 'adele@contoso.com', name: 'Adele Vance', kind: 'required' },
    { email: 'megan@contoso.com', kind: 'optional' },
  ],
  rooms: ['room-4.12@contoso.com'],
};

const weekly: RecurrenceRule = { freq: 'weekly', interval: 1, byDay: ['TU'], weekStart: 'SU', end: { type: 'none' } };

describe('syncHash is equal for the same synced content', () => {
  const base = syncHash(aBooking(inBerlin));
  test.each<[string, Partial<Booking>]>([
    [
      'emails in another case',
      {
        organizer: { email: 'Alex@Contoso.com' },
        participants: [
          { email: 'ADELE@contoso.com', kind: 'required' },
          { email: 'Megan@Contoso.com', kind: 'optional' },
        ],
        rooms: ['Room-4.12@Contoso.com'],
      },
    ],
    [
      'participants in another order',
      {
        participants: [
          { email: 'megan@contoso.com', kind: 'optional' },
          { email: 'adele@contoso.com', kind: 'required' },
        ],
      },
    ],
    [
      'the same instants in another zone',
      {
        start: { dateTime: '2026-03-03T08:00:00', timeZone: 'UTC' },
        end: { dateTime: '2026-03-03T04:00:00', timeZone: 'America/New_York' },
      },
    ],
    [
      'Graph precision on the date-time',
      { start: { dateTime: '2026-03-03T09:00:00.0000000', timeZone: 'Europe/Berlin' } },
    ],
    ['display names that differ', { organizer: { email: 'alex@contoso.com', name: 'Alex W.' } }],
    ['a duplicated room', { rooms: ['room-4.12@contoso.com', 'ROOM-4.12@contoso.com'] }],
  ])('%s', (_name, overrides) => {
    expect(syncHash(aBooking({ ...inBerlin, ...overrides }))).toBe(base);
  });

  test('exception order and instant spelling do not matter', () => {
    const a = aBooking({
      ...inBerlin,
      recurrence: weekly,
      exceptions: [
        { originalStart: '2026-03-10T08:00:00.000Z', kind: 'cancelled' },
        { originalStart: '2026-03-17T08:00:00Z', kind: 'cancelled' },
      ],
    });
    const b = aBooking({
      ...inBerlin,
      recurrence: { ...weekly, weekStart: 'MO' },
      exceptions: [
        { originalStart: '2026-03-17T09:00:00+01:00', kind: 'cancelled' },
        { originalStart: '2026-03-10T08:00:00Z', kind: 'cancelled' },
      ],
    });
    expect(syncHash(a)).toBe(syncHash(b));
  });
});

describe('syncHash differs when a synced field differs', () => {
  const base = syncHash(aBooking(inBerlin));
  test.each<[string, Partial<Booking>]>([
    ['subject', { subject: 'Design review (moved)' }],
    ['start', { start: { dateTime: '2026-03-03T09:30:00', timeZone: 'Europe/Berlin' } }],
    ['end', { end: { dateTime: '2026-03-03T10:30:00', timeZone: 'Europe/Berlin' } }],
    ['organizer', { organizer: { email: 'megan@contoso.com' } }],
    [
      'participant kind',
      {
        participants: [
          { email: 'adele@contoso.com', kind: 'optional' },
          { email: 'megan@contoso.com', kind: 'optional' },
        ],
      },
    ],
    ['a participant removed', { participants: [{ email: 'adele@contoso.com', kind: 'required' }] }],
    ['another room', { rooms: ['room-4.12@contoso.com', 'room-2.01@contoso.com'] }],
    ['recurrence', { recurrence: weekly }],
    ['cancelled', { isCancelled: true }],
  ])('%s', (_name, overrides) => {
    expect(syncHash(aBooking({ ...inBerlin, ...overrides }))).not.toBe(base);
  });

  test('a series in another zone is another series, even with the same first instant', () => {
    const berlin = aBooking({ ...inBerlin, recurrence: weekly });
    const utc = aBooking({
      ...inBerlin,
      recurrence: weekly,
      start: { dateTime: '2026-03-03T08:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-03-03T09:00:00', timeZone: 'UTC' },
    });
    expect(syncHash(berlin)).not.toBe(syncHash(utc));
  });

  test('weekStart matters for a weekly rule with an interval above 1', () => {
    const everyOther: RecurrenceRule = { ...weekly, interval: 2, byDay: ['MO', 'TU'] };
    expect(syncHash(aBooking({ ...inBerlin, recurrence: { ...everyOther, weekStart: 'SU' } }))).not.toBe(
      syncHash(aBooking({ ...inBerlin, recurrence: { ...everyOther, weekStart: 'TH' } })),
    );
  });

  test('a modified occurrence differs from a cancelled one', () => {
    const cancelled = aBooking({
      ...inBerlin,
      recurrence: weekly,
      exceptions: [{ originalStart: '2026-03-10T08:00:00Z', kind: 'cancelled' }],
    });
    const modified = aBooking({
      ...inBerlin,
      recurrence: weekly,
      exceptions: [
        {
          originalStart: '2026-03-10T08:00:00Z',
          kind: 'modified',
          start: { dateTime: '2026-03-10T11:00:00', timeZone: 'Europe/Berlin' },
          end: { dateTime: '2026-03-10T12:00:00', timeZone: 'Europe/Berlin' },
        },
      ],
    });
    expect(syncHash(cancelled)).not.toBe(syncHash(modified));
  });
});
