import { afterEach, describe, expect, test } from 'vitest';
import { AppError } from '../../../../server/src/errors.js';
import {
  createWorkplaceChangeFeed,
  fromWorkplaceReservation,
  toWorkplaceReservation,
  workplaceFailureOf,
} from '../../../../server/src/adapters/workplace/index.js';
import type { WorkplaceReservationInput } from '../../../../server/src/adapters/workplace/index.js';
import { WORKPLACE_MEETING, aBooking } from '../../../support/builders.js';
import { areaOfMailbox, mailboxOfArea, startWorkplace } from '../../../support/workplace-harness.js';

// The production adapter against the emulator listening on 127.0.0.1:0. Every request the adapter
// sends and every answer it gets is checked against the OpenAPI document (workplace.violations).

let workplace: Awaited<ReturnType<typeof startWorkplace>>;
afterEach(async () => {
  expect(workplace.violations).toEqual([]);
  await workplace.close();
});

const brussels = { areaOfMailbox, mailboxOfArea, timeZone: 'Europe/Brussels' };
const input = (
  overrides: Parameters<typeof aBooking>[0] = {},
  lines: Parameters<typeof toWorkplaceReservation>[1] = [],
) => toWorkplaceReservation(aBooking({ ...WORKPLACE_MEETING, ...overrides }), lines, brussels);

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('every operation', () => {
  test('location hierarchy, with pagination followed to the end', async () => {
    workplace = await startWorkplace();
    const client = workplace.client({ pageSize: 3 });
    expect((await client.listBuildings()).map((building) => building.timeZone)).toEqual([
      'Europe/Brussels',
      'America/New_York',
    ]);
    expect((await client.listFloors({ buildingId: 'b-nyc' })).map((floor) => floor.id)).toEqual([
      'f-nyc-10',
      'f-nyc-11',
      'f-nyc-5',
      'f-nyc-6',
    ]);
    const rooms = await client.listAreas({ type: 'meetingRoom' });
    expect(rooms).toHaveLength(27);
    expect(rooms.filter((room) => room.exchangeMailbox === null).map((room) => room.id)).toEqual([
      'a-bru-1.03',
      'a-bru-0.02',
      'a-nyc-11.02',
    ]);
    expect(await client.getArea('a-bru-2.01')).toMatchObject({ approvalRequired: true, capacity: 16 });
    expect((await client.listAssets({ buildingId: 'b-bru' })).map((asset) => asset.kind)).toContain('beamer');
    expect((await client.listCatalogItems()).map((item) => item.id)).toEqual([
      'ci-coffee',
      'ci-lunch',
      'ci-water',
      'ci-setup',
    ]);
    expect(workplace.exchanges.filter((exchange) => exchange.path === '/api/v1/areas').length).toBe(Math.ceil(27 / 3));
  });

  test('create, read, list, update, occurrence edits and cancel of a series', async () => {
    workplace = await startWorkplace();
    const client = workplace.client();
    const series = aBooking({
      ...WORKPLACE_MEETING,
      recurrence: { freq: 'weekly', interval: 1, byDay: ['TU'], weekStart: 'MO', end: { type: 'count', count: 4 } },
    });
    const created = await client.createReservation(
      toWorkplaceReservation(
        series,
        [{ kind: 'equipment', objectId: 'as-bru-beamer-1', status: 'confirmed' }],
        brussels,
      ),
      {
        idempotencyKey: 'evt-1:create',
      },
    );
    expect(created).toMatchObject({
      version: 1,
      status: 'confirmed',
      source: 'outlook',
      recurrence: { rrule: expect.stringContaining('FREQ=WEEKLY') },
    });
    expect(created.lines.map((line) => [line.type, line.objectId])).toEqual([
      ['area', 'a-bru-1.01'],
      ['asset', 'as-bru-beamer-1'],
    ]);
    expect(await client.getReservation(created.id)).toEqual(created);
    expect(
      (
        await client.listReservations({
          from: new Date('2026-03-17T00:00:00Z'),
          to: new Date('2026-03-18T00:00:00Z'),
          areaId: 'a-bru-1.01',
        })
      ).map((r) => r.id),
    ).toEqual([created.id]);
    expect(
      await client.listReservations({ from: new Date('2026-05-01T00:00:00Z'), to: new Date('2026-05-02T00:00:00Z') }),
    ).toEqual([]);

    const renamed = await client.updateReservation(
      created.id,
      { subject: 'Weekly design review' },
      { ifMatch: 1, idempotencyKey: 'evt-1:v2' },
    );
    expect(renamed).toMatchObject({ version: 2, subject: 'Weekly design review' });
    const moved = await client.updateOccurrence(
      created.id,
      '2026-03-10T09:00:00Z',
      { start: '2026-03-10T14:00:00', end: '2026-03-10T15:00:00' },
      { ifMatch: 2, idempotencyKey: 'evt-1:occ-1' },
    );
    const skipped = await client.cancelOccurrence(created.id, new Date('2026-03-17T09:00:00Z'), {
      ifMatch: 3,
      idempotencyKey: 'evt-1:occ-2',
    });
    expect(skipped.exceptions).toEqual([
      {
        originalStart: '2026-03-10T09:00:00.000Z',
        status: 'modified',
        start: '2026-03-10T14:00:00',
        end: '2026-03-10T15:00:00',
      },
      { originalStart: '2026-03-17T09:00:00.000Z', status: 'cancelled' },
    ]);
    expect(moved.version).toBe(3);

    const booking = fromWorkplaceReservation(skipped, { mailboxOfArea }).booking;
    expect(booking.exceptions.map((exception) => exception.kind)).toEqual(['modified', 'cancelled']);

    const cancelled = await client.cancelReservation(created.id, { ifMatch: 4, idempotencyKey: 'evt-1:cancel' });
    expect(cancelled).toMatchObject({ status: 'cancelled', version: 5 });
  });

  test('availability: busy per occurrence, exceptions applied, with the rules a booking UI needs', async () => {
    workplace = await startWorkplace();
    const client = workplace.client();
    const series = await client.createReservation(
      input({ recurrence: { freq: 'daily', interval: 1, weekStart: 'MO', end: { type: 'count', count: 3 } } }),
      { idempotencyKey: 'a' },
    );
    await client.cancelOccurrence(series.id, '2026-03-04T09:00:00.000Z', { idempotencyKey: 'b' });
    const availability = await client.getAvailability({
      areaIds: ['a-bru-1.01', 'a-bru-2.01'],
      from: new Date('2026-03-02T00:00:00Z'),
      to: new Date('2026-03-09T00:00:00Z'),
    });
    const [ardennes, board] = availability.areas;
    expect(ardennes!.busy.map((busy) => busy.start)).toEqual(['2026-03-03T09:00:00.000Z', '2026-03-05T09:00:00.000Z']);
    expect(ardennes!.busy[0]).toMatchObject({
      reservationId: series.id,
      status: 'confirmed',
      occurrenceStart: '2026-03-03T09:00:00.000Z',
    });
    expect(board).toMatchObject({
      timeZone: 'Europe/Brussels',
      busy: [],
      rules: { approvalRequired: true, bookingWindowDays: 180 },
    });
    expect(board!.rules.regime?.openingHours[0]).toMatchObject({ from: '08:00', to: '19:00' });
    const unknown = await rejection(
      client.getAvailability({
        areaIds: ['nope'],
        from: new Date('2026-03-02T00:00:00Z'),
        to: new Date('2026-03-03T00:00:00Z'),
      }),
    );
    expect(unknown.code).toBe('NOT_FOUND');
  });

  test('the change feed is read from a stored cursor, page by page, up to the head', async () => {
    workplace = await startWorkplace();
    const client = workplace.client();
    const feed = createWorkplaceChangeFeed(client, { pageSize: 2 });
    const first = await client.createReservation(input(), { idempotencyKey: 'c1' });
    await client.updateReservation(first.id, { subject: 'Renamed' }, { ifMatch: 1, idempotencyKey: 'c2' });
    await client.createReservation(
      input({
        start: { dateTime: '2026-03-04T10:00:00', timeZone: 'Europe/Brussels' },
        end: { dateTime: '2026-03-04T11:00:00', timeZone: 'Europe/Brussels' },
      }),
      { idempotencyKey: 'c3' },
    );
    const read = await feed.readChanges(null);
    expect(read.changes.map((change) => [change.sequence, change.type])).toEqual([
      [1, 'created'],
      [2, 'updated'],
      [3, 'created'],
    ]);
    expect(read.isAtHead).toBe(true);
    await client.cancelReservation(first.id, { idempotencyKey: 'c4' });
    const next = await feed.readChanges(read.nextCursor);
    expect(next.changes).toEqual([
      expect.objectContaining({ sequence: 4, reservationId: first.id, type: 'cancelled', version: 3 }),
    ]);
    expect((await feed.readChanges(next.nextCursor)).changes).toEqual([]);
  });
});

