import type { AppRegistry, RegisteredApp } from '../auth/app-registry.js';
import type { Directory, GeoCoordinates, Mailbox, PhysicalAddress, WorkingHours } from '../directory/directory.js';
import { DEFAULT_ROOM_BOOKING_SETTINGS } from '../directory/room-booking-settings.js';
import type { RoomBookingSettings } from '../directory/room-booking-settings.js';
import { newGuid } from '../ids/graph-ids.js';
import type { SeededRandom } from '../random/seeded-random.js';

export type SeedUser = {
  email: string;
  displayName: string;
  id?: string;
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

/** The tenant's directory and app registrations; reset/seed through the control API or the constructor options. */
export type EmulatorSeed = {
  users?: SeedUser[];
  rooms?: SeedRoom[];
  roomLists?: SeedRoomList[];
  apps?: SeedApp[];
};

const DEFAULT_WORKING_HOURS: WorkingHours = {
  daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
  startTime: '08:00:00',
  endTime: '17:00:00',
};

function mailboxOf(user: SeedUser, kind: Mailbox['kind'], random: SeededRandom): Mailbox {
  return {
    id: user.id ?? newGuid(random),
    email: user.email,
    displayName: user.displayName,
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
  for (const app of seed.apps ?? []) apps.register(registeredAppOf(app, random));
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
