import type { AppRegistry, RegisteredApp } from '../auth/app-registry.js';
import type {
  Directory,
  GeoCoordinates,
  Group,
  Mailbox,
  PhysicalAddress,
  WorkingHours,
} from '../directory/directory.js';
import { DEFAULT_ROOM_BOOKING_SETTINGS } from '../directory/room-booking-settings.js';
import type { RoomBookingSettings } from '../directory/room-booking-settings.js';
import { newGuid } from '../ids/graph-ids.js';
import type { SeededRandom } from '../random/seeded-random.js';

export type SeedUser = {
  /** The primary SMTP address (`mail`). */
  email: string;
  displayName: string;
  id?: string;
  /** The sign-in name (default: the email). */
  userPrincipalName?: string;
  /**
   * Graph's format: `SMTP:primary` (upper-case prefix) and `smtp:alias` (default `['SMTP:' + email]`).
   * The primary is the email; it is added when missing, and another `SMTP:` entry is refused.
   */
  proxyAddresses?: string[];
  /** Graph's `officeLocation` (default none). */
  officeLocation?: string;
  /** IANA zone of the mailbox (default UTC). */
  timeZone?: string;
  workingHours?: WorkingHours;
  /** Graph answers 404 MailboxNotEnabledForRESTAPI for this mailbox. */
  isRestApiDisabled?: boolean;
};

export type SeedRoom = SeedUser & {
  capacity?: number;
  building?: string;
  floorNumber?: number;
  floorLabel?: string;
  label?: string;
  nickname?: string;
  phone?: string;
  address?: PhysicalAddress;
  geoCoordinates?: GeoCoordinates;
  tags?: string[];
  audioDeviceName?: string;
  videoDeviceName?: string;
  displayDeviceName?: string;
  isWheelChairAccessible?: boolean;
  bookingType?: 'standard' | 'reserved';
  isHiddenFromAddressList?: boolean;
  placeId?: string;
  bookingSettings?: Partial<RoomBookingSettings>;
};

export type SeedRoomList = {
  email: string;
  displayName: string;
  /** Email addresses of the rooms in the list. */
  rooms: string[];
  address?: PhysicalAddress;
  phone?: string;
  geoCoordinates?: GeoCoordinates;
  placeId?: string;
};

export type SeedApp = {
  clientId: string;
  displayName?: string;
  clientSecrets?: string[];
  /** Public certificates (PEM) whose private keys sign client assertions. */
  certificates?: string[];
  /** Application permissions on Graph, e.g. ['Calendars.ReadWrite', 'Place.Read.All']. */
  graphRoles?: string[];
  apiRoles?: Record<string, string[]>;
  mailboxScope?: RegisteredApp['mailboxScope'];
  servicePrincipalId?: string;
};

/** An Entra security group. */
export type SeedGroup = {
  /** The group's object id (default: a new GUID). */
  id?: string;
  displayName: string;
  description?: string;
  /** Users (object id, UPN or email) and nested groups (object id). */
  members?: string[];
};

/** The tenant's directory and app registrations; reset/seed through the control API or the constructor options. */
export type EmulatorSeed = {
  users?: SeedUser[];
  rooms?: SeedRoom[];
  roomLists?: SeedRoomList[];
  /** Applied after users and rooms, in order: a group may name groups listed before it or itself. */
  groups?: SeedGroup[];
  apps?: SeedApp[];
};

const DEFAULT_WORKING_HOURS: WorkingHours = {
  daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
  startTime: '08:00:00',
  endTime: '17:00:00',
};

/** `SMTP:<email>` first, then the aliases as given; refuses a second primary. */
export function proxyAddressesOf(email: string, given: string[] = []): string[] {
  for (const entry of given) {
    if (!/^[^:\s]+:\S+$/.test(entry)) throw new Error(`'${entry}' is not a proxy address ('smtp:alias@domain').`);
    if (entry.startsWith('SMTP:') && entry.slice(5).toLowerCase() !== email.toLowerCase()) {
      throw new Error(`'${entry}': the primary SMTP address (SMTP:) must be the mailbox's email, ${email}.`);
    }
  }
  const primary = `SMTP:${email}`;
  return [primary, ...given.filter((entry) => entry.toLowerCase() !== primary.toLowerCase())];
}

