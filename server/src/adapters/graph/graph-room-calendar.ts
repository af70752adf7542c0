import type { Booking, OccurrenceException } from '@workplace-sync/shared';
import { AppError } from '../../errors.js';
import type { RoomEventChange } from '../../sync/sync-model.js';
import type { RoomCalendar } from '../../sync/ports.js';
import type { BookingIdentity, RoomEvent, RoomResponse, UnreadableChange } from '../../sync/sync-model.js';
import type { GraphAdapter } from './graph-adapter.js';
import type { TimeWindow } from './operations/event-reads.js';
import { createOrganizerSubjects } from './organizer-subjects.js';
import type { OrganizerSubjectReading } from './organizer-subjects.js';
import type { Mailbox, GraphRoomEvent } from './room-event.js';

export type GraphRoomCalendarOptions = {
  graph: GraphAdapter;
  /** The room mailbox's own IANA zone (custom zones resolve to it). */
  timeZoneOf: (mailbox: string) => string | Promise<string>;
  /** The calendarView window a full round covers: Graph caps it at 1825 days; rooms book 180 days ahead. */
  syncWindow: () => TimeWindow;
};

const RESPONSES: Record<string, RoomResponse> = {
  accepted: 'accepted',
  tentativelyaccepted: 'tentative',
  declined: 'declined',
  organizer: 'organizer',
};

/** Our transactionIds are `wp-{reservationId}-{lineId}`: they survive where the extended property is not returned (delta). */
function reservationIdOfTransaction(transactionId: string | null): string | null {
  const match = transactionId ? /^wp-(.+)-[^-]+$/.exec(transactionId) : null;
  return match ? match[1]! : null;
}

function toSyncEvent(mailbox: string, event: GraphRoomEvent, subject: OrganizerSubjectReading): RoomEvent {
  const zoneNotes = event.zoneFallbacks.map(
    (fallback) =>
      `time zone "${fallback.graphZone}" (${fallback.reason === 'custom-zone' ? 'a custom zone' : 'unknown'}) read as the room's zone ${fallback.timeZone}`,
  );
  return {
    mailbox,
    eventId: event.id,
    iCalUId: event.iCalUId ?? event.id,
    changeKey: event.changeKey ?? '',
    // isSubjectRewritten stays: a reservation's own subject still wins over what Outlook says.
    booking: { ...event.booking, subject: subject.subject },
    roomResponse: RESPONSES[(event.response ?? '').toLowerCase()] ?? 'none',
    reservationMarker: event.reservationId ?? reservationIdOfTransaction(event.transactionId),
    isSubjectRewritten: event.isSubjectRewritten,
    isOrganizedByRoom: event.isOrganizedByMailbox,
    lastModified: event.lastModified ?? new Date(0).toISOString(),
    readingNotes: subject.note ? [...zoneNotes, subject.note] : zoneNotes,
  };
}

/** A mapping failure (zone, recurrence, exception key), as opposed to Graph failing to answer. */
const isUnreadable = (error: unknown) =>
  error instanceof Error && ['TimeError', 'RecurrenceError', 'EventMappingError'].includes(error.name);

const unknownIdentity = (room: string): BookingIdentity => ({ room, organizer: null, subject: null, start: null });

/** Who and what an item is about, read leniently from Graph's JSON (it did not map as a whole). */
function identityOfGraphItem(room: string, raw: unknown): BookingIdentity {
  if (!raw || typeof raw !== 'object') return unknownIdentity(room);
  const item = raw as {
    subject?: unknown;
    organizer?: { emailAddress?: { address?: unknown } };
    start?: { dateTime?: unknown; timeZone?: unknown };
  };
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const start = text(item.start?.dateTime);
  return {
    room,
    organizer: text(item.organizer?.emailAddress?.address),
    subject: text(item.subject),
    start: start ? `${start} ${text(item.start?.timeZone) ?? ''}`.trim() : null,
  };
}

/**
 * Cancelling or declining an event that is no longer there (another run, the organizer or the room got
 * there first: 404 ErrorItemNotFound) has what it wanted: the room does not hold it.
 */
async function goneIsDone(write: Promise<void>): Promise<void> {
  try {
    await write;
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
  }
}

/**
 * The sync core's RoomCalendar on Graph. A delta round reports occurrences and exceptions one by one;
 * the core thinks in meetings, so occurrences are folded into their series master, which is read once
 * with its exceptions. Writes go into the room's own calendar, one event per room (other rooms are not
 * invited: the sync writes each linked room's calendar itself).
 */
