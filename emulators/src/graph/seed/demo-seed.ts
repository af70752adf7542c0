import type { EmulatorSeed, SeedRoom } from './emulator-seed.js';

/** The demo tenant: Contoso with offices in Brussels and New York (issue 5: two buildings in different zones). */
export const DEMO_TENANT_ID = '6f1d3c5e-8a2b-4c7d-9e0f-1a2b3c4d5e6f';
export const DEMO_TENANT_DOMAIN = 'contoso.onmicrosoft.com';

/** The sync service's app registration in the demo tenant (client-credentials with this secret). */
export const DEMO_SYNC_APP = {
  clientId: '3e7c1a52-5b6d-4f8e-9a0b-1c2d3e4f5a6b',
  clientSecret: 'graph-emulator-demo-secret',
  displayName: 'Workplace sync (demo)',
} as const;

/** The Outlook add-in's app registration: delegated tokens for the add-in API carry this client id. */
export const DEMO_ADDIN_APP = {
  clientId: '9b2d4f6a-1c3e-4a5b-8d7f-0e1f2a3b4c5d',
  displayName: 'Workplace rooms add-in (demo)',
  audience: 'api://localhost:3000/9b2d4f6a-1c3e-4a5b-8d7f-0e1f2a3b4c5d',
} as const;

/**
 * A user whose sign-in name (UPN) is not her email, as in tenants whose users sign in with the
 * initial `onmicrosoft.com` domain: tokens carry the UPN, Exchange knows her by her SMTP addresses.
 */
export const DEMO_LIDIA = {
  id: '7c2e9a41-3b5d-4f6e-8a1c-2d3e4f5a6b7c',
  displayName: 'Lidia Holloway',
  mail: 'lidia.holloway@contoso.com',
  userPrincipalName: 'lidiah@contoso.onmicrosoft.com',
  /** A secondary SMTP address (`smtp:` in proxyAddresses). */
  alias: 'lidia@contoso.com',
  proxyAddresses: ['SMTP:lidia.holloway@contoso.com', 'smtp:lidia@contoso.com'],
} as const;

/** The Entra security group whose members administer the room sync; Megan Bowen is its member. */
export const DEMO_ADMIN_GROUP_ID = 'b5f0c3d2-6a4e-4c1b-9d8f-7e6a5b4c3d2e';

// Addresses and the capacities of the linked rooms follow the Workplace emulator's demo seed
// (emulators/src/workplace/seed/demo-seed.ts), so the two demo tenants describe the same buildings.
const BRUSSELS_ADDRESS = {
  street: 'Rue de la Loi 1',
  city: 'Brussels',
  postalCode: '1000',
  countryOrRegion: 'Belgium',
};
const NEW_YORK_ADDRESS = {
  street: '350 5th Ave',
  city: 'New York',
  state: 'NY',
  postalCode: '10118',
  countryOrRegion: 'United States',
};

type City = 'brussels' | 'newyork';
type RoomPlan = { city: City; floor: number; number: number; capacity: number; equipment: Partial<SeedRoom> };

const AV = {
  audioDeviceName: 'Jabra Speak 750',
  videoDeviceName: 'Logitech Rally Bar',
  displayDeviceName: 'Samsung 75" display',
};
const SCREEN_ONLY = { displayDeviceName: 'LG 55" display' };

/** Rooms per floor, and the capacities the Workplace seed gives the rooms it links. */
const FLOORS: Array<{ city: City; floor: number; rooms: number }> = [
  { city: 'brussels', floor: 0, rooms: 1 },
  { city: 'brussels', floor: 1, rooms: 4 },
  { city: 'brussels', floor: 2, rooms: 4 },
  { city: 'brussels', floor: 3, rooms: 4 },
  { city: 'newyork', floor: 5, rooms: 5 },
  { city: 'newyork', floor: 6, rooms: 5 },
  { city: 'newyork', floor: 10, rooms: 2 },
  { city: 'newyork', floor: 11, rooms: 2 },
];
const LINKED_CAPACITIES: Record<string, number> = {
  'brussels-0.01': 24,
  'brussels-1.01': 8,
  'brussels-1.02': 4,
  'brussels-2.01': 16,
  'brussels-2.02': 2,
  'newyork-10.01': 10,
  'newyork-10.02': 6,
  'newyork-11.01': 12,
};
const DEFAULT_CAPACITIES = [4, 6, 8, 10, 20];

const ROOM_PLANS: RoomPlan[] = FLOORS.flatMap(({ city, floor, rooms }) =>
  Array.from({ length: rooms }, (_, index) => {
    const number = index + 1;
    const capacity =
      LINKED_CAPACITIES[`${city}-${floor}.${String(number).padStart(2, '0')}`] ?? DEFAULT_CAPACITIES[index]!;
    return { city, floor, number, capacity, equipment: capacity >= 8 ? AV : SCREEN_ONLY };
  }),
);

