import type { RecurrenceRule } from '@workplace-sync/shared';
import { OfficeError, officeAsync } from './office-async.js';
import { announcePaneOpen } from './pane-presence.js';
import { fromOfficeRecurrence } from './recurrence.js';
import type { OfficeRecurrence } from './recurrence.js';

export type MeetingMode = 'compose' | 'read';
export type RoomLocation = { email: string; displayName: string };
export type MeetingPerson = { email: string; name: string };

/** The meeting as the pane needs it, read from either form (compose or read). */
export type Meeting = {
  mode: MeetingMode;
  subject: string;
  start: Date;
  end: Date;
  /** Where a series keeps its wall-clock time: Outlook's recurrence zone, else the pane's own zone. */
  timeZone: string;
  recurrence: RecurrenceRule | null;
  /** People in the meeting: distinct required and optional attendees plus the organizer, rooms excluded. */
  attendeeCount: number;
  organizer: MeetingPerson | null;
  isOrganizer: boolean;
  rooms: RoomLocation[];
  /**
   * Read mode: rooms that declined the meeting, as Outlook shows their answer to the organizer (Exchange
   * Online's room attendant deletes a request it declines from the room's calendar: only here is it seen).
   */
  declinedRooms: string[];
};

/** What the pane wrote on the organizer's item to find its Workplace holds again (custom properties). */
export type BookingTag = { intentId: string; reservationIds: string[] };

/** The appointment the pane is open on. The only implementation talks to Office.js; tests use fakes. */
export interface Appointment {
  readonly mode: MeetingMode;
  readMeeting(): Promise<Meeting>;
  /** Compose only: adds a room by its mailbox as a Room location (the room gets the invitation on send). */
  addRoom(email: string): Promise<void>;
  removeRoom(email: string): Promise<void>;
  listRooms(): Promise<RoomLocation[]>;
  /** The item id, or null while a new item has not been saved (Outlook's ItemNotSaved). */
  itemId(): Promise<string | null>;
  readBookingTag(): Promise<BookingTag | null>;
  writeBookingTag(tag: BookingTag | null): Promise<void>;
  /** Calls `listener` when the meeting's time or recurrence changes; resolves to an unsubscribe. */
  onMeetingChanged(listener: () => void): Promise<() => Promise<void>>;
  /**
   * Compose: tells the event handlers (launch-events/) that the open pane moves the hold itself, until
   * the returned function is called. Optional: test fakes and clients without sessionData announce nothing.
   */
  announcePaneOpen?(): () => void;
}

const BOOKING_TAG = 'workplaceBooking';

const paneTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

type AnyItem = Office.AppointmentCompose | Office.AppointmentRead;

export function isComposeItem(item: AnyItem): item is Office.AppointmentCompose {
  return typeof (item.start as { getAsync?: unknown }).getAsync === 'function';
}

function countPeople(
  attendees: Office.EmailAddressDetails[],
  organizer: MeetingPerson | null,
  rooms: RoomLocation[],
): number {
  const roomEmails = new Set(rooms.map((room) => room.email.toLowerCase()));
  const people = new Set(
    attendees
      .map((attendee) => attendee.emailAddress?.toLowerCase())
      .filter((email): email is string => Boolean(email) && !roomEmails.has(email!)),
  );
  if (organizer) people.add(organizer.email.toLowerCase());
  return Math.max(people.size, 1);
}

/** The rooms among the item's attendees whose answer is Declined (read mode). */
function declinedRoomsOf(read: Office.AppointmentRead, rooms: RoomLocation[]): string[] {
  const roomEmails = new Set(rooms.map((room) => room.email.toLowerCase()));
  const answers = [...(read.requiredAttendees ?? []), ...(read.optionalAttendees ?? [])];
  return [
    ...new Set(
      answers
        .filter((entry) => String(entry.appointmentResponse ?? '').toLowerCase() === 'declined')
        .map((entry) => entry.emailAddress?.toLowerCase())
        .filter((email): email is string => Boolean(email) && roomEmails.has(email!)),
    ),
  ];
}

function toRooms(locations: Office.LocationDetails[]): RoomLocation[] {
  return locations
    .filter((location) => String(location.locationIdentifier?.type) === String(Office.MailboxEnums.LocationType.Room))
    .map((location) => ({
      email: location.emailAddress || location.locationIdentifier.id,
      displayName: location.displayName || location.emailAddress || location.locationIdentifier.id,
    }));
}

async function readRecurrence(item: AnyItem): Promise<{ rule: RecurrenceRule | null; timeZone: string | null }> {
  const recurrence = item.recurrence as Office.Recurrence | null | undefined;
  if (!recurrence) return { rule: null, timeZone: null };
  const value =
    typeof recurrence.getAsync === 'function'
      ? await officeAsync<Office.Recurrence | null>((done) => recurrence.getAsync(done))
      : recurrence;
  if (!value) return { rule: null, timeZone: null };
  return fromOfficeRecurrence(value as OfficeRecurrence);
}