export function createGraphRoomCalendar({ graph, timeZoneOf, syncWindow }: GraphRoomCalendarOptions): RoomCalendar {
  const organizerSubjects = createOrganizerSubjects(graph);
  /** The sync's RoomEvent, with the meeting's subject from the organizer's copy when the room rewrote it. */
  const roomEventOf = async (address: string, event: GraphRoomEvent): Promise<RoomEvent> =>
    toSyncEvent(address, event, await organizerSubjects.read(event));

  const mailboxOf = async (address: string): Promise<Mailbox> => ({
    address,
    timeZone: await timeZoneOf(address),
    isRoom: true,
  });

  async function readMeeting(mailbox: Mailbox, eventId: string, kind: GraphRoomEvent['kind']): Promise<GraphRoomEvent> {
    return kind === 'seriesMaster'
      ? graph.readSeries(mailbox, eventId, syncWindow())
      : graph.getEvent(mailbox, eventId);
  }

  /** Applies a booking's occurrence exceptions to the series' instances (Graph has no other way to write them). */
  async function applyExceptions(mailbox: Mailbox, masterId: string, exceptions: OccurrenceException[]): Promise<void> {
    if (exceptions.length === 0) return;
    const instances = await graph.listInstances(mailbox, masterId, syncWindow());
    const byOriginalStart = new Map(
      instances.map((instance) => [instance.originalStart && new Date(instance.originalStart).toISOString(), instance]),
    );
    for (const exception of exceptions) {
      const instance = byOriginalStart.get(new Date(exception.originalStart).toISOString());
      if (!instance) continue; // already cancelled, or outside the window
      try {
        if (exception.kind === 'cancelled')
          await graph.cancelEvent(mailbox, instance.id, 'This occurrence was cancelled in Workplace');
        else await graph.updateOccurrence(mailbox, instance.id, exception);
      } catch (error) {
        // Gone since the instances were listed (the organizer cancelled it, the room released it): a
        // cancelled occurrence is done, and a moved one is the room's own change, which its delta reports.
        if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
      }
    }
  }

  async function afterWrite(mailbox: Mailbox, written: GraphRoomEvent, booking: Booking): Promise<RoomEvent> {
    if (!booking.recurrence) return roomEventOf(mailbox.address, written);
    await applyExceptions(mailbox, written.id, booking.exceptions);
    const series = await graph.readSeries(mailbox, written.id, syncWindow());
    return roomEventOf(mailbox.address, { ...series, reservationId: series.reservationId ?? written.reservationId });
  }

  return {
    async readChanges(address, cursor, known) {
      const mailbox = await mailboxOf(address);
      const round = await graph.readDeltaRound(mailbox, cursor ? { deltaLink: cursor } : { window: syncWindow() });
      const meetings = new Map<string, GraphRoomEvent['kind']>();
      const singles = new Map<string, GraphRoomEvent>();
      for (const event of round.events) {
        if (event.kind === 'occurrence' || event.kind === 'exception') {
          if (event.seriesMasterId) meetings.set(event.seriesMasterId, 'seriesMaster');
        } else {
          meetings.set(event.id, event.kind);
          if (event.kind === 'single') singles.set(event.id, event);
        }
      }
      const changes: RoomEventChange[] = [];
      const unreadable: UnreadableChange[] = round.unreadable.map((item) => ({
        mailbox: address,
        eventId: item.id,
        reason: item.reason,
        raw: item.raw,
        booking: identityOfGraphItem(address, item.raw),
      }));
      for (const [eventId, kind] of meetings) {
        // Delta carries every property but our extended property (it cannot $expand). A linked single
        // event needs no marker: its delta item is the whole truth, no second read (a series still needs
        // its instances).
        const single = singles.get(eventId);
        if (single && known?.linkedEventIds.has(eventId)) {
          changes.push({ kind: 'upserted', event: await roomEventOf(address, single) });
          continue;
        }
        try {
          changes.push({
            kind: 'upserted',
            event: await roomEventOf(address, await readMeeting(mailbox, eventId, kind)),
          });
        } catch (error) {
          // Gone between the delta round and the read (Graph's ErrorItemNotFound after a notification).
          if (error instanceof AppError && error.code === 'NOT_FOUND')
            changes.push({ kind: 'removed', mailbox: address, eventId });
          else if (isUnreadable(error)) {
            // A series whose recurrence or exceptions cannot be mapped: reported, the others go on.
            const item = single ?? round.events.find((event) => event.seriesMasterId === eventId) ?? null;
            unreadable.push({
              mailbox: address,
              eventId,
              reason: (error as Error).message,
              raw: item,
              booking: item
                ? {
                    room: address,
                    organizer: item.booking.organizer.email || null,
                    subject: item.booking.subject,
                    start: `${item.booking.start.dateTime} ${item.booking.start.timeZone}`,
                  }
                : unknownIdentity(address),
            });
          } else throw error;
        }
      }
      for (const eventId of round.removedIds) {
        if (!meetings.has(eventId)) changes.push({ kind: 'removed', mailbox: address, eventId });
      }
      return { changes, unreadable, nextCursor: round.deltaLink };
    },
    async readEvent(address, eventId) {
      const mailbox = await mailboxOf(address);
      try {
        const event = await graph.getEvent(mailbox, eventId);
        return await roomEventOf(
          address,
          event.kind === 'seriesMaster' ? await graph.readSeries(mailbox, eventId, syncWindow()) : event,
        );
      } catch (error) {
        if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
        throw error;
      }
    },
    async findEventsByReservation(address, reservationId) {
      const events = await graph.findEventsByReservationId(await mailboxOf(address), reservationId);
      return Promise.all(events.map((event) => roomEventOf(address, event)));
    },
    async createEvent(address, booking, { transactionId, reservationId }) {
      const mailbox = await mailboxOf(address);
      const created = await graph.createEvent(mailbox, booking, {
        transactionId,
        reservationId,
        inviteOtherRooms: false,
      });
      return afterWrite(mailbox, created, booking);
    },
    async updateEvent(address, eventId, booking) {
      const mailbox = await mailboxOf(address);
      const updated = await graph.updateEvent(mailbox, eventId, booking, { inviteOtherRooms: false });
      return afterWrite(mailbox, updated, booking);
    },
    async cancelEvent(address, eventId, comment) {
      await goneIsDone(graph.cancelEvent(await mailboxOf(address), eventId, comment));
    },
    async declineEvent(address, eventId, comment) {
      await goneIsDone(graph.declineEvent(await mailboxOf(address), eventId, comment));
    },
    async releaseOccurrence(address, eventId, { occurrenceStart, isOrganizedByRoom, comment }) {
      const mailbox = await mailboxOf(address);
      let target = eventId;
      if (occurrenceStart !== null) {
        let instances: Awaited<ReturnType<typeof graph.listInstances>>;
        try {
          instances = await graph.listInstances(mailbox, eventId, syncWindow());
        } catch (error) {
          // The series is gone from the room (declined, deleted): the room holds nothing to free.
          if (error instanceof AppError && error.code === 'NOT_FOUND') return;
          throw error;
        }
        const instance = instances.find(
          (candidate) => candidate.originalStart && new Date(candidate.originalStart).toISOString() === occurrenceStart,
        );
        if (!instance) return; // already cancelled or declined, or outside the window
        target = instance.id;
      }
      await goneIsDone(
        isOrganizedByRoom ? graph.cancelEvent(mailbox, target, comment) : graph.declineEvent(mailbox, target, comment),
      );
    },
    async showApproval(address, eventId, { isAwaitingApproval, isOrganizedByRoom, comment }) {
      const mailbox = await mailboxOf(address);
      if (isOrganizedByRoom) {
        await graph.setShowAs(mailbox, eventId, isAwaitingApproval ? 'tentative' : 'busy');
        return;
      }
      const response = isAwaitingApproval ? 'tentativelyAccept' : 'accept';
      await graph.respondToEvent(mailbox, eventId, response, comment);
      // The room's booking attendant answers a moved occurrence on its own (it accepts it): answer each
      // exception of a series that shows otherwise, so every occurrence tells the organizer the same.
      const event = await graph.getEvent(mailbox, eventId);
      if (event.kind !== 'seriesMaster') return;
      const wanted = isAwaitingApproval ? 'tentativelyaccepted' : 'accepted';
      for (const instance of await graph.listInstances(mailbox, eventId, syncWindow())) {
        if (instance.kind === 'exception' && (instance.response ?? '').toLowerCase() !== wanted) {
          await graph.respondToEvent(mailbox, instance.id, response, comment);
        }
      }
    },
  };
}
