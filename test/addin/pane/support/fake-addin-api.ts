import { vi } from 'vitest';
import { ApiError, LONG_MEETING_MINUTES } from '@workplace-sync/shared';
import type {
  AvailabilityQueryInput,
  AvailabilityResponse,
  BookingIntent,
  BookingIntentRequestInput,
  MeetingReservation,
  Room,
  RoomsResponse,
  SeriesConflictVerdict,
  Unavailability,
} from '@workplace-sync/shared';
import type { AddinApiClient } from '../../../../addin/src/api/addin-api-client.js';

// A fake of the add-in API for component and hook tests: a small room catalogue, availability computed
// from a table of busy rooms per occurrence, holds recorded. Every method is a vi.fn to inspect calls.

const room = (overrides: Partial<Room> & Pick<Room, 'id' | 'name'>): Room => ({
  buildingId: 'b-bru',
  floorId: 'f-bru-1',
  capacity: 8,
  equipment: [],
  mailbox: `room-${overrides.id}@contoso.com`,
  timeZone: 'Europe/Brussels',
  approvalRequired: false,
  cateringAllowed: true,
  bookingWindowDays: 180,
  ...overrides,
});

export const CATALOGUE: RoomsResponse = {
  buildings: [
    { id: 'b-bru', name: 'Brussels HQ', timeZone: 'Europe/Brussels' },
    { id: 'b-nyc', name: 'New York Office', timeZone: 'America/New_York' },
  ],
  floors: [
    { id: 'f-bru-0', buildingId: 'b-bru', name: 'Ground floor', level: 0 },
    { id: 'f-bru-1', buildingId: 'b-bru', name: 'First floor', level: 1 },
    { id: 'f-nyc-10', buildingId: 'b-nyc', name: '10th floor', level: 10 },
  ],
  rooms: [
    room({ id: 'atrium', name: 'Atrium', floorId: 'f-bru-0', capacity: 24, equipment: ['screen', 'video-conference'] }),
    room({ id: 'ardennes', name: 'Ardennes', capacity: 8, equipment: ['screen', 'whiteboard'] }),
    room({ id: 'meuse', name: 'Meuse', capacity: 4, equipment: ['screen'], cateringAllowed: false }),
    room({ id: 'senne', name: 'Senne', capacity: 6, mailbox: null }),
    room({ id: 'board', name: 'Board room', capacity: 16, approvalRequired: true }),
    room({ id: 'hudson', name: 'Hudson', buildingId: 'b-nyc', floorId: 'f-nyc-10', timeZone: 'America/New_York' }),
  ],
  assets: [
    { id: 'as-beamer', name: 'Beamer 1', kind: 'beamer', buildingId: 'b-bru', approvalRequired: false },
    { id: 'as-nyc-projector', name: 'Projector NY', kind: 'beamer', buildingId: 'b-nyc', approvalRequired: false },
  ],
  catalogItems: [
    { id: 'ci-coffee', name: 'Coffee and tea', category: 'catering', unit: 'person' },
    { id: 'ci-lunch', name: 'Sandwich lunch', category: 'catering', unit: 'person' },
  ],
  officeLocation: null,
};

/** Which rooms are taken, per occurrence index ('*' = every occurrence). */
export type BusyTable = Record<string, Array<number | '*'>>;

const DAY_MS = 86_400_000;

/** Occurrences of a daily or weekly test series: every `interval` weeks (or days) from `start`, `count` times. */
function occurrencesOf(query: AvailabilityQueryInput): Array<{ start: string; end: string }> {
  const start = Date.parse(query.start);
  const duration = Date.parse(query.end) - start;
  const count = query.freq ? Number(query.count ?? 4) : 1;
  const step = (query.freq === 'daily' ? 1 : 7) * DAY_MS * Number(query.interval ?? 1);
  return Array.from({ length: count }, (_, index) => ({
    start: new Date(start + index * step).toISOString(),
    end: new Date(start + index * step + duration).toISOString(),
  }));
}

/** Rooms closed (opening hours) for any occurrence that ends after this instant. */
export type ClosingTable = Record<string, string>;

const isClosedFor = (closing: ClosingTable, roomId: string, end: string) =>
  closing[roomId] !== undefined && Date.parse(end) > Date.parse(closing[roomId]!);

