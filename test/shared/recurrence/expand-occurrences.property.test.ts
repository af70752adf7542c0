import fc from 'fast-check';
import { DateTime } from 'luxon';
import rrulePackage from 'rrule';
import { describe, expect, test } from 'vitest';
import { expandOccurrences, fromRRule, toInstant, toRRule } from '@workplace-sync/shared';
import type { RecurrenceRule, WallClockTime } from '@workplace-sync/shared';
import { arbRecurrenceRule, arbWallClockStart } from '../../support/arbitraries.js';

// rrule 2.8 is CommonJS: in Node ESM only its default export works.
const { rrulestr } = rrulePackage;

// The independent implementations, used only here:
// - rrule.js expands the RRULE text in "floating" time (UTC standing in for local time), which checks
//   our calendar arithmetic and, through toRRule, that the RRULE we write means what the rule means;
// - luxon converts local times to instants, which checks our DST handling.

const WIDE_WINDOW = { from: new Date('1990-01-01T00:00:00Z'), to: new Date('2150-01-03T00:00:00Z') };
const CUTOFF = '2150-01-01';
const MAX_OCCURRENCES = 400;

/** Occurrence local times according to rrule.js, capped like ours by the window end. */
function referenceLocalTimes(rule: RecurrenceRule, start: WallClockTime): string[] {
  // In UTC the end of the `until` day is the floating local end of day that rrule.js expects.
  const floatingRule = toRRule(rule, { dateTime: start.dateTime, timeZone: 'UTC' });
  const dtstart = start.dateTime.replace(/[-:]/g, '');
  const parsed = rrulestr(`DTSTART:${dtstart}Z\nRRULE:${floatingRule}`);
  const dates = parsed.all((date, index) => index < MAX_OCCURRENCES && date.toISOString() < CUTOFF);
  return dates.map((date) => date.toISOString().slice(0, 19));
}

/** Our occurrences up to the same cap and (roughly, since the window is in instants) the same cutoff, as local times. */
function ourLocalTimes(rule: RecurrenceRule, start: WallClockTime): string[] {
  const capped: RecurrenceRule =
    rule.end.type === 'none' ? { ...rule, end: { type: 'count', count: MAX_OCCURRENCES } } : rule;
  return expandOccurrences(capped, start, WIDE_WINDOW)
    .slice(0, MAX_OCCURRENCES)
    .map((occurrence) => occurrence.dateTime)
    .filter((dateTime) => dateTime < CUTOFF);
}

/** The instant RFC 5545 gives a local time: the earlier of two for repeated times, shifted forward for skipped ones. */
function referenceInstant(time: WallClockTime): number {
  const luxon = DateTime.fromISO(time.dateTime, { zone: time.timeZone }).toMillis();
  const readsBack = [luxon - 3_600_000, luxon, luxon + 3_600_000].filter(
    (ms) => DateTime.fromMillis(ms, { zone: time.timeZone }).toFormat("yyyy-MM-dd'T'HH:mm:ss") === time.dateTime,
  );
  return readsBack.length > 0 ? Math.min(...readsBack) : luxon;
}

// Long intervals make rrule.js walk centuries of empty periods; they add nothing to what is checked here.
const arbPracticalRule = arbRecurrenceRule.filter(
  (rule) => rule.interval <= 12 && !(rule.freq === 'daily' && rule.end.type === 'none' && rule.interval > 4),
);

describe('expandOccurrences agrees with independent implementations', () => {
  test('same local occurrence times as rrule.js for generated rules, starts and zones', () => {
    fc.assert(
      fc.property(arbPracticalRule, arbWallClockStart, (rule, start) => {
        expect(ourLocalTimes(rule, start)).toEqual(referenceLocalTimes(rule, start));
      }),
      { numRuns: 1500 },
    );
    // About 16 s alone (up to 400 occurrences per run through the Temporal polyfill); beside the
    // whole suite on two cores it can take twice that.
  }, 120_000);

  test('every occurrence maps to the instant luxon gives, across DST transitions', () => {
    fc.assert(
      fc.property(arbPracticalRule, arbWallClockStart, (rule, start) => {
        const occurrences = expandOccurrences({ ...rule, end: { type: 'count', count: 60 } }, start, WIDE_WINDOW);
        for (const occurrence of occurrences) {
          expect(toInstant(occurrence).getTime()).toBe(referenceInstant(occurrence));
        }
      }),
      { numRuns: 500 },
    );
  });

  test('a window returns exactly the occurrences whose instants fall inside it', () => {
    const arbWindow = fc
      .record({ offsetDays: fc.integer({ min: -30, max: 800 }), lengthDays: fc.integer({ min: 0, max: 120 }) })
      .map(({ offsetDays, lengthDays }) => ({ offsetDays, lengthDays }));
    fc.assert(
      fc.property(arbPracticalRule, arbWallClockStart, arbWindow, (rule, start, { offsetDays, lengthDays }) => {
        const bounded: RecurrenceRule =
          rule.end.type === 'none' ? { ...rule, end: { type: 'count', count: 300 } } : rule;
        const startMs = toInstant(start).getTime();
        const window = {
          from: new Date(startMs + offsetDays * 86_400_000),
          to: new Date(startMs + (offsetDays + lengthDays) * 86_400_000),
        };
        const all = expandOccurrences(bounded, start, WIDE_WINDOW);
        const expected = all.filter((o) => {
          const ms = toInstant(o).getTime();
          return ms >= window.from.getTime() && ms < window.to.getTime();
        });
        expect(expandOccurrences(bounded, start, window)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  test('RRULE text round-trips: fromRRule(toRRule(rule)) is the same rule', () => {
    fc.assert(
      fc.property(arbRecurrenceRule, arbWallClockStart, (rule, start) => {
        expect(fromRRule(toRRule(rule, start), start)).toEqual(rule);
      }),
      { numRuns: 2000 },
    );
  });
});
