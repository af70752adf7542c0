import type { Participant, ParticipantKind, Person } from '@workplace-sync/shared';
import type { Mailbox } from '../room-event.js';
import type { GraphAttendee, GraphAttendeeType, GraphEvent, GraphLocation } from '../schemas/graph-event.js';

export type EventPeople = {
  organizer: Person;
  participants: Participant[];
  /** Lower-case room addresses, the mailbox first when it is a room. */
  rooms: string[];
  isOrganizedByMailbox: boolean;
};

const normalize = (address: string): string => address.trim().toLowerCase();

function personOf(address: string, name: string | null | undefined): Person {
  const trimmedName = name?.trim();
  return trimmedName ? { email: address.trim(), name: trimmedName } : { email: address.trim() };
}

/**
 * Rooms of an event: resource attendees, locations that are conference rooms (Outlook sets
 * `locationEmailAddress` with locationType conferenceRoom for a room picked from the directory; a
 * location alone does not book anything, but it names the room), plus the mailbox itself for a room's
 * own calendar. A location of another type (`default`, `streetAddress`, …) with an address is not
 * taken for a room: a room list or a person put into the location field books nothing. An equipment
 * mailbox is a resource attendee like a room, and nothing in the event tells them apart: it is listed
 * here, never as a participant, and only rooms linked to Workplace get a reservation line.
 */
function readRooms(event: GraphEvent, mailbox: Mailbox): string[] {
  const rooms = new Set<string>();
  if (mailbox.isRoom !== false) rooms.add(normalize(mailbox.address));
  for (const attendee of event.attendees ?? []) {
    const address = attendee.emailAddress?.address;
    if (attendee.type === 'resource' && address) rooms.add(normalize(address));
  }
  for (const location of [event.location, ...(event.locations ?? [])]) {
    if (location?.locationEmailAddress && isRoomLocation(location)) rooms.add(normalize(location.locationEmailAddress));
  }
  return [...rooms];
}

// A `$select` subset may leave locationType out; an address is then taken at its word.
const isRoomLocation = (location: GraphLocation): boolean =>
  !location.locationType || location.locationType.toLowerCase() === 'conferenceroom';

function kindOf(attendee: GraphAttendee): ParticipantKind {
  return attendee.type === 'optional' ? 'optional' : 'required';
}

/**
 * Organizer, participants and rooms of an event.
 * An event written directly into a room calendar (our writes, see toGraphEvent) is organised by the
 * room; the person responsible for it is then its first required attendee, which is where toGraphEvent
 * puts them. Rooms never count as participants, and neither does the organizer.
 */
export function readPeople(event: GraphEvent, mailbox: Mailbox): EventPeople {
  const rooms = readRooms(event, mailbox);
  const roomSet = new Set(rooms);
  const people = (event.attendees ?? []).filter(
    (attendee): attendee is GraphAttendee & { emailAddress: { address: string } } =>
      attendee.type !== 'resource' &&
      !!attendee.emailAddress?.address &&
      !roomSet.has(normalize(attendee.emailAddress.address)),
  );
  const organizerAddress = event.organizer?.emailAddress?.address;
  const isOrganizedByMailbox = organizerAddress
    ? normalize(organizerAddress) === normalize(mailbox.address)
    : event.isOrganizer === true;

  let organizer: Person;
  if (isOrganizedByMailbox && mailbox.isRoom !== false) {
    const responsible = people.find((attendee) => attendee.type !== 'optional');
    organizer = responsible
      ? personOf(responsible.emailAddress.address, responsible.emailAddress.name)
      : personOf(mailbox.address, event.organizer?.emailAddress?.name);
  } else if (organizerAddress) {
    organizer = personOf(organizerAddress, event.organizer?.emailAddress?.name);
  } else {
    // Only a `$select` without organizer leaves it out; the mailbox is the best remaining answer.
    organizer = personOf(mailbox.address, undefined);
  }

  const participants = new Map<string, Participant>();
  for (const attendee of people) {
    const email = normalize(attendee.emailAddress.address);
    if (email === normalize(organizer.email)) continue;
    const existing = participants.get(email);
    // Listed twice: required wins, as Outlook shows it.
    if (existing && (existing.kind === 'required' || kindOf(attendee) === 'optional')) continue;
    participants.set(email, {
      ...personOf(attendee.emailAddress.address, attendee.emailAddress.name),
      kind: kindOf(attendee),
    });
  }
  return { organizer, participants: [...participants.values()], rooms, isOrganizedByMailbox };
}

export type GraphAttendeeWrite = {
  type: GraphAttendeeType;
  emailAddress: { address: string; name?: string };
};

export type GraphLocationWrite = Required<Pick<GraphLocation, 'displayName' | 'locationEmailAddress' | 'locationType'>>;

export type PeopleWrite = {
  attendees: GraphAttendeeWrite[];
  location: GraphLocationWrite;
  locations: GraphLocationWrite[];
};

export type PeopleWriteOptions = {
  /** The room whose calendar is written; it organises the event and is its primary location. */
  mailbox: string;
  /** Display names for locations; the address is shown otherwise. */
  roomNames?: Record<string, string>;
  /**
   * Also invite the booking's other rooms as resource attendees (the default). Exchange then sends them
   * a meeting request and their booking attendant books them; turn it off when each room's calendar is
   * written directly, or those rooms get two events.
   */
  inviteOtherRooms?: boolean;
};

function attendeeOf(person: Person, type: GraphAttendeeType): GraphAttendeeWrite {
  return { type, emailAddress: person.name ? { address: person.email, name: person.name } : { address: person.email } };
}

/**
 * Attendees and locations for a write into a room calendar. The room organises such an event, so the
 * booking's organizer (the responsible person) is invited as the first required attendee; the
 * participants follow; the other rooms are resource attendees; every room is a location.
 */
export function toPeopleWrite(
  { organizer, participants, rooms }: { organizer: Person; participants: Participant[]; rooms: string[] },
  { mailbox, roomNames = {}, inviteOtherRooms = true }: PeopleWriteOptions,
): PeopleWrite {
  const mailboxAddress = normalize(mailbox);
  const roomAddresses = [...new Set([mailboxAddress, ...rooms.map(normalize)])];
  const roomSet = new Set(roomAddresses);
  const seen = new Set<string>();
  const attendees: GraphAttendeeWrite[] = [];
  const invite = (person: Person, type: GraphAttendeeType) => {
    const email = normalize(person.email);
    if (seen.has(email) || roomSet.has(email)) return;
    seen.add(email);
    attendees.push(attendeeOf(person, type));
  };
  invite(organizer, 'required');
  for (const participant of participants.filter((candidate) => candidate.kind === 'required'))
    invite(participant, 'required');
  for (const participant of participants.filter((candidate) => candidate.kind === 'optional'))
    invite(participant, 'optional');
  if (inviteOtherRooms) {
    for (const room of roomAddresses.filter((address) => address !== mailboxAddress)) {
      attendees.push(attendeeOf({ email: room, ...(roomNames[room] ? { name: roomNames[room] } : {}) }, 'resource'));
    }
  }
  const locations = roomAddresses.map((address): GraphLocationWrite => ({
    displayName: roomNames[address] ?? address,
    locationEmailAddress: address,
    locationType: 'conferenceRoom',
  }));
  return { attendees, location: locations[0]!, locations };
}
