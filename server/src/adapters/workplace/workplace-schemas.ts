import { z } from 'zod';

// Our own reading of Workplace's answers (DESIGN §6). Deliberately written apart from the emulator's
// schemas: the contract tests compare both against the OpenAPI document. Unknown fields are dropped.

const Person = z.object({ email: z.string().min(1), name: z.string().optional() });
const LocalDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
const Instant = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO instant');

export const WorkplaceLineSchema = z.object({
  id: z.string(),
  type: z.enum(['area', 'asset', 'catalogItem']),
  objectId: z.string(),
  quantity: z.number().int().optional(),
  start: LocalDateTime.optional(),
  end: LocalDateTime.optional(),
  status: z.enum(['confirmed', 'pending-approval', 'tentative', 'rejected', 'cancelled']),
});
export type WorkplaceLine = z.infer<typeof WorkplaceLineSchema>;

const WorkplaceException = z.discriminatedUnion('status', [
  z.object({ originalStart: Instant, status: z.literal('cancelled') }),
  z.object({
    originalStart: Instant,
    status: z.literal('modified'),
    start: LocalDateTime,
    end: LocalDateTime,
    subject: z.string().optional(),
  }),
]);
export type WorkplaceException = z.infer<typeof WorkplaceException>;

export const WorkplaceSources = ['outlook', 'app', 'kiosk', 'display', 'web', 'api'] as const;
export type WorkplaceSource = (typeof WorkplaceSources)[number];

export const WorkplaceReservationSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  subject: z.string(),
  start: LocalDateTime,
  end: LocalDateTime,
  timeZone: z.string(),
  responsible: Person,
  requestor: Person,
  participants: z.array(Person.extend({ kind: z.enum(['required', 'optional']) })),
  recurrence: z.object({ rrule: z.string() }).nullable(),
  exceptions: z.array(WorkplaceException),
  lines: z.array(WorkplaceLineSchema),
  status: z.enum(['confirmed', 'pending-approval', 'tentative', 'cancelled']),
  source: z.enum(WorkplaceSources),
  externalRef: z.string().optional(),
  /** Occurrences someone checked in to at a touchpoint: at one room (lineId), or the whole occurrence. */
  checkIns: z
    .array(z.object({ occurrenceStart: Instant, checkedInAt: Instant, lineId: z.string().optional() }))
    .optional(),
  /**
   * Occurrences released while they ran (no check-in by the end of the window, ended early): one room
   * (lineId), or without it the whole occurrence.
   */
  releases: z
    .array(
      z.object({
        occurrenceStart: Instant,
        releasedAt: Instant,
        reason: z.enum(['no-show', 'ended-early']),
        endedAt: Instant.optional(),
        lineId: z.string().optional(),
      }),
    )
    .optional(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type WorkplaceReservation = z.infer<typeof WorkplaceReservationSchema>;

const Regime = z.object({
  openingHours: z.array(z.object({ days: z.array(z.string()), from: z.string(), to: z.string() })),
});

export const WorkplaceBuildingSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string().optional(),
  timeZone: z.string(),
});
export type WorkplaceBuilding = z.infer<typeof WorkplaceBuildingSchema>;

export const WorkplaceFloorSchema = z.object({
  id: z.string(),
  buildingId: z.string(),
  name: z.string(),
  level: z.number(),
});
export type WorkplaceFloor = z.infer<typeof WorkplaceFloorSchema>;

export const WorkplaceAreaSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  buildingId: z.string(),
  floorId: z.string(),
  capacity: z.number(),
  equipment: z.array(z.string()),
  exchangeMailbox: z.string().nullable(),
  reservable: z.boolean(),
  approvalRequired: z.boolean(),
  cateringAllowed: z.boolean(),
  bookingWindowDays: z.number(),
  regime: Regime.nullable(),
});
export type WorkplaceArea = z.infer<typeof WorkplaceAreaSchema>;

export const WorkplaceAssetSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  buildingId: z.string(),
  reservable: z.boolean(),
  approvalRequired: z.boolean(),
  bookingWindowDays: z.number(),
});
export type WorkplaceAsset = z.infer<typeof WorkplaceAssetSchema>;

export const WorkplaceCatalogItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string(),
  unit: z.string(),
  regime: Regime.nullable(),
});
export type WorkplaceCatalogItem = z.infer<typeof WorkplaceCatalogItemSchema>;

export const pageSchemaOf = <Item extends z.ZodType>(item: Item) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const WorkplaceAvailabilitySchema = z.object({
  areas: z.array(
    z.object({
      areaId: z.string(),
      timeZone: z.string(),
      rules: z.object({
        reservable: z.boolean(),
        approvalRequired: z.boolean(),
        cateringAllowed: z.boolean(),
        bookingWindowDays: z.number(),
        bookableUntil: Instant,
        regime: Regime.nullable(),
      }),
      busy: z.array(
        z.object({
          start: Instant,
          end: Instant,
          reservationId: z.string(),
          status: WorkplaceLineSchema.shape.status,
          occurrenceStart: Instant.nullable(),
        }),
      ),
    }),
  ),
});
export type WorkplaceAvailability = z.infer<typeof WorkplaceAvailabilitySchema>;

export const WorkplaceChangeSchema = z.object({
  sequence: z.number().int(),
  reservationId: z.string(),
  version: z.number().int(),
  type: z.enum(['created', 'updated', 'cancelled']),
  occurredAt: Instant,
});
export type WorkplaceChange = z.infer<typeof WorkplaceChangeSchema>;

export const WorkplaceChangesPageSchema = z.object({
  changes: z.array(WorkplaceChangeSchema),
  nextCursor: z.string(),
  hasMore: z.boolean(),
});

export const WorkplaceErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z
      .object({ conflicts: z.array(z.record(z.string(), z.unknown())) })
      .partial()
      .optional(),
  }),
});

/** What we write: a new reservation (or every field of a replacement). */
export type WorkplaceReservationInput = {
  subject: string;
  start: string;
  end: string;
  timeZone: string;
  responsible: { email: string; name?: string };
  requestor?: { email: string; name?: string };
  participants: Array<{ email: string; name?: string; kind: 'required' | 'optional' }>;
  recurrence: { rrule: string } | null;
  exceptions: WorkplaceException[];
  lines: Array<{
    id?: string;
    type: WorkplaceLine['type'];
    objectId: string;
    quantity?: number;
    start?: string;
    end?: string;
  }>;
  source?: WorkplaceSource;
  externalRef?: string;
  status?: 'tentative';
};

export type WorkplaceReservationPatch = Partial<Omit<WorkplaceReservationInput, 'source' | 'status'>> & {
  status?: 'confirmed';
};

export type WorkplaceOccurrencePatch = { start?: string; end?: string; subject?: string };
