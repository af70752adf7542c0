import { describe, expect, test } from 'vitest';
import { readDeltaRound } from '../../../../server/src/adapters/graph/operations/calendar-delta.js';
import { followPages } from '../../../../server/src/adapters/graph/transport/paging.js';
import { AppError } from '../../../../server/src/errors.js';
import { aMailbox, BERLIN_ROOM as ROOM } from '../../../support/builders.js';
import { graphResponse, replay } from './support/fake-transport.js';
import { readGraphFixture } from './support/graph-fixtures.js';
import { createTestHttp } from './support/graph-test-http.js';

type Json = Record<string, unknown>;
const BASE = 'https://graph.microsoft.com/v1.0/users/room-4.12@contoso.com/calendarView/delta';
const page = (value: unknown[], link: { next?: string; delta?: string }) =>
  graphResponse(200, {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(event)',
    value,
    ...(link.next ? { '@odata.nextLink': link.next } : {}),
    ...(link.delta ? { '@odata.deltaLink': link.delta } : {}),
  });
const event = (id: string, overrides: Json = {}): Json => ({
  '@odata.type': '#microsoft.graph.event',
  id,
  subject: id,
  lastModifiedDateTime: '2025-03-01T10:00:00Z',
  start: { dateTime: '2025-03-03T09:00:00.0000000', timeZone: 'W. Europe Standard Time' },
  end: { dateTime: '2025-03-03T10:00:00.0000000', timeZone: 'W. Europe Standard Time' },
  organizer: { emailAddress: { name: 'Adele Vance', address: 'adele@contoso.com' } },
  ...overrides,
});
const removed = (id: string) => ({ '@odata.type': '#microsoft.graph.event', id, '@removed': { reason: 'deleted' } });
const window = { start: new Date('2025-03-01T00:00:00Z'), end: new Date('2025-09-01T00:00:00Z') };

const rejection = async (promise: Promise<unknown>): Promise<AppError> => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

