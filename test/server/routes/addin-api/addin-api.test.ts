import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { AvailabilityResponseSchema, BookingIntentSchema, MeetingReservationsSchema } from '@workplace-sync/shared';
import type { AvailabilityResponse, RoomAvailability } from '@workplace-sync/shared';
import type { SeriesConflictTolerance } from '../../../../server/src/addin/index.js';
import { ANN, BOB, createFakeSchedule, startAddinApi } from '../../../support/addin-api-server.js';

// Monday 2 March 2026 (the emulator's clock: 09:00 in Brussels). The meeting: 10:00–11:00 Brussels.
const START = '2026-03-02T09:00:00.000Z';
const END = '2026-03-02T10:00:00.000Z';
const WEEK_MS = 7 * 86_400_000;
const weekAfter = (iso: string, weeks: number) => new Date(Date.parse(iso) + weeks * WEEK_MS).toISOString();

const schedule = createFakeSchedule({
  // Booked in Outlook, not (yet) in Workplace.
  'room-brussels-1.02@contoso.com': [[START, END]],
});

let server: Awaited<ReturnType<typeof startAddinApi>>;
beforeAll(async () => {
  server = await startAddinApi({ graph: { getSchedule: schedule.getSchedule } });
});
afterAll(() => server.close());
afterEach(() => {
  server.workplace.emulator.reset();
  server.intents.clear();
});

/** Someone else books a room in Workplace (a kiosk), in Brussels local time. */
function bookedByBob(areaId: string, start: string, end: string, rrule: string | null = null) {
  return server.workplace.client().createReservation(
    {
      subject: 'Kiosk booking',
      start,
      end,
      timeZone: 'Europe/Brussels',
      responsible: { email: BOB },
      participants: [],
      recurrence: rrule ? { rrule } : null,
      exceptions: [],
      lines: [{ type: 'area', objectId: areaId }],
      source: 'kiosk',
    },
    { idempotencyKey: randomUUID() },
  );
}

const query = (params: Record<string, string>) =>
  `/api/availability?${new URLSearchParams({ start: START, end: END, timeZone: 'Europe/Brussels', ...params })}`;
const roomOf = (answer: AvailabilityResponse, roomId: string) => answer.rooms.find((room) => room.roomId === roomId)!;
const codes = (room: RoomAvailability) => room.reasons.map((reason) => `${reason.code}/${reason.source}`).sort();

describe('GET /api/availability: times that cannot be booked', () => {
  test('a meeting that has ended is refused once, in words (not listed as free); times out of order too', async () => {
    const ended = await server.call(
      'GET',
      query({ start: '2026-03-01T09:00:00.000Z', end: '2026-03-01T10:00:00.000Z' }),
    );
    expect(ended.status).toBe(422);
    expect(ended.body.error.message).toBe('The meeting has already ended: there is no room to book for it');
    const backwards = await server.call('GET', query({ start: END, end: START }));
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toContain('ends before it starts');
  });

  test('a 12-hour meeting is still offered rooms, with one warning that says how long it lasts', async () => {
    const twelveHours = new Date(Date.parse(START) + 12 * 3_600_000).toISOString();
    const long = await server.call('GET', query({ end: twelveHours }));
    expect(long.status).toBe(200);
    const answer = AvailabilityResponseSchema.parse(long.body);
    expect(answer.notices).toEqual([{ code: 'long-meeting', durationMinutes: 720 }]);
    expect(answer.rooms.length).toBeGreaterThan(0);
    const usual = AvailabilityResponseSchema.parse((await server.call('GET', query({}))).body);
    expect(usual.notices).toEqual([]);
  });
});

describe('GET /api/rooms', () => {
  test('reservable meeting rooms with building zone and mailbox (unlinked ones included), equipment and catering', async () => {
    const { status, body } = await server.call('GET', '/api/rooms');
    expect(status).toBe(200);
    const ids = body.rooms.map((room: { id: string }) => room.id);
    expect(ids).toContain('a-bru-1.03'); // Senne: not linked to Exchange, shown anyway
    expect(ids).not.toContain('a-bru-0.02'); // Lobby corner: not reservable
    expect(ids).not.toContain('a-bru-1.d01'); // a desk, not a meeting room
    expect(body.rooms.find((room: { id: string }) => room.id === 'a-nyc-10.01')).toMatchObject({
      name: 'Hudson',
      mailbox: 'room-newyork-10.01@contoso.com',
      timeZone: 'America/New_York',
    });
    expect(body.rooms.find((room: { id: string }) => room.id === 'a-bru-1.03').mailbox).toBeNull();
    expect(body.buildings).toHaveLength(2);
    expect(body.assets.map((asset: { id: string }) => asset.id)).toContain('as-bru-beamer-1');
    expect(body.catalogItems.map((item: { id: string }) => item.id)).toContain('ci-coffee');
  });

  test("the signed-in user's office location from the directory comes with the rooms (null when unset)", async () => {
    server.issuer.directory.add({ mail: 'carol@contoso.com', officeLocation: 'New York' });
    const carol = await server.call('GET', '/api/rooms', { user: 'carol@contoso.com' });
    expect(carol.body.officeLocation).toBe('New York');
    expect((await server.call('GET', '/api/rooms')).body.officeLocation).toBeNull();
  });

  test('filters: building, capacity, equipment (all of them)', async () => {
    const { body } = await server.call(
      'GET',
      '/api/rooms?buildingId=b-bru&minCapacity=8&equipment=screen,video-conference',
    );
    type Listed = { id: string; buildingId: string; capacity: number; equipment: string[] };
    const rooms = body.rooms as Listed[];
    expect(rooms.map((room) => room.id)).toEqual(expect.arrayContaining(['a-bru-0.01', 'a-bru-2.01']));
    expect(rooms.map((room) => room.id)).not.toContain('a-bru-1.01'); // Ardennes: no video conference
    for (const room of rooms) {
      expect(room.buildingId).toBe('b-bru');
      expect(room.capacity).toBeGreaterThanOrEqual(8);
      expect(room.equipment).toEqual(expect.arrayContaining(['screen', 'video-conference']));
    }
  });
});

