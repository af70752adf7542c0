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
  /** The primary SMTP address (the user's `mail`). */
  email: string;
  /** The sign-in name: often the email, but may differ (`lidiah@contoso.onmicrosoft.com`). */
  userPrincipalName: string;
  /** Graph's format: `SMTP:` (upper case) marks the primary address, `smtp:` the aliases. */
  proxyAddresses: string[];
  displayName: string;
  /** The user's `officeLocation` (free text an admin types, e.g. 'Brussels HQ' or '18/2111'); null when unset. */
  officeLocation: string | null;
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

/** An Entra security group; members are object ids of users (mailboxes) or of other groups. */
export type Group = {
  id: string;
  displayName: string;
  description: string | null;
  memberIds: string[];
};

/** The SMTP addresses in proxyAddresses (`SMTP:` primary and `smtp:` aliases), without their prefix. */
export function smtpAddressesOf(proxyAddresses: string[]): string[] {
  return proxyAddresses.filter((entry) => /^smtp:/i.test(entry)).map((entry) => entry.slice('smtp:'.length));
}

/**
 * The tenant's users, rooms, room lists and groups. Mailboxes are found by object id, UPN or any SMTP
 * address (what Exchange resolves); Entra's own lookups (`findUser`) take only the id or the UPN.
 */
export class Directory {
  /** By lower-case object id. */
  private readonly mailboxesById = new Map<string, Mailbox>();
  /** Lower-case UPN and SMTP addresses (primary and aliases) → lower-case object id. */
  private readonly mailboxIdsByAddress = new Map<string, string>();
  private readonly mailboxIdsByUpn = new Map<string, string>();
  private readonly roomListsByEmail = new Map<string, RoomList>();
  private readonly groupsById = new Map<string, Group>();

  /**
   * Adds a mailbox, replacing one with the same id or the same primary address. Like Exchange, no two
   * recipients share a UPN or an SMTP address: a clash with another mailbox is refused.
   */
  addMailbox(mailbox: Mailbox): Mailbox {
    const id = mailbox.id.toLowerCase();
    const addresses = addressesOf(mailbox);
    const replaced = new Set([id, this.mailboxIdsByAddress.get(mailbox.email.toLowerCase())]);
    for (const address of addresses) {
      const owner = this.mailboxIdsByAddress.get(address);
      if (owner && !replaced.has(owner)) {
        throw new Error(`The address '${address}' already belongs to ${this.mailboxesById.get(owner)!.email}.`);
      }
    }
    for (const previous of replaced) if (previous) this.removeMailbox(previous);
    this.mailboxesById.set(id, mailbox);
    for (const address of addresses) this.mailboxIdsByAddress.set(address, id);
    this.mailboxIdsByUpn.set(mailbox.userPrincipalName.toLowerCase(), id);
    return mailbox;
  }

  addRoomList(roomList: RoomList): RoomList {
    this.roomListsByEmail.set(roomList.email.toLowerCase(), roomList);
    return roomList;
  }

  /** By object id, UPN, primary SMTP or an smtp alias (case-insensitive): how Exchange resolves /users/{…}/events. */
  find(idUpnOrEmail: string): Mailbox | undefined {
    const key = idUpnOrEmail.toLowerCase();
    const id = this.mailboxesById.has(key) ? key : this.mailboxIdsByAddress.get(key);
    return id ? this.mailboxesById.get(id) : undefined;
  }

  /** By object id or UPN only (case-insensitive), as Entra resolves /users/{id | userPrincipalName}. */
  findUser(idOrUpn: string): Mailbox | undefined {
    const key = idOrUpn.toLowerCase();
    const id = this.mailboxesById.has(key) ? key : this.mailboxIdsByUpn.get(key);
    return id ? this.mailboxesById.get(id) : undefined;
  }

  byId(id: string): Mailbox | undefined {
    return this.mailboxesById.get(id.toLowerCase());
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

  /** Adds or replaces a group (by id). */
  addGroup(group: Group): Group {
    this.groupsById.set(group.id.toLowerCase(), group);
    return group;
  }

  findGroup(id: string): Group | undefined {
    return this.groupsById.get(id.toLowerCase());
  }

  groups(): Group[] {
    return [...this.groupsById.values()];
  }

  /** Lower-case ids of every group `objectId` belongs to, directly or through nested groups (cycles are harmless). */
  transitiveGroupIdsOf(objectId: string): Set<string> {
    const found = new Set<string>();
    let frontier = [objectId.toLowerCase()];
    while (frontier.length > 0) {
      const members = new Set(frontier);
      frontier = [];
      for (const group of this.groupsById.values()) {
        const id = group.id.toLowerCase();
        if (found.has(id) || !group.memberIds.some((member) => members.has(member.toLowerCase()))) continue;
        found.add(id);
        frontier.push(id);
      }
    }
    return found;
  }

  clear(): void {
    this.mailboxesById.clear();
    this.mailboxIdsByAddress.clear();
    this.mailboxIdsByUpn.clear();
    this.roomListsByEmail.clear();
    this.groupsById.clear();
  }

  private removeMailbox(id: string): void {
    const mailbox = this.mailboxesById.get(id);
    if (!mailbox) return;
    this.mailboxesById.delete(id);
    for (const address of addressesOf(mailbox))
      if (this.mailboxIdsByAddress.get(address) === id) this.mailboxIdsByAddress.delete(address);
    const upn = mailbox.userPrincipalName.toLowerCase();
    if (this.mailboxIdsByUpn.get(upn) === id) this.mailboxIdsByUpn.delete(upn);
  }
}

/** Everything a mailbox answers to besides its id, lower-cased: primary SMTP, aliases and UPN. */
function addressesOf(mailbox: Mailbox): string[] {
  const addresses = [mailbox.email, mailbox.userPrincipalName, ...smtpAddressesOf(mailbox.proxyAddresses)];
  return [...new Set(addresses.map((address) => address.toLowerCase()))];
}
