import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toInstant } from '@workplace-sync/shared';
import type { SeedRoom } from '../../../../emulators/src/graph/index.js';
import { workplaceDemoSeed } from '../../../../emulators/src/workplace/index.js';
import { startPaneStack } from '../../../support/pane-stack.js';

// What one availability check costs upstream for a floor of many rooms and a weekly series, counted as
// the emulators receive requests over their sockets (the add-in API, both emulators and the production
// Workplace and Graph adapters of the embedded default). Workplace answers 50 areas and 62 days per
// call; Graph's getSchedule takes 20 rooms per call, and its calls travel 20 to a `$batch`.
const ROOMS = 120;
const OCCURRENCES = 12; // weekly: 77 days, two windows
const ZONE = 'Europe/Brussels';
const FLOOR = { id: 'f-bru-40', buildingId: 'b-bru', name: 'Fortieth floor', level: 40 };
const mailboxOf = (index: number) => `room-many-${String(index).padStart(3, '0')}@contoso.com`;
const areaOf = (index: number) => `a-many-${String(index).padStart(3, '0')}`;
const BOOKED_IN_OUTLOOK = 7;

let stack: Awaited<ReturnType<typeof startPaneStack>>;
let staticRoot: string;
let token: string;
const received: string[] = [];
const count = (request: IncomingMessage) => {
  const pathname = new URL(request.url ?? '/', 'https://emulator').pathname;
  received.push(`${request.method} ${pathname.replace(/^\/v1\.0\/users\/[^/]+\//, '/v1.0/users/{id}/')}`);
};

/** A Monday at least a week ahead (the emulators run on the real clock here, as the pane's stack does). */
function mondayAhead(): string {
  const day = new Date(Date.now() + 7 * 86_400_000);
  while (day.getUTCDay() !== 1) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}
const firstMonday = mondayAhead();
const weekOf = (week: number) =>
  new Date(Date.parse(`${firstMonday}T12:00:00Z`) + week * 7 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  staticRoot = await mkdtemp(path.join(tmpdir(), 'availability-upstream-'));
  stack = await startPaneStack(staticRoot);
  const indexes = Array.from({ length: ROOMS }, (_, index) => index);
  stack.graph.control.seed({
    rooms: indexes.map((index): SeedRoom => ({
      email: mailboxOf(index),
      displayName: `Many ${index}`,
      timeZone: ZONE,
      capacity: 6,
      building: 'Brussels HQ',
    })),
  });
  stack.workplace.reset({
    ...workplaceDemoSeed,
    floors: [...workplaceDemoSeed.floors, FLOOR],
    areas: [
      ...workplaceDemoSeed.areas,
      ...indexes.map((index) => ({
        id: areaOf(index),
        name: `Many ${index}`,
        type: 'meetingRoom' as const,
        buildingId: FLOOR.buildingId,
        floorId: FLOOR.id,
        capacity: 6,
        equipment: ['screen'],
        exchangeMailbox: mailboxOf(index),
        cateringAllowed: false,
        reservable: true,
        approvalRequired: false,
        bookingWindowDays: 200,
        regime: null,
      })),
    ],
  });
  // Booked in Outlook on the series' fourth Monday, and not (yet) in Workplace: only Exchange knows.
  stack.graph.control.actAsUser('alex.wilber@contoso.com', {
    action: 'create',
    meeting: {
      subject: 'Booked in Outlook',
      start: { dateTime: `${weekOf(3)}T09:30:00`, timeZone: ZONE },
      end: { dateTime: `${weekOf(3)}T10:30:00`, timeZone: ZONE },
      rooms: [mailboxOf(BOOKED_IN_OUTLOOK)],
    },
  });
  await stack.graph.control.idle();
  const issued = await fetch(`${stack.url}/harness/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: 'adele.vance@contoso.com' }),
  });
  token = ((await issued.json()) as { accessToken: string }).accessToken;
  stack.graph.app.server.on('request', count);
  stack.workplace.app.server.on('request', count);
});

afterAll(async () => {
  await stack?.close();
  await rm(staticRoot, { recursive: true, force: true });
});

async function checkFloor() {
  const query = new URLSearchParams({
    start: toInstant({ dateTime: `${firstMonday}T10:00:00`, timeZone: ZONE }).toISOString(),
    end: toInstant({ dateTime: `${firstMonday}T11:00:00`, timeZone: ZONE }).toISOString(),
    timeZone: ZONE,
    freq: 'weekly',
    interval: '1',
    byDay: 'MO',
    count: String(OCCURRENCES),
    floorId: FLOOR.id,
  });
  received.length = 0;
  const response = await fetch(`${stack.url}/api/availability?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  const byRoute: Record<string, number> = {};
  for (const request of received) byRoute[request] = (byRoute[request] ?? 0) + 1;
  return {
    byRoute,
    answer: (await response.json()) as {
      exchangeFreeBusy: string;
      rooms: Array<{ roomId: string; summary: string; bookableOccurrences: number; reasons: unknown[] }>;
    },
  };
}

describe('GET /api/availability upstream, 120 rooms × a weekly series of 12', () => {
  test('one check: 3 areas calls × 2 windows to Workplace, one $batch per window to Graph; master data comes from the cache', async () => {
    await checkFloor(); // the first check reads the master data, the signing keys and the user
    const { byRoute, answer } = await checkFloor();

    // 6 getSchedule calls of 20 rooms per window, in one $batch each (on their own: 12 requests).
    expect(byRoute).toEqual({ 'GET /api/v1/availability': 6, 'POST /v1.0/$batch': 2 });

    // The same answer as ever: the room booked in Outlook is busy on that Monday, the others free.
    expect(answer.exchangeFreeBusy).toBe('checked');
    expect(answer.rooms).toHaveLength(ROOMS);
    const booked = answer.rooms.find((room) => room.roomId === areaOf(BOOKED_IN_OUTLOOK));
    expect(booked).toMatchObject({
      summary: 'partly-free',
      bookableOccurrences: OCCURRENCES - 1,
      reasons: [{ code: 'booked', source: 'exchange' }],
    });
    expect(answer.rooms.filter((room) => room.summary === 'free')).toHaveLength(ROOMS - 1);
  });
});
