import { afterEach, describe, expect, test } from 'vitest';
import { verifyWorkplaceWebhook } from '../../../server/src/adapters/workplace/index.js';
import { aReservationCreate } from '../../support/builders.js';
import { createInjectedWorkplace, TEST_NOW } from '../../support/workplace-harness.js';

// The change feed (ordered, at-least-once, cursors that expire) and the signed webhook with retries.

type Received = { url: string; headers: Record<string, string>; body: string };

function webhookReceiver(statuses: Array<number | 'network-error'>) {
  const received: Received[] = [];
  const fetch: typeof globalThis.fetch = async (input, init = {}) => {
    received.push({ url: String(input), headers: init.headers as Record<string, string>, body: String(init.body) });
    const status = statuses.shift() ?? 200;
    if (status === 'network-error') throw new TypeError('fetch failed');
    return new Response(null, { status });
  };
  return { fetch, received };
}

let workplace: Awaited<ReturnType<typeof createInjectedWorkplace>>;
afterEach(async () => {
  expect(workplace.violations).toEqual([]);
  await workplace.emulator.app.close();
});

async function book(overrides: Parameters<typeof aReservationCreate>[0] = {}) {
  const response = await workplace.call('POST', '/api/v1/reservations', { body: aReservationCreate(overrides) });
  expect(response.status).toBe(201);
  return response.body as { id: string; version: number };
}

describe('change feed', () => {
  test('every change, in order, once per version; a read resumes after its cursor', async () => {
    workplace = await createInjectedWorkplace();
    const first = await book();
    await workplace.call('PATCH', `/api/v1/reservations/${first.id}`, {
      body: { subject: 'Renamed' },
      headers: { 'if-match': '1' },
    });
    const second = await book({ start: '2026-03-04T10:00:00', end: '2026-03-04T11:00:00' });
    await workplace.call('POST', `/api/v1/reservations/${first.id}/cancel`);

    const all = await workplace.call('GET', '/api/v1/changes');
    expect(
      all.body.changes.map(({ reservationId, version, type, sequence }: Record<string, unknown>) => [
        sequence,
        reservationId,
        version,
        type,
      ]),
    ).toEqual([
      [1, first.id, 1, 'created'],
      [2, first.id, 2, 'updated'],
      [3, second.id, 1, 'created'],
      [4, first.id, 3, 'cancelled'],
    ]);
    expect(all.body.hasMore).toBe(false);

    const page = await workplace.call('GET', '/api/v1/changes?limit=3');
    expect(page.body).toMatchObject({ hasMore: true });
    expect(page.body.changes).toHaveLength(3);
    const rest = await workplace.call('GET', `/api/v1/changes?cursor=${page.body.nextCursor}`);
    expect(rest.body.changes.map((change: { sequence: number }) => change.sequence)).toEqual([4]);
    const atHead = await workplace.call('GET', `/api/v1/changes?cursor=${rest.body.nextCursor}`);
    expect(atHead.body).toMatchObject({ changes: [], hasMore: false, nextCursor: rest.body.nextCursor });
  });

  test('refused writes add nothing to the feed', async () => {
    workplace = await createInjectedWorkplace();
    await book();
    await workplace.call('POST', '/api/v1/reservations', { body: aReservationCreate() });
    expect((await workplace.call('GET', '/api/v1/changes')).body.changes).toHaveLength(1);
  });

  test('an expired cursor, an unknown one and one from before a reset get 410 CURSOR_EXPIRED', async () => {
    workplace = await createInjectedWorkplace();
    await book();
    const { nextCursor } = (await workplace.call('GET', '/api/v1/changes')).body;
    expect((await workplace.call('GET', `/api/v1/changes?cursor=${nextCursor}`)).status).toBe(200);
    await workplace.emulator.app.inject({ method: 'POST', url: '/_emulator/feed/expire-cursors' });
    const expired = await workplace.call('GET', `/api/v1/changes?cursor=${nextCursor}`);
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('CURSOR_EXPIRED');
    expect((await workplace.call('GET', '/api/v1/changes?cursor=Zm9v')).status).toBe(410);
    const fresh = workplace.emulator.headCursor();
    workplace.emulator.reset();
    expect((await workplace.call('GET', `/api/v1/changes?cursor=${fresh}`)).status).toBe(410);
  });

  test('faults: a read can repeat entries (also from before the cursor) or return them out of order', async () => {
    workplace = await createInjectedWorkplace();
    const first = await book();
    const { nextCursor } = (await workplace.call('GET', '/api/v1/changes')).body;
    await workplace.call('PATCH', `/api/v1/reservations/${first.id}`, {
      body: { subject: 'b' },
      headers: { 'if-match': '1' },
    });
    await workplace.call('PATCH', `/api/v1/reservations/${first.id}`, {
      body: { subject: 'c' },
      headers: { 'if-match': '2' },
    });
    workplace.emulator.injectFault({ kind: 'duplicate-feed' });
    const duplicated = await workplace.call('GET', `/api/v1/changes?cursor=${nextCursor}`);
    expect(duplicated.body.changes.map((change: { sequence: number }) => change.sequence)).toEqual([1, 2, 2, 3, 3]);
    workplace.emulator.injectFault({ kind: 'reorder-feed' });
    const reordered = await workplace.call('GET', `/api/v1/changes?cursor=${nextCursor}`);
    expect(reordered.body.changes.map((change: { sequence: number }) => change.sequence)).toEqual([3, 2]);
    expect(reordered.body.nextCursor).toBe(duplicated.body.nextCursor);
    const normal = await workplace.call('GET', `/api/v1/changes?cursor=${nextCursor}`);
    expect(normal.body.changes.map((change: { sequence: number }) => change.sequence)).toEqual([2, 3]);
  });
});

