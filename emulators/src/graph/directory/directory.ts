import type { RoomBookingSettings } from './room-booking-settings.js';

export type PhysicalAddress = {
  street?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  countryOrRegion?: string;
};

export type GeoCoordinates = { latitude: number; longitude: number };

export type WorkingHours = {
  daysOfWeek: string[];
  /** 'HH:mm:ss' local to `timeZone`. */
  startTime: string;
  endTime: string;
};

/** The Places data of a room (v1.0 CSDL `microsoft.graph.room`). */
export type RoomPlace = {
  placeId: string;
  capacity: number | null;
  building: string | null;
  floorNumber: number | null;
  floorLabel: string | null;
  label: string | null;
  nickname: string | null;
  phone: string | null;
  address: PhysicalAddress | null;
  geoCoordinates: GeoCoordinates | null;
  tags: string[];
  audioDeviceName: string | null;
  videoDeviceName: string | null;
  displayDeviceName: string | null;
  isWheelChairAccessible: boolean;
  bookingType: 'standard' | 'reserved';
  /** Rooms hidden from the address list are not returned by /places. */
  isHiddenFromAddressList: boolean;
};

export type Mailbox = {
  /** The user object id (a GUID); Graph accepts it or the UPN in /users/{id|upn}. */
  id: string;
  email: string;
  displayName: string;
  kind: 'user' | 'room';
  /** IANA zone of the mailbox (working hours, getSchedule). */
  timeZone: string;
  workingHours: WorkingHours;
  calendarId: string;
  /** An unlicensed, soft-deleted or on-premises mailbox: Graph answers 404 MailboxNotEnabledForRESTAPI. */
  isRestApiDisabled: boolean;
  room: (RoomPlace & { bookingSettings: RoomBookingSettings }) | null;
};

export type RoomList = {
  id: string;
  placeId: string;
  email: string;
  displayName: string;
  address: PhysicalAddress | null;
  phone: string | null;
  geoCoordinates: GeoCoordinates | null;
  roomEmails: string[];
};

/** The tenant's users, rooms and room lists; mailboxes are found by object id or by SMTP/UPN. */
export class Directory {
  private readonly mailboxesById = new Map<string, Mailbox>();
  private readonly mailboxIdsByEmail = new Map<string, string>();
  private readonly roomListsByEmail = new Map<string, RoomList>();

  addMailbox(mailbox: Mailbox): Mailbox {
    const existingId = this.mailboxIdsByEmail.get(mailbox.email.toLowerCase());
    if (existingId && existingId !== mailbox.id) this.mailboxesById.delete(existingId);
    this.mailboxesById.set(mailbox.id, mailbox);
    this.mailboxIdsByEmail.set(mailbox.email.toLowerCase(), mailbox.id);
    return mailbox;
  }

  addRoomList(roomList: RoomList): RoomList {
    this.roomListsByEmail.set(roomList.email.toLowerCase(), roomList);
    return roomList;
  }

  /** By object id (case-insensitive GUID) or by email/UPN (case-insensitive), as Graph resolves /users/{id|upn}. */
  find(idOrEmail: string): Mailbox | undefined {
    const key = idOrEmail.toLowerCase();
    const byId = [...this.mailboxesById.values()].find((mailbox) => mailbox.id.toLowerCase() === key);
    if (byId) return byId;
    const id = this.mailboxIdsByEmail.get(key);
    return id ? this.mailboxesById.get(id) : undefined;
  }

  byId(id: string): Mailbox | undefined {
    return this.mailboxesById.get(id);
  }

  mailboxes(): Mailbox[] {
    return [...this.mailboxesById.values()];
  }

  rooms(): Mailbox[] {
    return this.mailboxes().filter((mailbox) => mailbox.kind === 'room');
  }

  roomLists(): RoomList[] {
    return [...this.roomListsByEmail.values()];
  }

  findRoomList(idOrEmail: string): RoomList | undefined {
    const key = idOrEmail.toLowerCase();
    return this.roomListsByEmail.get(key) ?? this.roomLists().find((list) => list.id.toLowerCase() === key);
  }

  clear(): void {
    this.mailboxesById.clear();
    this.mailboxIdsByEmail.clear();
    this.roomListsByEmail.clear();
  }
}
