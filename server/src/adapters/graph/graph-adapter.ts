import type { Booking, OccurrenceException } from '@workplace-sync/shared';
import type { AppError } from '../../errors.js';
import { readDeltaRound } from './operations/calendar-delta.js';
import type { DeltaOptions, DeltaRound, DeltaStart } from './operations/calendar-delta.js';
import { findEventsByReservationId, getEvent, getEvents, listInstances, readSeries } from './operations/event-reads.js';
import type { TimeWindow } from './operations/event-reads.js';
import {
  cancelEvent,
  createEvent,
  declineEvent,
  respondToEvent,
  setShowAs,
  deleteEvent,
  updateEvent,
  updateOccurrence,
} from './operations/event-writes.js';
import type { CreateEventOptions, UpdateEventOptions } from './operations/event-writes.js';
import { findOrganizerSubject } from './operations/organizer-copy.js';
import { listRoomLists, listRooms, listRoomsInRoomList } from './operations/places.js';
import type { PlaceRoom, PlaceRoomList } from './operations/places.js';
import { getSchedule } from './operations/schedule.js';
import type { GetScheduleInput, Schedule } from './operations/schedule.js';
import {
  createSubscription,
  deleteSubscription,
  listSubscriptions,
  reauthorizeSubscription,
  renewSubscription,
} from './operations/subscriptions.js';
import type { CreateSubscriptionInput, Subscription } from './operations/subscriptions.js';
import { checkMemberGroups, getUser } from './operations/users.js';
import type { DirectoryUser } from './operations/users.js';
import type { Mailbox, GraphRoomEvent } from './room-event.js';
import { createGraphHttp } from './transport/graph-http.js';
import type { GraphHttp, GraphHttpOptions } from './transport/graph-http.js';

/** Everything the sync, the scheduler and the add-in API ask of Microsoft Graph. Failures are AppErrors. */
export interface GraphAdapter {
  // Room calendar: reads.
  getEvent(mailbox: Mailbox, eventId: string): Promise<GraphRoomEvent>;
  getEvents(mailbox: Mailbox, eventIds: string[]): Promise<Map<string, GraphRoomEvent | AppError>>;
  findEventsByReservationId(mailbox: Mailbox, reservationId: string): Promise<GraphRoomEvent[]>;
  listInstances(mailbox: Mailbox, seriesMasterId: string, window: TimeWindow): Promise<GraphRoomEvent[]>;
  readSeries(mailbox: Mailbox, seriesMasterId: string, window: TimeWindow): Promise<GraphRoomEvent>;
  readDeltaRound(mailbox: Mailbox, start: DeltaStart, options?: DeltaOptions): Promise<DeltaRound>;
  /** The subject of the organizer's copy of a meeting (null when it holds none); FORBIDDEN under a rooms-only scope. */
  findOrganizerSubject(organizer: string, iCalUId: string): Promise<string | null>;
  // Room calendar: writes.
  createEvent(mailbox: Mailbox, booking: Booking, options: CreateEventOptions): Promise<GraphRoomEvent>;
  updateEvent(
    mailbox: Mailbox,
    eventId: string,
    booking: Booking,
    options?: UpdateEventOptions,
  ): Promise<GraphRoomEvent>;
  updateOccurrence(
    mailbox: Mailbox,
    occurrenceId: string,
    exception: Extract<OccurrenceException, { kind: 'modified' }>,
  ): Promise<GraphRoomEvent>;
  cancelEvent(mailbox: Mailbox, eventId: string, comment?: string): Promise<void>;
  declineEvent(mailbox: Mailbox, eventId: string, comment: string): Promise<void>;
  respondToEvent(
    mailbox: Mailbox,
    eventId: string,
    response: 'accept' | 'tentativelyAccept',
    comment: string,
  ): Promise<void>;
  setShowAs(mailbox: Mailbox, eventId: string, showAs: 'busy' | 'tentative'): Promise<void>;
  deleteEvent(mailbox: Mailbox, eventId: string): Promise<void>;
  // Change notifications.
  createSubscription(input: CreateSubscriptionInput): Promise<Subscription>;
  renewSubscription(subscriptionId: string, expiresAt?: Date): Promise<Subscription>;
  reauthorizeSubscription(subscriptionId: string): Promise<void>;
  deleteSubscription(subscriptionId: string): Promise<void>;
  listSubscriptions(): Promise<Subscription[]>;
  // Free/busy and the room directory.
  getSchedule(input: GetScheduleInput): Promise<Schedule[]>;
  listRooms(): Promise<PlaceRoom[]>;
  listRoomLists(): Promise<PlaceRoomList[]>;
  listRoomsInRoomList(roomListEmail: string): Promise<PlaceRoom[]>;
  // Directory: who a signed-in user is.
  getUser(objectId: string): Promise<DirectoryUser | null>;
  checkMemberGroups(objectId: string, groupIds: string[]): Promise<string[]>;
}

export function createGraphAdapterOver(http: GraphHttp): GraphAdapter {
  return {
    getEvent: (mailbox, eventId) => getEvent(http, mailbox, eventId),
    getEvents: (mailbox, eventIds) => getEvents(http, mailbox, eventIds),
    findEventsByReservationId: (mailbox, reservationId) => findEventsByReservationId(http, mailbox, reservationId),
    listInstances: (mailbox, seriesMasterId, window) => listInstances(http, mailbox, seriesMasterId, window),
    readSeries: (mailbox, seriesMasterId, window) => readSeries(http, mailbox, seriesMasterId, window),
    readDeltaRound: (mailbox, start, options) => readDeltaRound(http, mailbox, start, options),
    findOrganizerSubject: (organizer, iCalUId) => findOrganizerSubject(http, organizer, iCalUId),
    createEvent: (mailbox, booking, options) => createEvent(http, mailbox, booking, options),
    updateEvent: (mailbox, eventId, booking, options) => updateEvent(http, mailbox, eventId, booking, options),
    updateOccurrence: (mailbox, occurrenceId, exception) => updateOccurrence(http, mailbox, occurrenceId, exception),
    cancelEvent: (mailbox, eventId, comment) => cancelEvent(http, mailbox, eventId, comment),
    declineEvent: (mailbox, eventId, comment) => declineEvent(http, mailbox, eventId, comment),
    respondToEvent: (mailbox, eventId, response, comment) => respondToEvent(http, mailbox, eventId, response, comment),
    setShowAs: (mailbox, eventId, showAs) => setShowAs(http, mailbox, eventId, showAs),
    deleteEvent: (mailbox, eventId) => deleteEvent(http, mailbox, eventId),
    createSubscription: (input) => createSubscription(http, input),
    renewSubscription: (subscriptionId, expiresAt) => renewSubscription(http, subscriptionId, expiresAt),
    reauthorizeSubscription: (subscriptionId) => reauthorizeSubscription(http, subscriptionId),
    deleteSubscription: (subscriptionId) => deleteSubscription(http, subscriptionId),
    listSubscriptions: () => listSubscriptions(http),
    getSchedule: (input) => getSchedule(http, input),
    listRooms: () => listRooms(http),
    listRoomLists: () => listRoomLists(http),
    listRoomsInRoomList: (roomListEmail) => listRoomsInRoomList(http, roomListEmail),
    getUser: (objectId) => getUser(http, objectId),
    checkMemberGroups: (objectId, groupIds) => checkMemberGroups(http, objectId, groupIds),
  };
}

export function createGraphAdapter(options: GraphHttpOptions): GraphAdapter {
  return createGraphAdapterOver(createGraphHttp(options));
}
