import { z } from 'zod';
import { WEEKDAYS } from '@workplace-sync/shared';

export const Id = z.string().min(1).max(64).meta({ description: 'Opaque identifier.' });

export const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, 'expected a local date-time YYYY-MM-DDTHH:mm:ss without offset')
  .meta({ description: 'Local date-time without offset, read in the reservation time zone.' });

export const Instant = z.iso
  .datetime({ offset: true })
  .meta({ description: 'An instant, ISO 8601 with offset; responses always use UTC (Z).' });

export const TimeZone = z.string().min(1).max(64).meta({ description: 'IANA time zone, e.g. Europe/Brussels.' });

export const Email = z.email();

export const Weekday = z.enum(WEEKDAYS);

export const TimeOfDay = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:mm')
  .meta({ description: "Local time of day HH:mm; '24:00' is the end of the day." });

export const Source = z.enum(['outlook', 'app', 'kiosk', 'display', 'web', 'api']).meta({
  description: 'The touchpoint a reservation was made from.',
});
export type Source = z.infer<typeof Source>;

export const Person = z.object({ email: Email, name: z.string().max(255).optional() });

/** A page of a list endpoint: pass `nextCursor` back as `cursor` until it is null. */
export const pageOf = <Item extends z.ZodType>(item: Item) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(200).optional().meta({ description: 'Page size, 1–200 (default 50).' }),
  cursor: z.string().min(1).max(512).optional().meta({ description: 'The nextCursor of the previous page.' }),
};
