import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AvailabilityQuerySchema, fromRecurrenceQuery, toQueryString, toRecurrenceQuery } from '@workplace-sync/shared';
import type { RecurrenceRule } from '@workplace-sync/shared';
import { arbRecurrenceRule } from '../../support/arbitraries.js';

// The pane writes a series' rule into GET /api/availability's query; the server reads it back after the
// contract's schema has parsed the strings. Here the whole way: rule → parameters → query string →
// schema → rule.

const meeting = { start: '2026-03-02T09:00:00Z', end: '2026-03-02T10:00:00Z', timeZone: 'Europe/Brussels' };

const throughTheWire = (rule: RecurrenceRule | null): RecurrenceRule | null => {
  const text = toQueryString({ ...meeting, ...toRecurrenceQuery(rule) });
  const parsed = AvailabilityQuerySchema.parse(Object.fromEntries(new URLSearchParams(text)));
  return fromRecurrenceQuery(parsed);
};

describe('the recurrence query codec', () => {
  test('every rule comes back as it was written (day order included)', () => {
    fc.assert(
      fc.property(arbRecurrenceRule, (rule) => {
        expect(throughTheWire(rule)).toStrictEqual(rule);
      }),
      { numRuns: 1000 },
    );
  });

  test('a single meeting has no recurrence parameters, and reads back as none', () => {
    expect(toRecurrenceQuery(null)).toEqual({});
    expect(throughTheWire(null)).toBeNull();
  });

  test('the parameters: strings, lists comma-separated, one end', () => {
    const rule: RecurrenceRule = {
      freq: 'monthly',
      interval: 2,
      byDay: ['TH', 'MO'],
      bySetPos: -1,
      weekStart: 'SU',
      end: { type: 'until', until: '2026-12-31' },
    };
    expect(toRecurrenceQuery(rule)).toEqual({
      freq: 'monthly',
      interval: '2',
      weekStart: 'SU',
      byDay: 'TH,MO',
      bySetPos: '-1',
      until: '2026-12-31',
    });
  });

  test('read with defaults where a client leaves them out: interval 1, weeks from Monday, no end', () => {
    expect(fromRecurrenceQuery({ freq: 'weekly', byDay: ['WE'] })).toEqual({
      freq: 'weekly',
      interval: 1,
      weekStart: 'MO',
      byDay: ['WE'],
      end: { type: 'none' },
    });
    // Both ends sent (the pane never does): the count wins.
    expect(fromRecurrenceQuery({ freq: 'daily', count: 3, until: '2026-12-31' })?.end).toEqual({
      type: 'count',
      count: 3,
    });
  });
});