describe('delta round', () => {
  test('first request: window in UTC, page size and zone preferred; empty pages followed to the deltaLink', async () => {
    const { http, transport } = createTestHttp(
      replay(
        page([event('A')], { next: `${BASE}?$skiptoken=s1` }),
        page([], { next: `${BASE}?$skiptoken=s2` }),
        page([], { next: `${BASE}?$skiptoken=s3` }),
        page([event('B')], { delta: `${BASE}?$deltatoken=d1` }),
      ),
    );
    const round = await readDeltaRound(http, aMailbox(), { window }, { pageSize: 2 });
    expect(round.events.map((item) => item.id)).toEqual(['A', 'B']);
    expect(round.deltaLink).toBe(`${BASE}?$deltatoken=d1`);
    const [first, ...rest] = transport.requests;
    expect(first!.url.pathname).toBe('/v1.0/users/room-4.12%40contoso.com/calendarView/delta');
    expect(first!.url.searchParams.get('startDateTime')).toBe('2025-03-01T00:00:00.000Z');
    expect(first!.url.searchParams.get('endDateTime')).toBe('2025-09-01T00:00:00.000Z');
    expect(rest.map((request) => request.url.search)).toEqual(['?$skiptoken=s1', '?$skiptoken=s2', '?$skiptoken=s3']);
    for (const request of transport.requests) {
      expect(request.headers.get('Prefer')).toBe(
        'IdType="ImmutableId", outlook.timezone="W. Europe Standard Time", odata.maxpagesize=2',
      );
    }
  });

  test('next round from the stored deltaLink, unchanged; @removed ids; later versions win', async () => {
    const { http, transport } = createTestHttp(
      replay(
        page([event('A', { subject: 'old', lastModifiedDateTime: '2025-03-02T10:00:00Z' }), removed('C')], {
          next: `${BASE}?$skiptoken=s1`,
        }),
        page(
          [
            event('A', { subject: 'new', lastModifiedDateTime: '2025-03-02T11:00:00Z' }),
            // A replay of an older state must not win.
            event('A', { subject: 'older replay', lastModifiedDateTime: '2025-03-02T09:00:00Z' }),
            event('D'),
            removed('D'),
          ],
          { delta: `${BASE}?$deltatoken=d2` },
        ),
      ),
    );
    const round = await readDeltaRound(http, aMailbox(), { deltaLink: `${BASE}?$deltatoken=d1` });
    expect(transport.requests[0]!.url.href).toBe(`${BASE}?$deltatoken=d1`);
    expect(round.events.map((item) => [item.id, item.booking.subject])).toEqual([['A', 'new']]);
    expect(round.removedIds.sort()).toEqual(['C', 'D']);
    expect(round.deltaLink).toBe(`${BASE}?$deltatoken=d2`);
  });

  test('an unreadable item is reported, the rest of the round goes on', async () => {
    const { http } = createTestHttp(
      replay(
        page(
          [
            event('A'),
            // An unknown zone name no longer makes an item unreadable (it is read in the room's zone); a
            // date that does not exist does.
            event('Bad', { start: { dateTime: '2025-02-30T09:00:00.0000000', timeZone: 'UTC' } }),
            { id: 'NoStart', subject: 'x' },
          ],
          { delta: `${BASE}?$deltatoken=d1` },
        ),
      ),
    );
    const round = await readDeltaRound(http, aMailbox(), { window });
    expect(round.events.map((item) => item.id)).toEqual(['A']);
    expect(round.unreadable.map((item) => item.id)).toEqual(['Bad', 'NoStart']);
    expect(round.unreadable[0]!.reason).toMatch(/2025-02-30/);
    // What Graph sent is kept, for the admin who looks at the quarantined item.
    expect(round.unreadable[1]!.raw).toEqual({ id: 'NoStart', subject: 'x' });
  });

  test('occurrences and exceptions come as instances of their series, with original starts', async () => {
    const { http } = createTestHttp(
      replay(
        page(
          [
            event('O1', { type: 'occurrence', seriesMasterId: 'M', originalStart: '2025-03-03T08:00:00Z' }),
            event('X1', {
              type: 'exception',
              seriesMasterId: 'M',
              originalStart: '2025-03-04T08:00:00Z',
              start: { dateTime: '2025-03-04T15:00:00.0000000', timeZone: 'W. Europe Standard Time' },
              end: { dateTime: '2025-03-04T16:00:00.0000000', timeZone: 'W. Europe Standard Time' },
            }),
          ],
          { delta: `${BASE}?$deltatoken=d1` },
        ),
      ),
    );
    const round = await readDeltaRound(http, aMailbox(), { window });
    expect(round.events.map((item) => [item.kind, item.seriesMasterId, item.originalStart])).toEqual([
      ['occurrence', 'M', '2025-03-03T08:00:00.000Z'],
      ['exception', 'M', '2025-03-04T08:00:00.000Z'],
    ]);
    expect(round.events[0]!.booking.rooms).toEqual([ROOM]);
  });

  test('410 SyncStateNotFound (observed) is CURSOR_EXPIRED: the caller runs a full round', async () => {
    const { http } = createTestHttp(
      replay(graphResponse(410, readGraphFixture('observed/error-410-syncstatenotfound.json'))),
    );
    const error = await rejection(readDeltaRound(http, aMailbox(), { deltaLink: `${BASE}?$deltatoken=expired` }));
    expect(error.code).toBe('CURSOR_EXPIRED');
  });

  test('410 on a later page (a stale skiptoken) is CURSOR_EXPIRED too', async () => {
    const { http } = createTestHttp(
      replay(
        page([event('A')], { next: `${BASE}?$skiptoken=s1` }),
        graphResponse(410, { error: { code: 'syncStateNotFound', message: 'gone' } }),
      ),
    );
    expect((await rejection(readDeltaRound(http, aMailbox(), { window }))).code).toBe('CURSOR_EXPIRED');
  });

  test('a throttled page is retried after Retry-After and the round continues', async () => {
    const { http, sleeps } = createTestHttp(
      replay(
        page([event('A')], { next: `${BASE}?$skiptoken=s1` }),
        graphResponse(429, readGraphFixture('observed/error-429-mailbox-concurrency.json'), { 'Retry-After': '1' }),
        page([event('B')], { delta: `${BASE}?$deltatoken=d1` }),
      ),
    );
    const round = await readDeltaRound(http, aMailbox(), { window });
    expect(round.events.map((item) => item.id)).toEqual(['A', 'B']);
    expect(sleeps).toEqual([1_000]);
  });

  test('a window above 1825 days is refused before Graph answers 400', async () => {
    const { http, transport } = createTestHttp(replay());
    const tooLong = { start: new Date('2025-01-01T00:00:00Z'), end: new Date('2030-01-02T00:00:00Z') };
    expect((await rejection(readDeltaRound(http, aMailbox(), { window: tooLong }))).code).toBe('INVALID_REQUEST');
    const backwards = { start: window.end, end: window.start };
    expect((await rejection(readDeltaRound(http, aMailbox(), { window: backwards }))).code).toBe('INVALID_REQUEST');
    expect(transport.requests).toHaveLength(0);
  });

  test('a round that ends without a deltaLink is UPSTREAM_FAILED, not an empty success', async () => {
    const { http } = createTestHttp(replay(page([event('A')], {})));
    expect((await rejection(readDeltaRound(http, aMailbox(), { window }))).code).toBe('UPSTREAM_FAILED');
  });
});

describe('paging guard', () => {
  test('a service that never stops paging is cut off', async () => {
    const { http } = createTestHttp(() => page([], { next: `${BASE}?$skiptoken=again` }));
    const error = await rejection(
      followPages(http, { method: 'GET', path: '/users/x/events' }, () => {}, { maxPages: 5 }),
    );
    expect(error.code).toBe('UPSTREAM_FAILED');
  });
});
