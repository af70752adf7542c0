import { toInstant } from '@workplace-sync/shared';
import type { EmbeddedServer } from './embedded-server.js';
import { workplaceApi } from './embedded-server.js';

const DAY_MS = 86_400_000;

export type BenchRoom = { areaId: string; mailbox: string; timeZone: string; name: string };

type Page<T> = { items: T[]; nextCursor: string | null };
type Area = {
  id: string;
  name: string;
  buildingId: string;
  exchangeMailbox: string | null;
  reservable: boolean;
  approvalRequired: boolean;
};

/**
 * The linked demo rooms a benchmark can book freely: reservable without approval, and keeping the
 * subject in Exchange (a subject-rewriting room would hide the subject the benchmark correlates by).
 */
export async function usableRooms(embedded: Pick<EmbeddedServer, 'emulators'>): Promise<BenchRoom[]> {
  const buildings = await workplaceApi<Page<{ id: string; timeZone: string }>>(embedded, '/api/v1/buildings?limit=100');
  const areas = await workplaceApi<Page<Area>>(embedded, '/api/v1/areas?type=meetingRoom&limit=200');
  const keepsSubject = new Set(
    embedded.emulators.graph
      .mailboxes()
      .filter((mailbox) => mailbox.kind === 'room' && mailbox.bookingSettings && !mailbox.bookingSettings.deleteSubject)
      .map((mailbox) => mailbox.email.toLowerCase()),
  );
  return areas.items
    .filter((area) => area.exchangeMailbox && area.reservable && !area.approvalRequired)
    .filter((area) => keepsSubject.has(area.exchangeMailbox!.toLowerCase()))
    .map((area) => ({
      areaId: area.id,
      mailbox: area.exchangeMailbox!.toLowerCase(),
      name: area.name,
      timeZone: buildings.items.find((building) => building.id === area.buildingId)!.timeZone,
    }));
}

export type Slot = { date: string; start: string; end: string; timeZone: string };

/**
 * Hands out free meeting slots per room: weekdays from `fromDaysAhead`, one 45-minute meeting per
 * hour from 08:00 to 16:45 in the room's zone (inside every demo room's opening hours), so no two
 * benchmark bookings ever conflict with each other or with the demo bookings of the first days.
 */
export function createSlotPlanner({ fromDaysAhead = 14, toDaysAhead = 85, now = new Date() } = {}) {
  const days: string[] = [];
  for (let offset = fromDaysAhead; offset <= toDaysAhead; offset++) {
    const day = new Date(now.getTime() + offset * DAY_MS);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) days.push(day.toISOString().slice(0, 10));
  }
  const hours = [8, 9, 10, 11, 12, 13, 14, 15, 16];
  const used = new Map<string, number>();
  return {
    next(room: BenchRoom): Slot {
      const index = used.get(room.mailbox) ?? 0;
      used.set(room.mailbox, index + 1);
      const date = days[Math.floor(index / hours.length)];
      if (!date) throw new Error(`no free slot left in ${room.mailbox}`);
      const hour = String(hours[index % hours.length]).padStart(2, '0');
      return { date, start: `${date}T${hour}:00:00`, end: `${date}T${hour}:45:00`, timeZone: room.timeZone };
    },
  };
}

export const slotInstant = (slot: Slot, which: 'start' | 'end') =>
  toInstant({ dateTime: slot[which], timeZone: slot.timeZone });
