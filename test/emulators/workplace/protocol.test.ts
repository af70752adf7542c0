import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { aReservationCreate } from '../../support/builders.js';
import { createInjectedWorkplace } from '../../support/workplace-harness.js';

// Auth, idempotency keys, versions (If-Match), pagination and the loopback guard of the control API.

let workplace: Awaited<ReturnType<typeof createInjectedWorkplace>>;
beforeEach(async () => {
  workplace = await createInjectedWorkplace({ apiKey: 'test-key-123' });
});
afterEach(async () => {
  expect(workplace.violations).toEqual([]);
  await workplace.emulator.app.close();
});

describe('Authorization: Bearer <api key>', () => {
  test.each([
    ['no header', {}],
    ['a wrong key', { authorization: 'Bearer test-key-124' }],
    ['another scheme', { authorization: 'Basic dGVzdC1rZXktMTIz' }],
  ])('%s → 401', async (_name, headers) => {
    const response = await workplace.emulator.app.inject({ url: '/api/v1/buildings', headers });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('UNAUTHORIZED');
  });

  test('a write without a key changes nothing', async () => {
    const before = workplace.emulator.snapshot();
    const response = await workplace.emulator.app.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      payload: aReservationCreate(),
    });
    expect(response.statusCode).toBe(401);
    expect(workplace.emulator.snapshot()).toEqual(before);
  });

  test('the right key is accepted', async () => {
    expect((await workplace.call('GET', '/api/v1/buildings')).status).toBe(200);
  });
});

