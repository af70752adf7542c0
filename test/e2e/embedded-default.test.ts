import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toInstant } from '@workplace-sync/shared';
import { loadConfig } from '../../server/src/config.js';
import { startServer } from '../../server/src/runtime/start-server.js';
import { eventually, freePort } from '../support/free-port.js';

// The embedded default as `npm start` runs it: both emulators, real HTTPS webhooks from the Graph
// emulator, Workplace's signed webhook, the job queue and the sync, on PGlite in a temporary data dir.

/** A weekday at least `daysAhead` days from now (Workplace's demo rooms open on weekdays only). */
function weekdayAhead(daysAhead: number): string {
  for (let offset = daysAhead; ; offset++) {
    const day = new Date(Date.now() + offset * 86_400_000);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) return day.toISOString().slice(0, 10);
  }
}

type Reservation = {
  id: string;
  subject: string;
  source: string;
  status: string;
  lines: Array<{ objectId: string; status: string }>;
};

describe('npm start (embedded default)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let dataDir: string;

  const reservations = async (): Promise<Reservation[]> => {
    const workplace = server.emulators!;
    const response = await workplace.workplace.inject({
      url: '/api/v1/reservations?limit=200',
      headers: { authorization: `Bearer ${workplace.workplaceApiKey}` },
    });
    return response.json().items;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'workplace-sync-e2e-'));
    const config = loadConfig({
      PORT: String(await freePort()),
      GRAPH_EMULATOR_PORT: String(await freePort()),
      WORKPLACE_EMULATOR_PORT: String(await freePort()),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      SYNC_FEED_POLL_SECONDS: '1',
      SYNC_ROOM_POLL_SECONDS: '5',
    });
    server = await startServer(config);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('serves /healthz over https', async () => {
    const response = await server.app.inject({ url: '/healthz' });
    expect(response.json()).toEqual({ status: 'ok' });
  });

  test('the demo meetings booked in Outlook appear as Workplace reservations', async () => {
    const found = await eventually(
      async () => {
        const subjects = (await reservations()).filter((r) => r.source === 'outlook').map((r) => r.subject);
        return (
          ['Quarterly planning', 'Weekly team sync', 'All-hands rehearsal', 'Customer call (New York)'].every((s) =>
            subjects.includes(s),
          ) && subjects
        );
      },
      { what: 'the demo Outlook meetings in Workplace' },
    );
    expect(found).toHaveLength(4);
  });

  test('a meeting booked as a user in Outlook reaches Workplace through notification, webhook, queue and sync', async () => {
    const graph = server.emulators!.graph;
    const start = weekdayAhead(3);
    graph.actAsUser('megan.bowen@contoso.com', {
      action: 'create',
      meeting: {
        subject: 'Booked in Outlook during the test',
        start: { dateTime: `${start}T08:00:00`, timeZone: 'America/New_York' },
        end: { dateTime: `${start}T08:30:00`, timeZone: 'America/New_York' },
        rooms: ['room-newyork-6.03@contoso.com'],
      },
    });
    const reservation = await eventually(
      async () => (await reservations()).find((r) => r.subject === 'Booked in Outlook during the test'),
      {
        what: 'the new reservation',
      },
    );
    expect(reservation.lines).toEqual([expect.objectContaining({ objectId: 'a-nyc-6.03', status: 'confirmed' })]);
  });

  test('a room picked in the add-in is held, and the meeting sent from Outlook confirms the hold with its catering', async () => {
    const day = weekdayAhead(5);
    const token = (
      await server.app.inject({ method: 'POST', url: '/harness/token', payload: { user: 'alex.wilber@contoso.com' } })
    ).json().accessToken as string;
    const start = new Date(`${day}T13:00:00Z`);
    const picked = await server.app.inject({
      method: 'POST',
      url: '/api/booking-intents',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        clientRequestId: '6f1c0a43-2c1e-4f0e-9a7e-3c1f2b4a5d6e',
        subject: 'Supplier review',
        start: start.toISOString(),
        end: new Date(start.getTime() + 3_600_000).toISOString(),
        timeZone: 'Europe/Brussels',
        roomId: 'a-bru-3.03',
        lines: [{ kind: 'catering', objectId: 'ci-coffee', quantity: 5 }],
      },
    });
    expect(picked.statusCode).toBe(201);
    const holdId = picked.json().holds[0].reservationId as string;
    expect((await reservations()).find((r) => r.id === holdId)?.status).toBe('tentative');

    server.emulators!.graph.actAsUser('alex.wilber@contoso.com', {
      action: 'create',
      meeting: {
        subject: 'Supplier review',
        start: { dateTime: `${day}T14:00:00`, timeZone: 'Europe/Brussels' },
        end: { dateTime: `${day}T15:00:00`, timeZone: 'Europe/Brussels' },
        rooms: ['room-brussels-3.03@contoso.com'],
      },
    });
    const confirmed = await eventually(
      async () => (await reservations()).find((r) => r.id === holdId && r.status === 'confirmed'),
      {
        what: 'the hold confirmed by the sync',
      },
    );
    expect(confirmed.lines).toEqual(expect.arrayContaining([expect.objectContaining({ objectId: 'ci-coffee' })]));
    expect(
      (await reservations()).filter((r) => r.subject === 'Supplier review' && r.status !== 'cancelled'),
    ).toHaveLength(1);
  });

  test('a weekly series with an alternative room for its taken date: sent from Outlook, every date ends up booked on both sides', async () => {
    // Three Mondays, three weeks out; the Atrium (which tolerates a few taken dates) is taken on the second.
    const monday = new Date(Date.now() + 21 * 86_400_000);
    while (monday.getUTCDay() !== 1) monday.setUTCDate(monday.getUTCDate() + 1);
    const date = (weeks: number) => new Date(monday.getTime() + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
    const at = (day: string, time: string) => toInstant({ dateTime: `${day}T${time}`, timeZone: 'Europe/Brussels' });
    const workplace = server.emulators!.workplace;
    const kiosk = await workplace.inject({
      method: 'POST',
      url: '/_emulator/touchpoints/kiosk/reservations',
      payload: {
        subject: 'Town hall rehearsal',
        start: `${date(1)}T16:00:00`,
        end: `${date(1)}T17:00:00`,
        timeZone: 'Europe/Brussels',
        responsible: { email: 'megan.bowen@contoso.com' },
        participants: [],
        lines: [{ type: 'area', objectId: 'a-bru-0.01' }],
      },
    });
    expect(kiosk.statusCode).toBe(201);
    await eventually(
      () =>
        server
          .emulators!.graph.mailboxEvents('room-brussels-0.01@contoso.com')
          .find((event) => event['subject'] === 'Town hall rehearsal'),
      { what: 'the kiosk booking in the Atrium calendar' },
    );

    const token = (
      await server.app.inject({ method: 'POST', url: '/harness/token', payload: { user: 'alex.wilber@contoso.com' } })
    ).json().accessToken as string;
    const picked = await server.app.inject({
      method: 'POST',
      url: '/api/booking-intents',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        clientRequestId: '0b9a3c1e-5d7f-4e2a-8c6b-1f2e3d4c5b6a',
        subject: 'Weekly steering',
        start: at(date(0), '16:00:00').toISOString(),
        end: at(date(0), '17:00:00').toISOString(),
        timeZone: 'Europe/Brussels',
        recurrence: { freq: 'weekly', interval: 1, byDay: ['MO'], weekStart: 'MO', end: { type: 'count', count: 3 } },
        roomId: 'a-bru-0.01',
        alternatives: [{ occurrenceStart: at(date(1), '16:00:00').toISOString(), roomId: 'a-bru-1.01' }],
      },
    });
    expect(picked.statusCode).toBe(201);
    const [seriesHold, alternativeHold] = picked.json().holds as Array<{ reservationId: string }>;

    server.emulators!.graph.actAsUser('alex.wilber@contoso.com', {
      action: 'create',
      meeting: {
        subject: 'Weekly steering',
        start: { dateTime: `${date(0)}T16:00:00`, timeZone: 'Europe/Brussels' },
        end: { dateTime: `${date(0)}T17:00:00`, timeZone: 'Europe/Brussels' },
        rooms: ['room-brussels-0.01@contoso.com'],
        recurrence: {
          pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] },
          range: { type: 'numbered', startDate: date(0), numberOfOccurrences: 3 },
        },
      },
    });
    const inArdennes = await eventually(
      () =>
        server
          .emulators!.graph.mailboxEvents('room-brussels-1.01@contoso.com')
          .find((event) => event['subject'] === 'Weekly steering'),
      { what: 'the alternative date in the Ardennes calendar' },
    );
    expect(new Date(`${(inArdennes['start'] as { dateTime: string }).dateTime}Z`)).toEqual(at(date(1), '16:00:00'));
    const mine = (await reservations()).filter((r) =>
      [seriesHold!.reservationId, alternativeHold!.reservationId].includes(r.id),
    );
    expect(mine.map((r) => r.status)).toEqual(['confirmed', 'confirmed']);
    expect(
      (await reservations()).filter((r) => r.subject === 'Weekly steering' && r.status !== 'cancelled'),
    ).toHaveLength(2);
  });

  test('the admin room status shows every linked room and flags the room that rewrites subjects', async () => {
    const tokenOf = async (user: string) =>
      (await server.app.inject({ method: 'POST', url: '/harness/token', payload: { user } })).json()
        .accessToken as string;
    const day = weekdayAhead(6);
    server.emulators!.graph.actAsUser('adele.vance@contoso.com', {
      action: 'create',
      meeting: {
        subject: 'In the room with Exchange defaults',
        start: { dateTime: `${day}T10:00:00`, timeZone: 'Europe/Brussels' },
        end: { dateTime: `${day}T11:00:00`, timeZone: 'Europe/Brussels' },
        rooms: ['room-brussels-3.02@contoso.com', 'room-brussels-3.03@contoso.com'],
      },
    });
    const status = async (user: string) =>
      server.app.inject({ url: '/admin/api/rooms', headers: { authorization: `Bearer ${await tokenOf(user)}` } });
    const flagged = await eventually(
      async () => {
        const rooms = (await status('megan.bowen@contoso.com')).json().rooms as Array<{
          mailbox: string;
          subscription: unknown;
          calendarProcessing: { rewritesSubjects: boolean | null; warning: string | null };
        }>;
        const byMailbox = new Map(rooms.map((room) => [room.mailbox, room]));
        return (
          byMailbox.get('room-brussels-3.02@contoso.com')?.calendarProcessing.rewritesSubjects === true &&
          byMailbox.get('room-brussels-3.03@contoso.com')?.calendarProcessing.rewritesSubjects === false &&
          // Subscriptions are made by the cluster-wide renew-subscriptions job shortly after startup.
          rooms.every((room) => room.subscription !== null) &&
          rooms
        );
      },
      { what: 'the rooms’ calendar processing observed and every room subscribed' },
    );
    expect(flagged.length).toBeGreaterThanOrEqual(20);
    expect(flagged.every((room) => room.subscription !== null)).toBe(true);
    expect(
      flagged.find((room) => room.mailbox === 'room-brussels-3.02@contoso.com')?.calendarProcessing.warning,
    ).toMatch(/DeleteSubject/);
    expect((await status('adele.vance@contoso.com')).statusCode).toBe(403);
    expect((await server.app.inject({ url: '/admin/api/rooms' })).statusCode).toBe(401);
  });

  test('a meeting whose notifications are all lost still reaches Workplace through the room poll', async () => {
    const graph = server.emulators!.graph;
    graph.faults.notifications({ kind: 'drop', count: 1_000 });
    try {
      const day = weekdayAhead(7);
      graph.actAsUser('adele.vance@contoso.com', {
        action: 'create',
        meeting: {
          subject: 'Booked while notifications are lost',
          start: { dateTime: `${day}T09:00:00`, timeZone: 'America/New_York' },
          end: { dateTime: `${day}T10:00:00`, timeZone: 'America/New_York' },
          rooms: ['room-newyork-5.04@contoso.com'],
        },
      });
      const reservation = await eventually(
        async () => (await reservations()).find((r) => r.subject === 'Booked while notifications are lost'),
        { what: 'the reservation despite lost notifications', timeoutMs: 30_000 },
      );
      expect(reservation.lines).toEqual([expect.objectContaining({ objectId: 'a-nyc-5.04' })]);
    } finally {
      graph.faults.clear();
    }
  });

  test('a kiosk booking reaches the room calendar through the Workplace webhook', async () => {
    const start = weekdayAhead(4);
    const booked = await server.emulators!.workplace.inject({
      method: 'POST',
      url: '/_emulator/touchpoints/kiosk/reservations',
      payload: {
        subject: 'Booked at the kiosk during the test',
        start: `${start}T10:00:00`,
        end: `${start}T10:30:00`,
        timeZone: 'America/New_York',
        responsible: { email: 'alex.wilber@contoso.com' },
        participants: [],
        lines: [{ type: 'area', objectId: 'a-nyc-6.04' }],
      },
    });
    expect(booked.statusCode).toBe(201);
    const event = await eventually(
      () =>
        server
          .emulators!.graph.mailboxEvents('room-newyork-6.04@contoso.com')
          .find((e) => e['subject'] === 'Booked at the kiosk during the test'),
      { what: 'the kiosk booking in the room calendar' },
    );
    expect(event).toMatchObject({ isCancelled: false });
  });
});
