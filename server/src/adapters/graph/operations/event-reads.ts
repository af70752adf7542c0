import type { AppError } from '../../../errors.js';
import { upstreamFailed } from '../graph-errors.js';
import { expandReservationIdQuery, filterByReservationIdQuery } from '../extended-property.js';
import { fromGraphEvent } from '../mapping/from-graph-event.js';
import type { Mailbox, GraphRoomEvent } from '../room-event.js';
import { GraphEvent } from '../schemas/graph-event.js';
import { batchItemError, sendBatch } from '../transport/batch.js';
import { parseGraphBody } from '../transport/graph-http.js';
import type { GraphHttp } from '../transport/graph-http.js';
import { readAllItems } from '../transport/paging.js';
import { eventPath, mailboxPath, preferHeader, queryInstant } from './graph-request-parts.js';

export type TimeWindow = { start: Date; end: Date };

/** One event with our extended property; NOT_FOUND when it is gone (deleted, or never in this mailbox). */
export async function getEvent(http: GraphHttp, mailbox: Mailbox, eventId: string): Promise<GraphRoomEvent> {
  const { body } = await http.send({
    method: 'GET',
    path: `${eventPath(mailbox.address, eventId)}?${expandReservationIdQuery()}`,
    mailbox: mailbox.address,
    headers: preferHeader({ timeZone: mailbox.timeZone }),
  });
  return fromGraphEvent(parseGraphBody(GraphEvent, body, 'event'), mailbox);
}

/**
 * Several events with our extended property in `$batch`es (delta cannot expand it). Each id maps to
 * its event or to the AppError of its item (NOT_FOUND for a deleted one, THROTTLED when retries ran out).
 */
export async function getEvents(
  http: GraphHttp,
  mailbox: Mailbox,
  eventIds: string[],
): Promise<Map<string, GraphRoomEvent | AppError>> {
  const requests = [...new Set(eventIds)].map((eventId, index) => ({
    id: String(index + 1),
    method: 'GET' as const,
    url: `${eventPath(mailbox.address, eventId)}?${expandReservationIdQuery()}`,
    headers: preferHeader({ timeZone: mailbox.timeZone }),
    eventId,
  }));
  const results = await sendBatch(http, requests, { mailbox: mailbox.address });
  const events = new Map<string, GraphRoomEvent | AppError>();
  for (const request of requests) {
    const result = results.get(request.id);
    if (!result) {
      events.set(request.eventId, upstreamFailed(`$batch answer has no item ${request.id}`, undefined));
    } else if (result.status >= 200 && result.status < 300) {
      events.set(request.eventId, fromGraphEvent(parseGraphBody(GraphEvent, result.body, 'event'), mailbox));
    } else {
      events.set(request.eventId, batchItemError(result, http.retryPolicy.now()));
    }
  }
  return events;
}

/**
 * The events (singles and series masters) that carry our property with this value: the way back from
 * a Workplace reservation to what we wrote, when the link table has no id (a create whose answer was lost).
 */
export async function findEventsByReservationId(
  http: GraphHttp,
  mailbox: Mailbox,
  reservationId: string,
): Promise<GraphRoomEvent[]> {
  const events = await readAllItems(
    http,
    {
      method: 'GET',
      path: `${mailboxPath(mailbox.address)}/events?${filterByReservationIdQuery(reservationId)}&${expandReservationIdQuery()}`,
      mailbox: mailbox.address,
      headers: preferHeader({ timeZone: mailbox.timeZone }),
    },
    GraphEvent,
    'event',
  );
  return events.map((event) => fromGraphEvent(event, mailbox));
}

async function readInstances(http: GraphHttp, mailbox: Mailbox, seriesMasterId: string, window: TimeWindow) {
  return readAllItems(
    http,
    {
      method: 'GET',
      path: `${eventPath(mailbox.address, seriesMasterId)}/instances?startDateTime=${queryInstant(window.start)}&endDateTime=${queryInstant(window.end)}`,
      mailbox: mailbox.address,
      headers: preferHeader({ timeZone: mailbox.timeZone }),
    },
    GraphEvent,
    'instance',
  );
}

/** Occurrences and exceptions of a series in a window; cancelled occurrences are not instances. */
export async function listInstances(
  http: GraphHttp,
  mailbox: Mailbox,
  seriesMasterId: string,
  window: TimeWindow,
): Promise<GraphRoomEvent[]> {
  const instances = await readInstances(http, mailbox, seriesMasterId, window);
  return instances.map((instance) => fromGraphEvent(instance, mailbox));
}

/**
 * A series master as one booking with its exceptions: modified occurrences from the instances in the
 * window, cancelled ones from the master's `cancelledOccurrences` (or, without it, from the
 * occurrences missing among the instances).
 */
export async function readSeries(
  http: GraphHttp,
  mailbox: Mailbox,
  seriesMasterId: string,
  window: TimeWindow,
): Promise<GraphRoomEvent> {
  const [{ body }, instances] = await Promise.all([
    http.send({
      method: 'GET',
      path: `${eventPath(mailbox.address, seriesMasterId)}?${expandReservationIdQuery()}`,
      mailbox: mailbox.address,
      headers: preferHeader({ timeZone: mailbox.timeZone }),
    }),
    readInstances(http, mailbox, seriesMasterId, window),
  ]);
  const master = parseGraphBody(GraphEvent, body, 'series master');
  return fromGraphEvent(master, mailbox, { instances: { instances, window: { from: window.start, to: window.end } } });
}