/** `room-brussels-1.01@contoso.com` … `room-newyork-6.05@contoso.com`: the addresses the Workplace emulator links. */
export const roomEmail = (city: City, floor: number, number: number) =>
  `room-${city}-${floor}.${String(number).padStart(2, '0')}@contoso.com`;

function demoRoom(plan: RoomPlan): SeedRoom {
  const isBrussels = plan.city === 'brussels';
  const label = `${plan.floor}.${String(plan.number).padStart(2, '0')}`;
  return {
    email: roomEmail(plan.city, plan.floor, plan.number),
    displayName: `${isBrussels ? 'Brussels' : 'New York'} ${label}`,
    timeZone: isBrussels ? 'Europe/Brussels' : 'America/New_York',
    capacity: plan.capacity,
    building: isBrussels ? 'Brussels HQ' : 'New York Office',
    floorNumber: plan.floor,
    floorLabel: `Floor ${plan.floor}`,
    label,
    address: isBrussels ? BRUSSELS_ADDRESS : NEW_YORK_ADDRESS,
    geoCoordinates: isBrussels ? { latitude: 50.8467, longitude: 4.3668 } : { latitude: 40.7563, longitude: -73.9866 },
    tags: plan.capacity >= 10 ? ['large'] : [],
    isWheelChairAccessible: plan.floor <= 2 || plan.floor === 5 || plan.floor === 10,
    ...plan.equipment,
  };
}

const rooms = ROOM_PLANS.map(demoRoom).map((room): SeedRoom => {
  // A few rooms with non-default calendar processing, to exercise those paths in demos.
  if (room.email === roomEmail('brussels', 3, 4))
    return { ...room, bookingSettings: { automateProcessing: 'AutoUpdate' } };
  if (room.email === roomEmail('newyork', 6, 5))
    return { ...room, bookingSettings: { deleteSubject: false, deleteComments: false } };
  if (room.email === roomEmail('newyork', 6, 4)) return { ...room, bookingSettings: { bookingWindowInDays: 30 } };
  // The large Atrium takes weekly series with a few taken dates (those dates are declined, the rest
  // accepted), as docs/deployment.md recommends for rooms where the add-in offers alternative rooms.
  if (room.email === roomEmail('brussels', 0, 1)) {
    return { ...room, bookingSettings: { maximumConflictInstances: 2, conflictPercentageAllowed: 50 } };
  }
  return room;
});

export const demoSeed: EmulatorSeed = {
  users: [
    {
      email: 'adele.vance@contoso.com',
      displayName: 'Adele Vance',
      officeLocation: 'Brussels HQ',
      timeZone: 'Europe/Brussels',
    },
    {
      email: 'alex.wilber@contoso.com',
      displayName: 'Alex Wilber',
      officeLocation: 'Brussels',
      timeZone: 'Europe/Brussels',
    },
    {
      email: 'megan.bowen@contoso.com',
      displayName: 'Megan Bowen',
      officeLocation: 'New York',
      timeZone: 'America/New_York',
    },
    {
      email: 'nestor.wilke@contoso.com',
      displayName: 'Nestor Wilke',
      officeLocation: 'New York Office',
      timeZone: 'America/New_York',
    },
    {
      id: DEMO_LIDIA.id,
      email: DEMO_LIDIA.mail,
      userPrincipalName: DEMO_LIDIA.userPrincipalName,
      proxyAddresses: [...DEMO_LIDIA.proxyAddresses],
      displayName: DEMO_LIDIA.displayName,
      officeLocation: 'Brussels HQ',
      timeZone: 'Europe/Brussels',
    },
    { email: 'workplace-sync@contoso.com', displayName: 'Workplace Sync', timeZone: 'UTC' },
  ],
  rooms,
  roomLists: [
    {
      email: 'brussels@contoso.com',
      displayName: 'Brussels HQ',
      address: BRUSSELS_ADDRESS,
      rooms: rooms.filter((room) => room.email.includes('brussels')).map((room) => room.email),
    },
    {
      email: 'newyork@contoso.com',
      displayName: 'New York Office',
      address: NEW_YORK_ADDRESS,
      rooms: rooms.filter((room) => room.email.includes('newyork')).map((room) => room.email),
    },
  ],
  groups: [
    {
      id: DEMO_ADMIN_GROUP_ID,
      displayName: 'Room sync administrators',
      description: 'Administrators of the Workplace room sync.',
      members: ['megan.bowen@contoso.com'],
    },
  ],
  apps: [
    {
      clientId: DEMO_SYNC_APP.clientId,
      displayName: DEMO_SYNC_APP.displayName,
      clientSecrets: [DEMO_SYNC_APP.clientSecret],
      // User.Read.All: GET /users/{id} (proxyAddresses included); with GroupMember.Read.All, checkMemberGroups.
      graphRoles: ['Calendars.ReadWrite', 'Place.Read.All', 'User.Read.All', 'GroupMember.Read.All'],
    },
    { clientId: DEMO_ADDIN_APP.clientId, displayName: DEMO_ADDIN_APP.displayName },
  ],
};
