import type { Booking, OccurrenceException } from '@workplace-sync/shared';
import { fromGraphEvent } from '../mapping/from-graph-event.js';
import { toGraphEvent, toGraphOccurrenceUpdate } from '../mapping/to-graph-event.js';
import type { ToGraphEventOptions } from '../mapping/to-graph-event.js';
import type { Mailbox, GraphRoomEvent } from '../room-event.js';
import { GraphEvent } from '../schemas/graph-event.js';
import { parseGraphBody } from '../transport/graph-http.js';
import type { GraphHttp } from '../transport/graph-http.js';
import { eventPath, mailboxPath, preferHeader } from './graph-request-parts.js';

export type CreateEventOptions = Omit<ToGraphEventOptions, 'mailbox'> & {
  transactionId: string;
  reservationId: string;
};
export type UpdateEventOptions = Omit<ToGraphEventOptions, 'mailbox' | 'transactionId'>;

/** POST and PATCH answers do not include extended properties; we know what we wrote. */
function withReservationId(event: GraphRoomEvent, reservationId: string | undefined): GraphRoomEvent {
  return reservationId && event.reservationId === null ? { ...event, reservationId } : event;
}

/**
 * Writes a booking into the room's calendar. Exchange accepts the item as it is, without the room's
 * booking policies (the room organises it), and invites the attendees. `transactionId` makes a retried
 * create return the first attempt's event.
 */
export async function createEvent(
  http: GraphHttp,
  mailbox: Mailbox,
  booking: Booking,
  options: CreateEventOptions,
): Promise<GraphRoomEvent> {
  const { body } = await http.send({
    method: 'POST',
    path: `${mailboxPath(mailbox.address)}/events`,
    mailbox: mailbox.address,
    headers: preferHeader({ timeZone: mailbox.timeZone }),
    body: toGraphEvent(booking, { ...options, mailbox: mailbox.address }),
  });
  return withReservationId(
    fromGraphEvent(parseGraphBody(GraphEvent, body, 'created event'), mailbox),
    options.reservationId,
  );
}

/** Replaces the synced fields of an event (a single or a series master); changes are sent to attendees. */
export async function updateEvent(
  http: GraphHttp,
  mailbox: Mailbox,
  eventId: string,
  booking: Booking,
  options: UpdateEventOptions = {},
): Promise<GraphRoomEvent> {
  const { body } = await http.send({
    method: 'PATCH',
    path: eventPath(mailbox.address, eventId),
    mailbox: mailbox.address,
    headers: preferHeader({ timeZone: mailbox.timeZone }),
    body: toGraphEvent(booking, { ...options, mailbox: mailbox.address }),
  });
  return withReservationId(
    fromGraphEvent(parseGraphBody(GraphEvent, body, 'updated event'), mailbox),
    options.reservationId,
  );
}

/** Moves (and retitles) one occurrence: the instance becomes an exception of its series. */
export async function updateOccurrence(
  http: GraphHttp,
  mailbox: Mailbox,
  occurrenceId: string,
  exception: Extract<OccurrenceException, { kind: 'modified' }>,
): Promise<GraphRoomEvent> {
  const { body } = await http.send({
    method: 'PATCH',
    path: eventPath(mailbox.address, occurrenceId),
    mailbox: mailbox.address,
    headers: preferHeader({ timeZone: mailbox.timeZone }),
    body: toGraphOccurrenceUpdate(exception),
  });
  return fromGraphEvent(parseGraphBody(GraphEvent, body, 'updated occurrence'), mailbox);
}

/**
 * Cancels a meeting the room organises (a single, a series master or one occurrence), sending
 * cancellations to the attendees; Graph answers 202 and removes the item. Only the organizer may cancel:
 * an event the room merely attends answers 400, and must be declined or deleted instead.
 */
export async function cancelEvent(http: GraphHttp, mailbox: Mailbox, eventId: string, comment?: string): Promise<void> {
  await http.send({
    method: 'POST',
    path: `${eventPath(mailbox.address, eventId)}/cancel`,
    mailbox: mailbox.address,
    body: comment ? { comment } : {},
  });
}

/** Deletes the room's copy (204). For an organiser this also sends cancellations; an attendee's copy just goes. */
export async function deleteEvent(http: GraphHttp, mailbox: Mailbox, eventId: string): Promise<void> {
  await http.send({ method: 'DELETE', path: eventPath(mailbox.address, eventId), mailbox: mailbox.address });
}

/**
 * Declines, as the room, a meeting someone else organises: the organizer gets the room's decline with
 * `comment`, which is how Outlook users learn that Workplace released their room.
 */
export async function declineEvent(http: GraphHttp, mailbox: Mailbox, eventId: string, comment: string): Promise<void> {
  await http.send({
    method: 'POST',
    path: `${eventPath(mailbox.address, eventId)}/decline`,
    mailbox: mailbox.address,
    body: { comment, sendResponse: true },
  });
}

/**
 * Answers, as the room, a meeting someone else organises: `tentativelyAccept` is what a booking
 * delegate's pending decision looks like to the organizer, `accept` their approval. The organizer gets
 * the answer with `comment`.
 */
export async function respondToEvent(
  http: GraphHttp,
  mailbox: Mailbox,
  eventId: string,
  response: 'accept' | 'tentativelyAccept',
  comment: string,
): Promise<void> {
  await http.send({
    method: 'POST',
    path: `${eventPath(mailbox.address, eventId)}/${response}`,
    mailbox: mailbox.address,
    body: { comment, sendResponse: true },
  });
}

/** Sets how an event the room organises shows in its free/busy: `tentative` while it waits for approval. */
export async function setShowAs(
  http: GraphHttp,
  mailbox: Mailbox,
  eventId: string,
  showAs: 'busy' | 'tentative',
): Promise<void> {
  await http.send({
    method: 'PATCH',
    path: eventPath(mailbox.address, eventId),
    mailbox: mailbox.address,
    body: { showAs },
  });
}
