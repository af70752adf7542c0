import { describe, expect, test } from 'vitest';
import { TimeError, canonicalTimeZone, localTimeKind, toInstant, toWallClock, wallClock } from '@workplace-sync/shared';

describe('toInstant', () => {
  const cases: Array<[string, string, string, string]> = [
    ['a winter time in Berlin', '2026-01-15T09:00:00', 'Europe/Berlin', '2026-01-15T08:00:00.000Z'],
    ['a summer time in Berlin', '2026-07-15T09:00:00', 'Europe/Berlin', '2026-07-15T07:00:00.000Z'],
    ['Graph precision is accepted', '2017-09-04T12:00:00.0000000', 'America/Los_Angeles', '2017-09-04T19:00:00.000Z'],
    // Spring forward: 02:00–03:00 does not exist; RFC 5545 and Exchange move the time forward by the gap.
    ['02:30 on spring-forward day, Berlin', '2026-03-29T02:30:00', 'Europe/Berlin', '2026-03-29T01:30:00.000Z'],
    ['02:30 on spring-forward day, New York', '2026-03-08T02:30:00', 'America/New_York', '2026-03-08T07:30:00.000Z'],
    // Fall back: 02:00–03:00 happens twice in Berlin (01:00–02:00 in New York); the earlier offset wins.
    ['02:30 on fall-back day, Berlin', '2026-10-25T02:30:00', 'Europe/Berlin', '2026-10-25T00:30:00.000Z'],
    ['01:30 on fall-back day, New York', '2026-11-01T01:30:00', 'America/New_York', '2026-11-01T05:30:00.000Z'],
    ['a zone without DST', '2026-03-29T02:30:00', 'Asia/Kolkata', '2026-03-28T21:00:00.000Z'],
  ];
  test.each(cases)('%s', (_name, dateTime, timeZone, expected) => {
    expect(toInstant({ dateTime, timeZone }).toISOString()).toBe(expected);
  });

  test('the later offset can be chosen for a repeated time', () => {
    const time = { dateTime: '2026-10-25T02:30:00', timeZone: 'Europe/Berlin' };
    expect(toInstant(time, 'later').toISOString()).toBe('2026-10-25T01:30:00.000Z');
  });

  test("'reject' refuses skipped and repeated times with typed errors", () => {
    expect(() => toInstant({ dateTime: '2026-03-29T02:30:00', timeZone: 'Europe/Berlin' }, 'reject')).toThrow(
      expect.objectContaining({ code: 'SKIPPED_LOCAL_TIME' }),
    );
    expect(() => toInstant({ dateTime: '2026-11-01T01:30:00', timeZone: 'America/New_York' }, 'reject')).toThrow(
      expect.objectContaining({ code: 'AMBIGUOUS_LOCAL_TIME' }),
    );
  });

  test('an unknown zone is a typed error, never UTC', () => {
    expect(() => toInstant({ dateTime: '2026-01-15T09:00:00', timeZone: 'Mars/Olympus' })).toThrow(TimeError);
    expect(() => toInstant({ dateTime: '2026-01-15T09:00:00', timeZone: 'Mars/Olympus' })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_TIME_ZONE' }),
    );
  });

  test.each(['2026-01-15T09:00:00Z', '2026-01-15T09:00:00+01:00', '2026-02-30T09:00:00', '15/01/2026 09:00', ''])(
    'rejects %j as a local date-time',
    (dateTime) => {
      expect(() => toInstant({ dateTime, timeZone: 'UTC' })).toThrow(
        expect.objectContaining({ code: 'INVALID_DATE_TIME' }),
      );
    },
  );
});

describe('localTimeKind', () => {
  test.each([
    ['2026-03-29T02:30:00', 'Europe/Berlin', 'skipped'],
    ['2026-03-08T02:30:00', 'America/New_York', 'skipped'],
    ['2026-10-25T02:30:00', 'Europe/Berlin', 'ambiguous'],
    ['2026-11-01T01:30:00', 'America/New_York', 'ambiguous'],
    ['2026-03-29T03:30:00', 'Europe/Berlin', 'regular'],
    ['2026-10-25T03:00:00', 'Europe/Berlin', 'regular'],
  ])('%s in %s is %s', (dateTime, timeZone, kind) => {
    expect(localTimeKind({ dateTime, timeZone })).toBe(kind);
  });
});

describe('toWallClock', () => {
  test('reads both sides of a fall-back hour', () => {
    expect(toWallClock(new Date('2026-10-25T00:30:00Z'), 'Europe/Berlin').dateTime).toBe('2026-10-25T02:30:00');
    expect(toWallClock(new Date('2026-10-25T01:30:00Z'), 'Europe/Berlin').dateTime).toBe('2026-10-25T02:30:00');
  });

  test('round-trips every hour across a year of DST changes', () => {
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 3_600_000) {
      for (const zone of ['Europe/Berlin', 'America/New_York', 'Australia/Sydney']) {
        const local = toWallClock(ms, zone);
        const back = toInstant(local).getTime();
        // Only the second pass through a repeated hour may come back as its earlier twin.
        if (back !== ms) {
          expect(localTimeKind(local)).toBe('ambiguous');
          expect(back).toBe(ms - 3_600_000);
        }
      }
    }
  });
});

describe('wallClock', () => {
  test('normalises precision and zone spelling', () => {
    expect(wallClock('2017-09-04T12:00:00.0000000', 'europe/berlin')).toEqual({
      dateTime: '2017-09-04T12:00:00',
      timeZone: 'Europe/Berlin',
    });
    expect(wallClock('2017-09-04T12:00', 'UTC').dateTime).toBe('2017-09-04T12:00:00');
  });

  test('canonicalTimeZone rejects non-IANA names', () => {
    expect(() => canonicalTimeZone('W. Europe Standard Time')).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_TIME_ZONE' }),
    );
  });
});
