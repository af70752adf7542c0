import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { aReservationCreate } from '../../support/builders.js';
import { createInjectedWorkplace } from '../../support/workplace-harness.js';
import type { InjectResult } from '../../support/workplace-harness.js';

// The rules the emulator enforces like Workplace (DESIGN §6, issue 4). Every refusal is checked to
// leave the whole state as it was.

let workplace: Awaited<ReturnType<typeof createInjectedWorkplace>>;
beforeEach(async () => {
  workplace = await createInjectedWorkplace();
});
afterEach(async () => {
  expect(workplace.violations).toEqual([]);
  await workplace.emulator.app.close();
});

const create = (overrides: Parameters<typeof aReservationCreate>[0] = {}) =>
  workplace.call('POST', '/api/v1/reservations', { body: aReservationCreate(overrides) });

async function expectRefused(
  attempt: () => Promise<InjectResult>,
  status: number,
  code: string,
): Promise<InjectResult> {
  const before = workplace.emulator.snapshot();
  const response = await attempt();
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body.error.code).toBe(code);
  expect(workplace.emulator.snapshot()).toEqual(before);
  return response;
}

const weekly = (count: number) => ({ rrule: `FREQ=WEEKLY;BYDAY=TU;COUNT=${count}` });

describe('no double booking of an area or asset', () => {
  test('an overlapping booking of the same room is refused; back-to-back and other rooms are fine', async () => {
    expect((await create()).status).toBe(201);
    await expectRefused(
      () => create({ start: '2026-03-03T10:59:00', end: '2026-03-03T11:30:00' }),
      409,
      'DOUBLE_BOOKING',
    );
    expect((await create({ start: '2026-03-03T11:00:00', end: '2026-03-03T11:30:00' })).status).toBe(201);
    expect((await create({ lines: [{ type: 'area', objectId: 'a-bru-1.02' }] })).status).toBe(201);
  });

  test('a series is checked per occurrence and the 409 names the colliding occurrence', async () => {
    expect(
      (await create({ start: '2026-03-24T10:30:00', end: '2026-03-24T11:30:00', subject: 'One-off' })).status,
    ).toBe(201);
    const refused = await expectRefused(() => create({ recurrence: weekly(5) }), 409, 'DOUBLE_BOOKING');
    expect(refused.body.error.details.conflicts).toEqual([
      expect.objectContaining({ occurrenceStart: '2026-03-24T09:00:00.000Z', conflictingReservationId: 'r-1' }),
    ]);
    expect(refused.body.error.message).toContain('2026-03-24T09:00:00.000Z');
  });

  test('occurrences keep their local time across DST, and conflicts are found at the real instant', async () => {
    expect((await create({ recurrence: weekly(5) })).status).toBe(201);
    // 31 March is after the EU switch to summer time: 10:00 Brussels is 08:00 UTC.
    const refused = await expectRefused(
      () =>
        create({
          start: '2026-03-31T10:15:00',
          end: '2026-03-31T10:45:00',
          lines: [{ type: 'area', objectId: 'a-bru-1.01' }],
        }),
      409,
      'DOUBLE_BOOKING',
    );
    expect(refused.body.error.details.conflicts[0].conflictingStart).toBe('2026-03-31T08:00:00.000Z');
  });

  test('cancelled and moved occurrences free their original slot; the moved one blocks its new slot', async () => {
    const series = await create({ recurrence: weekly(4) });
    const id = series.body.id;
    const cancelled = encodeURIComponent('2026-03-17T09:00:00.000Z');
    const moved = encodeURIComponent('2026-03-10T09:00:00.000Z');
    await workplace.call('POST', `/api/v1/reservations/${id}/occurrences/${cancelled}/cancel`, {
      headers: { 'if-match': '1' },
    });
    await workplace.call('PATCH', `/api/v1/reservations/${id}/occurrences/${moved}`, {
      body: { start: '2026-03-10T15:00:00', end: '2026-03-10T16:00:00' },
      headers: { 'if-match': '2' },
    });
    expect((await create({ start: '2026-03-17T10:00:00', end: '2026-03-17T11:00:00' })).status).toBe(201);
    expect((await create({ start: '2026-03-10T10:00:00', end: '2026-03-10T11:00:00' })).status).toBe(201);
    await expectRefused(
      () => create({ start: '2026-03-10T15:30:00', end: '2026-03-10T16:30:00' }),
      409,
      'DOUBLE_BOOKING',
    );
  });

  test('moving an occurrence onto another booking is refused', async () => {
    const series = await create({ recurrence: weekly(3) });
    await create({ start: '2026-03-10T15:00:00', end: '2026-03-10T16:00:00' });
    const occurrence = encodeURIComponent('2026-03-10T09:00:00.000Z');
    await expectRefused(
      () =>
        workplace.call('PATCH', `/api/v1/reservations/${series.body.id}/occurrences/${occurrence}`, {
          body: { start: '2026-03-10T15:30:00', end: '2026-03-10T16:30:00' },
          headers: { 'if-match': '1' },
        }),
      409,
      'DOUBLE_BOOKING',
    );
  });

  test('an asset cannot be in two reservations at once, whatever the rooms', async () => {
    const beamer = { type: 'asset' as const, objectId: 'as-bru-beamer-1' };
    expect((await create({ lines: [{ type: 'area', objectId: 'a-bru-1.01' }, beamer] })).status).toBe(201);
    const refused = await expectRefused(
      () => create({ lines: [{ type: 'area', objectId: 'a-bru-1.02' }, beamer] }),
      409,
      'DOUBLE_BOOKING',
    );
    expect(refused.body.error.details.conflicts[0].objectId).toBe('as-bru-beamer-1');
  });

  test('a cancelled reservation no longer blocks the room', async () => {
    const first = await create();
    await workplace.call('POST', `/api/v1/reservations/${first.body.id}/cancel`);
    expect((await create()).status).toBe(201);
  });

  test('a tentative hold blocks the room like a booking', async () => {
    const hold = await create({ status: 'tentative' });
    expect(hold.body).toMatchObject({ status: 'tentative', lines: [{ status: 'tentative' }] });
    await expectRefused(() => create(), 409, 'DOUBLE_BOOKING');
  });
});

