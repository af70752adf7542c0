import type { Regime } from '../contract/locations.js';
import type { WorkplaceSeed } from '../domain/workplace-state.js';

const WORKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR'] as const;
const officeHours = (from: string, to: string): Regime => ({ openingHours: [{ days: [...WORKDAYS], from, to }] });
const meetingRoom = { type: 'meetingRoom' as const, reservable: true, bookingWindowDays: 180 };

const STANDARD_CAPACITIES = [4, 6, 8, 10, 20];
const ROOM_NAMES = ['Lys', 'Escaut', 'Sambre', 'Dyle', 'Hudson', 'Harlem', 'Bronx', 'Queens', 'Brooklyn', 'Staten'];

/**
 * The other rooms both demo tenants share (mailbox `room-{city}-{floor}.{nn}@contoso.com`, the capacity
 * the Graph emulator's demo seed gives it), so the embedded default links more than twenty rooms.
 */
type StandardRoom = { city: 'brussels' | 'newyork'; floor: number; number: number };
const STANDARD_ROOMS: StandardRoom[] = [
  { city: 'brussels', floor: 1, number: 4 },
  { city: 'brussels', floor: 2, number: 4 },
  ...[1, 2, 3, 4].map((number) => ({ city: 'brussels' as const, floor: 3, number })),
  ...[5, 6].flatMap((floor) => [1, 2, 3, 4, 5].map((number) => ({ city: 'newyork' as const, floor, number }))),
];
const standardRooms = STANDARD_ROOMS.map(({ city, floor, number }, index) => {
  const label = `${floor}.${String(number).padStart(2, '0')}`;
  const site = city === 'brussels' ? 'bru' : 'nyc';
  const capacity = STANDARD_CAPACITIES[number - 1]!;
  return {
    ...meetingRoom,
    id: `a-${site}-${label}`,
    name: `${ROOM_NAMES[index % ROOM_NAMES.length]} ${label}`,
    buildingId: `b-${site}`,
    floorId: `f-${site}-${floor}`,
    capacity,
    equipment: capacity >= 8 ? ['screen', 'video-conference'] : ['screen'],
    exchangeMailbox: `room-${city}-${label}@contoso.com`,
    cateringAllowed: true,
    approvalRequired: false,
    regime: city === 'brussels' ? officeHours('07:00', '20:00') : officeHours('07:00', '21:00'),
    // One room where people must check in at the kiosk or display: nobody within 15 minutes → released.
    ...(site === 'bru' && label === '3.01'
      ? { checkIn: { required: true, opensMinutesBefore: 15, closesMinutesAfter: 15 } }
      : {}),
  };
});

/**
 * Demo master data: two buildings in different time zones, each with floors, meeting rooms (most
 * linked to an Exchange room mailbox, one not), an approval-required board room, a room without
 * catering, a room that is not reservable, a room that requires check-in (3.01), assets and catering.
 */