describe('every enforced rule reaches the caller as a closed error code', () => {
  test.each<[string, () => WorkplaceReservationInput, string, string]>([
    ['double booking', () => input(), 'CONFLICT', 'DOUBLE_BOOKING'],
    [
      'booking window',
      () =>
        input({
          start: { dateTime: '2026-10-06T10:00:00', timeZone: 'Europe/Brussels' },
          end: { dateTime: '2026-10-06T11:00:00', timeZone: 'Europe/Brussels' },
        }),
      'UNPROCESSABLE',
      'BOOKING_WINDOW_EXCEEDED',
    ],
    [
      'opening hours',
      () =>
        input({
          start: { dateTime: '2026-03-03T21:00:00', timeZone: 'Europe/Brussels' },
          end: { dateTime: '2026-03-03T22:00:00', timeZone: 'Europe/Brussels' },
        }),
      'UNPROCESSABLE',
      'OUTSIDE_OPENING_HOURS',
    ],
    [
      'catering',
      () =>
        input({ rooms: ['room-brussels-1.02@contoso.com'] }, [
          { kind: 'catering', objectId: 'ci-coffee', quantity: 4, status: 'confirmed' },
        ]),
      'UNPROCESSABLE',
      'CATERING_NOT_ALLOWED',
    ],
    [
      'unknown area',
      () => ({ ...input(), lines: [{ type: 'area', objectId: 'a-gone' }] }),
      'UNPROCESSABLE',
      'UNKNOWN_OBJECT',
    ],
    // Our request cannot be right: set aside (INVALID_REQUEST), never a refusal that declines a meeting.
    ['end before start', () => ({ ...input(), end: '2026-03-03T09:00:00' }), 'INVALID_REQUEST', 'INVALID_TIME_RANGE'],
    [
      'not reservable',
      () => ({ ...input(), lines: [{ type: 'area', objectId: 'a-bru-0.02' }] }),
      'UNPROCESSABLE',
      'NOT_RESERVABLE',
    ],
    ['time zone', () => ({ ...input(), timeZone: 'America/New_York' }), 'UNPROCESSABLE', 'TIME_ZONE_MISMATCH'],
  ])('%s', async (_name, body, appCode, workplaceCode) => {
    workplace = await startWorkplace();
    const client = workplace.client();
    await client.createReservation(input(), { idempotencyKey: 'existing' });
    const before = workplace.emulator.snapshot();
    const error = await rejection(client.createReservation(body(), { idempotencyKey: 'attempt' }));
    expect(error.code).toBe(appCode);
    expect(workplaceFailureOf(error)?.code).toBe(workplaceCode);
    expect(workplace.emulator.snapshot()).toEqual(before);
  });

  test('approval-required rooms come back pending, and map to a pending line', async () => {
    workplace = await startWorkplace();
    const created = await workplace
      .client()
      .createReservation(input({ rooms: ['room-brussels-2.01@contoso.com'] }), { idempotencyKey: 'k' });
    expect(created.status).toBe('pending-approval');
    expect(fromWorkplaceReservation(created, { mailboxOfArea }).lines).toEqual([
      { lineId: created.lines[0]!.id, kind: 'room', objectId: 'a-bru-2.01', status: 'pending-approval' },
    ]);
  });

  test('a stale version is PRECONDITION_FAILED; an unknown reservation NOT_FOUND; an expired cursor CURSOR_EXPIRED', async () => {
    workplace = await startWorkplace();
    const client = workplace.client();
    const created = await client.createReservation(input(), { idempotencyKey: 'k' });
    await client.updateReservation(created.id, { subject: 'v2' }, { ifMatch: 1, idempotencyKey: 'k2' });
    expect(
      (await rejection(client.updateReservation(created.id, { subject: 'v3' }, { ifMatch: 1, idempotencyKey: 'k3' })))
        .code,
    ).toBe('PRECONDITION_FAILED');
    expect((await rejection(client.getReservation('r-999'))).code).toBe('NOT_FOUND');
    const { nextCursor } = await createWorkplaceChangeFeed(client).readChanges(null);
    workplace.emulator.reset();
    expect((await rejection(createWorkplaceChangeFeed(client).readChanges(nextCursor))).code).toBe('CURSOR_EXPIRED');
  });

  test('a double booking of one occurrence tells which occurrence', async () => {
    workplace = await startWorkplace();
    const client = workplace.client();
    await client.createReservation(
      input({
        start: { dateTime: '2026-03-17T10:30:00', timeZone: 'Europe/Brussels' },
        end: { dateTime: '2026-03-17T11:00:00', timeZone: 'Europe/Brussels' },
      }),
      { idempotencyKey: 'one-off' },
    );
    const error = await rejection(
      client.createReservation(
        input({
          recurrence: { freq: 'weekly', interval: 1, byDay: ['TU'], weekStart: 'MO', end: { type: 'count', count: 4 } },
        }),
        { idempotencyKey: 'series' },
      ),
    );
    expect(workplaceFailureOf(error)?.conflicts).toEqual([
      expect.objectContaining({ occurrenceStart: '2026-03-17T09:00:00.000Z' }),
    ]);
  });
});

