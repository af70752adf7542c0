import type { RecurrenceRule, SetPosition } from '../recurrence/recurrence-rule.js';
import type { AvailabilityQuery, AvailabilityQueryInput } from './availability.js';

// Both directions of a series' rule in GET /api/availability's query: the pane writes it, the server reads
// it back (after AvailabilityQuerySchema has turned the strings into numbers and lists). Types only from
// the schema's module, so the pane's bundle takes this file without zod.

type RecurrenceParameter =
  'freq' | 'interval' | 'byDay' | 'byMonthDay' | 'bySetPos' | 'byMonth' | 'weekStart' | 'count' | 'until';

/** The rule's query parameters as the client sends them: every value a string. */
export type RecurrenceQueryInput = Pick<AvailabilityQueryInput, RecurrenceParameter>;
/** The same parameters as AvailabilityQuerySchema parses them. */
export type RecurrenceQuery = Pick<AvailabilityQuery, RecurrenceParameter>;

/** A series' rule flattened into query parameters; none for a single meeting. */
export function toRecurrenceQuery(rule: RecurrenceRule | null): RecurrenceQueryInput {
  if (!rule) return {};
  const query: RecurrenceQueryInput = { freq: rule.freq, interval: String(rule.interval), weekStart: rule.weekStart };
  if (rule.byDay?.length) query.byDay = rule.byDay.join(',');
  if (rule.byMonthDay !== undefined) query.byMonthDay = String(rule.byMonthDay);
  if (rule.bySetPos !== undefined) query.bySetPos = String(rule.bySetPos);
  if (rule.byMonth !== undefined) query.byMonth = String(rule.byMonth);
  if (rule.end.type === 'count') query.count = String(rule.end.count);
  if (rule.end.type === 'until') query.until = rule.end.until;
  return query;
}

/** The rule of the parsed parameters, or null without `freq` (a single meeting). */
export function fromRecurrenceQuery(query: RecurrenceQuery): RecurrenceRule | null {
  if (!query.freq) return null;
  const end: RecurrenceRule['end'] =
    query.count !== undefined
      ? { type: 'count', count: query.count }
      : query.until !== undefined
        ? { type: 'until', until: query.until }
        : { type: 'none' };
  return {
    freq: query.freq,
    interval: query.interval ?? 1,
    weekStart: query.weekStart ?? 'MO',
    ...(query.byDay ? { byDay: query.byDay } : {}),
    ...(query.byMonthDay !== undefined ? { byMonthDay: query.byMonthDay } : {}),
    // The schema allows 0 here; the rule's own validation refuses it with its message.
    ...(query.bySetPos !== undefined ? { bySetPos: query.bySetPos as SetPosition } : {}),
    ...(query.byMonth !== undefined ? { byMonth: query.byMonth } : {}),
    end,
  };
}
