import { evaluateFilter } from '../odata/odata-filter.js';
import type { FilterExpression } from '../odata/odata-filter.js';
import { GRAPH_NEVER, toGraphDateTimeOffset, toGraphLocalDateTime } from '../odata/graph-date-time.js';
import { iCalUIdFor } from '../ids/graph-ids.js';
import { ianaZoneOf } from './graph-time-zone.js';
import { isSameExtendedPropertyId, looksLikeExtendedPropertyId } from './extended-property-id.js';
import type { EventLocation, ResponseStatus, StoredEvent } from './stored-event.js';

/** The zone start/end are rendered in: the `Prefer: outlook.timezone` name as sent, and its IANA reading. */
export type RenderZone = { name: string; iana: string };

export const UTC_ZONE: RenderZone = { name: 'UTC', iana: 'UTC' };

export type EventRenderOptions = {
  zone: RenderZone;
  bodyContentType?: 'text' | 'html';
  /** `$select`: only these properties (plus id and @odata.etag, which Graph always returns). */
  select?: string[] | null;
  /** `$expand=singleValueExtendedProperties($filter=…)`. */
  extendedPropertyFilter?: FilterExpression | null;
  /** Delta and notification payloads carry `@odata.type` on each item. */
  withODataType?: boolean;
};

export const etagOf = (changeKey: string) => `W/"${changeKey}"`;

function renderResponseStatus(status: ResponseStatus) {
  return { response: status.response, time: status.time ? toGraphDateTimeOffset(status.time) : GRAPH_NEVER };
}

function renderLocation(location: EventLocation) {
  return {
    displayName: location.displayName,
    ...(location.locationUri !== undefined ? { locationUri: location.locationUri } : {}),
    ...(location.locationEmailAddress !== undefined ? { locationEmailAddress: location.locationEmailAddress } : {}),
    locationType: location.locationType,
    ...(location.uniqueId !== undefined ? { uniqueId: location.uniqueId } : {}),
    uniqueIdType: location.uniqueIdType,
    ...(location.address !== undefined ? { address: location.address } : {}),
    ...(location.coordinates !== undefined ? { coordinates: location.coordinates } : {}),
  };
}

