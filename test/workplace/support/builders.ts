import type { Booking } from '@workplace-sync/shared';
import type { WorkplaceReservationCreate as ReservationCreate } from '../../../emulators/src/workplace/index.js';

/** Tuesday 3 March 2026, 10:00–11:00 in Ardennes (Brussels, linked to room-brussels-1.01@contoso.com). */
export const aReservationCreate = (overrides: Partial<ReservationCreate> = {}): ReservationCreate => ({
  subject: 'Design review',
  start: '2026-03-03T10:00:00',
  end: '2026-03-03T11:00:00',
  timeZone: 'Europe/Brussels',
  responsible: { email: 'alex@contoso.com', name: 'Alex Wilber' },
  participants: [
    { email: 'adele@contoso.com', name: 'Adele Vance', kind: 'required' },
    { email: 'megan@contoso.com', kind: 'optional' },
  ],
  lines: [{ type: 'area', objectId: 'a-bru-1.01' }],
  ...overrides,
});

export const aBooking = (overrides: Partial<Booking> = {}): Booking => ({
  subject: 'Design review',
  start: { dateTime: '2026-03-03T10:00:00', timeZone: 'Europe/Brussels' },
  end: { dateTime: '2026-03-03T11:00:00', timeZone: 'Europe/Brussels' },
  organizer: { email: 'alex@contoso.com', name: 'Alex Wilber' },
  participants: [
    { email: 'adele@contoso.com', name: 'Adele Vance', kind: 'required' },
    { email: 'megan@contoso.com', kind: 'optional' },
  ],
  rooms: ['room-brussels-1.01@contoso.com'],
  recurrence: null,
  exceptions: [],
  isCancelled: false,
  ...overrides,
});

/** The demo seed's mailbox links, as the server's rooms table would hold them. */
export const DEMO_MAILBOXES: Record<string, string> = {
  'a-bru-0.01': 'room-brussels-0.01@contoso.com',
  'a-bru-1.01': 'room-brussels-1.01@contoso.com',
  'a-bru-1.02': 'room-brussels-1.02@contoso.com',
  'a-bru-2.01': 'room-brussels-2.01@contoso.com',
  'a-bru-2.02': 'room-brussels-2.02@contoso.com',
  'a-nyc-10.01': 'room-newyork-10.01@contoso.com',
  'a-nyc-10.02': 'room-newyork-10.02@contoso.com',
  'a-nyc-11.01': 'room-newyork-11.01@contoso.com',
};
export const mailboxOfArea = (areaId: string) => DEMO_MAILBOXES[areaId] ?? null;
export const areaOfMailbox = (mailbox: string) =>
  Object.entries(DEMO_MAILBOXES).find(([, candidate]) => candidate === mailbox.toLowerCase())?.[0] ?? null;