describe('webhook', () => {
  const secret = 'webhook-secret-for-tests';

  test('delivers each change as a signed POST in the documented shape', async () => {
    const receiver = webhookReceiver([]);
    workplace = await createInjectedWorkplace({
      webhook: { url: 'http://127.0.0.1:9/hooks/workplace', secret },
      fetch: receiver.fetch,
    });
    const created = await book();
    await workplace.emulator.whenWebhooksIdle();
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(delivery!.url).toBe('http://127.0.0.1:9/hooks/workplace');
    expect(JSON.parse(delivery!.body)).toEqual({
      changes: [
        { sequence: 1, reservationId: created.id, version: 1, type: 'created', occurredAt: TEST_NOW.toISOString() },
      ],
    });
    expect(
      workplace.contract.validateWebhook({ headers: delivery!.headers, body: JSON.parse(delivery!.body) }),
    ).toEqual([]);
    expect(delivery!.headers['x-workplace-timestamp']).toBe(String(TEST_NOW.getTime() / 1000));
    const verified = verifyWorkplaceWebhook({
      rawBody: delivery!.body,
      timestamp: delivery!.headers['x-workplace-timestamp'],
      signature: delivery!.headers['x-workplace-signature'],
      secret,
      now: TEST_NOW,
    });
    expect(verified).toEqual({ ok: true, changes: JSON.parse(delivery!.body).changes });
  });

  test('retries with growing delays on non-2xx and network errors until it is accepted', async () => {
    const receiver = webhookReceiver([500, 'network-error', 503, 204]);
    const waits: number[] = [];
    workplace = await createInjectedWorkplace({
      webhook: { url: 'http://127.0.0.1:9/hook', secret, retryDelaysMs: [10, 20, 40, 80] },
      fetch: receiver.fetch,
      sleep: async (ms) => void waits.push(ms),
    });
    await book();
    await workplace.emulator.whenWebhooksIdle();
    expect(receiver.received).toHaveLength(4);
    expect(waits).toEqual([10, 20, 40]);
    expect(new Set(receiver.received.map((delivery) => delivery.body)).size).toBe(1);
    const [delivery] = workplace.emulator.webhookDeliveries();
    expect(delivery).toMatchObject({ outcome: 'delivered', sequences: [1] });
    expect(delivery!.attempts.map((attempt) => attempt.status)).toEqual([500, null, 503, 204]);
  });

  test('gives up after the last retry; the change stays in the feed', async () => {
    const receiver = webhookReceiver([500, 500, 500]);
    workplace = await createInjectedWorkplace({
      webhook: { url: 'http://127.0.0.1:9/hook', secret, retryDelaysMs: [1, 1] },
      fetch: receiver.fetch,
      sleep: async () => {},
    });
    await book();
    await workplace.emulator.whenWebhooksIdle();
    expect(workplace.emulator.webhookDeliveries()[0]!.outcome).toBe('failed');
    const listed = await workplace.emulator.app.inject({ url: '/_emulator/webhook/deliveries' });
    expect(listed.json().deliveries).toEqual([
      expect.objectContaining({ outcome: 'failed', sequences: [1], attempts: expect.any(Array) }),
    ]);
    expect((await workplace.call('GET', '/api/v1/changes')).body.changes).toHaveLength(1);
  });

  test('fault: a lost delivery is never sent, the next one is', async () => {
    const receiver = webhookReceiver([]);
    workplace = await createInjectedWorkplace({
      webhook: { url: 'http://127.0.0.1:9/hook', secret },
      fetch: receiver.fetch,
    });
    workplace.emulator.injectFault({ kind: 'webhook-loss' });
    await book();
    await book({ start: '2026-03-04T10:00:00', end: '2026-03-04T11:00:00' });
    await workplace.emulator.whenWebhooksIdle();
    expect(receiver.received.map((delivery) => JSON.parse(delivery.body).changes[0].sequence)).toEqual([2]);
    expect(workplace.emulator.webhookDeliveries().map((delivery) => delivery.outcome)).toEqual(['lost', 'delivered']);
  });

  test('no webhook is sent when none is configured, and one can be configured later', async () => {
    const receiver = webhookReceiver([]);
    workplace = await createInjectedWorkplace({ fetch: receiver.fetch });
    await book();
    await workplace.emulator.app.inject({
      method: 'PUT',
      url: '/_emulator/webhook',
      payload: { url: 'http://127.0.0.1:9/later', secret },
    });
    await book({ start: '2026-03-04T10:00:00', end: '2026-03-04T11:00:00' });
    await workplace.emulator.whenWebhooksIdle();
    expect(receiver.received.map((delivery) => delivery.url)).toEqual(['http://127.0.0.1:9/later']);
  });
});