export const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const htmlToText = (html: string) =>
  html
    .replace(/<(head|style|script)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();

// Exchange stores bodies as HTML and wraps text bodies when asked for HTML
// (fixtures/graph/event-create-response-weekly-recurring-seriesmaster.json).
function renderBody(item: StoredEvent, contentType: 'text' | 'html') {
  if (contentType === item.body.contentType) return { contentType, content: item.body.content };
  if (contentType === 'text') return { contentType, content: htmlToText(item.body.content) };
  const content = item.body.content
    ? `<html>\r\n<head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n</head>\r\n<body>\r\n${escapeHtml(item.body.content)}\r\n</body>\r\n</html>\r\n`
    : '';
  return { contentType, content };
}

function bodyPreviewOf(item: StoredEvent): string {
  const text = item.body.contentType === 'html' ? htmlToText(item.body.content) : item.body.content;
  return text.replace(/\s+/g, ' ').trim().slice(0, 255);
}

/** The item's extended properties that match the `$expand` filter on `id`. */
export function expandedExtendedProperties(item: StoredEvent, filter: FilterExpression) {
  return Object.entries(item.extendedProperties)
    .map(([id, value]) => ({ id, value }))
    .filter((property) =>
      evaluateFilter(filter, property, (path, left, right) => {
        if (path.length === 1 && path[0]!.toLowerCase() === 'id' && looksLikeExtendedPropertyId(left)) {
          return typeof right === 'string' && isSameExtendedPropertyId(left, right) ? 0 : 1;
        }
        return typeof left === 'string' && typeof right === 'string' && left.toLowerCase() === right.toLowerCase()
          ? 0
          : 1;
      }),
    );
}

/**
 * A start or end in the response zone. An all-day event is not shifted by the zone offset: Graph
 * reads it midnight to midnight on its own dates (the dates in the zone it was written in) under any
 * `Prefer: outlook.timezone`, UTC included (learn.microsoft.com/en-us/answers/questions/1382503,
 * msgraph-sdk-javascript#1158).
 */
function renderEventTime(item: StoredEvent, instant: Date, writtenZone: string, zone: RenderZone) {
  const dateTime = item.isAllDay
    ? `${toGraphLocalDateTime(instant, ianaZoneOf(writtenZone)).slice(0, 10)}T00:00:00.0000000`
    : toGraphLocalDateTime(instant, zone.iana);
  return { dateTime, timeZone: zone.name };
}

/** An event as Graph v1.0 returns it (property set and order of fixtures/graph/event-create-response-*.json). */
export function renderEvent(item: StoredEvent, options: EventRenderOptions): Record<string, unknown> {
  const zone = options.zone;
  const isInstance = item.type === 'occurrence' || item.type === 'exception';
  const full: Record<string, unknown> = {
    '@odata.etag': etagOf(item.changeKey),
    id: item.id,
    createdDateTime: toGraphDateTimeOffset(item.createdAt),
    lastModifiedDateTime: toGraphDateTimeOffset(item.lastModifiedAt),
    changeKey: item.changeKey,
    categories: item.categories,
    transactionId: item.transactionId,
    originalStartTimeZone: item.startTimeZone,
    originalEndTimeZone: item.endTimeZone,
    iCalUId: iCalUIdFor(item.meetingUid, isInstance ? item.originalDate : null),
    reminderMinutesBeforeStart: item.reminderMinutesBeforeStart,
    isReminderOn: item.isReminderOn,
    hasAttachments: false,
    subject: item.subject,
    bodyPreview: bodyPreviewOf(item),
    importance: item.importance,
    sensitivity: item.sensitivity,
    isAllDay: item.isAllDay,
    isCancelled: item.isCancelled,
    isOrganizer: item.isOrganizer,
    responseRequested: item.responseRequested,
    seriesMasterId: item.seriesMasterId,
    showAs: item.showAs,
    type: item.type,
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(item.id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: item.isOnlineMeeting,
    onlineMeetingProvider: item.onlineMeetingProvider,
    allowNewTimeProposals: item.allowNewTimeProposals,
    isDraft: false,
    hideAttendees: item.hideAttendees,
    ...(isInstance && item.originalStart ? { originalStart: toGraphDateTimeOffset(item.originalStart) } : {}),
    responseStatus: renderResponseStatus(item.responseStatus),
    body: renderBody(item, options.bodyContentType ?? 'html'),
    start: renderEventTime(item, item.start, item.startTimeZone, zone),
    end: renderEventTime(item, item.end, item.endTimeZone, zone),
    location: renderLocation(item.location),
    locations: item.locations.map(renderLocation),
    recurrence: item.recurrence,
    attendees: item.attendees.map((attendee) => ({
      type: attendee.type,
      status: renderResponseStatus(attendee.status),
      emailAddress: attendee.emailAddress,
    })),
    organizer: { emailAddress: item.organizer },
    onlineMeeting: null,
  };
  const rendered = options.select ? pick(full, options.select, item) : full;
  if (options.extendedPropertyFilter) {
    const properties = expandedExtendedProperties(item, options.extendedPropertyFilter);
    // Graph leaves the navigation out when the item has none of the requested properties.
    if (properties.length > 0) rendered.singleValueExtendedProperties = properties;
  }
  return options.withODataType ? { '@odata.type': '#microsoft.graph.event', ...rendered } : rendered;
}

function pick(full: Record<string, unknown>, select: string[], item: StoredEvent): Record<string, unknown> {
  const picked: Record<string, unknown> = { '@odata.etag': full['@odata.etag'], id: full.id };
  for (const name of select) {
    const key = Object.keys(full).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (key) picked[key] = full[key];
    if (name.toLowerCase() === 'cancelledoccurrences') {
      // v1.0 CSDL has it (2026-08); the docs show it on beta. Returned when asked for.
      picked.cancelledOccurrences =
        item.type === 'seriesMaster' ? item.cancelledDates.map((date) => `OID.${item.id}.${date}`) : [];
    }
  }
  return picked;
}