describe('every injected fault', () => {
  test('5xx before the write: retried with backoff, then done once', async () => {
    workplace = await startWorkplace();
    workplace.emulator.injectFault({ kind: 'error', status: 500, count: 2 });
    const created = await workplace.client().createReservation(input(), { idempotencyKey: 'k' });
    expect(created.version).toBe(1);
    expect(workplace.sleeps).toHaveLength(2);
    expect(workplace.exchanges.map((exchange) => exchange.status)).toEqual([500, 500, 201]);
  });

  test('5xx after the write (lost answer): the retry with the same key gets the first result, nothing is booked twice', async () => {
    workplace = await startWorkplace();
    workplace.emulator.injectFault({ kind: 'error', status: 503, phase: 'after', match: { method: 'POST' } });
    const created = await workplace.client().createReservation(input(), { idempotencyKey: 'evt-9:create' });
    expect(workplace.exchanges.map((exchange) => exchange.status)).toEqual([503, 201]);
    expect(workplace.emulator.snapshot().reservations.map((reservation) => reservation.id)).toEqual([created.id]);
    expect(workplace.emulator.snapshot().feed.entries).toHaveLength(1);
  });

  test('429 with Retry-After: the adapter waits what it is told (bounded) and retries', async () => {
    workplace = await startWorkplace();
    workplace.emulator.injectFault({ kind: 'throttle', retryAfterSeconds: 2 });
    expect(await workplace.client().listBuildings()).toHaveLength(2);
    expect(workplace.sleeps).toEqual([2_000]);
    workplace.emulator.injectFault({ kind: 'throttle', retryAfterSeconds: 600 });
    const error = await rejection(workplace.client().listBuildings());
    expect(error.code).toBe('THROTTLED');
    expect(error.details.retryAfterMs).toBe(600_000);
  });

  test('persistent 5xx: UPSTREAM_FAILED after the last attempt', async () => {
    workplace = await startWorkplace();
    workplace.emulator.injectFault({ kind: 'error', status: 502, count: 10 });
    const error = await rejection(workplace.client({ maxAttempts: 3 }).listBuildings());
    expect(error.code).toBe('UPSTREAM_FAILED');
    expect(workplace.exchanges).toHaveLength(3);
  });

  test('a slow answer times out the attempt; the retry succeeds and the slow write, when it lands, is a replay', async () => {
    let abortPending = () => {};
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let sentPosts = 0;
    let slowPostDone = () => {};
    const slowPostFinished = new Promise<void>((resolve) => (slowPostDone = resolve));
    workplace = await startWorkplace(
      {
        // The emulator's wait for the slow fault: instead of a real delay, it times out the client's attempt and holds the request.
        sleep: async () => {
          abortPending();
          await released;
        },
      },
      (emulator) =>
        emulator.app.addHook('onSend', async (request, _reply, payload) => {
          if (request.method === 'POST' && ++sentPosts === 2) slowPostDone();
          return payload;
        }),
    );
    const client = workplace.client({
      timeoutSignal: () => {
        const controller = new AbortController();
        abortPending = () => controller.abort(new DOMException('The operation timed out', 'TimeoutError'));
        return controller.signal;
      },
    });
    workplace.emulator.injectFault({ kind: 'slow', delayMs: 60_000, match: { method: 'POST' } });
    const created = await client.createReservation(input(), { idempotencyKey: 'slow-1' });
    expect(created.version).toBe(1);
    release();
    await slowPostFinished;
    expect(workplace.emulator.snapshot().reservations).toHaveLength(1);
    expect(workplace.emulator.snapshot().feed.entries).toHaveLength(1);
  });

  test('duplicated and reordered feed entries reach the caller once each, in order', async () => {
    workplace = await startWorkplace();
    const client = workplace.client();
    const feed = createWorkplaceChangeFeed(client);
    const first = await client.createReservation(input(), { idempotencyKey: 'f1' });
    const { nextCursor } = await feed.readChanges(null);
    await client.updateReservation(first.id, { subject: 'b' }, { ifMatch: 1, idempotencyKey: 'f2' });
    await client.updateReservation(first.id, { subject: 'c' }, { ifMatch: 2, idempotencyKey: 'f3' });
    workplace.emulator.injectFault({ kind: 'duplicate-feed' });
    workplace.emulator.injectFault({ kind: 'reorder-feed' });
    const read = await feed.readChanges(nextCursor);
    expect(read.changes.map((change) => change.sequence)).toEqual([1, 2, 3]);
    expect(read.changes.map((change) => change.version)).toEqual([1, 2, 3]);
  });

  test('a lost webhook does not lose the change: the feed still has it', async () => {
    const received: string[] = [];
    workplace = await startWorkplace({
      webhook: { url: 'http://127.0.0.1:9/hook', secret: 'a-secret-value' },
      fetch: async (_url, init) => {
        received.push(String(init?.body));
        return new Response(null, { status: 204 });
      },
    });
    workplace.emulator.injectFault({ kind: 'webhook-loss' });
    const created = await workplace.client().createReservation(input(), { idempotencyKey: 'w1' });
    await workplace.emulator.whenWebhooksIdle();
    expect(received).toEqual([]);
    const { changes } = await createWorkplaceChangeFeed(workplace.client()).readChanges(null);
    expect(changes).toEqual([expect.objectContaining({ reservationId: created.id, type: 'created' })]);
  });
});