export function availabilityFor(
  query: AvailabilityQueryInput,
  busy: BusyTable,
  rooms = CATALOGUE.rooms,
  closing: ClosingTable = {},
  verdicts: Record<string, SeriesConflictVerdict> = {},
): AvailabilityResponse {
  const occurrences = occurrencesOf(query);
  const minCapacity = Number(query.minCapacity ?? 0);
  const checked = rooms.filter(
    (entry) =>
      entry.capacity >= minCapacity &&
      (!query.buildingId || entry.buildingId === query.buildingId) &&
      (!query.equipment || query.equipment.split(',').every((name) => entry.equipment.includes(name))),
  );
  const answer = checked.map((entry) => {
    const perOccurrence = occurrences.map((occurrence, index) => {
      const reasons: Unavailability[] = [];
      if (isClosedFor(closing, entry.id, occurrence.end)) reasons.push({ code: 'closed', source: 'workplace' });
      if (!entry.mailbox) reasons.push({ code: 'not-linked-to-exchange', source: 'workplace' });
      if (entry.approvalRequired) reasons.push({ code: 'needs-approval', source: 'workplace' });
      const taken = busy[entry.id] ?? [];
      if (taken.includes('*') || taken.includes(index)) reasons.push({ code: 'booked', source: 'workplace' });
      return { isBookable: reasons.every((reason) => reason.code === 'needs-approval'), reasons };
    });
    const bookable = perOccurrence.filter((occurrence) => occurrence.isBookable).length;
    const reasons = [
      ...new Map(perOccurrence.flatMap((o) => o.reasons).map((r) => [`${r.code}/${r.source}`, r])).values(),
    ];
    const summary =
      bookable === 0
        ? ('unavailable' as const)
        : bookable < occurrences.length
          ? ('partly-free' as const)
          : reasons.some((reason) => reason.code === 'needs-approval')
            ? ('needs-approval' as const)
            : ('free' as const);
    // A partly free series room: what Exchange would do with the series (accepted unless told otherwise).
    const seriesConflicts = summary === 'partly-free' && query.freq ? (verdicts[entry.id] ?? 'accepted') : undefined;
    return {
      roomId: entry.id,
      summary,
      bookableOccurrences: bookable,
      reasons,
      occurrences: perOccurrence,
      ...(seriesConflicts ? { seriesConflicts } : {}),
    };
  });
  const order = { free: 0, 'needs-approval': 1, 'partly-free': 2, unavailable: 3 };
  answer.sort((a, b) => order[a.summary] - order[b.summary]);
  return {
    timeZone: 'Europe/Brussels',
    occurrences,
    hasMoreOccurrences: false,
    exchangeFreeBusy: 'checked',
    rooms: answer,
    // As the server says it (server/src/addin/availability-check.ts noticesOf).
    notices:
      (Date.parse(query.end) - Date.parse(query.start)) / 60_000 > LONG_MEETING_MINUTES
        ? [{ code: 'long-meeting', durationMinutes: (Date.parse(query.end) - Date.parse(query.start)) / 60_000 }]
        : [],
  };
}

export function aReservation(overrides: Partial<MeetingReservation> = {}): MeetingReservation {
  return {
    id: 'res-1',
    version: 3,
    subject: 'Design review',
    start: '2026-03-02T09:00:00.000Z',
    end: '2026-03-02T10:00:00.000Z',
    timeZone: 'Europe/Brussels',
    recurrence: null,
    status: 'confirmed',
    organizer: { email: 'ann.organizer@contoso.com', name: 'Ann Organizer' },
    isOrganizer: true,
    occurrenceStarts: null,
    lines: [
      { id: 'l-1', kind: 'room', objectId: 'atrium', name: 'Atrium', status: 'confirmed' },
      {
        id: 'l-2',
        kind: 'catering',
        objectId: 'ci-coffee',
        name: 'Coffee and tea',
        quantity: 6,
        status: 'pending-approval',
      },
      { id: 'l-3', kind: 'equipment', objectId: 'as-beamer', name: 'Beamer 1', quantity: 1, status: 'confirmed' },
      { id: 'l-4', kind: 'catering', objectId: 'ci-lunch', name: 'Sandwich lunch', quantity: 6, status: 'declined' },
    ],
    sync: { state: 'in-sync', holdExpiresAt: null },
    ...overrides,
  };
}

export type FakeApiOptions = {
  busy?: BusyTable;
  reservations?: MeetingReservation[];
  /** Makes createBookingIntent fail with this error. */
  holdFailure?: ApiError;
  /** Rooms closed after a time of day: not free then, and a hold then is refused as Workplace does. */
  closing?: ClosingTable;
  /** What Exchange would do with a series in a partly free room (default: accepted, the taken dates declined). */
  seriesConflicts?: Record<string, SeriesConflictVerdict>;
  /** Makes the first availability checks fail with these errors, one each. */
  availabilityFailures?: Error[];
  /** Makes the first listRooms fail with this error. */
  roomsFailure?: Error;
  /** The signed-in user's office location in the directory (default none). */
  officeLocation?: string;
};

