import { z } from 'zod';
import { DateOnlySchema, InstantSchema, TimeZoneNameSchema, WeekdaySchema, queryInt, queryList } from './primitives.js';
import { RoomFilterSchema } from './rooms.js';

/**
 * Why a room cannot simply be booked for an occurrence. All but `needs-approval` block the booking;
 * `needs-approval` books the room pending approval.
 */
export const UNAVAILABILITY_CODES = [
  'booked',
  'outside-booking-window',
  'needs-approval',
  'not-linked-to-exchange',
  'closed',
] as const;
export type UnavailabilityCode = (typeof UNAVAILABILITY_CODES)[number];

export const isBlocking = (code: UnavailabilityCode): boolean => code !== 'needs-approval';

export const UnavailabilitySchema = z.object({
  code: z.enum(UNAVAILABILITY_CODES),
  source: z.enum(['workplace', 'exchange']).describe('Which system says so'),
  until: InstantSchema.optional().describe('outside-booking-window: the last start the room takes'),
});
export type Unavailability = z.infer<typeof UnavailabilitySchema>;

/**
 * The meeting (first occurrence's start and end, the zone it was set in, and for a series its rule in
 * flat query parameters) and the rooms to check (ids, or the room filters).
 */
export const AvailabilityQuerySchema = RoomFilterSchema.extend({
  start: InstantSchema,
  end: InstantSchema,
  timeZone: TimeZoneNameSchema.describe('The zone the meeting was set in; a series keeps its wall-clock time there'),
  freq: z.enum(['daily', 'weekly', 'monthly', 'yearly']).optional().describe('Set for a series'),
  interval: queryInt(1, 999).optional(),
  byDay: queryList(WeekdaySchema, 7).optional(),
  byMonthDay: queryInt(1, 31).optional(),
  bySetPos: queryInt(-1, 4).optional(),
  byMonth: queryInt(1, 12).optional(),
  weekStart: WeekdaySchema.optional(),
  count: queryInt(1, 999).optional(),
  until: DateOnlySchema.optional().describe('Last date of the series, in its zone'),
  roomIds: queryList(z.string().min(1).max(200), 200).optional().describe('Comma-separated; default: every room'),
  excludeReservationIds: queryList(z.string().min(1).max(200), 20)
    .optional()
    .describe('Comma-separated: the caller’s own holds, which must not count as busy'),
});
/** What the client sends: every value a string, as in a query string. */
export type AvailabilityQueryInput = z.input<typeof AvailabilityQuerySchema>;
export type AvailabilityQuery = z.output<typeof AvailabilityQuerySchema>;

export const OccurrenceSchema = z.object({ start: InstantSchema, end: InstantSchema });
export type Occurrence = z.infer<typeof OccurrenceSchema>;

export const OccurrenceAvailabilitySchema = z.object({
  isBookable: z.boolean(),
  reasons: z.array(UnavailabilitySchema),
});
export type OccurrenceAvailability = z.infer<typeof OccurrenceAvailabilitySchema>;

export const SERIES_CONFLICT_VERDICTS = ['accepted', 'declined', 'unknown'] as const;
export type SeriesConflictVerdict = (typeof SERIES_CONFLICT_VERDICTS)[number];

export const ROOM_AVAILABILITY_SUMMARIES = ['free', 'needs-approval', 'partly-free', 'unavailable'] as const;

export const RoomAvailabilitySchema = z.object({
  roomId: z.string(),
  summary: z
    .enum(ROOM_AVAILABILITY_SUMMARIES)
    .describe('free: every occurrence; needs-approval: every occurrence, pending approval; partly-free: some'),
  bookableOccurrences: z.int().nonnegative(),
  reasons: z.array(UnavailabilitySchema).describe('Every reason that applies to at least one occurrence, once'),
  occurrences: z.array(OccurrenceAvailabilitySchema).describe('In the order of the answer’s occurrences'),
  seriesConflicts: z
    .enum(SERIES_CONFLICT_VERDICTS)
    .optional()
    .describe(
      'A partly free room of a series: what Exchange does with the series (Set-CalendarProcessing): accepted ' +
        '(AllowConflicts, or MaximumConflictInstances and ConflictPercentageAllowed tolerate the taken dates: it ' +
        'declines just those, which then need another room), declined (the whole series), unknown (the room’s ' +
        'settings are not known: Graph does not expose them). Absent otherwise.',
    ),
});
export type RoomAvailability = z.infer<typeof RoomAvailabilitySchema>;

/**
 * What the organizer should know about the meeting's time while the rooms are still offered (a warning,
 * said once at the top, not a refusal): `long-meeting` for an occurrence of more than
 * LONG_MEETING_MINUTES, most often an end time set on the wrong day or half of the clock.
 */
export const MeetingNoticeSchema = z.object({
  code: z.enum(['long-meeting']),
  durationMinutes: z.int().positive().describe('How long one occurrence lasts'),
});
export type MeetingNotice = z.infer<typeof MeetingNoticeSchema>;

/** Longer than a working day: held without a word, a 12-hour meeting was most often a typo. */
export const LONG_MEETING_MINUTES = 8 * 60;

export const AvailabilityResponseSchema = z.object({
  timeZone: z.string().describe('The meeting’s zone as IANA'),
  occurrences: z.array(OccurrenceSchema),
  hasMoreOccurrences: z.boolean().describe('The series goes on beyond the occurrences checked'),
  exchangeFreeBusy: z.enum(['checked', 'unavailable']).describe('Whether Exchange free/busy could be read'),
  rooms: z.array(RoomAvailabilitySchema).describe('Free rooms first'),
  notices: z.array(MeetingNoticeSchema).describe('Warnings about the meeting’s time; the rooms are still offered'),
});
export type AvailabilityResponse = z.infer<typeof AvailabilityResponseSchema>;