export const workplaceDemoSeed: WorkplaceSeed = {
  buildings: [
    { id: 'b-bru', name: 'Brussels HQ', address: 'Rue de la Loi 1, 1000 Brussels', timeZone: 'Europe/Brussels' },
    { id: 'b-nyc', name: 'New York Office', address: '350 5th Ave, New York, NY 10118', timeZone: 'America/New_York' },
  ],
  floors: [
    { id: 'f-bru-0', buildingId: 'b-bru', name: 'Ground floor', level: 0 },
    { id: 'f-bru-1', buildingId: 'b-bru', name: 'First floor', level: 1 },
    { id: 'f-bru-2', buildingId: 'b-bru', name: 'Second floor', level: 2 },
    { id: 'f-nyc-10', buildingId: 'b-nyc', name: '10th floor', level: 10 },
    { id: 'f-nyc-11', buildingId: 'b-nyc', name: '11th floor', level: 11 },
    { id: 'f-bru-3', buildingId: 'b-bru', name: 'Third floor', level: 3 },
    { id: 'f-nyc-5', buildingId: 'b-nyc', name: '5th floor', level: 5 },
    { id: 'f-nyc-6', buildingId: 'b-nyc', name: '6th floor', level: 6 },
  ],
  areas: [
    {
      ...meetingRoom,
      id: 'a-bru-0.01',
      name: 'Atrium',
      buildingId: 'b-bru',
      floorId: 'f-bru-0',
      capacity: 24,
      equipment: ['screen', 'video-conference', 'sound-system'],
      exchangeMailbox: 'room-brussels-0.01@contoso.com',
      cateringAllowed: true,
      approvalRequired: false,
      regime: officeHours('07:00', '21:00'),
    },
    {
      ...meetingRoom,
      id: 'a-bru-1.01',
      name: 'Ardennes',
      buildingId: 'b-bru',
      floorId: 'f-bru-1',
      capacity: 8,
      equipment: ['screen', 'whiteboard'],
      exchangeMailbox: 'room-brussels-1.01@contoso.com',
      cateringAllowed: true,
      approvalRequired: false,
      regime: officeHours('07:00', '20:00'),
    },
    {
      ...meetingRoom,
      id: 'a-bru-1.02',
      name: 'Meuse',
      buildingId: 'b-bru',
      floorId: 'f-bru-1',
      capacity: 4,
      equipment: ['screen'],
      exchangeMailbox: 'room-brussels-1.02@contoso.com',
      cateringAllowed: false,
      approvalRequired: false,
      regime: officeHours('07:00', '20:00'),
    },
    {
      ...meetingRoom,
      id: 'a-bru-1.03',
      name: 'Senne',
      buildingId: 'b-bru',
      floorId: 'f-bru-1',
      capacity: 6,
      equipment: ['whiteboard'],
      exchangeMailbox: null,
      cateringAllowed: true,
      approvalRequired: false,
      regime: officeHours('07:00', '20:00'),
    },
    {
      ...meetingRoom,
      id: 'a-bru-2.01',
      name: 'Board room',
      buildingId: 'b-bru',
      floorId: 'f-bru-2',
      capacity: 16,
      equipment: ['screen', 'video-conference'],
      exchangeMailbox: 'room-brussels-2.01@contoso.com',
      cateringAllowed: true,
      approvalRequired: true,
      regime: officeHours('08:00', '19:00'),
    },
    {
      ...meetingRoom,
      id: 'a-bru-2.02',
      name: 'Focus pod',
      buildingId: 'b-bru',
      floorId: 'f-bru-2',
      capacity: 2,
      equipment: [],
      exchangeMailbox: 'room-brussels-2.02@contoso.com',
      cateringAllowed: false,
      approvalRequired: false,
      regime: null,
    },
    {
      ...meetingRoom,
      id: 'a-bru-0.02',
      name: 'Lobby corner',
      buildingId: 'b-bru',
      floorId: 'f-bru-0',
      capacity: 4,
      equipment: [],
      exchangeMailbox: null,
      cateringAllowed: false,
      approvalRequired: false,
      reservable: false,
      regime: null,
    },
    {
      ...meetingRoom,
      id: 'a-nyc-10.01',
      name: 'Hudson',
      buildingId: 'b-nyc',
      floorId: 'f-nyc-10',
      capacity: 10,
      equipment: ['screen', 'video-conference'],
      exchangeMailbox: 'room-newyork-10.01@contoso.com',
      cateringAllowed: true,
      approvalRequired: false,
      regime: officeHours('07:00', '20:00'),
    },
    {
      ...meetingRoom,
      id: 'a-nyc-10.02',
      name: 'Liberty',
      buildingId: 'b-nyc',
      floorId: 'f-nyc-10',
      capacity: 6,
      equipment: ['screen'],
      exchangeMailbox: 'room-newyork-10.02@contoso.com',
      cateringAllowed: true,
      approvalRequired: false,
      regime: officeHours('07:00', '20:00'),
    },
    {
      ...meetingRoom,
      id: 'a-nyc-11.01',
      name: 'Brooklyn',
      buildingId: 'b-nyc',
      floorId: 'f-nyc-11',
      capacity: 12,
      equipment: ['screen', 'whiteboard', 'video-conference'],
      exchangeMailbox: 'room-newyork-11.01@contoso.com',
      cateringAllowed: true,
      approvalRequired: false,
      bookingWindowDays: 90,
      regime: officeHours('07:00', '20:00'),
    },
    {
      ...meetingRoom,
      id: 'a-nyc-11.02',
      name: 'Queens',
      buildingId: 'b-nyc',
      floorId: 'f-nyc-11',
      capacity: 4,
      equipment: ['whiteboard'],
      exchangeMailbox: null,
      cateringAllowed: false,
      approvalRequired: false,
      regime: officeHours('07:00', '20:00'),
    },
    {
      id: 'a-bru-1.d01',
      name: 'Desk 1.01',
      type: 'workplace',
      buildingId: 'b-bru',
      floorId: 'f-bru-1',
      capacity: 1,
      equipment: ['docking-station'],
      exchangeMailbox: null,
      cateringAllowed: false,
      reservable: true,
      approvalRequired: false,
      bookingWindowDays: 14,
      regime: officeHours('06:00', '22:00'),
    },
    ...standardRooms,
  ],
  assets: [
    {
      id: 'as-bru-beamer-1',
      name: 'Beamer 1',
      kind: 'beamer',
      buildingId: 'b-bru',
      reservable: true,
      approvalRequired: false,
      bookingWindowDays: 180,
      regime: null,
    },
    {
      id: 'as-bru-beamer-2',
      name: 'Beamer 2',
      kind: 'beamer',
      buildingId: 'b-bru',
      reservable: true,
      approvalRequired: false,
      bookingWindowDays: 180,
      regime: null,
    },
    {
      id: 'as-bru-camera',
      name: 'Conference camera kit',
      kind: 'camera',
      buildingId: 'b-bru',
      reservable: true,
      approvalRequired: true,
      bookingWindowDays: 60,
      regime: null,
    },
    {
      id: 'as-nyc-beamer-1',
      name: 'Projector 10F',
      kind: 'beamer',
      buildingId: 'b-nyc',
      reservable: true,
      approvalRequired: false,
      bookingWindowDays: 180,
      regime: null,
    },
    {
      id: 'as-nyc-flipchart',
      name: 'Flip chart',
      kind: 'flipchart',
      buildingId: 'b-nyc',
      reservable: true,
      approvalRequired: false,
      bookingWindowDays: 180,
      regime: null,
    },
  ],
  catalogItems: [
    {
      id: 'ci-coffee',
      name: 'Coffee and tea',
      category: 'catering',
      unit: 'person',
      regime: officeHours('07:00', '18:00'),
    },
    {
      id: 'ci-lunch',
      name: 'Sandwich lunch',
      category: 'catering',
      unit: 'person',
      regime: officeHours('11:00', '14:30'),
    },
    { id: 'ci-water', name: 'Water', category: 'catering', unit: 'item', regime: null },
    { id: 'ci-setup', name: 'Room set-up (U shape)', category: 'service', unit: 'item', regime: null },
  ],
};
