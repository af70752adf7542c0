import { z } from 'zod';
import { Id, Instant, LocalDateTime, PageQuery, Person, Source, TimeZone } from './primitives.js';

export const ParticipantKind = z.enum(['required', 'optional']);
export const Participant = Person.extend({ kind: ParticipantKind });

export const Recurrence = z
  .object({ rrule: z.string().min(1).max(512) })
  .meta({ description: 'RFC 5545 RRULE without DTSTART; DTSTART is `start` in `timeZone`.' });

export const CancelledOccurrence = z.object({
  originalStart: Instant.meta({ description: 'The original start of the occurrence, as a UTC instant.' }),
  status: z.literal('cancelled'),
});
export const ModifiedOccurrence = z.object({
  originalStart: Instant.meta({ description: 'The original start of the occurrence, as a UTC instant.' }),
  status: z.literal('modified'),
  start: LocalDateTime,
  end: LocalDateTime,
  subject: z.string().min(1).max(255).optional(),
});
export const OccurrenceException = z.discriminatedUnion('status', [CancelledOccurrence, ModifiedOccurrence]);
export type OccurrenceException = z.infer<typeof OccurrenceException>;

export const LineType = z.enum(['area', 'asset', 'catalogItem']);
export type LineType = z.infer<typeof LineType>;
export const LineStatus = z.enum(['confirmed', 'pending-approval', 'tentative', 'rejected', 'cancelled']);
export type LineStatus = z.infer<typeof LineStatus>;
export const ReservationStatus = z.enum(['confirmed', 'pending-approval', 'tentative', 'cancelled']);
export type ReservationStatus = z.infer<typeof ReservationStatus>;

const lineFields = {
  type: LineType,
  objectId: Id,
  quantity: z.number().int().min(1).max(10_000).optional(),
  start: LocalDateTime.optional().meta({ description: 'Own start of the line (single reservations only).' }),
  end: LocalDateTime.optional().meta({ description: 'Own end of the line (single reservations only).' }),
};

export const ReservationLine = z.object({ id: Id, ...lineFields, status: LineStatus });
export type ReservationLine = z.infer<typeof ReservationLine>;

export const CheckIn = z
  .object({
    occurrenceStart: Instant,
    checkedInAt: Instant,
    lineId: Id.optional().meta({
      description:
        'The line (room) checked in to, at its display or kiosk. Absent: the whole occurrence, every line ' +
        '(a check-in that named no line, as before lines had their own).',
    }),
  })
  .meta({ description: 'Someone checked in to one occurrence of one room (line) of the reservation.' });

export const ReleaseReason = z.enum(['no-show', 'ended-early']);
export type ReleaseReason = z.infer<typeof ReleaseReason>;
export const Release = z
  .object({
    occurrenceStart: Instant.meta({
      description: 'The original start of the occurrence (the start of a single reservation), as a UTC instant.',
    }),
    releasedAt: Instant.meta({ description: 'From when the occurrence no longer holds its objects.' }),
    reason: ReleaseReason.meta({
      description: 'no-show: nobody checked in by the end of the check-in window; ended-early: ended before its end.',
    }),
    endedAt: Instant.optional().meta({ description: 'When an occurrence ended early (equal to releasedAt).' }),
    lineId: Id.optional().meta({
      description:
        "The line (room) released: only its object is free, the occurrence's other rooms stay booked. Absent: " +
        'the whole occurrence, every line (as releases were before they named a line).',
    }),
  })
  .meta({
    description:
      'One room (line) of one occurrence, or a whole occurrence, released while it ran: the history stays ' +
      '(status and lines are unchanged), its objects are free from releasedAt on. Each room of a meeting ' +
      'is checked in and released on its own; once every room of an occurrence is released, its equipment ' +
      'and catering are free too.',
  });
export type Release = z.infer<typeof Release>;

