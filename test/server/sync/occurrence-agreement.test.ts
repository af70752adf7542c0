import { describe, expect, test } from 'vitest';
import type { Booking } from '@workplace-sync/shared';
import {
  meetingOfExternalRef,
  needsOwnReservation,
  occurrencesInDispute,
  ownReservationRef,
} from '../../../server/src/sync/occurrence-agreement.js';
import { aBooking } from '../../support/builders.js';

// A weekly series of three Tuesdays (2026-03-03, 10, 17 at 09:00 Brussels = 08:00Z).
const series = (exceptions: Booking['exceptions'] = []) =>
  aBooking({
    recurrence: {
      freq: 'weekly',
      interval: 1,
      byDay: ['TU'],
      weekStart: 'MO',
      end: { type: 'count', count: 3 },
    } as const,
    exceptions,
  });
const SECOND = '2026-03-10T08:00:00.000Z';
const cancelled = { kind: 'cancelled', originalStart: SECOND } as const;
const moved = {
  kind: 'modified',
  originalStart: SECOND,
  start: { dateTime: '2026-03-10T09:30:00', timeZone: 'Europe/Brussels' },
  end: { dateTime: '2026-03-10T10:30:00', timeZone: 'Europe/Brussels' },
} as const;

describe('occurrencesInDispute', () => {
  test('names an occurrence one side holds and the other not, or holds at another time', () => {
    expect(occurrencesInDispute(series([cancelled]), series())).toEqual([SECOND]);
    expect(occurrencesInDispute(series([moved]), series())).toEqual([SECOND]);
    expect(occurrencesInDispute(series([cancelled]), series([moved]))).toEqual([SECOND]);
  });

  test('is empty when they agree, for single meetings, and for another series', () => {
    expect(occurrencesInDispute(series([moved]), series([{ ...moved }]))).toEqual([]);
    expect(occurrencesInDispute(aBooking(), aBooking({ subject: 'Other' }))).toEqual([]);
    const later = { ...series([cancelled]), start: { dateTime: '2026-03-03T11:00:00', timeZone: 'Europe/Brussels' } };
    expect(occurrencesInDispute(later, series())).toEqual([]);
  });
});

describe('needsOwnReservation', () => {
  test('a room that declined a moved occurrence the other room accepted leaves the shared reservation', () => {
    // This room lacks the second Tuesday; the reservation has it moved, as the other room's copy does.
    expect(needsOwnReservation(series([cancelled]), series([moved]), [series([moved])])).toBe(true);
    // The other way round: the room that accepted the move, after the declining room wrote its copy.
    expect(needsOwnReservation(series([moved]), series([cancelled]), [series([cancelled])])).toBe(true);
  });

  test('the first room to tell of an occurrence the organizer cancelled or moved writes it for all', () => {
    expect(needsOwnReservation(series([cancelled]), series(), [series([cancelled])])).toBe(false);
    expect(needsOwnReservation(series([moved]), series(), [series([moved])])).toBe(false);
  });

  test('nothing in dispute, no other room, or another series in the other room: no move', () => {
    expect(needsOwnReservation(series(), series(), [series([cancelled])])).toBe(false);
    expect(needsOwnReservation(series([cancelled]), series(), [])).toBe(false);
    expect(needsOwnReservation(series([cancelled]), series(), [aBooking()])).toBe(false);
  });
});

test("a room's own reservation has its own externalRef, which still names the meeting", () => {
  const ref = ownReservationRef('040000008200E00074C5B7101A82E008', 'Room-Brussels-1.01@contoso.com');
  expect(ref).not.toBe('040000008200E00074C5B7101A82E008');
  expect(meetingOfExternalRef(ref)).toBe('040000008200E00074C5B7101A82E008');
  expect(meetingOfExternalRef('040000008200E00074C5B7101A82E008')).toBe('040000008200E00074C5B7101A82E008');
});
