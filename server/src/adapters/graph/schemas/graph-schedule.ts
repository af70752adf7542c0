import { z } from 'zod';
import { GraphDateTimeTimeZone } from './graph-date-time.js';

// `microsoft.graph.scheduleInformation` and its parts (v1.0 CSDL).

export const GraphScheduleItem = z.object({
  // freeBusyStatus: free, tentative, busy, oof, workingElsewhere, unknown.
  status: z.string(),
  start: GraphDateTimeTimeZone,
  end: GraphDateTimeTimeZone,
  isPrivate: z.boolean().nullish(),
  subject: z.string().nullish(),
  location: z.string().nullish(),
});

/**
 * `workingHours.timeZone` is a `timeZoneBase` (`{name}`) or, when the user customised the zone in
 * Outlook, a `#microsoft.graph.customTimeZone` named "Customized Time Zone" with bias and transitions.
 */
export const GraphTimeZoneBase = z.object({
  '@odata.type': z.string().nullish(),
  name: z.string().nullish(),
  bias: z.number().nullish(),
});

export const GraphWorkingHours = z.object({
  daysOfWeek: z.array(z.string()).nullish(),
  startTime: z.string().nullish(),
  endTime: z.string().nullish(),
  timeZone: GraphTimeZoneBase.nullish(),
});

export const GraphScheduleInformation = z.object({
  scheduleId: z.string(),
  availabilityView: z.string().nullish(),
  scheduleItems: z.array(GraphScheduleItem).nullish(),
  workingHours: GraphWorkingHours.nullish(),
  error: z.object({ message: z.string().nullish(), responseCode: z.string().nullish() }).nullish(),
});
export type GraphScheduleInformation = z.infer<typeof GraphScheduleInformation>;

export const GraphScheduleResponse = z.object({ value: z.array(GraphScheduleInformation) });
