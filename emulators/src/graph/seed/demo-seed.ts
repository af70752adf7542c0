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

const BRUSSELS_ADDRESS = {
  street: 'Rue de la Loi 16',
  city: 'Brussels',
  postalCode: '1000',
  countryOrRegion: 'Belgium',
};
const NEW_YORK_ADDRESS = {
  street: '11 Times Square',
  city: 'New York',
  state: 'NY',
  postalCode: '10036',
  countryOrRegion: 'United States',
};

type RoomPlan = {
  city: 'brussels' | 'newyork';
  floor: number;
  number: number;
  capacity: number;
  equipment: Partial<SeedRoom>;
};

const AV = {
  audioDeviceName: 'Jabra Speak 750',
  videoDeviceName: 'Logitech Rally Bar',
  displayDeviceName: 'Samsung 75" display',
};
const SCREEN_ONLY = { displayDeviceName: 'LG 55" display' };

const ROOM_PLANS: RoomPlan[] = [
  ...[1, 2, 3].flatMap((floor) =>
    [1, 2, 3, 4].map((number) => ({
      city: 'brussels' as const,
      floor,
      number,
      capacity: [4, 6, 8, 12][number - 1]!,
      equipment: number % 2 === 0 ? AV : SCREEN_ONLY,
    })),
  ),
  ...[5, 6].flatMap((floor) =>
    [1, 2, 3, 4, 5].map((number) => ({
      city: 'newyork' as const,
      floor,
      number,
      capacity: [4, 6, 8, 10, 20][number - 1]!,
      equipment: number >= 3 ? AV : SCREEN_ONLY,
    })),
  ),
];

/** `room-brussels-1.01@contoso.com` … `room-newyork-6.05@contoso.com`: the addresses the Workplace emulator links. */
export const roomEmail = (city: RoomPlan['city'], floor: number, number: number) =>
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
    isWheelChairAccessible: plan.floor <= 2 || plan.floor === 5,
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
  return room;
});

export const demoSeed: EmulatorSeed = {
  users: [
    { email: 'adele.vance@contoso.com', displayName: 'Adele Vance', timeZone: 'Europe/Brussels' },
    { email: 'alex.wilber@contoso.com', displayName: 'Alex Wilber', timeZone: 'Europe/Brussels' },
    { email: 'megan.bowen@contoso.com', displayName: 'Megan Bowen', timeZone: 'America/New_York' },
    { email: 'nestor.wilke@contoso.com', displayName: 'Nestor Wilke', timeZone: 'America/New_York' },
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
  apps: [
    {
      clientId: DEMO_SYNC_APP.clientId,
      displayName: DEMO_SYNC_APP.displayName,
      clientSecrets: [DEMO_SYNC_APP.clientSecret],
      graphRoles: ['Calendars.ReadWrite', 'Place.Read.All', 'User.Read.All'],
    },
    { clientId: DEMO_ADDIN_APP.clientId, displayName: DEMO_ADDIN_APP.displayName },
  ],
};