export const Reservation = z.object({
  id: Id,
  version: z.number().int().min(1),
  subject: z.string(),
  start: LocalDateTime,
  end: LocalDateTime,
  timeZone: TimeZone,
  responsible: Person,
  requestor: Person,
  participants: z.array(Participant),
  recurrence: Recurrence.nullable(),
  exceptions: z.array(OccurrenceException),
  lines: z.array(ReservationLine),
  status: ReservationStatus,
  source: Source,
  externalRef: z.string().optional(),
  checkIns: z.array(CheckIn),
  releases: z.array(Release),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Reservation = z.infer<typeof Reservation>;

export const LineInput = z.strictObject({
  id: Id.optional().meta({ description: 'An existing line to keep; without it, lines match by type and objectId.' }),
  ...lineFields,
});
export type LineInput = z.infer<typeof LineInput>;

const writableFields = {
  subject: z.string().trim().min(1).max(255),
  start: LocalDateTime,
  end: LocalDateTime,
  timeZone: TimeZone.meta({ description: 'Must be the time zone of the buildings of the reserved areas and assets.' }),
  responsible: Person.strict(),
  requestor: Person.strict(),
  participants: z.array(Participant.strict()).max(500),
  recurrence: Recurrence.strict().nullable(),
  exceptions: z
    .array(z.discriminatedUnion('status', [CancelledOccurrence.strict(), ModifiedOccurrence.strict()]))
    .max(999),
  lines: z.array(LineInput).min(1).max(100),
  externalRef: z.string().max(512),
};

export const ReservationCreate = z.strictObject({
  subject: writableFields.subject,
  start: writableFields.start,
  end: writableFields.end,
  timeZone: writableFields.timeZone,
  responsible: writableFields.responsible,
  requestor: writableFields.requestor.optional().meta({ description: 'Defaults to the responsible person.' }),
  participants: writableFields.participants.optional(),
  recurrence: writableFields.recurrence.optional(),
  exceptions: writableFields.exceptions.optional(),
  lines: writableFields.lines,
  source: Source.optional().meta({ description: "Defaults to 'api'." }),
  externalRef: writableFields.externalRef.optional(),
  status: z.literal('tentative').optional().meta({
    description: 'Place a hold (booking intent) instead of a booking; confirm it later with PATCH status=confirmed.',
  }),
});
export type ReservationCreate = z.infer<typeof ReservationCreate>;

export const ReservationPatch = z
  .strictObject({
    subject: writableFields.subject.optional(),
    start: writableFields.start.optional(),
    end: writableFields.end.optional(),
    timeZone: writableFields.timeZone.optional(),
    responsible: writableFields.responsible.optional(),
    requestor: writableFields.requestor.optional(),
    participants: writableFields.participants.optional(),
    recurrence: writableFields.recurrence.optional(),
    exceptions: writableFields.exceptions.optional(),
    lines: writableFields.lines.optional(),
    externalRef: writableFields.externalRef.optional(),
    status: z.literal('confirmed').optional().meta({ description: 'Confirms a tentative hold.' }),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'a patch must change at least one field');
export type ReservationPatch = z.infer<typeof ReservationPatch>;

export const OccurrencePatch = z
  .strictObject({
    start: LocalDateTime.optional(),
    end: LocalDateTime.optional(),
    subject: writableFields.subject.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'a patch must change at least one field');
export type OccurrencePatch = z.infer<typeof OccurrencePatch>;

export const CancelRequest = z.strictObject({ reason: z.string().max(1000).optional() });

export const ReleaseRequest = z.strictObject({
  occurrenceStart: Instant.optional().meta({
    description: 'The original start of the occurrence to release; without it, the occurrence running now.',
  }),
  lineId: Id.optional().meta({
    description:
      "The line (room) to release; the occurrence's other rooms stay booked. Without it, the whole occurrence.",
  }),
  reason: ReleaseReason.optional().meta({ description: "Defaults to 'ended-early'." }),
  comment: z.string().max(1000).optional(),
});
export type ReleaseRequest = z.infer<typeof ReleaseRequest>;

export const ReservationQuery = z.object({
  from: Instant.optional().meta({ description: 'Only reservations with an occurrence ending after this instant.' }),
  to: Instant.optional().meta({ description: 'Only reservations with an occurrence starting before this instant.' }),
  areaId: Id.optional(),
  ...PageQuery,
});