describe('GET /api/availability', () => {
  test('a single meeting: Workplace and Exchange merged, reasons per room, free rooms first', async () => {
    await bookedByBob('a-bru-1.01', '2026-03-02T10:30:00', '2026-03-02T11:30:00');
    const { status, body } = await server.call('GET', query({}));
    expect(status).toBe(200);
    const answer = AvailabilityResponseSchema.parse(body);
    expect(answer.occurrences).toEqual([{ start: START, end: END }]);
    expect(answer.exchangeFreeBusy).toBe('checked');
    expect(roomOf(answer, 'a-bru-0.01')).toMatchObject({ summary: 'free', reasons: [] });
    expect(codes(roomOf(answer, 'a-bru-1.01'))).toEqual(['booked/workplace']); // Ardennes, by the kiosk
    expect(codes(roomOf(answer, 'a-bru-1.02'))).toEqual(['booked/exchange']); // Meuse, in Outlook
    expect(roomOf(answer, 'a-bru-2.01')).toMatchObject({ summary: 'needs-approval', bookableOccurrences: 1 }); // Board room
    expect(codes(roomOf(answer, 'a-bru-1.03'))).toEqual(['not-linked-to-exchange/workplace']); // Senne
    expect(codes(roomOf(answer, 'a-nyc-10.01'))).toEqual(['closed/workplace']); // Hudson: 04:00 in New York
    const summaries = answer.rooms.map((room) => room.summary);
    expect(summaries).toEqual(
      [...summaries].sort(
        (a, b) =>
          ['free', 'needs-approval', 'partly-free', 'unavailable'].indexOf(a) -
          ['free', 'needs-approval', 'partly-free', 'unavailable'].indexOf(b),
      ),
    );
    expect(schedule.calls.at(-1)!.schedules).not.toContain(null);
  });

  test('a weekly series: availability per occurrence, the booking window per room', async () => {
    await bookedByBob('a-bru-0.01', '2026-03-16T10:00:00', '2026-03-16T11:00:00');
    const { body } = await server.call(
      'GET',
      query({
        start: '2026-03-02T14:00:00.000Z',
        end: '2026-03-02T15:00:00.000Z',
        freq: 'weekly',
        byDay: 'MO',
        interval: '1',
        count: '20',
        buildingId: '',
      }),
    );
    const answer = AvailabilityResponseSchema.parse(body);
    expect(answer.occurrences).toHaveLength(20);
    // 15:00 Brussels = 09:00 New York: Hudson opens at 07:00. Weekly at 15:00 Brussels, so DST shifts New York's hour.
    const atrium = roomOf(answer, 'a-bru-0.01');
    expect(atrium.summary).toBe('free');
    const brooklyn = roomOf(answer, 'a-nyc-11.01'); // booking window of 90 days
    expect(brooklyn.summary).toBe('partly-free');
    const beyond = brooklyn.occurrences.findIndex((occurrence) => !occurrence.isBookable);
    expect(Date.parse(answer.occurrences[beyond]!.start)).toBeGreaterThan(Date.parse('2026-05-31T00:00:00Z'));
    expect(brooklyn.occurrences[beyond]!.reasons).toEqual([
      { code: 'outside-booking-window', source: 'workplace', until: expect.any(String) },
    ]);
  });

  test('a series with one taken occurrence is partly free, with the reason on that date', async () => {
    await bookedByBob('a-bru-0.01', '2026-03-16T10:00:00', '2026-03-16T11:00:00');
    const { body } = await server.call(
      'GET',
      query({ freq: 'weekly', byDay: 'MO', count: '4', roomIds: 'a-bru-0.01' }),
    );
    const atrium = roomOf(body, 'a-bru-0.01');
    expect(atrium).toMatchObject({ summary: 'partly-free', bookableOccurrences: 3 });
    expect(atrium.occurrences.map((occurrence: { isBookable: boolean }) => occurrence.isBookable)).toEqual([
      true,
      true,
      false,
      true,
    ]);
  });

  test('a partly free series room says whether Exchange would take the series: unknown without its settings', async () => {
    await bookedByBob('a-bru-0.01', '2026-03-16T10:00:00', '2026-03-16T11:00:00');
    const series = query({ freq: 'weekly', byDay: 'MO', count: '4', roomIds: 'a-bru-0.01,a-bru-1.01' });
    expect(roomOf((await server.call('GET', series)).body, 'a-bru-0.01').seriesConflicts).toBe('unknown');
    expect(roomOf((await server.call('GET', series)).body, 'a-bru-1.01')).not.toHaveProperty('seriesConflicts');

    // 1 taken date of 4: the Atrium tolerates 2 and 50 %, the default room none (Exchange's defaults).
    const tolerances: Record<string, SeriesConflictTolerance> = {
      'room-brussels-0.01@contoso.com': {
        allowConflicts: false,
        maximumConflictInstances: 2,
        conflictPercentageAllowed: 50,
      },
    };
    const withSettings = await startAddinApi({
      conflictTolerancesOf: async (mailboxes) =>
        new Map(
          mailboxes.map((mailbox) => [
            mailbox,
            tolerances[mailbox] ?? { allowConflicts: false, maximumConflictInstances: 0, conflictPercentageAllowed: 0 },
          ]),
        ),
    });
    try {
      await withSettings.workplace.client().createReservation(
        {
          subject: 'Kiosk booking',
          start: '2026-03-16T10:00:00',
          end: '2026-03-16T11:00:00',
          timeZone: 'Europe/Brussels',
          responsible: { email: BOB },
          participants: [],
          recurrence: null,
          exceptions: [],
          lines: [
            { type: 'area', objectId: 'a-bru-0.01' },
            { type: 'area', objectId: 'a-bru-1.01' },
          ],
          source: 'kiosk',
        },
        { idempotencyKey: randomUUID() },
      );
      const answer = AvailabilityResponseSchema.parse((await withSettings.call('GET', series)).body);
      expect(roomOf(answer, 'a-bru-0.01')).toMatchObject({ summary: 'partly-free', seriesConflicts: 'accepted' });
      expect(roomOf(answer, 'a-bru-1.01')).toMatchObject({ summary: 'partly-free', seriesConflicts: 'declined' });
      const single = AvailabilityResponseSchema.parse((await withSettings.call('GET', query({}))).body);
      expect(single.rooms.some((room) => 'seriesConflicts' in room)).toBe(false);
    } finally {
      await withSettings.close();
    }
  });

  test('a series without an end never fits a booking window', async () => {
    const { body } = await server.call('GET', query({ freq: 'weekly', byDay: 'MO', roomIds: 'a-bru-0.01' }));
    expect(body.hasMoreOccurrences).toBe(true);
    expect(roomOf(body, 'a-bru-0.01')).toMatchObject({
      summary: 'unavailable',
      reasons: [{ code: 'outside-booking-window' }],
    });
  });

  test('Outlook’s Windows zone names are understood; a bad query is a 400', async () => {
    expect(
      (await server.call('GET', query({ timeZone: 'Romance Standard Time', roomIds: 'a-bru-0.01' }))).body.timeZone,
    ).toBe('Europe/Paris');
    const bad = await server.call('GET', query({ end: START }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_REQUEST');
    expect((await server.call('GET', query({ byDay: 'XX', freq: 'weekly' }))).status).toBe(400);
    expect((await server.call('GET', query({ timeZone: 'Mars/Olympus' }))).status).toBe(400);
  });

  test('when Graph cannot be asked, Workplace’s answer still comes, marked as such', async () => {
    const failing = await startAddinApi({
      graph: {
        getSchedule: async () => {
          throw new Error('Graph is down');
        },
      },
    });
    try {
      const { body } = await failing.call('GET', query({ roomIds: 'a-bru-1.02' }));
      expect(body.exchangeFreeBusy).toBe('unavailable');
      expect(roomOf(body, 'a-bru-1.02').summary).toBe('free');
    } finally {
      await failing.close();
    }
  });
});

describe('POST /api/booking-intents: holds', () => {
  const intentFor = (overrides: Record<string, unknown> = {}) => ({
    clientRequestId: randomUUID(),
    subject: 'Design review',
    start: START,
    end: END,
    timeZone: 'Europe/Brussels',
    roomId: 'a-bru-0.01',
    lines: [{ kind: 'catering', objectId: 'ci-coffee', quantity: 6 }],
    ...overrides,
  });

  test('a single meeting: a tentative Workplace reservation with its lines, and an intent for the sync', async () => {
    const request = intentFor();
    const { status, body } = await server.call('POST', '/api/booking-intents', { body: request });
    expect(status).toBe(201);
    const intent = BookingIntentSchema.parse(body);
    expect(intent.holds).toHaveLength(1);
    const [hold] = intent.holds;
    expect(hold).toMatchObject({
      roomId: 'a-bru-0.01',
      mailbox: 'room-brussels-0.01@contoso.com',
      occurrenceStarts: null,
    });
    const reservation = await server.workplace.client().getReservation(hold!.reservationId);
    expect(reservation).toMatchObject({
      status: 'tentative',
      source: 'outlook',
      subject: 'Design review',
      start: '2026-03-02T10:00:00',
      timeZone: 'Europe/Brussels',
      responsible: { email: ANN },
      recurrence: null,
    });
    expect(reservation.lines.map((line) => [line.type, line.objectId, line.quantity ?? null, line.status])).toEqual([
      ['area', 'a-bru-0.01', null, 'tentative'],
      ['catalogItem', 'ci-coffee', 6, 'tentative'],
    ]);
    expect(server.intents.all().find((entry) => entry.id === intent.intentId)).toMatchObject({
      organizerEmail: ANN,
      mailbox: 'room-brussels-0.01@contoso.com',
      workplaceReservationId: hold!.reservationId,
      status: 'held',
      startAt: new Date(START),
      endAt: new Date(END),
      expiresAt: new Date('2026-03-02T08:30:00.000Z'),
    });

    // The hold blocks the room for everyone else; the organizer's own re-check leaves it out.
    const others = await server.call('GET', query({ roomIds: 'a-bru-0.01' }), { user: BOB });
    expect(roomOf(others.body, 'a-bru-0.01').summary).toBe('unavailable');
    const own = await server.call('GET', query({ roomIds: 'a-bru-0.01', excludeReservationIds: hold!.reservationId }));
    expect(roomOf(own.body, 'a-bru-0.01').summary).toBe('free');

    // A retry of the same pick holds nothing twice.
    const retry = await server.call('POST', '/api/booking-intents', { body: request });
    expect(retry.body.holds[0].reservationId).toBe(hold!.reservationId);
    expect(server.intents.all().filter((entry) => entry.workplaceReservationId === hold!.reservationId)).toHaveLength(
      1,
    );
  });

  test('a series with an alternative room for the taken occurrence: both sides held, found together', async () => {
    await bookedByBob('a-bru-0.01', '2026-03-16T10:00:00', '2026-03-16T11:00:00');
    const taken = weekAfter(START, 2);
    const { status, body } = await server.call('POST', '/api/booking-intents', {
      body: intentFor({
        recurrence: { freq: 'weekly', interval: 1, byDay: ['MO'], weekStart: 'MO', end: { type: 'count', count: 4 } },
        alternatives: [{ occurrenceStart: taken, roomId: 'a-bru-1.01' }],
      }),
    });
    expect(status).toBe(201);
    const [main, alternative] = body.holds;
    expect(alternative).toMatchObject({ roomId: 'a-bru-1.01', occurrenceStarts: [taken] });
    const series = await server.workplace.client().getReservation(main.reservationId);
    expect(series.recurrence?.rrule).toContain('FREQ=WEEKLY');
    expect(series.exceptions).toEqual(
      [{ originalStart: taken.replace('.000', ''), status: 'cancelled' }].map((exception) => ({
        ...exception,
        originalStart: expect.stringMatching(/^2026-03-16T09:00:00/),
      })),
    );
    const single = await server.workplace.client().getReservation(alternative.reservationId);
    expect(single).toMatchObject({
      start: '2026-03-16T10:00:00',
      end: '2026-03-16T11:00:00',
      recurrence: null,
      status: 'tentative',
      // Written into its room's calendar by the sync once confirmed, like any Workplace booking.
      source: 'api',
    });
    expect(series.source).toBe('outlook');
    // The sync confirms the alternative together with the series' hold.
    expect(server.intents.all().find((entry) => entry.id === alternative.intentId)?.alternativeOf).toBe(main.intentId);

    const found = await server.call('GET', `/api/reservations/for-meeting?reservationId=${main.reservationId}`);
    const { reservations } = MeetingReservationsSchema.parse(found.body);
    expect(reservations.map((reservation) => [reservation.id, reservation.occurrenceStarts])).toEqual([
      [main.reservationId, null],
      [alternative.reservationId, [taken]],
    ]);
    expect(reservations[0]!.sync).toEqual({ state: 'held', holdExpiresAt: '2026-03-02T08:30:00.000Z' });
  });

  test('a taken room is a 409 in words, and nothing is left behind', async () => {
    await bookedByBob('a-bru-0.01', '2026-03-02T10:00:00', '2026-03-02T11:00:00');
    const before = server.intents.all().length;
    const { status, body } = await server.call('POST', '/api/booking-intents', { body: intentFor() });
    expect(status).toBe(409);
    expect(body.error).toEqual({
      code: 'CONFLICT',
      message: 'Atrium is no longer free then: someone booked it in the meantime',
    });
    expect(server.intents.all()).toHaveLength(before);
  });

  test('an alternative that fails releases the hold already placed', async () => {
    await bookedByBob('a-bru-1.01', '2026-03-16T10:00:00', '2026-03-16T11:00:00');
    const { status } = await server.call('POST', '/api/booking-intents', {
      body: intentFor({
        recurrence: { freq: 'weekly', interval: 1, byDay: ['MO'], weekStart: 'MO', end: { type: 'count', count: 4 } },
        alternatives: [{ occurrenceStart: weekAfter(START, 2), roomId: 'a-bru-1.01' }],
      }),
    });
    expect(status).toBe(409);
    const held = server.workplace.emulator
      .snapshot()
      .reservations.filter((reservation) => reservation.responsible.email === ANN);
    expect(held.every((reservation) => reservation.status === 'cancelled')).toBe(true);
  });

  test.each([
    ['a room that is not linked to Exchange', { roomId: 'a-bru-1.03' }, 422, /not linked to Exchange/],
    ['an unknown room', { roomId: 'nope' }, 404, /No reservable room/],
    ['catering in a room without catering', { roomId: 'a-bru-1.02' }, 422, /does not allow catering/],
    [
      'a meeting that has already ended',
      { start: '2020-03-02T09:00:00.000Z', end: '2020-03-02T10:00:00.000Z', lines: [] },
      422,
      /already ended/,
    ],
    [
      'an alternative for a date that is not an occurrence',
      { alternatives: [{ occurrenceStart: START, roomId: 'a-bru-1.01' }] },
      400,
      /not an occurrence/,
    ],
  ])('refuses %s', async (_name, overrides, status, message) => {
    const response = await server.call('POST', '/api/booking-intents', { body: intentFor(overrides) });
    expect(response.status).toBe(status);
    expect(response.body.error.message).toMatch(message);
  });
});

describe('DELETE /api/booking-intents/:id', () => {
  test('releases the hold (cancels the reservation); twice is fine; only the organizer’s own', async () => {
    const { body } = await server.call('POST', '/api/booking-intents', {
      body: {
        clientRequestId: randomUUID(),
        start: START,
        end: END,
        timeZone: 'Europe/Brussels',
        roomId: 'a-bru-0.01',
      },
    });
    expect((await server.call('DELETE', `/api/booking-intents/${body.intentId}`, { user: BOB })).status).toBe(404);
    expect((await server.call('DELETE', `/api/booking-intents/${body.intentId}`)).status).toBe(204);
    expect((await server.call('DELETE', `/api/booking-intents/${body.intentId}`)).status).toBe(204);
    expect((await server.workplace.client().getReservation(body.holds[0].reservationId)).status).toBe('cancelled');
    expect(server.intents.all().find((entry) => entry.id === body.intentId)!.status).toBe('released');
  });

  test('a hold its meeting already confirmed is not released here', async () => {
    const { body } = await server.call('POST', '/api/booking-intents', {
      body: {
        clientRequestId: randomUUID(),
        start: START,
        end: END,
        timeZone: 'Europe/Brussels',
        roomId: 'a-bru-0.01',
      },
    });
    server.intents.markMatched(body.intentId);
    const response = await server.call('DELETE', `/api/booking-intents/${body.intentId}`);
    expect(response.status).toBe(409);
  });
});

describe('GET /api/reservations/for-meeting and PATCH …/lines', () => {
  async function heldMeeting(roomId = 'a-bru-0.01') {
    const { body } = await server.call('POST', '/api/booking-intents', {
      body: {
        clientRequestId: randomUUID(),
        subject: 'Design review',
        start: START,
        end: END,
        timeZone: 'Europe/Brussels',
        roomId,
        lines: [{ kind: 'catering', objectId: 'ci-coffee', quantity: 6 }],
      },
    });
    return body as { intentId: string; holds: Array<{ reservationId: string }> };
  }

  test('found by organizer, start and room (an attendee’s pane); lines named, statuses, sync status', async () => {
    const intent = await heldMeeting();
    const reservationId = intent.holds[0]!.reservationId;
    const lookup = `/api/reservations/for-meeting?organizer=${ANN}&start=${START}&rooms=room-brussels-0.01@contoso.com`;
    // Bob is not (yet) among the meeting's people: he sees what Exchange shows everyone of a room.
    const stranger = await server.call('GET', lookup, { user: BOB });
    expect(stranger.body.reservations).toEqual([
      expect.objectContaining({
        id: reservationId,
        subject: 'Design review',
        start: START,
        organizer: null,
        recurrence: null,
        isOrganizer: false,
        lines: [
          {
            id: expect.any(String),
            kind: 'room',
            objectId: 'a-bru-0.01',
            name: 'Atrium',
            status: 'tentative',
            attendance: null,
          },
        ],
      }),
    ]);
    // Once the meeting's attendees reach Workplace, Bob's pane shows him the meeting's lines.
    const client = server.workplace.client();
    const reservation = await client.getReservation(reservationId);
    await client.updateReservation(
      reservationId,
      { participants: [{ email: BOB, kind: 'required' }] },
      { idempotencyKey: `invite-bob-${reservationId}`, ifMatch: reservation.version },
    );
    const { body } = await server.call('GET', lookup, { user: BOB });
    expect(body.reservations).toHaveLength(1);
    expect(body.reservations[0]).toMatchObject({
      id: reservationId,
      subject: 'Design review',
      start: START,
      timeZone: 'Europe/Brussels',
      status: 'tentative',
      organizer: { email: ANN },
      isOrganizer: false,
      lines: [
        { kind: 'room', objectId: 'a-bru-0.01', name: 'Atrium', status: 'tentative' },
        { kind: 'catering', objectId: 'ci-coffee', name: 'Coffee and tea', quantity: 6, status: 'tentative' },
      ],
      sync: { state: 'held' },
    });
    server.intents.markMatched(intent.intentId);
    const after = await server.call(
      'GET',
      `/api/reservations/for-meeting?reservationId=${intent.holds[0]!.reservationId}`,
    );
    expect(after.body.reservations[0]).toMatchObject({
      isOrganizer: true,
      sync: { state: 'in-sync', holdExpiresAt: null },
    });
    const none = await server.call('GET', `/api/reservations/for-meeting?reservationId=does-not-exist`);
    expect(none.body).toEqual({ reservations: [] });
  });

  test('a reservation made in Workplace (not by the add-in) waits for Exchange; an unlinked room is Workplace only', async () => {
    const kiosk = await bookedByBob('a-bru-0.01', '2026-03-02T12:00:00', '2026-03-02T13:00:00');
    const found = await server.call('GET', `/api/reservations/for-meeting?reservationId=${kiosk.id}`, { user: BOB });
    expect(found.body.reservations[0].sync.state).toBe('waiting-for-exchange');
    const unlinked = await bookedByBob('a-bru-1.03', '2026-03-02T12:00:00', '2026-03-02T13:00:00');
    const workplaceOnly = await server.call('GET', `/api/reservations/for-meeting?reservationId=${unlinked.id}`, {
      user: BOB,
    });
    expect(workplaceOnly.body.reservations[0].sync.state).toBe('not-linked');
  });

  test('the organizer sets equipment and catering; rooms stay; the version guards against lost updates', async () => {
    const intent = await heldMeeting();
    const reservationId = intent.holds[0]!.reservationId;
    const [current] = (await server.call('GET', `/api/reservations/for-meeting?reservationId=${reservationId}`)).body
      .reservations;
    const coffee = current.lines.find((line: { kind: string }) => line.kind === 'catering');
    const { status, body } = await server.call('PATCH', `/api/reservations/${reservationId}/lines`, {
      body: {
        version: current.version,
        lines: [
          { id: coffee.id, kind: 'catering', objectId: 'ci-coffee', quantity: 10 },
          { kind: 'equipment', objectId: 'as-bru-beamer-1' },
        ],
      },
    });
    expect(status).toBe(200);
    expect(body.version).toBe(current.version + 1);
    const active = body.lines.filter((line: { status: string }) => line.status !== 'cancelled');
    expect(active.map((line: { name: string; quantity?: number }) => [line.name, line.quantity ?? null])).toEqual([
      ['Atrium', null],
      ['Coffee and tea', 10],
      ['Beamer 1', null],
    ]);
    const stale = await server.call('PATCH', `/api/reservations/${reservationId}/lines`, {
      body: { version: current.version, lines: [] },
    });
    expect(stale.status).toBe(412);
    const notOrganizer = await server.call('PATCH', `/api/reservations/${reservationId}/lines`, {
      body: { version: body.version, lines: [] },
      user: BOB,
    });
    expect(notOrganizer.status).toBe(403);
  });

  /** Ann's hold of a room `weeks` after the usual meeting, and its reservation as her pane reads it. */
  async function heldReservation(roomId: string, weeks: number) {
    const { body } = await server.call('POST', '/api/booking-intents', {
      body: {
        clientRequestId: randomUUID(),
        start: weekAfter(START, weeks),
        end: weekAfter(END, weeks),
        timeZone: 'Europe/Brussels',
        roomId,
      },
    });
    const reservationId: string = body.holds[0].reservationId;
    const [current] = (await server.call('GET', `/api/reservations/for-meeting?reservationId=${reservationId}`)).body
      .reservations;
    return { reservationId, current };
  }

  test('Workplace’s refusals come through in the booker’s words (catering where the room allows none)', async () => {
    const { reservationId, current } = await heldReservation('a-bru-1.02', 0);
    const refused = await server.call('PATCH', `/api/reservations/${reservationId}/lines`, {
      body: { version: current.version, lines: [{ kind: 'catering', objectId: 'ci-coffee', quantity: 2 }] },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/does not allow catering/);
  });

  test('equipment of another building, or a line the reservation does not have, is refused before Workplace sees it', async () => {
    const { reservationId, current } = await heldReservation('a-bru-1.02', 8);
    const elsewhere = (await server.call('GET', '/api/rooms')).body.assets.find(
      (asset: { buildingId: string }) => asset.buildingId !== 'b-bru',
    );
    const farAway = await server.call('PATCH', `/api/reservations/${reservationId}/lines`, {
      body: { version: current.version, lines: [{ kind: 'equipment', objectId: elsewhere.id }] },
    });
    expect(farAway.status).toBe(422);
    expect(farAway.body.error.message).toContain(`${elsewhere.name} is not in`);
    const unknownLine = await server.call('PATCH', `/api/reservations/${reservationId}/lines`, {
      body: { version: current.version, lines: [{ id: 'no-such-line', kind: 'catering', objectId: 'ci-coffee' }] },
    });
    expect(unknownLine.status).toBe(400);
  });
});

describe('when Workplace fails', () => {
  test('a wrong Workplace API key: our words and a request id, not Workplace’s text nor a 403 of the user’s own; the details are logged', async () => {
    const lines: string[] = [];
    const failing = await startAddinApi({
      workplaceApiKey: 'not-the-key',
      logStream: { write: (line) => void lines.push(line) },
    });
    try {
      const answer = await failing.call('GET', '/api/rooms');
      expect(answer.status).toBe(502);
      expect(answer.body.error.code).toBe('UPSTREAM_FAILED');
      expect(answer.body.error.message).toContain('not about your account');
      expect(answer.body.error.message).not.toMatch(/Workplace 40\d/);
      const requestId = /request id ([\w-]+)/.exec(answer.body.error.message)![1]!;
      const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.reqId === requestId && entry.upstream);
      expect(logged.msg).toMatch(/Workplace 401|Workplace 403/);
    } finally {
      await failing.close();
    }
  });
});

describe('OpenAPI', () => {
  test('the server’s document cut to the add-in API: every operation, its parameters, bodies and the bearer scheme', async () => {
    const { body } = await server.call('GET', '/openapi/addin-api.json', { user: null });
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.components.securitySchemes)).toEqual(['bearerToken']);
    expect(Object.keys(body.paths).sort()).toEqual([
      '/addin-config.json',
      '/api/availability',
      '/api/booking-intents',
      '/api/booking-intents/{intentId}',
      '/api/booking-intents/{intentId}/declined',
      '/api/reservations/for-meeting',
      '/api/reservations/{reservationId}/lines',
      '/api/rooms',
    ]);
    const availability = body.paths['/api/availability'].get;
    expect(availability.operationId).toBe('getAvailability');
    expect(availability.security).toEqual([{ bearerToken: [] }]);
    expect(availability.responses['401'].content['application/json'].schema.required).toEqual(['error']);
    expect(availability.parameters.find((parameter: { name: string }) => parameter.name === 'start')).toMatchObject({
      in: 'query',
      required: true,
      schema: { type: 'string', format: 'date-time' },
    });
    expect(availability.parameters.find((parameter: { name: string }) => parameter.name === 'byDay').schema.type).toBe(
      'string',
    );
    expect(body.paths['/api/booking-intents'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['clientRequestId', 'start', 'end', 'timeZone', 'roomId']),
    );
    expect(body.paths['/api/booking-intents'].post.responses['201']).toBeDefined();
    expect(body.paths['/api/booking-intents/{intentId}'].delete.responses['204']).toEqual({ description: 'Done' });
    expect(body.paths['/addin-config.json'].get.security).toBeUndefined();
  });
});

