import type { Booking } from '@workplace-sync/shared';
import type { Mailbox } from '../../../server/src/adapters/graph/index.js';

export const ROOM = 'room-4.12@contoso.com';

export const aMailbox = (overrides: Partial<Mailbox> = {}): Mailbox => ({
  address: ROOM,
  timeZone: 'Europe/Berlin',
  ...overrides,
});

export const aBooking = (overrides: Partial<Booking> = {}): Booking => ({
  subject: 'Design review',
  start: { dateTime: '2025-03-03T09:00:00', timeZone: 'Europe/Berlin' },
  end: { dateTime: '2025-03-03T10:00:00', timeZone: 'Europe/Berlin' },
  organizer: { email: 'adele@contoso.com', name: 'Adele Vance' },
  participants: [{ email: 'megan@contoso.com', name: 'Megan Bowen', kind: 'required' }],
  rooms: [ROOM],
  recurrence: null,
  exceptions: [],
  isCancelled: false,
  ...overrides,
});
