import type { GraphEmulatorControl, SeedRoom, SeedUser } from '@workplace-sync/emulators';

const DAY_MS = 86_400_000;
export const SCALE_ZONE = 'Europe/Brussels';
const BUILDING_ID = 'b-bru';
const FLOOR_ID = 'f-bench';

/** What Workplace's master data calls an area (emulators/src/workplace/contract/locations.ts). */
export type WorkplaceArea = {
  id: string;
  name: string;
  type: 'meetingRoom';
  buildingId: string;
  floorId: string;
  capacity: number;
  equipment: string[];
  exchangeMailbox: string | null;
  cateringAllowed: boolean;
  reservable: boolean;
  approvalRequired: boolean;
  bookingWindowDays: number;
  regime: null;
};

export type ScaleRoom = { mailbox: string; areaId: string; name: string };

/**
 * `count` extra rooms for both emulators: Graph room mailboxes (subjects kept, as docs/ asks) and
 * Workplace meeting rooms on an extra floor of the Brussels building, always open, bookable 200 days
 * ahead. `linkedInWorkplace` sets the area's exchangeMailbox (the add-in lists rooms by it); the sync
 * links rooms through its own `rooms` table. `first` numbers them on from another set; with
 * `approvalRequired` a booking there waits for an approver in Workplace.
 */
export function scaleRooms(count: number, { linkedInWorkplace = false, first = 0, approvalRequired = false } = {}) {
  const rooms: ScaleRoom[] = Array.from({ length: count }, (_, offset) => first + offset).map((index) => ({
    mailbox: `room-bench-${String(index).padStart(4, '0')}@contoso.com`,
    areaId: `a-bench-${String(index).padStart(4, '0')}`,
    name: `Bench room ${index}`,
  }));
  const graphRooms: SeedRoom[] = rooms.map((room, index) => ({
    email: room.mailbox,
    displayName: room.name,
    timeZone: SCALE_ZONE,
    capacity: [4, 6, 8, 10, 12][index % 5],
    building: 'Brussels HQ',
    bookingSettings: { deleteSubject: false, addOrganizerToSubject: false },
  }));
  const users: SeedUser[] = Array.from({ length: 50 }, (_, index) => ({
    email: `bench-user-${index}@contoso.com`,
    displayName: `Bench user ${index}`,
    timeZone: SCALE_ZONE,
  }));
  const areas: WorkplaceArea[] = rooms.map((room, index) => ({
    id: room.areaId,
    name: room.name,
    type: 'meetingRoom',
    buildingId: BUILDING_ID,
    floorId: FLOOR_ID,
    capacity: [4, 6, 8, 10, 12][index % 5]!,
    equipment: index % 2 === 0 ? ['screen'] : ['screen', 'video-conference'],
    exchangeMailbox: linkedInWorkplace ? room.mailbox : null,
    cateringAllowed: false,
    reservable: true,
    approvalRequired,
    bookingWindowDays: 200,
    regime: null,
  }));
  const floor = { id: FLOOR_ID, buildingId: BUILDING_ID, name: 'Benchmark floor', level: 40 };
  return { rooms, graphRooms, users, areas, floor };
}

/** The date of each room's n-th seeded booking: the same dates in every room, spread over `days`. */
export function scaleBookingDates({ perRoom = 50, days = 180, now = new Date() } = {}): string[] {
  return Array.from({ length: perRoom }, (_, index) =>
    new Date(now.getTime() + (1 + Math.floor((index * (days - 2)) / perRoom)) * DAY_MS).toISOString().slice(0, 10),
  );
}

/**
 * Books `perRoom` single meetings in every room over the next `days` days (45 minutes each, spread
 * over the days and the office hours, never overlapping), as users in Outlook: each meeting is the
 * organizer's event plus the room's copy made by its booking attendant. Returns how many were booked.
 *
 * The emulator's meeting processing looks through every calendar for copies of the meeting, so this
 * grows with the square of the number of events (≈ 2 s for 5,000, ≈ 5 min for 50,000 on 2 cores).
 */
export async function seedScaleBookings(
  graph: GraphEmulatorControl,
  rooms: ScaleRoom[],
  users: SeedUser[],
  { perRoom = 50, days = 180, now = new Date(), onProgress = (_booked: number) => {} } = {},
): Promise<number> {
  let booked = 0;
  const dates = scaleBookingDates({ perRoom, days, now });
  for (let index = 0; index < perRoom; index++) {
    for (const [roomIndex, room] of rooms.entries()) {
      const day = dates[index]!;
      const hour = String(8 + ((index + roomIndex) % 9)).padStart(2, '0');
      graph.actAsUser(users[(roomIndex + index) % users.length]!.email, {
        action: 'create',
        meeting: {
          subject: `Booking ${index} in ${room.name}`,
          start: { dateTime: `${day}T${hour}:00:00`, timeZone: SCALE_ZONE },
          end: { dateTime: `${day}T${hour}:45:00`, timeZone: SCALE_ZONE },
          rooms: [room.mailbox],
        },
      });
      booked += 1;
      if (booked % 1_000 === 0) {
        await graph.idle();
        onProgress(booked);
      }
    }
  }
  await graph.idle();
  return booked;
}
