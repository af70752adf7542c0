import { describe, expect, test } from 'vitest';
import { aMeeting, at, ROOM_A, useEmulator } from './support/emulator-harness.js';
import type { Harness } from './support/emulator-harness.js';

type DeltaItem = Record<string, unknown> & {
  id: string;
  '@removed'?: { reason: string };
  subject?: string;
  type?: string;
};
type DeltaPage = {
  value: DeltaItem[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
  '@odata.context': string;
};

const events = `/v1.0/users/${ROOM_A}/events`;
const window = 'startDateTime=2027-03-01T00:00:00Z&endDateTime=2027-04-01T00:00:00Z';
const start = `/v1.0/users/${ROOM_A}/calendarView/delta?${window}`;

/** Follows nextLinks (also through empty pages) to the deltaLink, as a sync client must. */
async function readRound(harness: Harness, url: string, pageSize?: number) {
  const pages: DeltaPage[] = [];
  let next: string | undefined = url;
  while (next) {
    const response: { status: number; body: DeltaPage } = await harness.graph.get<DeltaPage>(
      next,
      pageSize ? { headers: { Prefer: `odata.maxpagesize=${pageSize}` } } : {},
    );
    expect(response.status).toBe(200);
    pages.push(response.body);
    if (response.body['@odata.deltaLink'])
      return { pages, items: pages.flatMap((page) => page.value), deltaLink: response.body['@odata.deltaLink'] };
    next = response.body['@odata.nextLink'];
  }
  throw new Error('no deltaLink');
}

const meetingOn = (day: number, subject = `Meeting ${day}`) =>
  aMeeting({
    subject,
    start: at(`2027-03-${String(day).padStart(2, '0')}T10:00:00`),
    end: at(`2027-03-${String(day).padStart(2, '0')}T11:00:00`),
  });

describe('calendarView delta', () => {
  const harness = useEmulator();

  test('the first round pages with Prefer: odata.maxpagesize and ends with an absolute deltaLink', async () => {
    for (const day of [2, 3, 4, 5, 6]) await harness.graph.post(events, meetingOn(day));
    const round = await readRound(harness, start, 2);
    expect(round.pages.map((page) => page.value.length)).toEqual([2, 2, 1]);
    expect(round.pages[0]!['@odata.nextLink']).toMatch(
      /^https:\/\/127\.0\.0\.1:\d+\/v1\.0\/users\/.+\/calendarView\/delta\?\$skiptoken=[\w-]+$/,
    );
    expect(round.deltaLink).toMatch(/\/calendarView\/delta\?\$deltatoken=[\w-]+$/);
    expect(round.pages[0]!['@odata.context']).toMatch(/\$metadata#Collection\(event\)$/);
    expect(
      round.items.every((item) => item['@odata.type'] === '#microsoft.graph.event' && item.type === 'singleInstance'),
    ).toBe(true);
  });

  test('the next round returns changed items in full and deletions as @removed', async () => {
    const ids = [];
    for (const day of [2, 3, 4]) ids.push((await harness.graph.post<{ id: string }>(events, meetingOn(day))).body.id);
    const first = await readRound(harness, start);
    await harness.graph.patch(`${events}/${ids[0]}`, { subject: 'Renamed' });
    await harness.graph.delete(`${events}/${ids[1]}`);
    await harness.graph.post(events, meetingOn(20, 'New'));
    const second = await readRound(harness, first.deltaLink);
    expect(
      second.items
        .filter((item) => !item['@removed'])
        .map((item) => item.subject)
        .sort(),
    ).toEqual(['New', 'Renamed']);
    expect(second.items.filter((item) => item['@removed'])).toEqual([
      { '@odata.type': '#microsoft.graph.event', id: ids[1], '@removed': { reason: 'deleted' } },
    ]);
    const third = await readRound(harness, second.deltaLink);
    expect(third.items).toEqual([]);
  });

  test('changes outside the window are reported as @removed too', async () => {
    const first = await readRound(harness, start);
    const { body: outside } = await harness.graph.post<{ id: string }>(
      events,
      aMeeting({ start: at('2027-05-03T10:00:00'), end: at('2027-05-03T11:00:00') }),
    );
    const { body: movedOut } = await harness.graph.post<{ id: string }>(events, meetingOn(10));
    const second = await readRound(harness, first.deltaLink);
    expect(second.items.map((item) => item.id)).toEqual([movedOut.id, outside.id]);
    await harness.graph.patch(`${events}/${movedOut.id}`, {
      start: at('2027-06-01T10:00:00'),
      end: at('2027-06-01T11:00:00'),
    });
    const third = await readRound(harness, second.deltaLink);
    expect(third.items).toEqual([
      { '@odata.type': '#microsoft.graph.event', id: movedOut.id, '@removed': { reason: 'deleted' } },
    ]);
  });

  test('series are expanded into occurrences; deleting one occurrence shows as its @removed', async () => {
    const { body: master } = await harness.graph.post<{ id: string }>(
      events,
      aMeeting({
        start: at('2027-03-01T09:00:00'),
        end: at('2027-03-01T10:00:00'),
        recurrence: {
          pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] },
          range: { type: 'noEnd', startDate: '2027-03-01' },
        },
      }),
    );
    const first = await readRound(harness, start);
    expect(first.items.map((item) => item.type)).toEqual([
      'occurrence',
      'occurrence',
      'occurrence',
      'occurrence',
      'occurrence',
    ]);
    expect(first.items.every((item) => item.seriesMasterId === master.id)).toBe(true);
    const victim = first.items[2]!.id;
    await harness.graph.delete(`${events}/${victim}`);
    const second = await readRound(harness, first.deltaLink);
    expect(second.items.filter((item) => item['@removed']).map((item) => item.id)).toEqual([victim]);
  });

  test('empty pages still carry a nextLink', async () => {
    for (const day of [2, 3]) await harness.graph.post(events, meetingOn(day));
    harness.control.faults.emptyDeltaPages(2);
    const round = await readRound(harness, start, 5);
    expect(round.pages.map((page) => page.value.length)).toEqual([0, 0, 2]);
    expect(round.pages[0]!['@odata.nextLink']).toBeDefined();
  });

  test('a window over 1825 days is a 400; a token without sync state is a 410 SyncStateNotFound', async () => {
    const tooLong = await harness.graph.get<{ error: { code: string } }>(
      `/v1.0/users/${ROOM_A}/calendarView/delta?startDateTime=2025-01-01T00:00:00Z&endDateTime=2030-01-05T00:00:00Z`,
    );
    expect([tooLong.status, tooLong.body.error.code]).toEqual([400, 'ErrorInvalidRequest']);
    await harness.graph.post(events, meetingOn(2));
    const first = await readRound(harness, start);
    expect(harness.control.faults.expireDeltaTokens(ROOM_A)).toBeGreaterThan(0);
    const gone = await harness.graph.get<{ error: { code: string; message: string } }>(first.deltaLink);
    expect([gone.status, gone.body.error.code]).toEqual([410, 'SyncStateNotFound']);
    expect(gone.body.error.message).toMatch(
      /^The sync state generation is not found; generation=\d+;\[highest=\d+\]\.$/,
    );
    const garbage = await harness.graph.get<{ error: { code: string } }>(
      `/v1.0/users/${ROOM_A}/calendarView/delta?$deltatoken=not-a-token`,
    );
    expect(garbage.status).toBe(410);
  });

  test('Prefer: outlook.timezone applies to delta items', async () => {
    await harness.graph.post(events, meetingOn(2));
    const { body } = await harness.graph.get<DeltaPage>(start, {
      headers: { Prefer: 'outlook.timezone="Europe/Brussels"' },
    });
    expect(body.value[0]!.start).toEqual({ dateTime: '2027-03-02T10:00:00.0000000', timeZone: 'Europe/Brussels' });
  });
});

describe('delta token lifetime', () => {
  const harness = useEmulator({ deltaTokenLifetimeMs: 3_600_000 });

  test('tokens older than the configured lifetime answer 410', async () => {
    const first = await readRound(harness, start);
    await harness.control.clock.advance(3_600_001);
    harness.graph = harness.anonymous.withToken(
      await harness.control.issueAppToken('5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d'),
    );
    expect((await harness.graph.get(first.deltaLink)).status).toBe(410);
  });
});