function mailboxOf(user: SeedUser, kind: Mailbox['kind'], random: SeededRandom): Mailbox {
  return {
    id: user.id ?? newGuid(random),
    email: user.email,
    userPrincipalName: user.userPrincipalName ?? user.email,
    proxyAddresses: proxyAddressesOf(user.email, user.proxyAddresses),
    displayName: user.displayName,
    officeLocation: user.officeLocation ?? null,
    kind,
    timeZone: user.timeZone ?? 'UTC',
    workingHours: user.workingHours ?? DEFAULT_WORKING_HOURS,
    calendarId: `AAMkCal${Buffer.from(user.email.toLowerCase()).toString('base64url')}=`,
    isRestApiDisabled: user.isRestApiDisabled ?? false,
    room: null,
  };
}

export function applySeed(
  seed: EmulatorSeed,
  { directory, apps, random }: { directory: Directory; apps: AppRegistry; random: SeededRandom },
): void {
  for (const user of seed.users ?? []) directory.addMailbox(mailboxOf(user, 'user', random));
  for (const room of seed.rooms ?? []) {
    directory.addMailbox({
      ...mailboxOf(room, 'room', random),
      room: {
        placeId: room.placeId ?? newGuid(random).toUpperCase(),
        capacity: room.capacity ?? null,
        building: room.building ?? null,
        floorNumber: room.floorNumber ?? null,
        floorLabel: room.floorLabel ?? null,
        label: room.label ?? null,
        nickname: room.nickname ?? room.displayName,
        phone: room.phone ?? null,
        address: room.address ?? null,
        geoCoordinates: room.geoCoordinates ?? null,
        tags: room.tags ?? [],
        audioDeviceName: room.audioDeviceName ?? null,
        videoDeviceName: room.videoDeviceName ?? null,
        displayDeviceName: room.displayDeviceName ?? null,
        isWheelChairAccessible: room.isWheelChairAccessible ?? false,
        bookingType: room.bookingType ?? 'standard',
        isHiddenFromAddressList: room.isHiddenFromAddressList ?? false,
        bookingSettings: { ...DEFAULT_ROOM_BOOKING_SETTINGS, ...room.bookingSettings },
      },
    });
  }
  for (const list of seed.roomLists ?? []) {
    const placeId = list.placeId ?? newGuid(random).toUpperCase();
    directory.addRoomList({
      id: placeId,
      placeId,
      email: list.email,
      displayName: list.displayName,
      address: list.address ?? null,
      phone: list.phone ?? null,
      geoCoordinates: list.geoCoordinates ?? null,
      roomEmails: list.rooms,
    });
  }
  for (const group of seed.groups ?? []) directory.addGroup(groupOf(group, directory, random));
  for (const app of seed.apps ?? []) apps.register(registeredAppOf(app, random));
}

/** A group whose members are resolved to object ids: a group's id, else a user's id, UPN or address. */
export function groupOf(group: SeedGroup, directory: Directory, random: SeededRandom): Group {
  const id = group.id ?? newGuid(random);
  return {
    id,
    displayName: group.displayName,
    description: group.description ?? null,
    memberIds: (group.members ?? []).map((member) => memberIdOf(member, directory, id)),
  };
}

export function memberIdOf(member: string, directory: Directory, groupId?: string): string {
  if (member.toLowerCase() === groupId?.toLowerCase()) return groupId;
  const id = directory.findGroup(member)?.id ?? directory.find(member)?.id;
  if (!id) throw new Error(`No user or group '${member}' in the directory.`);
  return id;
}

export function registeredAppOf(app: SeedApp, random: SeededRandom): RegisteredApp {
  return {
    clientId: app.clientId,
    displayName: app.displayName ?? app.clientId,
    servicePrincipalId: app.servicePrincipalId ?? newGuid(random),
    clientSecrets: app.clientSecrets ?? [],
    certificates: app.certificates ?? [],
    graphRoles: app.graphRoles ?? [],
    apiRoles: app.apiRoles ?? {},
    mailboxScope: app.mailboxScope ?? 'all',
  };
}
