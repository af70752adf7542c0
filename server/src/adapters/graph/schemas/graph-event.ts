import { z } from 'zod';
import { GraphPatternedRecurrence } from '../recurrence.js';
import { GraphDateTimeOffset, GraphDateTimeTimeZone } from './graph-date-time.js';
import { graphEnum } from './graph-enum.js';

// The subset of `microsoft.graph.event` (v1.0 CSDL) the sync reads. Every field Graph may leave out
// or send as null is nullish: `$select`, the item type and the mailbox all change what comes back.

export const GraphEmailAddress = z.object({
  address: z.string().nullish(),
  name: z.string().nullish(),
});

export const GraphRecipient = z.object({ emailAddress: GraphEmailAddress.nullish() });
export type GraphRecipient = z.infer<typeof GraphRecipient>;

export const GRAPH_ATTENDEE_TYPES = ['required', 'optional', 'resource'] as const;
export type GraphAttendeeType = (typeof GRAPH_ATTENDEE_TYPES)[number];

export const GraphResponseStatus = z.object({
  // responseType: none, organizer, tentativelyAccepted, accepted, declined, notResponded.
  response: z.string().nullish(),
  time: z.string().nullish(),
});

export const GraphAttendee = GraphRecipient.extend({
  type: graphEnum(GRAPH_ATTENDEE_TYPES).nullish(),
  status: GraphResponseStatus.nullish(),
});
export type GraphAttendee = z.infer<typeof GraphAttendee>;

export const GraphLocation = z.object({
  displayName: z.string().nullish(),
  locationEmailAddress: z.string().nullish(),
  // locationType: default, conferenceRoom, homeAddress, …; uniqueIdType: unknown, locationStore, directory, private, bing.
  locationType: z.string().nullish(),
  uniqueId: z.string().nullish(),
  uniqueIdType: z.string().nullish(),
});
export type GraphLocation = z.infer<typeof GraphLocation>;

export const GRAPH_EVENT_TYPES = ['singleInstance', 'occurrence', 'exception', 'seriesMaster'] as const;
export type GraphEventType = (typeof GRAPH_EVENT_TYPES)[number];

export const GraphSingleValueExtendedProperty = z.object({ id: z.string(), value: z.string().nullish() });

const graphEventShape = {
  id: z.string().min(1),
  changeKey: z.string().nullish(),
  lastModifiedDateTime: GraphDateTimeOffset.nullish(),
  iCalUId: z.string().nullish(),
  transactionId: z.string().nullish(),
  subject: z.string().nullish(),
  start: GraphDateTimeTimeZone,
  end: GraphDateTimeTimeZone,
  originalStartTimeZone: z.string().nullish(),
  originalEndTimeZone: z.string().nullish(),
  isAllDay: z.boolean().nullish(),
  // sensitivity: normal, personal, private, confidential.
  sensitivity: z.string().nullish(),
  isCancelled: z.boolean().nullish(),
  isOrganizer: z.boolean().nullish(),
  type: graphEnum(GRAPH_EVENT_TYPES).nullish(),
  seriesMasterId: z.string().nullish(),
  /** Occurrences and exceptions: the start the occurrence had in the series before any change. */
  originalStart: GraphDateTimeOffset.nullish(),
  /**
   * Beta only (`OID.{masterId}.{yyyy-mm-dd}`), not in the v1.0 CSDL. Read as a fallback key for an
   * exception that arrives without `originalStart`, as the beta `exceptionOccurrences` sample does.
   */
  occurrenceId: z.string().nullish(),
  recurrence: GraphPatternedRecurrence.nullish(),
  organizer: GraphRecipient.nullish(),
  attendees: z.array(GraphAttendee).nullish(),
  location: GraphLocation.nullish(),
  locations: z.array(GraphLocation).nullish(),
  responseStatus: GraphResponseStatus.nullish(),
  /** Series master: `OID.{masterId}.{yyyy-mm-dd}` per cancelled occurrence (v1.0 CSDL 2026; beta samples). */
  cancelledOccurrences: z.array(z.string()).nullish(),
  singleValueExtendedProperties: z.array(GraphSingleValueExtendedProperty).nullish(),
};

const GraphEventBase = z.object(graphEventShape);

/** A series master may carry its modified occurrences expanded (`$expand=exceptionOccurrences`). */
export const GraphEvent = GraphEventBase.extend({ exceptionOccurrences: z.array(GraphEventBase).nullish() });
export type GraphEvent = z.infer<typeof GraphEvent>;

/** A delta tombstone: `{"@odata.type":"#microsoft.graph.event","id":"…","@removed":{"reason":"deleted"}}`. */
export const GraphRemovedItem = z.object({
  id: z.string().min(1),
  '@removed': z.object({ reason: z.string().nullish() }),
});
export type GraphRemovedItem = z.infer<typeof GraphRemovedItem>;
