import { describe, expect, test } from 'vitest';
import { expandOccurrences, toInstant } from '@workplace-sync/shared';
import type { RecurrenceRule, WallClockTime } from '@workplace-sync/shared';

const aRule = (overrides: Partial<RecurrenceRule>): RecurrenceRule => ({
  freq: 'weekly',
  interval: 1,
  byDay: ['MO'],
  weekStart: 'SU',
  end: { type: 'none' },
  ...overrides,
});
const at = (dateTime: string, timeZone = 'Europe/Berlin'): WallClockTime => ({ dateTime, timeZone });
const window = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });
const localTimes = (occurrences: WallClockTime[]) => occurrences.map((o) => o.dateTime);

describe('expandOccurrences', () => {
  test('a weekly 09:00 Berlin meeting stays at 09:00 local across both DST changes', () => {
    const rule = aRule({ byDay: ['TH'] });
    const occurrences = expandOccurrences(
      rule,
      at('2026-03-19T09:00:00'),
      window('2026-03-01T00:00Z', '2026-11-06T00:00Z'),
    );
    expect(occurrences.every((o) => o.dateTime.endsWith('T09:00:00') && o.timeZone === 'Europe/Berlin')).toBe(true);
    const instants = occurrences.map((o) => toInstant(o).toISOString());
    expect(instants[0]).toBe('2026-03-19T08:00:00.000Z'); // CET
    expect(instants[2]).toBe('2026-04-02T07:00:00.000Z'); // CEST
    expect(instants.at(-1)).toBe('2026-11-05T08:00:00.000Z'); // CET again
    expect(occurrences).toHaveLength(34);
  });

  test.each<[string, RecurrenceRule, WallClockTime, string[]]>([
    [
      'every 3 days, 4 times',
      aRule({ freq: 'daily', interval: 3, byDay: undefined, end: { type: 'count', count: 4 } }),
      at('2026-01-30T10:00:00'),
      ['2026-01-30T10:00:00', '2026-02-02T10:00:00', '2026-02-05T10:00:00', '2026-02-08T10:00:00'],
    ],
    [
      'every other Monday and Tuesday, weeks from Sunday, start on a Saturday',
      aRule({ interval: 2, byDay: ['MO', 'TU'], end: { type: 'count', count: 4 } }),
      at('2026-01-10T10:00:00'),
      ['2026-01-19T10:00:00', '2026-01-20T10:00:00', '2026-02-02T10:00:00', '2026-02-03T10:00:00'],
    ],
    [
      'the same with weeks from Thursday shifts the pairs',
      aRule({ interval: 2, byDay: ['MO', 'TU'], weekStart: 'TH', end: { type: 'count', count: 4 } }),
      at('2026-01-10T10:00:00'),
      ['2026-01-12T10:00:00', '2026-01-13T10:00:00', '2026-01-26T10:00:00', '2026-01-27T10:00:00'],
    ],
    [
      'monthly on the 31st falls on the last day of shorter months (Outlook)',
      aRule({ freq: 'monthly', byDay: undefined, byMonthDay: 31, end: { type: 'count', count: 4 } }),
      at('2026-01-31T10:00:00'),
      ['2026-01-31T10:00:00', '2026-02-28T10:00:00', '2026-03-31T10:00:00', '2026-04-30T10:00:00'],
    ],
    [
      'first Thursday or Friday of every other month',
      aRule({ freq: 'monthly', interval: 2, byDay: ['TH', 'FR'], bySetPos: 1, end: { type: 'count', count: 3 } }),
      at('2026-01-01T10:00:00'),
      ['2026-01-01T10:00:00', '2026-03-05T10:00:00', '2026-05-01T10:00:00'],
    ],
    [
      'last Wednesday of November',
      aRule({ freq: 'yearly', byDay: ['WE'], bySetPos: -1, byMonth: 11, end: { type: 'count', count: 3 } }),
      at('2026-01-01T10:00:00'),
      ['2026-11-25T10:00:00', '2027-11-24T10:00:00', '2028-11-29T10:00:00'],
    ],
    [
      'April 15 yearly until a date (inclusive)',
      aRule({
        freq: 'yearly',
        byDay: undefined,
        byMonthDay: 15,
        byMonth: 4,
        end: { type: 'until', until: '2028-04-15' },
      }),
      at('2026-04-15T10:00:00'),
      ['2026-04-15T10:00:00', '2027-04-15T10:00:00', '2028-04-15T10:00:00'],
    ],
    [
      'February 29 yearly falls on the 28th in common years',
      aRule({ freq: 'yearly', byDay: undefined, byMonthDay: 29, byMonth: 2, end: { type: 'count', count: 3 } }),
      at('2028-02-29T10:00:00'),
      ['2028-02-29T10:00:00', '2029-02-28T10:00:00', '2030-02-28T10:00:00'],
    ],
    [
      'a start in the spring-forward gap keeps its nominal local time',
      aRule({ freq: 'daily', byDay: undefined, end: { type: 'count', count: 3 } }),
      at('2026-03-28T02:30:00'),
      ['2026-03-28T02:30:00', '2026-03-29T02:30:00', '2026-03-30T02:30:00'],
    ],
  ])('%s', (_name, rule, start, expected) => {
    expect(localTimes(expandOccurrences(rule, start, window('2000-01-01T00:00Z', '2100-01-01T00:00Z')))).toEqual(
      expected,
    );
  });

  test('the gap occurrence resolves to the instant after the gap', () => {
    const rule = aRule({ freq: 'daily', byDay: undefined, end: { type: 'count', count: 3 } });
    const [, gap] = expandOccurrences(
      rule,
      at('2026-03-28T02:30:00'),
      window('2026-01-01T00:00Z', '2027-01-01T00:00Z'),
    );
    expect(toInstant(gap!).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  test('a window far into a series without end skips ahead and returns only what starts inside it', () => {
    const rule = aRule({ byDay: ['MO', 'WE'] });
    const occurrences = expandOccurrences(
      rule,
      at('2020-01-06T09:00:00'),
      window('2029-06-04T07:00Z', '2029-06-11T07:00Z'),
    );
    expect(localTimes(occurrences)).toEqual(['2029-06-04T09:00:00', '2029-06-06T09:00:00']);
  });

  test('COUNT is counted from the series start even when the window starts later', () => {
    const rule = aRule({ byDay: ['MO'], end: { type: 'count', count: 3 } });
    const occurrences = expandOccurrences(
      rule,
      at('2026-01-05T09:00:00'),
      window('2026-01-13T00:00Z', '2027-01-01T00:00Z'),
    );
    expect(localTimes(occurrences)).toEqual(['2026-01-19T09:00:00']);
  });

  test('with a duration, an occurrence that overlaps the window start is included', () => {
    const rule = aRule({ freq: 'daily', byDay: undefined });
    const from = '2026-01-06T08:30:00Z'; // 09:30 Berlin: inside the 09:00–10:00 occurrence
    const withoutDuration = expandOccurrences(rule, at('2026-01-05T09:00:00'), window(from, '2026-01-07T00:00Z'));
    const withDuration = expandOccurrences(rule, at('2026-01-05T09:00:00'), {
      ...window(from, '2026-01-07T00:00Z'),
      durationMs: 3_600_000,
    });
    expect(localTimes(withoutDuration)).toEqual([]);
    expect(localTimes(withDuration)).toEqual(['2026-01-06T09:00:00']);
  });

  test('an invalid rule is a typed error', () => {
    expect(() =>
      expandOccurrences(
        aRule({ byDay: [] }),
        at('2026-01-05T09:00:00'),
        window('2026-01-01T00:00Z', '2026-02-01T00:00Z'),
      ),
    ).toThrow(expect.objectContaining({ name: 'RecurrenceError', code: 'INVALID_RULE' }));
  });
});