const samePerson = (a: string | undefined, b: string | undefined) =>
  Boolean(a && b && a.toLowerCase() === b.toLowerCase());

/** The Office.js implementation of Appointment over `mailbox.item`. */
export function createOfficeAppointment(mailbox: Office.Mailbox): Appointment {
  const item = mailbox.item as AnyItem;
  const compose = isComposeItem(item) ? item : null;
  const user: MeetingPerson = {
    email: mailbox.userProfile.emailAddress,
    name: mailbox.userProfile.displayName,
  };
  const locations = () => officeAsync<Office.LocationDetails[]>((done) => item.enhancedLocation.getAsync(done));
  const requireCompose = (what: string) => {
    if (!compose) throw new OfficeError(0, 'NotCompose', `${what} needs the meeting to be open for editing`);
    return compose;
  };
  const roomIdentifier = (email: string): Office.LocationIdentifier[] => [
    { id: email, type: Office.MailboxEnums.LocationType.Room },
  ];
  const customProperties = () => officeAsync<Office.CustomProperties>((done) => item.loadCustomPropertiesAsync(done));

  return {
    mode: compose ? 'compose' : 'read',

    async readMeeting() {
      const rooms = toRooms(await locations());
      const { rule, timeZone } = await readRecurrence(item);
      if (compose) {
        const [start, end, subject, required, optional] = await Promise.all([
          officeAsync<Date>((done) => compose.start.getAsync(done)),
          officeAsync<Date>((done) => compose.end.getAsync(done)),
          officeAsync<string>((done) => compose.subject.getAsync(done)),
          officeAsync<Office.EmailAddressDetails[]>((done) => compose.requiredAttendees.getAsync(done)),
          officeAsync<Office.EmailAddressDetails[]>((done) => compose.optionalAttendees.getAsync(done)),
        ]);
        return {
          mode: 'compose',
          subject,
          start: new Date(start),
          end: new Date(end),
          timeZone: timeZone ?? paneTimeZone(),
          recurrence: rule,
          attendeeCount: countPeople([...required, ...optional], user, rooms),
          organizer: user,
          isOrganizer: true,
          rooms,
          declinedRooms: [],
        };
      }
      const read = item as Office.AppointmentRead;
      const organizer = read.organizer
        ? { email: read.organizer.emailAddress, name: read.organizer.displayName || read.organizer.emailAddress }
        : null;
      return {
        mode: 'read',
        subject: read.subject ?? '',
        start: new Date(read.start),
        end: new Date(read.end),
        timeZone: timeZone ?? paneTimeZone(),
        recurrence: rule,
        attendeeCount: countPeople(
          [...(read.requiredAttendees ?? []), ...(read.optionalAttendees ?? [])],
          organizer,
          rooms,
        ),
        organizer,
        isOrganizer: samePerson(organizer?.email, user.email),
        rooms,
        declinedRooms: declinedRoomsOf(read, rooms),
      };
    },

    async addRoom(email) {
      const item = requireCompose('Adding a room');
      await officeAsync<unknown>((done) => item.enhancedLocation.addAsync(roomIdentifier(email), done));
    },

    async removeRoom(email) {
      const item = requireCompose('Removing a room');
      await officeAsync<unknown>((done) => item.enhancedLocation.removeAsync(roomIdentifier(email), done));
    },

    listRooms: async () => toRooms(await locations()),

    async itemId() {
      if (!compose) return (item as Office.AppointmentRead).itemId ?? null;
      try {
        return await officeAsync<string>((done) => compose.getItemIdAsync(done));
      } catch (error) {
        if (error instanceof OfficeError && error.officeName === 'ItemNotSaved') return null;
        throw error;
      }
    },

    async readBookingTag() {
      const stored: unknown = (await customProperties()).get(BOOKING_TAG);
      let value: unknown = stored;
      if (typeof stored === 'string') {
        try {
          value = JSON.parse(stored);
        } catch {
          return null;
        }
      }
      if (!value || typeof value !== 'object') return null;
      const tag = value as Partial<BookingTag>;
      return typeof tag.intentId === 'string' && Array.isArray(tag.reservationIds)
        ? { intentId: tag.intentId, reservationIds: tag.reservationIds.filter((id) => typeof id === 'string') }
        : null;
    },

    async writeBookingTag(tag) {
      const properties = await customProperties();
      if (tag) properties.set(BOOKING_TAG, JSON.stringify(tag));
      else properties.remove(BOOKING_TAG);
      await officeAsync<unknown>((done) => properties.saveAsync(done));
    },

    announcePaneOpen: () => (compose ? announcePaneOpen(compose) : () => undefined),

    async onMeetingChanged(listener) {
      const events = [Office.EventType.AppointmentTimeChanged, Office.EventType.RecurrenceChanged];
      const handler = () => listener();
      for (const event of events) {
        await officeAsync<unknown>((done) => item.addHandlerAsync(event, handler, done));
      }
      return async () => {
        for (const event of events) {
          await officeAsync<unknown>((done) => item.removeHandlerAsync(event, done));
        }
      };
    },
  };
}
