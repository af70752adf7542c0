import { describe, expect, test } from 'vitest';
import { ADELE, aMeeting, encode, ROOM_A, useEmulator } from './support/emulator-harness.js';

type BatchResponse = {
  responses: Array<{ id: string; status: number; headers: Record<string, string>; body?: Record<string, unknown> }>;
};

describe('$batch', () => {
  const harness = useEmulator();

  test('runs requests, honours dependsOn, answers per item and 424 after a failed dependency', async () => {
    const response = await harness.graph.post<BatchResponse>('/v1.0/$batch', {
      requests: [
        {
          id: '1',
          method: 'POST',
          url: `/users/${ROOM_A}/events`,
          headers: { 'Content-Type': 'application/json' },
          body: aMeeting(),
        },
        { id: '2', dependsOn: ['1'], method: 'GET', url: `/users/${ROOM_A}/events?$select=subject` },
        { id: '3', method: 'GET', url: `/users/${ROOM_A}/events/AAMkADmissing=` },
        { id: '4', dependsOn: ['3'], method: 'GET', url: `/users/${ROOM_A}/events` },
      ],
    });
    expect(response.status).toBe(200);
    const byId = new Map(response.body.responses.map((item) => [item.id, item]));
    expect(byId.get('1')!.status).toBe(201);
    expect(byId.get('1')!.headers['Content-Type']).toContain('application/json');
    expect(byId.get('2')).toMatchObject({ status: 200, body: { value: [{ subject: 'Design review' }] } });
    expect(byId.get('3')).toMatchObject({ status: 404, body: { error: { code: 'ErrorItemNotFound' } } });
    expect(byId.get('4')!.status).toBe(424);
  });

  test('more than 20 requests, duplicate ids and bodies without Content-Type are refused', async () => {
    const get = (id: string) => ({ id, method: 'GET', url: `/users/${ROOM_A}/events` });
    expect(
      (
        await harness.graph.post('/v1.0/$batch', {
          requests: Array.from({ length: 21 }, (_, index) => get(String(index))),
        })
      ).status,
    ).toBe(400);
    expect((await harness.graph.post('/v1.0/$batch', { requests: [get('a'), get('A')] })).status).toBe(400);
    const noContentType = await harness.graph.post<{ error: { message: string } }>('/v1.0/$batch', {
      requests: [{ id: '1', method: 'POST', url: `/users/${ROOM_A}/events`, body: aMeeting() }],
    });
    expect([noContentType.status, noContentType.body.error.message]).toEqual([
      400,
      'Write request id : 1 does not contain Content-Type header or body.',
    ]);
  });

  test('a throttled item is a 429 inside a 200 envelope, with its own Retry-After', async () => {
    harness.control.faults.throttle({ count: 1, mailbox: ROOM_A, retryAfterSeconds: 7 });
    const response = await harness.graph.post<BatchResponse>('/v1.0/$batch', {
      requests: [{ id: '1', method: 'GET', url: `/users/${ROOM_A}/events` }],
    });
    expect(response.status).toBe(200);
    expect(response.body.responses[0]).toMatchObject({
      status: 429,
      headers: { 'Retry-After': '7' },
      body: { error: { code: 'ApplicationThrottled' } },
    });
  });
});

describe('per-mailbox throttling', () => {
  const harness = useEmulator({ throttling: { requestsPerTenMinutes: 5 } });
  const roomEvents = `/v1.0/users/${ROOM_A}/events`;

  test('a fifth concurrent request on one mailbox gets 429 ApplicationThrottled (MailboxConcurrency)', async () => {
    harness.control.faults.latency({ ms: 1000, count: 4, mailbox: ROOM_A });
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => harness.graph.get<{ error?: { code: string; message: string } }>(roomEvents)),
    );
    const throttled = responses.filter((response) => response.status === 429);
    expect(throttled).toHaveLength(1);
    expect(throttled[0]!.body.error).toEqual(
      expect.objectContaining({
        code: 'ApplicationThrottled',
        message: 'Application is over its MailboxConcurrency limit.',
      }),
    );
    expect(throttled[0]!.headers.get('retry-after')).toBe('1');
    // Other mailboxes are not affected.
    expect((await harness.graph.get(`/v1.0/users/${encode(ADELE)}/events`)).status).toBe(200);
  });

  test('the per-10-minute budget runs out, and comes back when the window passes', async () => {
    for (let request = 0; request < 5; request++) expect((await harness.graph.get(roomEvents)).status).toBe(200);
    const over = await harness.graph.get(roomEvents);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBe(600);
    await harness.control.clock.advance(600_000);
    harness.graph = harness.anonymous.withToken(
      await harness.control.issueAppToken('5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d'),
    );
    expect((await harness.graph.get(roomEvents)).status).toBe(200);
  });

  test('injected 503 and 504 answers carry Graph error bodies', async () => {
    harness.control.faults.throttle({ count: 1, mailbox: ROOM_A, status: 503, retryAfterSeconds: 2 });
    harness.control.faults.errors({ status: 504, count: 1, pathContains: '/events' });
    const gateway = await harness.graph.get<{ error: { code: string } }>(roomEvents);
    expect(gateway.status).toBe(504);
    const unavailable = await harness.graph.get<{ error: { code: string } }>(roomEvents);
    expect([unavailable.status, unavailable.headers.get('retry-after'), unavailable.body.error.code]).toEqual([
      503,
      '2',
      'ApplicationThrottled',
    ]);
    expect((await harness.graph.get(roomEvents)).status).toBe(200);
  });
});