describe('Idempotency-Key', () => {
  test('the same key and body return the first result without a second reservation', async () => {
    const headers = { 'idempotency-key': 'sync:event-1:create' };
    const first = await workplace.call('POST', '/api/v1/reservations', { body: aReservationCreate(), headers });
    const again = await workplace.call('POST', '/api/v1/reservations', { body: aReservationCreate(), headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(workplace.emulator.snapshot().reservations).toHaveLength(1);
    expect(workplace.emulator.snapshot().feed.entries).toHaveLength(1);
  });

  test('the same key with another body is refused and changes nothing', async () => {
    const headers = { 'idempotency-key': 'sync:event-2:create' };
    await workplace.call('POST', '/api/v1/reservations', { body: aReservationCreate(), headers });
    const before = workplace.emulator.snapshot();
    const other = await workplace.call('POST', '/api/v1/reservations', {
      body: aReservationCreate({ subject: 'Other' }),
      headers,
    });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(workplace.emulator.snapshot()).toEqual(before);
  });

  test('a refused write is not remembered: the same key works once the obstacle is gone', async () => {
    const blocker = await workplace.call('POST', '/api/v1/reservations', { body: aReservationCreate() });
    const headers = { 'idempotency-key': 'sync:event-3:create' };
    const body = aReservationCreate({ subject: 'Second' });
    expect((await workplace.call('POST', '/api/v1/reservations', { body, headers })).status).toBe(409);
    await workplace.call('POST', `/api/v1/reservations/${blocker.body.id}/cancel`);
    expect((await workplace.call('POST', '/api/v1/reservations', { body, headers })).status).toBe(201);
  });

  test('PATCH with a key is replayed too, instead of failing on the version it already bumped', async () => {
    const created = await workplace.call('POST', '/api/v1/reservations', { body: aReservationCreate() });
    const headers = { 'if-match': '1', 'idempotency-key': 'sync:event-1:v2' };
    const first = await workplace.call('PATCH', `/api/v1/reservations/${created.body.id}`, {
      body: { subject: 'New' },
      headers,
    });
    const again = await workplace.call('PATCH', `/api/v1/reservations/${created.body.id}`, {
      body: { subject: 'New' },
      headers,
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.body.version).toBe(2);
  });
});

describe('versions and If-Match', () => {
  test('every change bumps the version and updatedAt', async () => {
    const created = await workplace.call('POST', '/api/v1/reservations', { body: aReservationCreate() });
    expect(created.body.version).toBe(1);
    workplace.clock.advance(60_000);
    const patched = await workplace.call('PATCH', `/api/v1/reservations/${created.body.id}`, {
      body: { subject: 'Renamed' },
      headers: { 'if-match': '"1"' },
    });
    expect(patched.body).toMatchObject({
      version: 2,
      subject: 'Renamed',
      updatedAt: '2026-03-02T08:01:00.000Z',
      createdAt: '2026-03-02T08:00:00.000Z',
    });
    const read = await workplace.call('GET', `/api/v1/reservations/${created.body.id}`);
    expect(read.headers.etag).toBe('"2"');
  });

  test('a stale If-Match gets 412, a missing one on PATCH 428, and neither changes anything', async () => {
    const created = await workplace.call('POST', '/api/v1/reservations', { body: aReservationCreate() });
    const url = `/api/v1/reservations/${created.body.id}`;
    await workplace.call('PATCH', url, { body: { subject: 'v2' }, headers: { 'if-match': '1' } });
    const before = workplace.emulator.snapshot();
    expect((await workplace.call('PATCH', url, { body: { subject: 'v3' }, headers: { 'if-match': '1' } })).status).toBe(
      412,
    );
    expect((await workplace.call('PATCH', url, { body: { subject: 'v3' } })).status).toBe(428);
    expect((await workplace.call('POST', `${url}/cancel`, { headers: { 'if-match': '1' } })).status).toBe(412);
    expect(workplace.emulator.snapshot()).toEqual(before);
  });

  test('a cancelled reservation cannot be changed, and cancelling it again changes nothing', async () => {
    const created = await workplace.call('POST', '/api/v1/reservations', { body: aReservationCreate() });
    const url = `/api/v1/reservations/${created.body.id}`;
    const cancelled = await workplace.call('POST', `${url}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', version: 2, lines: [{ status: 'cancelled' }] });
    const before = workplace.emulator.snapshot();
    expect((await workplace.call('POST', `${url}/cancel`)).body.version).toBe(2);
    const edit = await workplace.call('PATCH', url, { body: { subject: 'Back' }, headers: { 'if-match': '2' } });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('RESERVATION_CANCELLED');
    expect(workplace.emulator.snapshot()).toEqual(before);
  });
});

describe('PATCH semantics', () => {
  test('lines: named lines keep id and status, new ones are added, left-out ones are kept as cancelled', async () => {
    const created = await workplace.call('POST', '/api/v1/reservations', {
      body: aReservationCreate({
        lines: [
          { type: 'area', objectId: 'a-bru-1.01' },
          { type: 'asset', objectId: 'as-bru-camera' },
          { type: 'catalogItem', objectId: 'ci-coffee', quantity: 4 },
        ],
      }),
    });
    expect(created.body.lines.map((line: { id: string; status: string }) => [line.id, line.status])).toEqual([
      ['l-1', 'confirmed'],
      ['l-2', 'pending-approval'],
      ['l-3', 'confirmed'],
    ]);
    const patched = await workplace.call('PATCH', `/api/v1/reservations/${created.body.id}`, {
      headers: { 'if-match': '1' },
      body: {
        lines: [
          { type: 'asset', objectId: 'as-bru-camera' },
          { id: 'l-1', type: 'area', objectId: 'a-bru-1.01' },
          { type: 'asset', objectId: 'as-bru-beamer-2' },
        ],
      },
    });
    expect(patched.body.lines).toEqual([
      { id: 'l-3', type: 'catalogItem', objectId: 'ci-coffee', quantity: 4, status: 'cancelled' },
      { id: 'l-2', type: 'asset', objectId: 'as-bru-camera', status: 'pending-approval' },
      { id: 'l-1', type: 'area', objectId: 'a-bru-1.01', status: 'confirmed' },
      { id: 'l-4', type: 'asset', objectId: 'as-bru-beamer-2', status: 'confirmed' },
    ]);
    const unknownLine = await workplace.call('PATCH', `/api/v1/reservations/${created.body.id}`, {
      headers: { 'if-match': '2' },
      body: { lines: [{ id: 'l-3', type: 'catalogItem', objectId: 'ci-coffee' }] },
    });
    expect(unknownLine.status).toBe(400);
  });

  test('changing the start drops exceptions whose occurrence no longer exists; a subject change keeps them', async () => {
    const created = await workplace.call('POST', '/api/v1/reservations', {
      body: aReservationCreate({
        recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=3' },
        exceptions: [{ originalStart: '2026-03-10T09:00:00.000Z', status: 'cancelled' }],
      }),
    });
    const url = `/api/v1/reservations/${created.body.id}`;
    const renamed = await workplace.call('PATCH', url, { body: { subject: 'Renamed' }, headers: { 'if-match': '1' } });
    expect(renamed.body.exceptions).toHaveLength(1);
    const moved = await workplace.call('PATCH', url, {
      body: { start: '2026-03-03T14:00:00', end: '2026-03-03T15:00:00' },
      headers: { 'if-match': '2' },
    });
    expect(moved.body.exceptions).toEqual([]);
  });
});

describe('pagination', () => {
  test('limit and cursor walk a list once, in a stable order', async () => {
    const first = await workplace.call('GET', '/api/v1/areas?limit=5');
    expect(first.body.items).toHaveLength(5);
    const ids: string[] = first.body.items.map((area: { id: string }) => area.id);
    let cursor: string | null = first.body.nextCursor;
    while (cursor) {
      const page = await workplace.call('GET', `/api/v1/areas?limit=5&cursor=${encodeURIComponent(cursor)}`);
      ids.push(...page.body.items.map((area: { id: string }) => area.id));
      cursor = page.body.nextCursor;
    }
    const all = await workplace.call('GET', '/api/v1/areas?limit=200');
    expect(ids).toEqual(all.body.items.map((area: { id: string }) => area.id));
    expect(all.body.nextCursor).toBeNull();
  });

  test('a cursor that is not ours is a 400', async () => {
    const response = await workplace.call('GET', '/api/v1/buildings?cursor=garbage');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('INVALID_CURSOR');
  });

  test('filters: meeting rooms of one floor', async () => {
    const response = await workplace.call('GET', '/api/v1/areas?type=meetingRoom&floorId=f-bru-1');
    expect(response.body.items.map((area: { id: string }) => area.id)).toEqual([
      'a-bru-1.01',
      'a-bru-1.02',
      'a-bru-1.03',
      'a-bru-1.04',
    ]);
  });
});

describe('the control API answers loopback callers only', () => {
  test.each([
    ['GET', '/_emulator/state'],
    ['POST', '/_emulator/reset'],
    ['POST', '/_emulator/touchpoints/kiosk/reservations'],
  ] as const)('%s %s from another machine → 403', async (method, url) => {
    const before = workplace.emulator.snapshot();
    const response = await workplace.emulator.app.inject({
      method,
      url,
      remoteAddress: '10.1.2.3',
      payload: method === 'POST' ? aReservationCreate() : undefined,
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');
    expect(workplace.emulator.snapshot()).toEqual(before);
  });

  test('from loopback it answers', async () => {
    const response = await workplace.emulator.app.inject({ url: '/_emulator/state', remoteAddress: '::1' });
    expect(response.statusCode).toBe(200);
  });

  test('an unknown route is a 404 in the error shape', async () => {
    const response = await workplace.call('GET', '/api/v2/nothing');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
  });
});
