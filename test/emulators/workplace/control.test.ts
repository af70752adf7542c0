import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { workplaceDemoSeed } from '../../../emulators/src/workplace/index.js';
import { aReservationCreate } from '../../support/builders.js';
import { createInjectedWorkplace } from '../../support/workplace-harness.js';

// The control API: touchpoint bookings, approvals, reset/seed, clock, faults, reading state; the kiosk page.

let workplace: Awaited<ReturnType<typeof createInjectedWorkplace>>;
beforeEach(async () => {
  workplace = await createInjectedWorkplace();
});
afterEach(async () => {
  expect(workplace.violations).toEqual([]);
  await workplace.emulator.app.close();
});

const control = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
  const response = await workplace.emulator.app.inject({
    method,
    url: `/_emulator${url}`,
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  return { status: response.statusCode, body: response.body ? response.json() : undefined };
};
const { source: _source, ...touchpointBooking } = aReservationCreate();

describe('touchpoint bookings', () => {
  test.each(['kiosk', 'app', 'display', 'web'] as const)(
    '%s: booked with that source, under the same rules',
    async (touchpoint) => {
      const booked = await control('POST', `/touchpoints/${touchpoint}/reservations`, touchpointBooking);
      expect(booked.status).toBe(201);
      expect(booked.body).toMatchObject({ source: touchpoint, status: 'confirmed', version: 1 });
      const clash = await control('POST', `/touchpoints/${touchpoint}/reservations`, touchpointBooking);
      expect(clash.status).toBe(409);
      const changes = await workplace.call('GET', '/api/v1/changes');
      expect(changes.body.changes).toEqual([
        expect.objectContaining({ reservationId: booked.body.id, type: 'created' }),
      ]);
    },
  );

  test('an unknown touchpoint is a 400', async () => {
    expect((await control('POST', '/touchpoints/fax/reservations', touchpointBooking)).status).toBe(400);
  });

  test('edit and cancel from a touchpoint show up in the feed as updated and cancelled', async () => {
    const booked = await control('POST', '/touchpoints/app/reservations', touchpointBooking);
    const edited = await control('PATCH', `/touchpoints/app/reservations/${booked.body.id}`, {
      end: '2026-03-03T11:30:00',
    });
    expect(edited.body).toMatchObject({ end: '2026-03-03T11:30:00', version: 2 });
    const cancelled = await control('POST', `/touchpoints/display/reservations/${booked.body.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    const types = (await workplace.call('GET', '/api/v1/changes')).body.changes.map(
      (change: { type: string }) => change.type,
    );
    expect(types).toEqual(['created', 'updated', 'cancelled']);
  });

  test('check-in opens 15 minutes before the start and lasts until the end', async () => {
    const booked = await control('POST', '/touchpoints/kiosk/reservations', touchpointBooking);
    const checkIn = () => control('POST', `/touchpoints/display/reservations/${booked.body.id}/check-in`);
    workplace.clock.set(new Date('2026-03-03T08:40:00Z')); // 09:40 in Brussels, 20 minutes early
    const early = await checkIn();
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('CHECK_IN_NOT_OPEN');
    workplace.clock.set(new Date('2026-03-03T08:50:00Z'));
    const checkedIn = await checkIn();
    expect(checkedIn.body.checkIns).toEqual([
      { occurrenceStart: '2026-03-03T09:00:00.000Z', checkedInAt: '2026-03-03T08:50:00.000Z' },
    ]);
    expect(checkedIn.body.version).toBe(2);
    expect((await checkIn()).body.version).toBe(2);
  });

  test('check-in of one occurrence of a series', async () => {
    const series = await control('POST', '/touchpoints/app/reservations', {
      ...touchpointBooking,
      recurrence: { rrule: 'FREQ=DAILY;COUNT=3' },
    });
    workplace.clock.set(new Date('2026-03-04T09:30:00Z'));
    const checkedIn = await control('POST', `/touchpoints/kiosk/reservations/${series.body.id}/check-in`, {});
    expect(checkedIn.body.checkIns[0].occurrenceStart).toBe('2026-03-04T09:00:00.000Z');
  });
});

describe('approvals', () => {
  test('approving a pending line confirms the reservation', async () => {
    const booked = await workplace.call('POST', '/api/v1/reservations', {
      body: aReservationCreate({ lines: [{ type: 'area', objectId: 'a-bru-2.01' }] }),
    });
    const lineId = booked.body.lines[0].id;
    const approved = await control('POST', `/reservations/${booked.body.id}/lines/${lineId}/approve`);
    expect(approved.body).toMatchObject({ status: 'confirmed', version: 2, lines: [{ status: 'confirmed' }] });
    expect((await control('POST', `/reservations/${booked.body.id}/lines/${lineId}/approve`)).status).toBe(400);
  });

  test('rejecting the only line cancels the reservation and frees the room', async () => {
    const booked = await workplace.call('POST', '/api/v1/reservations', {
      body: aReservationCreate({ lines: [{ type: 'area', objectId: 'a-bru-2.01' }] }),
    });
    const rejected = await control('POST', `/reservations/${booked.body.id}/lines/${booked.body.lines[0].id}/reject`);
    expect(rejected.body).toMatchObject({ status: 'cancelled', lines: [{ status: 'rejected' }] });
    const changes = (await workplace.call('GET', '/api/v1/changes')).body.changes;
    expect(changes.at(-1)).toMatchObject({ type: 'cancelled', version: 2 });
    expect(
      (
        await workplace.call('POST', '/api/v1/reservations', {
          body: aReservationCreate({ lines: [{ type: 'area', objectId: 'a-bru-2.01' }] }),
        })
      ).status,
    ).toBe(201);
  });
});

describe('state, reset, seed, clock and faults', () => {
  test('state shows everything, reset returns to the seed, seed loads other master data', async () => {
    await workplace.call('POST', '/api/v1/reservations', { body: aReservationCreate() });
    const state = await control('GET', '/state');
    expect(state.body).toMatchObject({
      now: '2026-03-02T08:00:00.000Z',
      reservations: [expect.objectContaining({ id: 'r-1' })],
    });
    expect(state.body.buildings.map((building: { timeZone: string }) => building.timeZone)).toEqual([
      'Europe/Brussels',
      'America/New_York',
    ]);
    await control('POST', '/reset');
    expect(workplace.emulator.snapshot().reservations).toEqual([]);
    const small = { ...workplaceDemoSeed, areas: workplaceDemoSeed.areas.slice(0, 2) };
    expect((await control('POST', '/seed', small)).status).toBe(200);
    expect(workplace.emulator.snapshot().areas.map((area) => area.id)).toEqual(['a-bru-0.01', 'a-bru-1.01']);
    expect((await control('POST', '/seed', { buildings: 'none' })).status).toBe(400);
  });

  test('the clock can be set, and rules follow it', async () => {
    await control('POST', '/clock', { now: '2026-08-01T08:00:00Z' });
    expect((await control('GET', '/state')).body.now).toBe('2026-08-01T08:00:00.000Z');
    const booked = await workplace.call('POST', '/api/v1/reservations', {
      body: aReservationCreate({ start: '2026-09-01T10:00:00', end: '2026-09-01T11:00:00' }),
    });
    expect(booked.status).toBe(201);
    await control('POST', '/clock', { now: null });
    expect((await control('GET', '/state')).body.now).toBe('2026-03-02T08:00:00.000Z');
  });

  test('faults are injected for the next N matching requests, then stop; they can be cleared', async () => {
    expect(
      (await control('POST', '/faults', { kind: 'error', status: 500, count: 2, match: { path: '/api/v1/areas' } }))
        .status,
    ).toBe(201);
    expect((await workplace.call('GET', '/api/v1/buildings')).status).toBe(200);
    expect((await workplace.call('GET', '/api/v1/areas')).status).toBe(500);
    expect((await workplace.call('GET', '/api/v1/areas')).status).toBe(500);
    expect((await workplace.call('GET', '/api/v1/areas')).status).toBe(200);
    await control('POST', '/faults', { kind: 'throttle', count: 5 });
    await control('DELETE', '/faults');
    expect((await workplace.call('GET', '/api/v1/areas')).status).toBe(200);
    expect((await control('POST', '/faults', { kind: 'explode' })).status).toBe(400);
  });

  test("an 'after' error fault carries out the write and loses the answer", async () => {
    workplace.emulator.injectFault({ kind: 'error', phase: 'after', match: { method: 'POST' } });
    const lost = await workplace.call('POST', '/api/v1/reservations', { body: aReservationCreate() });
    expect(lost.status).toBe(503);
    expect(workplace.emulator.snapshot().reservations).toHaveLength(1);
  });

  test("a room's day lists its occurrences in the building's local time", async () => {
    await workplace.call('POST', '/api/v1/reservations', {
      body: aReservationCreate({ recurrence: { rrule: 'FREQ=DAILY;COUNT=2' } }),
    });
    const day = await control('GET', '/areas/a-bru-1.01/day?date=2026-03-04');
    expect(day.body).toMatchObject({ timeZone: 'Europe/Brussels', date: '2026-03-04' });
    expect(day.body.bookings).toEqual([
      expect.objectContaining({
        start: '2026-03-04T10:00:00',
        end: '2026-03-04T11:00:00',
        occurrenceStart: '2026-03-04T09:00:00.000Z',
        isCheckedIn: false,
      }),
    ]);
  });
});

describe('kiosk page', () => {
  test('is plain HTML with labelled controls and a live status region', async () => {
    const response = await workplace.emulator.app.inject({ url: '/kiosk' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const html = response.body;
    for (const id of ['room', 'date', 'subject', 'start', 'end', 'email']) {
      expect(html).toContain(`<label for="${id}">`);
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('role="status"');
    expect(html).toContain('aria-live="polite"');
    expect(html).toContain('/_emulator/touchpoints/kiosk/reservations');
    expect(html).not.toMatch(/<script[^>]+src=/);
  });
});