describe('booking window per area', () => {
  test('beyond the window is refused, inside it is fine', async () => {
    // 180 days after 2 March 2026 08:00 UTC is 29 August 08:00 UTC; 28 August is a Friday.
    expect((await create({ start: '2026-08-28T10:00:00', end: '2026-08-28T11:00:00' })).status).toBe(201);
    const refused = await expectRefused(
      () => create({ start: '2026-08-31T10:00:00', end: '2026-08-31T11:00:00' }),
      422,
      'BOOKING_WINDOW_EXCEEDED',
    );
    expect(refused.body.error.message).toContain('180 days');
  });

  test('each area has its own window (Brooklyn: 90 days)', async () => {
    const brooklyn = { timeZone: 'America/New_York', lines: [{ type: 'area' as const, objectId: 'a-nyc-11.01' }] };
    await expectRefused(
      () => create({ ...brooklyn, start: '2026-06-02T10:00:00', end: '2026-06-02T11:00:00' }),
      422,
      'BOOKING_WINDOW_EXCEEDED',
    );
    expect((await create({ ...brooklyn, start: '2026-05-26T10:00:00', end: '2026-05-26T11:00:00' })).status).toBe(201);
  });

  test('a series is refused when an occurrence falls beyond the window, or when it never ends', async () => {
    const late = await expectRefused(() => create({ recurrence: weekly(30) }), 422, 'BOOKING_WINDOW_EXCEEDED');
    expect(late.body.error.message).toContain('2026-09-01');
    await expectRefused(
      () => create({ recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU' } }),
      422,
      'BOOKING_WINDOW_EXCEEDED',
    );
    await expectRefused(
      () => create({ recurrence: { rrule: 'FREQ=DAILY;UNTIL=99991231T000000Z' } }),
      422,
      'BOOKING_WINDOW_EXCEEDED',
    );
    expect((await create({ recurrence: weekly(25) })).status).toBe(201);
  });
});

describe('approval', () => {
  test('an approval-required room puts its line and the reservation in pending-approval', async () => {
    const response = await create({ start: '2026-03-03T10:00:00', lines: [{ type: 'area', objectId: 'a-bru-2.01' }] });
    expect(response.body).toMatchObject({ status: 'pending-approval', lines: [{ status: 'pending-approval' }] });
  });

  test('an approval-required asset waits for approval while the room is confirmed', async () => {
    const response = await create({
      lines: [
        { type: 'area', objectId: 'a-bru-1.01' },
        { type: 'asset', objectId: 'as-bru-camera' },
      ],
    });
    expect(response.body.status).toBe('pending-approval');
    expect(response.body.lines.map((line: { status: string }) => line.status)).toEqual([
      'confirmed',
      'pending-approval',
    ]);
  });

  test('confirming a hold on an approval-required room asks for approval', async () => {
    const hold = await create({ status: 'tentative', lines: [{ type: 'area', objectId: 'a-bru-2.01' }] });
    const confirmed = await workplace.call('PATCH', `/api/v1/reservations/${hold.body.id}`, {
      body: { status: 'confirmed' },
      headers: { 'if-match': '1' },
    });
    expect(confirmed.body).toMatchObject({
      status: 'pending-approval',
      version: 2,
      lines: [{ status: 'pending-approval' }],
    });
  });
});

describe('catering only where the area allows it', () => {
  const coffee = { type: 'catalogItem' as const, objectId: 'ci-coffee', quantity: 6 };

  test('coffee in a room without catering is refused; in a room with catering it is booked', async () => {
    await expectRefused(
      () => create({ lines: [{ type: 'area', objectId: 'a-bru-1.02' }, coffee] }),
      422,
      'CATERING_NOT_ALLOWED',
    );
    const booked = await create({ lines: [{ type: 'area', objectId: 'a-bru-1.01' }, coffee] });
    expect(booked.body.lines[1]).toMatchObject({
      type: 'catalogItem',
      objectId: 'ci-coffee',
      quantity: 6,
      status: 'confirmed',
    });
  });

  test('catering follows its own regime: lunch only at lunch time, which a line can give itself', async () => {
    const day = { start: '2026-03-03T09:00:00', end: '2026-03-03T16:00:00' };
    const lunch = { type: 'catalogItem' as const, objectId: 'ci-lunch', quantity: 8 };
    await expectRefused(
      () => create({ ...day, lines: [{ type: 'area', objectId: 'a-bru-1.01' }, lunch] }),
      422,
      'OUTSIDE_OPENING_HOURS',
    );
    const booked = await create({
      ...day,
      lines: [
        { type: 'area', objectId: 'a-bru-1.01' },
        { ...lunch, start: '2026-03-03T12:00:00', end: '2026-03-03T13:00:00' },
      ],
    });
    expect(booked.status).toBe(201);
  });
});

describe("availability regime in the building's time zone", () => {
  test('Brussels opening hours are read in Brussels time', async () => {
    await expectRefused(
      () => create({ start: '2026-03-03T06:30:00', end: '2026-03-03T07:30:00' }),
      422,
      'OUTSIDE_OPENING_HOURS',
    );
    expect((await create({ start: '2026-03-03T19:00:00', end: '2026-03-03T20:00:00' })).status).toBe(201);
  });

  test('New York opening hours are read in New York time', async () => {
    const hudson = { timeZone: 'America/New_York', lines: [{ type: 'area' as const, objectId: 'a-nyc-10.01' }] };
    // 07:30 in New York is 12:30 UTC, well inside Brussels hours too: only the local reading decides.
    expect((await create({ ...hudson, start: '2026-03-03T07:30:00', end: '2026-03-03T08:30:00' })).status).toBe(201);
    await expectRefused(
      () => create({ ...hudson, start: '2026-03-03T20:30:00', end: '2026-03-03T21:00:00' }),
      422,
      'OUTSIDE_OPENING_HOURS',
    );
  });

  test('weekends and multi-day bookings are outside a workday regime; a room without a regime takes them', async () => {
    await expectRefused(
      () => create({ start: '2026-03-07T10:00:00', end: '2026-03-07T11:00:00' }),
      422,
      'OUTSIDE_OPENING_HOURS',
    );
    await expectRefused(
      () => create({ start: '2026-03-03T10:00:00', end: '2026-03-04T11:00:00' }),
      422,
      'OUTSIDE_OPENING_HOURS',
    );
    const pod = [{ type: 'area' as const, objectId: 'a-bru-2.02' }];
    expect((await create({ lines: pod, start: '2026-03-07T22:00:00', end: '2026-03-08T09:00:00' })).status).toBe(201);
  });
});

describe('times, objects and recurrence', () => {
  test.each([
    ['end before start', { start: '2026-03-03T11:00:00', end: '2026-03-03T10:00:00' }, 'INVALID_TIME_RANGE'],
    ['end equal to start', { start: '2026-03-03T10:00:00', end: '2026-03-03T10:00:00' }, 'INVALID_TIME_RANGE'],
    ['unknown area', { lines: [{ type: 'area' as const, objectId: 'a-bru-9.99' }] }, 'UNKNOWN_OBJECT'],
    [
      'unknown asset',
      {
        lines: [
          { type: 'area' as const, objectId: 'a-bru-1.01' },
          { type: 'asset' as const, objectId: 'as-x' },
        ],
      },
      'UNKNOWN_OBJECT',
    ],
    ['area that is not reservable', { lines: [{ type: 'area' as const, objectId: 'a-bru-0.02' }] }, 'NOT_RESERVABLE'],
    ["times in another zone than the building's", { timeZone: 'America/New_York' }, 'TIME_ZONE_MISMATCH'],
    ['an RRULE outside the supported subset', { recurrence: { rrule: 'FREQ=HOURLY;COUNT=3' } }, 'INVALID_RECURRENCE'],
    [
      'an exception for an occurrence the series does not have',
      { recurrence: weekly(3), exceptions: [{ originalStart: '2026-03-04T09:00:00Z', status: 'cancelled' as const }] },
      'UNKNOWN_OCCURRENCE',
    ],
  ])('%s is refused with a clear 422', async (_name, overrides, code) => {
    const refused = await expectRefused(() => create(overrides), 422, code);
    expect(refused.body.error.message.length).toBeGreaterThan(10);
  });

  test('the unknown-area message names the area', async () => {
    const refused = await expectRefused(
      () => create({ lines: [{ type: 'area', objectId: 'a-bru-9.99' }] }),
      422,
      'UNKNOWN_OBJECT',
    );
    expect(refused.body.error.message).toBe("Unknown area 'a-bru-9.99'");
  });
});

describe('bad input changes nothing', () => {
  test.each<[string, 'POST' | 'PATCH', string, unknown, Record<string, string>, number]>([
    ['missing subject', 'POST', '/api/v1/reservations', { ...aReservationCreate(), subject: undefined }, {}, 400],
    ['missing lines', 'POST', '/api/v1/reservations', { ...aReservationCreate(), lines: [] }, {}, 400],
    ['wrong type', 'POST', '/api/v1/reservations', { ...aReservationCreate(), participants: 'everyone' }, {}, 400],
    [
      'start with an offset',
      'POST',
      '/api/v1/reservations',
      { ...aReservationCreate(), start: '2026-03-03T10:00:00+01:00' },
      {},
      400,
    ],
    [
      'a date that does not exist',
      'POST',
      '/api/v1/reservations',
      aReservationCreate({ start: '2026-02-30T10:00:00' }),
      {},
      400,
    ],
    ['an unknown field', 'POST', '/api/v1/reservations', { ...aReservationCreate(), priority: 'high' }, {}, 400],
    ['end before start', 'POST', '/api/v1/reservations', aReservationCreate({ end: '2026-03-03T09:00:00' }), {}, 422],
    [
      'unknown area',
      'POST',
      '/api/v1/reservations',
      aReservationCreate({ lines: [{ type: 'area', objectId: 'nope' }] }),
      {},
      422,
    ],
    [
      'overlapping booking',
      'POST',
      '/api/v1/reservations',
      aReservationCreate({ start: '2026-03-05T10:30:00', end: '2026-03-05T11:30:00' }),
      {},
      409,
    ],
    ['stale version', 'PATCH', '/api/v1/reservations/r-1', { subject: 'Renamed' }, { 'if-match': '0' }, 412],
    ['patch without If-Match', 'PATCH', '/api/v1/reservations/r-1', { subject: 'Renamed' }, {}, 428],
    ['empty patch', 'PATCH', '/api/v1/reservations/r-1', {}, { 'if-match': '1' }, 400],
    [
      'patch onto a closed time',
      'PATCH',
      '/api/v1/reservations/r-1',
      { start: '2026-03-05T05:00:00' },
      { 'if-match': '1' },
      422,
    ],
    ['malformed JSON', 'POST', '/api/v1/reservations', '{"subject":', { 'content-type': 'application/json' }, 400],
  ])('%s → %i', async (_name, method, url, body, headers, status) => {
    const existing = await create({ start: '2026-03-05T10:00:00', end: '2026-03-05T11:00:00' });
    expect(existing.status).toBe(201);
    const before = workplace.emulator.snapshot();
    const response = await workplace.call(method, url, { body, headers });
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.body.error).toEqual({
      code: expect.any(String),
      message: expect.any(String),
      ...(status === 409 ? { details: expect.anything() } : {}),
    });
    expect(workplace.emulator.snapshot()).toEqual(before);
  });
});
