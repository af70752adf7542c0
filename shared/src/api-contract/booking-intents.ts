import { z } from 'zod';
import { InstantSchema, RecurrenceRuleSchema, TimeZoneNameSchema } from './primitives.js';
import { LineInputSchema, MeetingLineSchema } from './reservations.js';

export const AlternativeRoomSchema = z.object({
  occurrenceStart: InstantSchema.describe('The occurrence (its original start) booked in another room'),
  roomId: z.string().min(1).max(200),
});
export type AlternativeRoom = z.infer<typeof AlternativeRoomSchema>;

/**
 * A room picked in the compose pane, held tentatively in Workplace until Exchange delivers the meeting.
 * The organizer is the signed-in user (from the token), never a field.
 */
export const BookingIntentRequestSchema = z.object({
  clientRequestId: z.uuid().describe('Chosen by the pane per pick; a retry with the same id holds nothing twice'),
  subject: z.string().max(255).default(''),
  start: InstantSchema.describe('Start of the meeting (of its first occurrence)'),
  end: InstantSchema,
  timeZone: TimeZoneNameSchema,
  recurrence: RecurrenceRuleSchema.nullable().default(null),
  roomId: z.string().min(1).max(200),
  lines: z.array(LineInputSchema).max(50).default([]),
  alternatives: z
    .array(AlternativeRoomSchema)
    .max(100)
    .default([])
    .describe('Occurrences of a series booked in another room because the chosen one is taken then'),
});
export type BookingIntentRequest = z.output<typeof BookingIntentRequestSchema>;
export type BookingIntentRequestInput = z.input<typeof BookingIntentRequestSchema>;

export const HoldSchema = z.object({
  intentId: z.string(),
  reservationId: z.string(),
  roomId: z.string(),
  mailbox: z.string(),
  occurrenceStarts: z
    .array(InstantSchema)
    .nullable()
    .describe('null: the meeting (for a series, every occurrence not held elsewhere); else these occurrences'),
  lines: z.array(MeetingLineSchema),
});
export type Hold = z.infer<typeof HoldSchema>;

export const BookingIntentSchema = z.object({
  intentId: z.string().describe('The hold of the chosen room (each hold has its own intentId to release it)'),
  expiresAt: InstantSchema.describe('When the holds are released if the meeting has not arrived from Exchange'),
  holds: z.array(HoldSchema).describe('The chosen room first, then one per alternative room'),
});
export type BookingIntent = z.infer<typeof BookingIntentSchema>;

export const BookingIntentParamsSchema = z.object({ intentId: z.uuid() });
