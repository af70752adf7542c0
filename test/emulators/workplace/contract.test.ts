import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { aReservationCreate } from '../../support/builders.js';
import { createInjectedWorkplace } from '../../support/workplace-harness.js';

// The emulator's answers, successes and errors alike, checked against the OpenAPI document it serves.

let workplace: Awaited<ReturnType<typeof createInjectedWorkplace>>;
beforeEach(async () => {
  workplace = await createInjectedWorkplace();
});
afterEach(async () => {
  expect(workplace.violations).toEqual([]);
  await workplace.emulator.app.close();
});

describe('the OpenAPI document', () => {
  test('is OpenAPI 3.1 with JSON Schema 2020-12 component schemas, served without a key', async () => {
    const response = await workplace.emulator.app.inject({ url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(document.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'Reservation',
        'ReservationCreate',
        'ReservationPatch',
        'Availability',
        'ChangesPage',
        'Error',
      ]),
    );
  });

  test('describes every operation of the contract', () => {
    const operations = Object.entries(workplace.contract.document.paths as Record<string, object>).flatMap(
      ([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'GET /api/v1/buildings',
        'GET /api/v1/floors',
        'GET /api/v1/areas',
        'GET /api/v1/areas/{areaId}',
        'GET /api/v1/assets',
        'GET /api/v1/catalog-items',
        'GET /api/v1/reservations',
        'POST /api/v1/reservations',
        'GET /api/v1/reservations/{reservationId}',
        'PATCH /api/v1/reservations/{reservationId}',
        'POST /api/v1/reservations/{reservationId}/cancel',
        'POST /api/v1/reservations/{reservationId}/release',
        'PATCH /api/v1/reservations/{reservationId}/occurrences/{originalStart}',
        'POST /api/v1/reservations/{reservationId}/occurrences/{originalStart}/cancel',
        'GET /api/v1/availability',
        'GET /api/v1/changes',
      ].sort(),
    );
  });

  test('rejects what the emulator would reject: the validator is not vacuous', () => {
    expect(workplace.contract.validateSchema('Reservation', { id: 'r-1' })).not.toEqual([]);
    expect(
      workplace.contract.validateSchema('ReservationCreate', { ...aReservationCreate(), colour: 'red' }),
    ).not.toEqual([]);
    expect(
      workplace.contract.validateSchema('ReservationCreate', {
        ...aReservationCreate(),
        start: '2026-03-03T10:00:00Z',
      }),
    ).not.toEqual([]);
    expect(workplace.contract.validateSchema('ReservationCreate', aReservationCreate())).toEqual([]);
    const { validateRequest, validateResponse } = workplace.contract;
    expect(
      validateResponse({ method: 'GET', url: '/api/v1/reservations/r-1', status: 200, body: { id: 'r-1' } }),
    ).not.toEqual([]);
    expect(validateResponse({ method: 'GET', url: '/api/v1/reservations/r-1', status: 418, body: {} })).not.toEqual([]);
    const headers = { authorization: 'Bearer k' };
    expect(validateRequest({ method: 'GET', url: '/api/v1/areas?colour=red', headers })).not.toEqual([]);
    expect(
      validateRequest({ method: 'PATCH', url: '/api/v1/reservations/r-1', headers, body: { subject: 'x' } }),
    ).not.toEqual([]);
    expect(
      validateRequest({
        method: 'PATCH',
        url: '/api/v1/reservations/r-1',
        headers: { ...headers, 'if-match': '1' },
        body: { subject: 'x' },
      }),
    ).toEqual([]);
  });
});

describe('every endpoint answers in the documented shape', () => {
  test('location hierarchy', async () => {
    const { call } = workplace;
    for (const url of [
      '/api/v1/buildings',
      '/api/v1/floors?buildingId=b-bru',
      '/api/v1/areas?type=meetingRoom&buildingId=b-nyc&floorId=f-nyc-10',
      '/api/v1/areas/a-bru-1.01',
      '/api/v1/assets?buildingId=b-bru',
      '/api/v1/catalog-items?limit=2',
    ]) {
      expect((await call('GET', url)).status, url).toBe(200);
    }
    expect((await call('GET', '/api/v1/areas/nope')).status).toBe(404);
  });

  test('reservations: create, read, list, change, occurrences, cancel', async () => {
    const { call } = workplace;
    const series = await call('POST', '/api/v1/reservations', {
      body: aReservationCreate({ recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4' } }),
      headers: { 'idempotency-key': 'contract-1' },
    });
    expect(series.status).toBe(201);
    const id = series.body.id;
    expect((await call('GET', `/api/v1/reservations/${id}`)).status).toBe(200);
    expect(
      (await call('GET', '/api/v1/reservations?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z&areaId=a-bru-1.01'))
        .body.items,
    ).toHaveLength(1);
    const patched = await call('PATCH', `/api/v1/reservations/${id}`, {
      body: { subject: 'Weekly review' },
      headers: { 'if-match': '1' },
    });
    expect(patched.status).toBe(200);
    const occurrence = encodeURIComponent('2026-03-10T09:00:00.000Z');
    const moved = await call('PATCH', `/api/v1/reservations/${id}/occurrences/${occurrence}`, {
      body: { start: '2026-03-10T14:00:00', end: '2026-03-10T15:00:00' },
      headers: { 'if-match': '2' },
    });
    expect(moved.status).toBe(200);
    const skipped = encodeURIComponent('2026-03-17T09:00:00.000Z');
    expect(
      (await call('POST', `/api/v1/reservations/${id}/occurrences/${skipped}/cancel`, { headers: { 'if-match': '3' } }))
        .status,
    ).toBe(200);
    expect((await call('POST', `/api/v1/reservations/${id}/cancel`, { body: { reason: 'done' } })).body.status).toBe(
      'cancelled',
    );
  });

  test('availability and the change feed', async () => {
    const { call } = workplace;
    await call('POST', '/api/v1/reservations', { body: aReservationCreate() });
    const availability = await call(
      'GET',
      '/api/v1/availability?areaIds=a-bru-1.01,a-nyc-10.01&from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z',
    );
    expect(availability.status).toBe(200);
    const changes = await call('GET', '/api/v1/changes?limit=10');
    expect(changes.body.changes).toHaveLength(1);
  });

  test.each<[string, 'GET' | 'POST' | 'PATCH', string, object | undefined, Record<string, string>, number]>([
    ['400 malformed body', 'POST', '/api/v1/reservations', { subject: 1 }, {}, 400],
    ['400 bad query', 'GET', '/api/v1/areas?limit=0', undefined, {}, 400],
    ['401 no key', 'GET', '/api/v1/buildings', undefined, { authorization: '' }, 401],
    ['404 unknown reservation', 'GET', '/api/v1/reservations/r-404', undefined, {}, 404],
    ['410 expired cursor', 'GET', '/api/v1/changes?cursor=bm9wZQ', undefined, {}, 410],
    ['412 stale version', 'PATCH', '/api/v1/reservations/r-1', { subject: 'x' }, { 'if-match': '7' }, 412],
    [
      '422 unknown area',
      'POST',
      '/api/v1/reservations',
      aReservationCreate({ lines: [{ type: 'area', objectId: 'a-nope' }] }),
      {},
      422,
    ],
    ['428 missing If-Match', 'PATCH', '/api/v1/reservations/r-1', { subject: 'x' }, {}, 428],
  ])('%s', async (_name, method, url, body, headers, status) => {
    await workplace.call('POST', '/api/v1/reservations', {
      body: aReservationCreate({ start: '2026-03-04T10:00:00', end: '2026-03-04T11:00:00' }),
    });
    const response = await workplace.call(method, url, { body, headers });
    expect(response.status).toBe(status);
    expect(response.body.error.message).not.toBe('');
  });

  test('409 double booking names the conflicting occurrence', async () => {
    const { call } = workplace;
    await call('POST', '/api/v1/reservations', { body: aReservationCreate() });
    const clash = await call('POST', '/api/v1/reservations', {
      body: aReservationCreate({ start: '2026-03-03T10:30:00', end: '2026-03-03T11:30:00' }),
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.details.conflicts[0]).toMatchObject({
      objectId: 'a-bru-1.01',
      conflictingReservationId: 'r-1',
    });
  });

  test('429 and 5xx faults answer in the documented error shape', async () => {
    workplace.emulator.injectFault({ kind: 'throttle', retryAfterSeconds: 2 });
    const throttled = await workplace.call('GET', '/api/v1/buildings');
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBe('2');
    workplace.emulator.injectFault({ kind: 'error', status: 502 });
    expect((await workplace.call('GET', '/api/v1/buildings')).status).toBe(502);
  });
});
