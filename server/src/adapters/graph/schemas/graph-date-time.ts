import { z } from 'zod';

/**
 * `microsoft.graph.dateTimeTimeZone`: a local date-time without offset (`2019-04-16T20:30:00.0000000`,
 * seven fraction digits in responses) and a Windows or IANA zone name, or one of the custom-zone names.
 * Beta doc samples print `DateTime`/`TimeZone` in PascalCase; reading either spelling costs nothing
 * and cannot misread a value.
 */
export const GraphDateTimeTimeZone = z.preprocess(
  (input) => {
    if (input === null || typeof input !== 'object') return input;
    const record = input as Record<string, unknown>;
    return { dateTime: record.dateTime ?? record.DateTime, timeZone: record.timeZone ?? record.TimeZone };
  },
  z.object({ dateTime: z.string(), timeZone: z.string() }),
);
export type GraphDateTimeTimeZone = z.infer<typeof GraphDateTimeTimeZone>;

/** `Edm.DateTimeOffset` as Graph writes it: ISO 8601 with up to seven fraction digits and `Z` or an offset. */
export const GraphDateTimeOffset = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, 'not an ISO date-time with offset');
