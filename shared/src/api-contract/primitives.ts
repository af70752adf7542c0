import { z } from 'zod';
import { WEEKDAYS } from '../recurrence/recurrence-rule.js';
import type { RecurrenceRule } from '../recurrence/recurrence-rule.js';

// Building blocks of the add-in API contract. Query strings arrive as text, so their numbers and lists
// are parsed here (the input type stays `string`, which is what the add-in's client writes).

export const InstantSchema = z.iso
  .datetime({ offset: true })
  .describe('An instant: ISO 8601 with an offset; answers use UTC (Z)');

export const LocalDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
  .describe('A local date-time without offset, read in the time zone beside it');

export const DateOnlySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** IANA in answers; requests may also name a Windows zone (what Outlook reports for a series). */
export const TimeZoneNameSchema = z
  .string()
  .min(1)
  .max(128)
  .describe('An IANA zone; requests may use a Windows zone name');

export const EmailSchema = z.email().max(320);

export const PersonSchema = z.object({ email: EmailSchema, name: z.string().max(256).optional() });

export const WeekdaySchema = z.enum(WEEKDAYS);

export const RecurrenceRuleSchema = z
  .object({
    freq: z.enum(['daily', 'weekly', 'monthly', 'yearly']),
    interval: z.int().min(1).max(999),
    byDay: z.array(WeekdaySchema).min(1).max(7).optional(),
    byMonthDay: z.int().min(1).max(31).optional(),
    bySetPos: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)]).optional(),
    byMonth: z.int().min(1).max(12).optional(),
    weekStart: WeekdaySchema,
    end: z.discriminatedUnion('type', [
      z.object({ type: z.literal('none') }),
      z.object({ type: z.literal('count'), count: z.int().min(1).max(999) }),
      z.object({ type: z.literal('until'), until: DateOnlySchema }),
    ]),
  })
  .describe(
    'The recurrence both Exchange and Workplace express, anchored at the meeting start in its zone',
  ) satisfies z.ZodType<RecurrenceRule>;

/** `?n=3` → 3. */
export const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d{1,6}$/, 'expected an integer')
    .transform(Number)
    .pipe(z.int().min(min).max(max));

/** `?ids=a,b` → ['a', 'b'] (blank items dropped). */
export const queryList = <Item extends z.ZodType<unknown, string>>(item: Item, max = 50) =>
  z
    .string()
    .max(4000)
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    )
    .pipe(z.array(item).max(max))
    .describe('Comma-separated');

export const ApiErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;