export function createFakeAddinApi(options: FakeApiOptions = {}) {
  let holds = 0;
  let reservations = options.reservations ?? [];
  let roomsFailure = options.roomsFailure;
  const availabilityFailures = [...(options.availabilityFailures ?? [])];
  const api = {
    listRooms: vi.fn(async () => {
      if (roomsFailure) {
        const failure = roomsFailure;
        roomsFailure = undefined;
        throw failure;
      }
      return { ...structuredClone(CATALOGUE), officeLocation: options.officeLocation ?? null };
    }),
    getAvailability: vi.fn(async (query: AvailabilityQueryInput) => {
      const failure = availabilityFailures.shift();
      if (failure) throw failure;
      return availabilityFor(query, options.busy ?? {}, CATALOGUE.rooms, options.closing, options.seriesConflicts);
    }),
    createBookingIntent: vi.fn(async (request: BookingIntentRequestInput): Promise<BookingIntent> => {
      if (options.holdFailure) throw options.holdFailure;
      if (isClosedFor(options.closing ?? {}, request.roomId, request.end)) {
        const name = CATALOGUE.rooms.find((entry) => entry.id === request.roomId)!.name;
        throw new ApiError(422, 'UNPROCESSABLE', `${name} is closed then (outside its opening hours)`);
      }
      holds += 1;
      const chosen = CATALOGUE.rooms.find((entry) => entry.id === request.roomId)!;
      const lineName = (objectId: string) =>
        [...CATALOGUE.assets, ...CATALOGUE.catalogItems].find((item) => item.id === objectId)?.name ?? objectId;
      return {
        intentId: `00000000-0000-4000-8000-00000000000${holds}`,
        expiresAt: '2026-03-02T08:30:00.000Z',
        holds: [
          {
            intentId: `00000000-0000-4000-8000-00000000000${holds}`,
            reservationId: `hold-${holds}`,
            roomId: chosen.id,
            mailbox: chosen.mailbox!,
            occurrenceStarts: null,
            lines: [
              { id: 'h-room', kind: 'room', objectId: chosen.id, name: chosen.name, status: 'tentative' },
              ...(request.lines ?? []).map((line, index) => ({
                id: `h-${index}`,
                kind: line.kind,
                objectId: line.objectId,
                name: lineName(line.objectId),
                ...(line.quantity !== undefined ? { quantity: line.quantity } : {}),
                status: 'tentative' as const,
              })),
            ],
          },
          ...(request.alternatives ?? []).map((alternative, index) => {
            const other = CATALOGUE.rooms.find((entry) => entry.id === alternative.roomId)!;
            return {
              intentId: `alt-intent-${index}`,
              reservationId: `alt-hold-${index}`,
              roomId: other.id,
              mailbox: other.mailbox!,
              occurrenceStarts: [alternative.occurrenceStart],
              lines: [
                {
                  id: 'a-room',
                  kind: 'room' as const,
                  objectId: other.id,
                  name: other.name,
                  status: 'tentative' as const,
                },
              ],
            };
          }),
        ],
      };
    }),
    releaseBookingIntent: vi.fn(async (_intentId: string) => undefined),
    // As the server does: the hold released, its reservation cancelled, and read as declined from now on.
    reportDeclinedBookingIntent: vi.fn(async (_intentId: string) => {
      reservations = reservations.map((entry) => ({
        ...entry,
        status: 'cancelled' as const,
        sync: { state: 'declined' as const, holdExpiresAt: null },
      }));
    }),
    getReservationsForMeeting: vi.fn(async () => ({ reservations: structuredClone(reservations) })),
    updateReservationLines: vi.fn(
      async (
        reservationId: string,
        edits: { version: number; lines: Array<{ kind: string; objectId: string; quantity?: number }> },
      ) => {
        const current = reservations.find((entry) => entry.id === reservationId)!;
        if (edits.version !== current.version) throw new ApiError(412, 'PRECONDITION_FAILED', 'stale');
        const updated: MeetingReservation = {
          ...current,
          version: current.version + 1,
          lines: [
            ...current.lines.filter((line) => line.kind === 'room'),
            ...edits.lines.map((line, index) => ({
              id: `n-${index}`,
              kind: line.kind as 'equipment' | 'catering',
              objectId: line.objectId,
              name:
                [...CATALOGUE.assets, ...CATALOGUE.catalogItems].find((item) => item.id === line.objectId)?.name ??
                line.objectId,
              ...(line.quantity !== undefined ? { quantity: line.quantity } : {}),
              status: 'confirmed' as const,
            })),
          ],
        };
        reservations = reservations.map((entry) => (entry.id === reservationId ? updated : entry));
        return updated;
      },
    ),
  } satisfies AddinApiClient;
  return {
    api,
    /** Someone else changes the reservation: its version moves on. */
    bumpVersion: (reservationId: string) => {
      reservations = reservations.map((entry) =>
        entry.id === reservationId ? { ...entry, version: entry.version + 1 } : entry,
      );
    },
  };
}
