import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { aReservationCreate } from '../../support/builders.js';
import { createInjectedWorkplace } from '../../support/workplace-harness.js';

// Check-in rules per area, auto-release of no-shows driven by the clock, "end now" from a touchpoint and
// the release operation of the API: the room is free again, the reservation and its history stay.

let workplace: Awaited<ReturnType<typeof createInjectedWorkplace>>;
beforeEach(async () => {
  workplace = await createInjectedWorkplace();
});
afterEach(async () => {
  expect(workplace.violations).toEqual([]);
  await workplace.emulator.app.close();
});

const control = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
  const response = await workplace.emulator.app.inject({
    method,
    url: `/_emulator${url}`,
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  return { status: response.statusCode, body: response.body ? response.json() : undefined };
};

/** 10:00–11:00 in Brussels on Tuesday 3 March 2026, in the demo room that requires check-in within 15 minutes. */
const CHECK_IN_ROOM = 'a-bru-3.01';
const book = (overrides: Parameters<typeof aReservationCreate>[0] = {}) =>
  workplace.call('POST', '/api/v1/reservations', {
    body: aReservationCreate({ lines: [{ type: 'area', objectId: CHECK_IN_ROOM }], ...overrides }),
  });
const at = (instant: string) => workplace.clock.set(new Date(instant));
const read = async (id: string) => (await workplace.call('GET', `/api/v1/reservations/${id}`)).body;
const changes = async () => (await workplace.call('GET', '/api/v1/changes')).body.changes;

describe('check-in rules per area', () => {
  test('the demo seed has a room that requires check-in, described in the area', async () => {
    const area = (await workplace.call('GET', `/api/v1/areas/${CHECK_IN_ROOM}`)).body;
    expect(area.checkIn).toEqual({ required: true, opensMinutesBefore: 15, closesMinutesAfter: 15 });
  });

  test('check-in in a room that requires it closes 15 minutes after the start', async () => {
    const booked = (await book()).body;
    at('2026-03-03T09:15:00Z'); // 10:15 in Brussels: the window has just closed
    const late = await control('POST', `/touchpoints/display/reservations/${booked.id}/check-in`);
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('CHECK_IN_NOT_OPEN');
  });

  test('a booking checked in within the window is kept', async () => {
    const booked = (await book()).body;
    at('2026-03-03T09:10:00Z');
    expect((await control('POST', `/touchpoints/kiosk/reservations/${booked.id}/check-in`)).status).toBe(200);
    at('2026-03-03T09:30:00Z');
    expect((await read(booked.id)).releases).toEqual([]);
  });
});

describe('auto-release of a no-show', () => {
  test('nobody checked in by 10:15: released then, the room free, the reservation kept, one feed entry', async () => {
    const booked = (await book()).body;
    at('2026-03-03T09:14:00Z');
    expect((await read(booked.id)).releases).toEqual([]);
    at('2026-03-03T09:20:00Z');
    const released = await read(booked.id);
    expect(released).toMatchObject({
      status: 'confirmed',
      version: 2,
      lines: [{ objectId: CHECK_IN_ROOM, status: 'confirmed' }],
      releases: [
        { occurrenceStart: '2026-03-03T09:00:00.000Z', releasedAt: '2026-03-03T09:15:00.000Z', reason: 'no-show' },
      ],
    });
    expect((await changes()).map((change: { type: string }) => change.type)).toEqual(['created', 'updated']);
    // Released, not cancelled: another booking takes the rest of the hour, and availability shows only the 15 minutes held.
    const rest = await book({ subject: 'Walk-in', start: '2026-03-03T10:20:00', end: '2026-03-03T11:00:00' });
    expect(rest.status).toBe(201);
    const availability = await workplace.call(
      'GET',
      `/api/v1/availability?areaIds=${CHECK_IN_ROOM}&from=2026-03-03T08:00:00Z&to=2026-03-03T11:00:00Z`,
    );
    expect(
      availability.body.areas[0].busy.filter((busy: { reservationId: string }) => busy.reservationId === booked.id),
    ).toEqual([expect.objectContaining({ start: '2026-03-03T09:00:00.000Z', end: '2026-03-03T09:15:00.000Z' })]);
    // A second read changes nothing more.
    expect((await read(booked.id)).version).toBe(2);
  });

  test('setting the clock through the control API sweeps too, and the webhook carries the release', async () => {
    const deliveries: unknown[] = [];
    await workplace.emulator.app.close();
    workplace = await createInjectedWorkplace({
      webhook: { url: 'http://127.0.0.1:9/hook', secret: 'a-long-secret' },
      fetch: async (_url, init) => {
        deliveries.push(JSON.parse(String(init?.body)));
        return new Response(null, { status: 204 });
      },
    });
    const booked = (await book()).body;
    await control('POST', '/clock', { now: '2026-03-03T09:40:00Z' });
    const state = (await control('GET', '/state')).body;
    expect(state.reservations[0].releases).toHaveLength(1);
    expect(deliveries.at(-1)).toEqual({
      changes: [expect.objectContaining({ reservationId: booked.id, version: 2, type: 'updated' })],
    });
  });

  test('only the occurrence nobody came to is released; the rest of the series is untouched', async () => {
    const series = (await book({ recurrence: { rrule: 'FREQ=DAILY;COUNT=3' } })).body;
    at('2026-03-03T09:05:00Z');
    await control('POST', `/touchpoints/display/reservations/${series.id}/check-in`);
    at('2026-03-04T09:30:00Z');
    const released = await read(series.id);
    expect(released.releases).toEqual([
      {
        occurrenceStart: '2026-03-04T09:00:00.000Z',
        releasedAt: '2026-03-04T09:15:00.000Z',
        reason: 'no-show',
        lineId: series.lines[0].id,
      },
    ]);
    expect(released.exceptions).toEqual([]);
  });

  test('a room without check-in rules is never released, and a clock past the end releases nothing', async () => {
    const plain = (await workplace.call('POST', '/api/v1/reservations', { body: aReservationCreate() })).body;
    const missed = (await book({ start: '2026-03-03T12:00:00', end: '2026-03-03T13:00:00' })).body;
    at('2026-03-03T09:30:00Z');
    expect((await read(plain.id)).releases).toEqual([]);
    at('2026-03-03T13:00:00Z'); // 14:00 in Brussels: the noon meeting is over, a release would free nothing
    expect((await read(missed.id)).releases).toEqual([]);
  });

  test('a hold (tentative) is not released as a no-show', async () => {
    const hold = (await book({ status: 'tentative' })).body;
    at('2026-03-03T09:30:00Z');
    expect((await read(hold.id)).releases).toEqual([]);
  });
});

describe('ending early', () => {
  test('"end now" on the room display frees the rest of the meeting', async () => {
    const booked = (await workplace.call('POST', '/api/v1/reservations', { body: aReservationCreate() })).body;
    at('2026-03-03T09:30:00Z');
    const ended = await control('POST', `/touchpoints/display/reservations/${booked.id}/end`);
    expect(ended.body.releases).toEqual([
      {
        occurrenceStart: '2026-03-03T09:00:00.000Z',
        releasedAt: '2026-03-03T09:30:00.000Z',
        reason: 'ended-early',
        endedAt: '2026-03-03T09:30:00.000Z',
      },
    ]);
    expect((await control('POST', `/touchpoints/display/reservations/${booked.id}/end`)).body.version).toBe(2);
    const after = await workplace.call('POST', '/api/v1/reservations', {
      body: aReservationCreate({ subject: 'Next', start: '2026-03-03T10:30:00', end: '2026-03-03T11:00:00' }),
    });
    expect(after.status).toBe(201);
  });

  test('the API releases a running occurrence; one not running is refused and changes nothing', async () => {
    const series = (
      await workplace.call('POST', '/api/v1/reservations', {
        body: aReservationCreate({ recurrence: { rrule: 'FREQ=DAILY;COUNT=3' } }),
      })
    ).body;
    at('2026-03-03T09:20:00Z');
    const early = await workplace.call('POST', `/api/v1/reservations/${series.id}/release`, {
      body: { occurrenceStart: '2026-03-04T09:00:00Z' },
    });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('NOT_IN_PROGRESS');
    const released = await workplace.call('POST', `/api/v1/reservations/${series.id}/release`, {
      body: { reason: 'no-show' },
    });
    expect(released.body).toMatchObject({
      version: 2,
      releases: [
        { occurrenceStart: '2026-03-03T09:00:00.000Z', releasedAt: '2026-03-03T09:20:00.000Z', reason: 'no-show' },
      ],
    });
  });
});

describe('per room: each line of a meeting in several rooms is checked in and released on its own', () => {
  const OTHER_ROOM = 'a-bru-1.01'; // no check-in rule
  const twoRooms = async () => {
    const booked = (
      await book({
        lines: [
          { type: 'area', objectId: CHECK_IN_ROOM },
          { type: 'area', objectId: OTHER_ROOM },
          { type: 'asset', objectId: 'as-bru-beamer-1' },
        ],
      })
    ).body;
    const lineOf = (objectId: string): string =>
      booked.lines.find((line: { objectId: string }) => line.objectId === objectId).id;
    return { booked, checkInLine: lineOf(CHECK_IN_ROOM), otherLine: lineOf(OTHER_ROOM) };
  };
  const busyIn = async (objectId: string, reservationId: string) => {
    const availability = await workplace.call(
      'GET',
      `/api/v1/availability?areaIds=${objectId}&from=2026-03-03T08:00:00Z&to=2026-03-03T11:00:00Z`,
    );
    return availability.body.areas[0].busy
      .filter((busy: { reservationId: string }) => busy.reservationId === reservationId)
      .map((busy: { start: string; end: string }) => `${busy.start.slice(11, 16)}-${busy.end.slice(11, 16)}`);
  };

  test('nobody at the room that requires check-in: that line alone is released, the other room stays booked', async () => {
    const { booked, checkInLine } = await twoRooms();
    at('2026-03-03T09:20:00Z');
    const released = await read(booked.id);
    expect(released.releases).toEqual([
      {
        occurrenceStart: '2026-03-03T09:00:00.000Z',
        releasedAt: '2026-03-03T09:15:00.000Z',
        reason: 'no-show',
        lineId: checkInLine,
      },
    ]);
    expect(await busyIn(CHECK_IN_ROOM, booked.id)).toEqual(['09:00-09:15']);
    expect(await busyIn(OTHER_ROOM, booked.id)).toEqual(['09:00-10:00']);
    // The meeting still uses its beamer in the other room.
    const beamer = await workplace.call('POST', '/api/v1/reservations', {
      body: aReservationCreate({
        subject: 'Borrowing the beamer',
        start: '2026-03-03T10:30:00',
        lines: [{ type: 'asset', objectId: 'as-bru-beamer-1' }],
      }),
    });
    expect(beamer.status).toBe(409);
    // The room's display shows its own line released; the other room's shows nothing of it.
    const day = async (areaId: string) =>
      (await control('GET', `/areas/${areaId}/day?date=2026-03-03`)).body.bookings.find(
        (booking: { reservationId: string }) => booking.reservationId === booked.id,
      );
    expect(await day(CHECK_IN_ROOM)).toMatchObject({ lineId: checkInLine, release: { reason: 'no-show' } });
    expect(await day(OTHER_ROOM)).toMatchObject({ release: null });
  });

  test("a check-in at the other room's display does not keep the room that requires it", async () => {
    const { booked, otherLine } = await twoRooms();
    at('2026-03-03T09:05:00Z');
    const checkedIn = await control('POST', `/touchpoints/display/reservations/${booked.id}/check-in`, {
      lineId: otherLine,
    });
    expect(checkedIn.body.checkIns).toEqual([
      { occurrenceStart: '2026-03-03T09:00:00.000Z', checkedInAt: '2026-03-03T09:05:00.000Z', lineId: otherLine },
    ]);
    at('2026-03-03T09:20:00Z');
    expect((await read(booked.id)).releases).toHaveLength(1);
  });

  test("a check-in at the room's own display keeps it; one naming no line covers every room", async () => {
    const first = await twoRooms();
    const second = (await book({ start: '2026-03-03T12:00:00', end: '2026-03-03T13:00:00' })).body;
    at('2026-03-03T09:05:00Z');
    await control('POST', `/touchpoints/display/reservations/${first.booked.id}/check-in`, {
      lineId: first.checkInLine,
    });
    at('2026-03-03T09:20:00Z');
    expect((await read(first.booked.id)).releases).toEqual([]);
    at('2026-03-03T10:50:00Z');
    await control('POST', `/touchpoints/app/reservations/${second.id}/check-in`);
    at('2026-03-03T11:30:00Z');
    expect((await read(second.id)).releases).toEqual([]);
  });

  test('"end now" at one room\'s display frees that room only; the API releases a line, and an unknown line is refused', async () => {
    const { booked, checkInLine, otherLine } = await twoRooms();
    at('2026-03-03T09:10:00Z');
    await control('POST', `/touchpoints/display/reservations/${booked.id}/check-in`, { lineId: checkInLine });
    at('2026-03-03T09:30:00Z');
    const ended = await control('POST', `/touchpoints/display/reservations/${booked.id}/end`, { lineId: otherLine });
    expect(ended.body.releases).toEqual([
      expect.objectContaining({ reason: 'ended-early', releasedAt: '2026-03-03T09:30:00.000Z', lineId: otherLine }),
    ]);
    expect(await busyIn(OTHER_ROOM, booked.id)).toEqual(['09:00-09:30']);
    expect(await busyIn(CHECK_IN_ROOM, booked.id)).toEqual(['09:00-10:00']);
    const unknown = await workplace.call('POST', `/api/v1/reservations/${booked.id}/release`, {
      body: { lineId: 'l-nope' },
    });
    expect(unknown.status).toBe(404);
    at('2026-03-03T09:40:00Z');
    const both = await workplace.call('POST', `/api/v1/reservations/${booked.id}/release`, {
      body: { lineId: checkInLine },
    });
    expect(both.body.releases).toHaveLength(2);
    // Every room released: the beamer is free from the last release on.
    const beamer = await workplace.call('POST', '/api/v1/reservations', {
      body: aReservationCreate({
        subject: 'Borrowing the beamer',
        start: '2026-03-03T10:45:00',
        lines: [{ type: 'asset', objectId: 'as-bru-beamer-1' }],
      }),
    });
    expect(beamer.status).toBe(201);
  });
});

describe('faults as for other changes', () => {
  test('a 503 on the release answers the error and releases nothing', async () => {
    const booked = (await workplace.call('POST', '/api/v1/reservations', { body: aReservationCreate() })).body;
    at('2026-03-03T09:20:00Z');
    workplace.emulator.injectFault({
      kind: 'error',
      status: 503,
      match: { method: 'POST', path: `/api/v1/reservations/${booked.id}/release` },
    });
    const failed = await workplace.call('POST', `/api/v1/reservations/${booked.id}/release`, {});
    expect(failed.status).toBe(503);
    expect((await read(booked.id)).releases).toEqual([]);
  });
});
