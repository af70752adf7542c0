// The builders of the test data every suite shares (bookings, room events, reservations, links, mailboxes),
// one per type, each with one set of defaults. A test that needs other data passes the difference
// (`aBooking({ ...inBerlin, subject: 'Renamed' })`) rather than keeping a builder of its own.
import { syncHash } from '@workplace-sync/shared';
import type { Booking } from '@workplace-sync/shared';
import type { WorkplaceReservationCreate } from '../../emulators/src/workplace/index.js';
import type { Mailbox } from '../../server/src/adapters/graph/index.js';
import type { WorkplaceReservation } from '../../server/src/adapters/workplace/index.js';
import type { RoomEventChangeInput } from '../../server/src/sync/plan-room-event-change.js';
import type { BookingIntent, BookingLink, ReservationView, RoomEvent } from '../../server/src/sync/sync-model.js';

// The sync model

export const ROOM_A = 'room-brussels-1.01@contoso.com';
export const ROOM_B = 'room-brussels-1.02@contoso.com';
export const UNLINKED_ROOM = 'room-annex@contoso.com';
export const LINKED = new Set([ROOM_A, ROOM_B]);
export const NOW = new Date('2026-03-01T08:00:00Z');

export const aBooking = (overrides: Partial<Booking> = {}): Booking => ({
  subject: 'Design review',
  start: { dateTime: '2026-03-03T09:00:00', timeZone: 'Europe/Brussels' },
  end: { dateTime: '2026-03-03T10:00:00', timeZone: 'Europe/Brussels' },
  organizer: { email: 'alex@contoso.com', name: 'Alex Wilber' },
  participants: [{ email: 'adele@contoso.com', kind: 'required' }],
  rooms: [ROOM_A],
  recurrence: null,
  exceptions: [],
  isCancelled: false,
  ...overrides,
});

export const aRoomEvent = (overrides: Partial<RoomEvent> = {}): RoomEvent => ({
  mailbox: ROOM_A,
  eventId: 'AAMk-room-a-1',
  iCalUId: '040000008200E00074C5B7101A82E008-1',
  changeKey: 'ck-1',
  booking: aBooking(),
  roomResponse: 'accepted',
  reservationMarker: null,
  isSubjectRewritten: false,
  isOrganizedByRoom: false,
  lastModified: '2026-03-01T07:00:00Z',
  readingNotes: [],
  ...overrides,
});

export const aReservation = (overrides: Partial<ReservationView> = {}): ReservationView => ({
  reservationId: 'res-1',
  version: '1',
  status: 'confirmed',
  source: 'outlook',
  booking: aBooking(),
  lines: [{ lineId: 'line-a', kind: 'room', objectId: 'area-a', status: 'confirmed', mailbox: ROOM_A }],
  releases: [],
  updatedAt: '2026-03-01T06:00:00Z',
  ...overrides,
});

/** A link recording that `event` and `reservation` were in sync. */
export const aLink = (
  event: RoomEvent,
  reservation: ReservationView,
  overrides: Partial<BookingLink> = {},
): BookingLink => ({
  mailbox: event.mailbox,
  eventId: event.eventId,
  iCalUId: event.iCalUId,
  reservationId: reservation.reservationId,
  lineId: reservation.lines[0]!.lineId,
  graphChangeKey: event.changeKey,
  graphModifiedAt: new Date(event.lastModified).toISOString(),
  workplaceVersion: reservation.version,
  graphHash: syncHash(event.booking),
  workplaceHash: syncHash(reservation.booking),
  origin: 'exchange',
  isCancelled: false,
  isAwaitingApproval: false,
  endsAt: null,
  releasedOccurrences: [],
  ...overrides,
});

export const anIntent = (overrides: Partial<BookingIntent> = {}): BookingIntent => ({
  intentId: 'intent-1',
  organizerEmail: 'alex@contoso.com',
  mailbox: ROOM_A,
  reservationId: 'res-hold-1',
  start: '2026-03-03T08:00:00Z',
  end: '2026-03-03T09:00:00Z',
  expiresAt: '2026-03-01T09:00:00Z',
  alternatives: [],
  ...overrides,
});

/** What planRoomEventChange decides on: a new meeting in ROOM_A by default. */
export const aRoomEventChangeInput = (overrides: Partial<RoomEventChangeInput> = {}): RoomEventChangeInput => ({
  change: { kind: 'upserted', event: aRoomEvent() },
  link: null,
  meetingLinks: [],
  reservation: null,
  otherRoomCopies: null,
  intents: [],
  linkedMailboxes: LINKED,
  policy: 'latest-wins',
  now: NOW,
  ...overrides,
});

// Graph

/** The room of the Graph adapter's unit tests (a fake transport, no emulator). */
export const BERLIN_ROOM = 'room-4.12@contoso.com';

export const aMailbox = (overrides: Partial<Mailbox> = {}): Mailbox => ({
  address: BERLIN_ROOM,
  timeZone: 'Europe/Berlin',
  ...overrides,
});

// Workplace

/** Tuesday 3 March 2026, 10:00–11:00 in Ardennes (Brussels, linked to room-brussels-1.01@contoso.com). */
export const aReservationCreate = (
  overrides: Partial<WorkplaceReservationCreate> = {},
): WorkplaceReservationCreate => ({
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

/** aReservationCreate's meeting as a Booking: what the Workplace tests pass to aBooking. */
export const WORKPLACE_MEETING: Partial<Booking> = {
  start: { dateTime: '2026-03-03T10:00:00', timeZone: 'Europe/Brussels' },
  end: { dateTime: '2026-03-03T11:00:00', timeZone: 'Europe/Brussels' },
  participants: [
    { email: 'adele@contoso.com', name: 'Adele Vance', kind: 'required' },
    { email: 'megan@contoso.com', kind: 'optional' },
  ],
};

/** A stored reservation as Workplace answers it: two rooms, an asset, catering, a rejected room. */
export const aWorkplaceReservation = (overrides: Partial<WorkplaceReservation> = {}): WorkplaceReservation => ({
  id: 'r-7',
  version: 3,
  subject: 'Quarterly planning',
  start: '2026-03-03T10:00:00',
  end: '2026-03-03T11:30:00',
  timeZone: 'Europe/Brussels',
  responsible: { email: 'alex@contoso.com', name: 'Alex Wilber' },
  requestor: { email: 'assistant@contoso.com' },
  participants: [
    { email: 'adele@contoso.com', name: 'Adele Vance', kind: 'required' },
    { email: 'megan@contoso.com', kind: 'optional' },
  ],
  recurrence: null,
  exceptions: [],
  lines: [
    { id: 'l-1', type: 'area', objectId: 'a-bru-1.01', status: 'confirmed' },
    { id: 'l-2', type: 'area', objectId: 'a-bru-1.03', status: 'confirmed' },
    { id: 'l-3', type: 'asset', objectId: 'as-bru-beamer-1', status: 'pending-approval' },
    {
      id: 'l-4',
      type: 'catalogItem',
      objectId: 'ci-lunch',
      quantity: 8,
      start: '2026-03-03T12:00:00',
      end: '2026-03-03T12:30:00',
      status: 'confirmed',
    },
    { id: 'l-5', type: 'area', objectId: 'a-bru-2.01', status: 'rejected' },
  ],
  status: 'pending-approval',
  source: 'app',
  createdAt: '2026-03-02T08:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
  ...overrides,
});
