import { z } from 'zod';
import { Id, Instant, TimeZone } from './primitives.js';
import { Regime } from './locations.js';
import { LineStatus } from './reservations.js';

export const AvailabilityQuery = z.object({
  areaIds: z
    .string()
    .regex(/^[^,]+(,[^,]+)*$/, 'expected a comma-separated list of area ids')
    .meta({ description: 'Comma-separated area ids (at most 50).' }),
  from: Instant,
  to: Instant.meta({ description: 'At most 62 days after `from`.' }),
});

export const BusyInterval = z.object({
  start: Instant,
  end: Instant,
  reservationId: Id,
  status: LineStatus,
  occurrenceStart: Instant.nullable().meta({
    description: 'Original start of the occurrence for a series; null otherwise.',
  }),
});

export const AreaAvailability = z.object({
  areaId: Id,
  timeZone: TimeZone,
  rules: z.object({
    reservable: z.boolean(),
    approvalRequired: z.boolean(),
    cateringAllowed: z.boolean(),
    bookingWindowDays: z.number().int(),
    bookableUntil: Instant.meta({ description: 'Now plus the booking window.' }),
    regime: Regime.nullable(),
  }),
  busy: z.array(BusyInterval),
});

export const Availability = z.object({ areas: z.array(AreaAvailability) });
export type Availability = z.infer<typeof Availability>;
