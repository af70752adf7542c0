import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import {
  AvailabilityQuerySchema,
  AvailabilityResponseSchema,
  BookingIntentRequestSchema,
  ForMeetingQuerySchema,
  LineEditsSchema,
  RecurrenceRuleSchema,
  addinApi,
  fromRRule,
  wallClock,
} from '@workplace-sync/shared';
import type { AvailabilityQueryInput, RecurrenceRule } from '@workplace-sync/shared';

describe('api-contract: what the pane sends', () => {
  test('an availability query for a weekly series parses from query-string text', () => {
    const input: AvailabilityQueryInput = {
      start: '2026-03-02T09:00:00.000Z',
      end: '2026-03-02T10:00:00.000Z',
      timeZone: 'Europe/Brussels',
      freq: 'weekly',
      interval: '1',
      byDay: 'MO,WE',
      weekStart: 'MO',
      count: '6',
      minCapacity: '4',
      equipment: 'screen, whiteboard',
      excludeReservationIds: 'r-1',
    };
    expect(AvailabilityQuerySchema.parse(input)).toEqual({
      ...input,
      interval: 1,
      byDay: ['MO', 'WE'],
      count: 6,
      minCapacity: 4,
      equipment: ['screen', 'whiteboard'],
      excludeReservationIds: ['r-1'],
    });
  });

  test.each([
    ['a weekday that is not one', { byDay: 'MO,XX' }],
    ['a capacity that is not a number', { minCapacity: 'four' }],
    ['a start without offset', { start: '2026-03-02T09:00:00' }],
    ['an interval of 0', { interval: '0' }],
  ])('refuses %s', (_name, change) => {
    const base = { start: '2026-03-02T09:00:00Z', end: '2026-03-02T10:00:00Z', timeZone: 'Europe/Brussels' };
    expect(AvailabilityQuerySchema.safeParse({ ...base, ...change }).success).toBe(false);
  });

  test('a booking intent defaults its lines, alternatives, recurrence and subject', () => {
    const parsed = BookingIntentRequestSchema.parse({
      clientRequestId: '0b6c4c8e-4d0f-4c52-9a44-1f1f2f3f4f5f',
      start: '2026-03-02T09:00:00Z',
      end: '2026-03-02T10:00:00Z',
      timeZone: 'W. Europe Standard Time',
      roomId: 'a-bru-1.01',
    });
    expect(parsed).toMatchObject({ subject: '', recurrence: null, lines: [], alternatives: [] });
  });

  test('the recurrence schema takes every rule the shared RRULE reader produces', () => {
    const start = wallClock('2026-03-02T09:00:00', 'Europe/Brussels');
    const rules: RecurrenceRule[] = [
      'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE;WKST=MO;COUNT=10',
      'FREQ=DAILY;INTERVAL=2;WKST=MO;UNTIL=20260331T225959Z',
      'FREQ=MONTHLY;INTERVAL=1;BYDAY=TH;BYSETPOS=-1;WKST=MO',
      'FREQ=YEARLY;INTERVAL=1;BYMONTH=3;BYMONTHDAY=2;WKST=MO',
    ].map((rrule) => fromRRule(rrule, start));
    for (const rule of rules) expect(RecurrenceRuleSchema.parse(rule)).toEqual(rule);
  });

  test('for-meeting needs a reservation id, or organizer, start and rooms', () => {
    expect(ForMeetingQuerySchema.safeParse({ reservationId: 'r-1' }).success).toBe(true);
    expect(
      ForMeetingQuerySchema.safeParse({
        organizer: 'ann@contoso.com',
        start: '2026-03-02T09:00:00Z',
        rooms: 'room-brussels-1.01@contoso.com',
      }).success,
    ).toBe(true);
    expect(ForMeetingQuerySchema.safeParse({ organizer: 'ann@contoso.com' }).success).toBe(false);
  });

  test('line edits carry the version they are based on', () => {
    expect(LineEditsSchema.safeParse({ lines: [] }).success).toBe(false);
    expect(
      LineEditsSchema.parse({ version: 3, lines: [{ kind: 'catering', objectId: 'ci-coffee', quantity: 8 }] }),
    ).toEqual({ version: 3, lines: [{ kind: 'catering', objectId: 'ci-coffee', quantity: 8 }] });
  });
});

describe('api-contract: what the server answers', () => {
  test('an availability answer with a reason per occurrence', () => {
    const answer = {
      timeZone: 'Europe/Brussels',
      occurrences: [{ start: '2026-03-02T08:00:00.000Z', end: '2026-03-02T09:00:00.000Z' }],
      hasMoreOccurrences: false,
      exchangeFreeBusy: 'checked',
      rooms: [
        {
          roomId: 'a-bru-1.01',
          summary: 'unavailable',
          bookableOccurrences: 0,
          reasons: [{ code: 'booked', source: 'exchange' }],
          occurrences: [{ isBookable: false, reasons: [{ code: 'booked', source: 'exchange' }] }],
        },
      ],
      notices: [],
    };
    expect(AvailabilityResponseSchema.parse(answer)).toEqual(answer);
    const unknownReason = structuredClone(answer);
    unknownReason.rooms[0]!.reasons[0]!.code = 'haunted';
    expect(AvailabilityResponseSchema.safeParse(unknownReason).success).toBe(false);
  });

  test('every operation has JSON schemas: requests as sent (input), answers as written (output)', () => {
    for (const [name, operation] of Object.entries(addinApi)) {
      const op = operation as (typeof addinApi)[keyof typeof addinApi];
      for (const schema of ['params', 'querystring', 'body'] as const) {
        const part = (op as Partial<Record<typeof schema, z.ZodType>>)[schema];
        if (part) expect(() => z.toJSONSchema(part, { io: 'input' }), `${name} ${schema}`).not.toThrow();
      }
      const answer: z.ZodType | null = op.success.body;
      if (answer) expect(() => z.toJSONSchema(answer, { io: 'output' }), name).not.toThrow();
      expect(op.url.startsWith('/api/') === op.isAuthenticated, name).toBe(true);
    }
  });
});
