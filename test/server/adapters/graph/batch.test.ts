import { describe, expect, test } from 'vitest';
import { createGraphAdapterOver, RESERVATION_ID_PROPERTY_ID } from '../../../../server/src/adapters/graph/index.js';
import { sendBatch } from '../../../../server/src/adapters/graph/transport/batch.js';
import { AppError } from '../../../../server/src/errors.js';
import { aMailbox, BERLIN_ROOM as ROOM } from '../../../support/builders.js';
import { graphResponse } from './support/fake-transport.js';
import type { RecordedRequest } from './support/fake-transport.js';
import { createTestHttp } from './support/graph-test-http.js';

type BatchItem = { id: string; method: string; url: string; dependsOn?: string[]; headers?: Record<string, string> };
const itemsOf = (request: RecordedRequest) => (request.body as { requests: BatchItem[] }).requests;
const throttledItem = (id: string, retryAfter: string) => ({
  id,
  status: 429,
  headers: { 'Retry-After': retryAfter, 'Content-Type': 'application/json' },
  body: { error: { code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' } },
});
const okItem = (id: string, body: unknown = { id }) => ({ id, status: 200, headers: {}, body });

describe('$batch', () => {
  test('throttled items are resent alone, after the longest Retry-After among them', async () => {
    let round = 0;
    const { http, transport, sleeps } = createTestHttp(() => {
      round += 1;
      if (round === 1) {
        return graphResponse(200, { responses: [okItem('1'), throttledItem('2', '3'), throttledItem('3', '7')] });
      }
      return graphResponse(200, { responses: [okItem('3'), okItem('2')] });
    });
    const results = await sendBatch(
      http,
      ['1', '2', '3'].map((id) => ({ id, method: 'GET' as const, url: `/users/${ROOM}/events/${id}` })),
      { mailbox: ROOM },
    );
    expect([...results.entries()].map(([id, result]) => [id, result.status])).toEqual([
      ['1', 200],
      ['2', 200],
      ['3', 200],
    ]);
    expect(sleeps).toEqual([7_000]);
    expect(transport.requests.map((request) => itemsOf(request).map((item) => item.id))).toEqual([
      ['1', '2', '3'],
      ['2', '3'],
    ]);
    expect(transport.requests[0]!.url.pathname).toBe('/v1.0/$batch');
  });

  test('an item that failed only because its dependency was throttled (424) is resent with it', async () => {
    let round = 0;
    const { http, transport } = createTestHttp(() => {
      round += 1;
      return round === 1
        ? graphResponse(200, { responses: [throttledItem('1', '1'), { id: '2', status: 424, headers: {}, body: {} }] })
        : graphResponse(200, { responses: [okItem('1'), okItem('2')] });
    });
    await sendBatch(http, [
      { id: '1', method: 'GET', url: '/a' },
      { id: '2', method: 'GET', url: '/b', dependsOn: ['1'] },
    ]);
    expect(itemsOf(transport.requests[1]!)).toEqual([
      { id: '1', method: 'GET', url: '/a' },
      { id: '2', method: 'GET', url: '/b', dependsOn: ['1'] },
    ]);
  });

  test('more than 20 requests go in several batches; duplicate ids are refused', async () => {
    const { http, transport } = createTestHttp((request) =>
      graphResponse(200, { responses: itemsOf(request).map((item) => okItem(item.id)) }),
    );
    const results = await sendBatch(
      http,
      Array.from({ length: 45 }, (_, index) => ({ id: `r${index}`, method: 'GET' as const, url: `/x/${index}` })),
    );
    expect(results.size).toBe(45);
    expect(transport.requests.map((request) => itemsOf(request).length)).toEqual([20, 20, 5]);
    await expect(
      sendBatch(http, [
        { id: 'A', method: 'GET', url: '/a' },
        { id: 'a', method: 'GET', url: '/b' },
      ]),
    ).rejects.toThrow(/Duplicate/);
  });

  test('getEvents: events with our property, per-item NOT_FOUND, THROTTLED once retries run out', async () => {
    const event = (id: string) => ({
      id,
      subject: 'S',
      start: { dateTime: '2025-03-03T09:00:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2025-03-03T10:00:00.0000000', timeZone: 'UTC' },
      singleValueExtendedProperties: [{ id: RESERVATION_ID_PROPERTY_ID, value: `R-${id}` }],
    });
    const { http, transport } = createTestHttp(
      (request) =>
        graphResponse(200, {
          responses: itemsOf(request).map((item) =>
            item.url.includes('/events/E1')
              ? okItem(item.id, event('E1'))
              : item.url.includes('/events/E2')
                ? {
                    id: item.id,
                    status: 404,
                    headers: {},
                    body: { error: { code: 'ErrorItemNotFound', message: 'gone' } },
                  }
                : throttledItem(item.id, '2'),
          ),
        }),
      { retry: { maxAttempts: 3 } },
    );
    const graph = createGraphAdapterOver(http);
    const events = await graph.getEvents(aMailbox(), ['E1', 'E2', 'E3']);
    const first = events.get('E1');
    expect(first).not.toBeInstanceOf(AppError);
    expect(first && !(first instanceof AppError) ? first.reservationId : null).toBe('R-E1');
    expect((events.get('E2') as AppError).code).toBe('NOT_FOUND');
    const throttled = events.get('E3') as AppError;
    expect(throttled.code).toBe('THROTTLED');
    expect(throttled.details.retryAfterMs).toBe(2_000);
    expect(transport.requests).toHaveLength(3);
    const [firstItem] = itemsOf(transport.requests[0]!);
    expect(firstItem!.url).toMatch(/^\/users\/room-4\.12%40contoso\.com\/events\/E1\?\$expand=/);
    expect(firstItem!.headers?.Prefer).toContain('outlook.timezone="W. Europe Standard Time"');
  });
});
