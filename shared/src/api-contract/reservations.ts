import { z } from 'zod';
import { EmailSchema, InstantSchema, PersonSchema, RecurrenceRuleSchema, queryList } from './primitives.js';

/** Equipment and catering the organizer adds to a meeting; the room line comes from the room itself. */
export const LineInputSchema = z.object({
  kind: z.enum(['equipment', 'catering']),
  objectId: z.string().min(1).max(200).describe('A Workplace asset (equipment) or catalog item (catering)'),
  quantity: z.int().min(1).max(10_000).optional(),
});
export type LineInput = z.infer<typeof LineInputSchema>;

export const LINE_STATUSES = ['confirmed', 'pending-approval', 'tentative', 'declined', 'cancelled'] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

export const AttendanceSchema = z
  .object({
    occurrenceStart: InstantSchema,
    state: z
      .enum(['checked-in', 'no-show', 'ended-early'])
      .describe(
        'checked-in: someone checked in at the room; no-show: nobody checked in in time and Workplace released ' +
          'the room; ended-early: the meeting was ended before its end and the room released',
      ),
    at: InstantSchema.describe('When they checked in, or when the room was released'),
  })
  .describe(
    'What a room knows of the occurrence running now (check-in at its display, its release); null when nothing',
  );
export type Attendance = z.infer<typeof AttendanceSchema>;

export const MeetingLineSchema = z.object({
  id: z.string(),
  kind: z.enum(['room', 'equipment', 'catering']),
  objectId: z.string(),
  name: z.string().describe('The room, asset or catalog item name'),
  quantity: z.int().optional(),
  status: z.enum(LINE_STATUSES),
  attendance: AttendanceSchema.nullable()
    .optional()
    .describe(
      "A room line's own check-in or release of the occurrence running now: each room of a meeting is checked " +
        'in and released on its own (nobody at one room frees that room only)',
    ),
});
export type MeetingLine = z.infer<typeof MeetingLineSchema>;

export const SYNC_STATES = [
  'held',
  'in-sync',
  'waiting-for-exchange',
  'released',
  'declined',
  'not-linked',
  'cancelled',
] as const;
export type SyncState = (typeof SYNC_STATES)[number];

export const SyncStatusSchema = z.object({
  state: z
    .enum(SYNC_STATES)
    .describe(
      'held: a hold from the add-in, waiting for the meeting to arrive from Exchange; in-sync: linked to the ' +
        'Exchange meeting; waiting-for-exchange: in Workplace, not yet in Exchange; released: the hold ended ' +
        'without a meeting; declined: Exchange declined the meeting for the held room, and the hold was ' +
        'released (the organizer must choose another room); not-linked: its rooms are not linked to Exchange; cancelled',
    ),
  holdExpiresAt: InstantSchema.nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const MeetingReservationSchema = z.object({
  id: z.string(),
  version: z.int().positive().describe('Send it back when editing lines (optimistic concurrency)'),
  subject: z.string(),
  start: InstantSchema.describe('Start of the (first) occurrence'),
  end: InstantSchema,
  timeZone: z.string().describe('The building’s zone'),
  recurrence: RecurrenceRuleSchema.nullable().describe('Anchored at `start` in `timeZone`'),
  status: z.enum(['confirmed', 'pending-approval', 'tentative', 'cancelled']),
  organizer: PersonSchema.nullable().describe(
    'Null, like the recurrence and every line but the rooms, when the caller is neither organizer nor attendee',
  ),
  isOrganizer: z.boolean().describe('Whether the caller is the responsible person (may edit lines)'),
  occurrenceStarts: z
    .array(InstantSchema)
    .nullable()
    .describe('For a reservation that holds only some occurrences of a series (an alternative room); else null'),
  lines: z.array(MeetingLineSchema),
  sync: SyncStatusSchema,
  attendance: AttendanceSchema.nullable()
    .optional()
    .describe("The reservation's only room's attendance; null when it has several rooms (see each room line's)"),
});
export type MeetingReservation = z.infer<typeof MeetingReservationSchema>;

/** Either the reservation id (known to the organizer's pane) or the meeting's organizer, start and rooms. */
export const ForMeetingQuerySchema = z
  .object({
    reservationId: z.string().min(1).max(200).optional(),
    organizer: EmailSchema.optional(),
    start: InstantSchema.optional(),
    rooms: queryList(EmailSchema, 20).optional().describe('Comma-separated room mailboxes of the meeting'),
  })
  .refine((query) => query.reservationId !== undefined || (query.organizer && query.start && query.rooms), {
    message: 'give reservationId, or organizer, start and rooms',
  });
export type ForMeetingQueryInput = z.input<typeof ForMeetingQuerySchema>;

export const MeetingReservationsSchema = z.object({
  reservations: z
    .array(MeetingReservationSchema)
    .describe('The meeting’s reservation first, then the ones of alternative rooms for some occurrences'),
});
export type MeetingReservations = z.infer<typeof MeetingReservationsSchema>;

export const ReservationParamsSchema = z.object({ reservationId: z.string().min(1).max(200) });

/** The equipment and catering lines the reservation should have (room lines stay as they are). */
export const LineEditsSchema = z.object({
  version: z.int().positive(),
  lines: z.array(LineInputSchema.extend({ id: z.string().min(1).max(200).optional() })).max(50),
});
export type LineEdits = z.infer<typeof LineEditsSchema>;