describe('limits and identities', () => {
  const seriesOfFour = {
    freq: 'weekly',
    interval: 1,
    byDay: ['MO'],
    weekStart: 'MO',
    end: { type: 'count', count: 4 },
  } as const;
  const pick = (roomId: string, overrides: Record<string, unknown> = {}) => ({
    clientRequestId: randomUUID(),
    subject: 'Planning',
    start: START,
    end: END,
    timeZone: 'Europe/Brussels',
    roomId,
    ...overrides,
  });

  test('one user holds at most ADDIN_MAX_ACTIVE_HOLDS rooms at a time; others are not held to it; a release frees one', async () => {
    const limited = await startAddinApi({ maxActiveHolds: 3 });
    try {
      const series = await limited.call('POST', '/api/booking-intents', {
        body: pick('a-bru-0.01', {
          recurrence: seriesOfFour,
          alternatives: [{ occurrenceStart: weekAfter(START, 2), roomId: 'a-bru-1.01' }],
        }),
      });
      expect(series.status).toBe(201);
      expect((await limited.call('POST', '/api/booking-intents', { body: pick('a-bru-1.02') })).status).toBe(201);
      const over = await limited.call('POST', '/api/booking-intents', { body: pick('a-bru-2.01') });
      expect(over.status).toBe(422);
      expect(over.body.error.message).toContain('at most 3 rooms');
      expect((await limited.call('POST', '/api/booking-intents', { body: pick('a-bru-2.01'), user: BOB })).status).toBe(
        201,
      );
      expect((await limited.call('DELETE', `/api/booking-intents/${series.body.intentId}`)).status).toBe(204);
      expect((await limited.call('POST', '/api/booking-intents', { body: pick('a-bru-2.02') })).status).toBe(201);
    } finally {
      await limited.close();
    }
  });

  test('equipment booked elsewhere at that time is named, not reported as the room being taken', async () => {
    const at = { start: weekAfter(START, 9), end: weekAfter(END, 9) };
    const beamer = { kind: 'equipment', objectId: 'as-bru-beamer-1' };
    const first = await server.call('POST', '/api/booking-intents', {
      body: pick('a-bru-1.01', { ...at, lines: [beamer] }),
      user: BOB,
    });
    expect(first.status).toBe(201);
    const second = await server.call('POST', '/api/booking-intents', {
      body: pick('a-bru-1.02', { ...at, lines: [beamer] }),
    });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(/^Beamer 1 is already booked then/);
    expect(second.body.error.message).not.toMatch(/no longer free/);
  });

  test('two alternatives for one occurrence are refused', async () => {
    const taken = weekAfter(START, 2);
    const answer = await server.call('POST', '/api/booking-intents', {
      body: pick('a-bru-0.01', {
        recurrence: seriesOfFour,
        alternatives: [
          { occurrenceStart: taken, roomId: 'a-bru-1.01' },
          { occurrenceStart: taken, roomId: 'a-bru-1.02' },
        ],
      }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain('one alternative room per occurrence');
  });

  test("a series' alternatives are found through its holds, without listing the series' span in Workplace", async () => {
    let listings = 0;
    const counted = await startAddinApi({
      wrapWorkplace: (client) => ({
        ...client,
        listReservations: (query) => ((listings += 1), client.listReservations(query)),
      }),
    });
    try {
      const { body } = await counted.call('POST', '/api/booking-intents', {
        body: pick('a-bru-0.01', {
          recurrence: seriesOfFour,
          alternatives: [{ occurrenceStart: weekAfter(START, 2), roomId: 'a-bru-1.01' }],
        }),
      });
      listings = 0;
      const found = await counted.call(
        'GET',
        `/api/reservations/for-meeting?reservationId=${body.holds[0].reservationId}`,
      );
      expect(found.body.reservations.map((reservation: { id: string }) => reservation.id)).toEqual(
        body.holds.map((hold: { reservationId: string }) => hold.reservationId),
      );
      expect(listings).toBe(0);
    } finally {
      await counted.close();
    }
  });

  test('a user whose sign-in name is not their mail address holds, edits and releases as the organizer', async () => {
    const lidia = server.issuer.directory.add({ mail: 'lidia.holloway@contoso.com', aliases: ['lidia@contoso.com'] });
    const token = await server.issuer.sign({
      preferred_username: 'lidiah@contoso.onmicrosoft.com',
      oid: lidia.objectId,
    });
    const asLidia = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
      server.call(method, url, { user: null, headers: { authorization: `Bearer ${token}` }, body });
    const held = await asLidia(
      'POST',
      '/api/booking-intents',
      pick('a-bru-0.01', { start: weekAfter(START, 6), end: weekAfter(END, 6) }),
    );
    expect(held.status).toBe(201);
    const reservationId = held.body.holds[0].reservationId;
    expect((await server.workplace.client().getReservation(reservationId)).responsible.email).toBe(
      'lidia.holloway@contoso.com',
    );
    expect(server.intents.all().find((intent) => intent.id === held.body.intentId)?.organizerEmail).toBe(
      'lidia.holloway@contoso.com',
    );
    const [found] = (await asLidia('GET', `/api/reservations/for-meeting?reservationId=${reservationId}`)).body
      .reservations;
    expect(found.isOrganizer).toBe(true);
    const edited = await asLidia('PATCH', `/api/reservations/${reservationId}/lines`, {
      version: found.version,
      lines: [{ kind: 'catering', objectId: 'ci-coffee', quantity: 2 }],
    });
    expect(edited.status).toBe(200);
    // Someone else's token naming her in preferred_username is not her.
    const impostor = await server.call('DELETE', `/api/booking-intents/${held.body.intentId}`, {
      user: 'lidiah@contoso.onmicrosoft.com',
    });
    expect(impostor.status).toBe(404);
    expect((await asLidia('DELETE', `/api/booking-intents/${held.body.intentId}`)).status).toBe(204);
  });
});

describe('the hold’s state is truthful', () => {
  const pickAt = (roomId: string) => ({
    clientRequestId: randomUUID(),
    subject: 'Review',
    start: START,
    end: END,
    timeZone: 'Europe/Brussels',
    roomId,
  });

  test('a hold past its expiry reads released, before the release job cancels it', async () => {
    const own = await startAddinApi({ holdTtlMs: 30 * 60_000 });
    try {
      const { body } = await own.call('POST', '/api/booking-intents', { body: pickAt('a-bru-0.01') });
      const lookup = `/api/reservations/for-meeting?reservationId=${body.holds[0].reservationId}`;
      expect((await own.call('GET', lookup)).body.reservations[0].sync.state).toBe('held');
      own.workplace.clock.advance(31 * 60_000);
      expect((await own.call('GET', lookup)).body.reservations[0].sync).toEqual({
        state: 'released',
        holdExpiresAt: null,
      });
    } finally {
      await own.close();
    }
  });

  test('the organizer’s pane reports the room’s decline: the hold is released now, logged once, and reads declined', async () => {
    const own = await startAddinApi();
    try {
      const { body } = await own.call('POST', '/api/booking-intents', { body: pickAt('a-bru-0.01') });
      const lookup = `/api/reservations/for-meeting?reservationId=${body.holds[0].reservationId}`;
      const report = `/api/booking-intents/${body.intentId}/declined`;
      expect((await own.call('POST', report, { user: BOB })).status).toBe(404);
      expect((await own.call('POST', report)).status).toBe(204);
      expect(await own.workplace.client().getReservation(body.holds[0].reservationId)).toMatchObject({
        status: 'cancelled',
      });
      expect((await own.call('GET', lookup)).body.reservations[0].sync).toEqual({
        state: 'declined',
        holdExpiresAt: null,
      });
      expect(own.intents.declineReasonOf(body.intentId)).toMatch(
        /^Exchange declined the meeting for this room .* pick another room in the add-in/,
      );
      expect((await own.call('POST', report)).status).toBe(204);
      // A hold released without a decline reads cancelled, as before.
      const other = await own.call('POST', '/api/booking-intents', { body: pickAt('a-bru-1.01') });
      expect((await own.call('DELETE', `/api/booking-intents/${other.body.intentId}`)).status).toBe(204);
      const otherLookup = `/api/reservations/for-meeting?reservationId=${other.body.holds[0].reservationId}`;
      expect((await own.call('GET', otherLookup)).body.reservations[0].sync.state).toBe('cancelled');
    } finally {
      await own.close();
    }
  });

  test('once the tagged hold is over, the meeting’s own reservation is found by organizer, start and room', async () => {
    const own = await startAddinApi();
    try {
      const first = await own.call('POST', '/api/booking-intents', { body: pickAt('a-bru-0.01') });
      expect((await own.call('DELETE', `/api/booking-intents/${first.body.intentId}`)).status).toBe(204);
      // The meeting holds the room through another reservation now (here: a new hold).
      const second = await own.call('POST', '/api/booking-intents', { body: pickAt('a-bru-0.01') });
      const query = new URLSearchParams({
        reservationId: first.body.holds[0].reservationId,
        organizer: ANN,
        start: START,
        rooms: 'room-brussels-0.01@contoso.com',
      });
      const found = (await own.call('GET', `/api/reservations/for-meeting?${query}`)).body.reservations;
      expect(found.map((reservation: { id: string }) => reservation.id)).toEqual([second.body.holds[0].reservationId]);
      expect(found[0].status).not.toBe('cancelled');
    } finally {
      await own.close();
    }
  });
});
