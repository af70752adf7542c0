import { describe, expect, test } from 'vitest';
import { DEMO_SYNC_APP, demoSeed, roomEmail } from '../../../emulators/src/graph/index.js';
import { workplaceDemoSeed } from '../../../emulators/src/workplace/index.js';
import { ADELE, at, encode, ROOM_A, START, SYNC_APP, useEmulator } from './support/emulator-harness.js';

describe('control API (/_emulator)', () => {
  const harness = useEmulator();

  test('is refused to non-loopback callers', async () => {
    const remote = await harness.emulator.app.inject({
      method: 'GET',
      url: '/_emulator/mailboxes',
      remoteAddress: '10.1.2.3',
    });
    expect(remote.statusCode).toBe(403);
    const local = await harness.emulator.app.inject({
      method: 'GET',
      url: '/_emulator/mailboxes',
      remoteAddress: '127.0.0.1',
    });
    expect(local.statusCode).toBe(200);
  });

  test('reset with the demo seed gives the demo rooms, lists and sync app', async () => {
    const reset = await harness.anonymous.post<{ mailboxes: number }>('/_emulator/reset', { seed: 'demo' });
    expect(reset.body.mailboxes).toBe(demoSeed.users!.length + demoSeed.rooms!.length);
    const { body } = await harness.anonymous.get<{ value: Array<{ email: string; kind: string; timeZone: string }> }>(
      '/_emulator/mailboxes',
    );
    expect(body.value.filter((mailbox) => mailbox.kind === 'room').length).toBeGreaterThanOrEqual(20);
    expect(body.value.map((mailbox) => mailbox.email)).toEqual(
      expect.arrayContaining([roomEmail('brussels', 1, 1), roomEmail('newyork', 5, 1)]),
    );
    expect(body.value.find((mailbox) => mailbox.email === 'room-brussels-1.01@contoso.com')!.timeZone).toBe(
      'Europe/Brussels',
    );
    expect(body.value.find((mailbox) => mailbox.email === 'room-newyork-5.01@contoso.com')!.timeZone).toBe(
      'America/New_York',
    );
    const token = await harness.anonymous.post<{ access_token: string }>('/_emulator/tokens/app', {
      clientId: DEMO_SYNC_APP.clientId,
    });
    const places = await harness.anonymous
      .withToken(token.body.access_token)
      .get<{ value: unknown[] }>('/v1.0/places/microsoft.graph.roomlist');
    expect(places.body.value).toHaveLength(2);
  });

  test('the demo seed has a room mailbox, with the same capacity, for every room the Workplace demo seed links', () => {
    const linked = workplaceDemoSeed.areas.filter((area) => area.exchangeMailbox);
    expect(linked.length).toBeGreaterThan(0);
    for (const area of linked) {
      const room = demoSeed.rooms!.find((candidate) => candidate.email === area.exchangeMailbox);
      expect(room, area.exchangeMailbox!).toBeDefined();
      expect(room!.capacity, area.exchangeMailbox!).toBe(area.capacity);
    }
  });

  test('acts as a user in Outlook over HTTP, and reads any mailbox', async () => {
    const created = await harness.anonymous.post<{ id: string }>(`/_emulator/users/${encode(ADELE)}/events`, {
      action: 'create',
      meeting: {
        subject: 'Over HTTP',
        start: at('2027-03-03T09:00:00'),
        end: at('2027-03-03T10:00:00'),
        rooms: [ROOM_A],
      },
    });
    expect(created.status).toBe(201);
    await harness.anonymous.post('/_emulator/idle');
    const room = await harness.anonymous.get<{ value: Array<{ subject: string; iCalUId: string }> }>(
      `/_emulator/mailboxes/${ROOM_A}/events`,
    );
    expect(room.body.value.map((event) => event.subject)).toEqual(['Adele Vance']);
    const updated = await harness.anonymous.post<{ subject: string }>(`/_emulator/users/${encode(ADELE)}/events`, {
      action: 'update',
      eventId: created.body.id,
      changes: { subject: 'Renamed' },
    });
    expect(updated.body.subject).toBe('Renamed');
    const cancelled = await harness.anonymous.post(`/_emulator/users/${encode(ADELE)}/events`, {
      action: 'cancel',
      eventId: created.body.id,
    });
    expect(cancelled.status).toBe(204);
  });

  test('moves and freezes time', async () => {
    expect((await harness.anonymous.get<{ now: string; frozen: boolean }>('/_emulator/clock')).body).toEqual({
      now: START.toISOString(),
      frozen: true,
    });
    const advanced = await harness.anonymous.post<{ now: string }>('/_emulator/clock/advance', {
      hours: 2,
      minutes: 30,
    });
    expect(advanced.body.now).toBe(new Date(START.getTime() + 9_000_000).toISOString());
    const set = await harness.anonymous.post<{ now: string }>('/_emulator/clock/set', { now: '2027-06-01T00:00:00Z' });
    expect(set.body.now).toBe('2027-06-01T00:00:00.000Z');
  });

  test('injects errors and lists delivery attempts', async () => {
    await harness.anonymous.post('/_emulator/faults/errors', { status: 500, count: 1, mailbox: ROOM_A });
    expect((await harness.graph.get(`/v1.0/users/${ROOM_A}/events`)).status).toBe(500);
    expect((await harness.graph.get(`/v1.0/users/${ROOM_A}/events`)).status).toBe(200);
    await harness.anonymous.post('/_emulator/faults/errors', { status: 503, count: 5 });
    expect((await harness.anonymous.request('DELETE', '/_emulator/faults')).status).toBe(204);
    expect((await harness.graph.get(`/v1.0/users/${ROOM_A}/events`)).status).toBe(200);
    expect((await harness.anonymous.get<{ value: unknown[] }>('/_emulator/deliveries')).body.value).toEqual([]);
  });

  test('limits an app to room mailboxes like an ApplicationAccessPolicy, with tokens already issued', async () => {
    const limit = (mailboxScope: unknown) =>
      harness.anonymous.request('PUT', `/_emulator/apps/${SYNC_APP.clientId}/mailbox-scope`, {
        body: { mailboxScope },
      });
    expect((await limit('rooms')).status).toBe(200);
    const refused = await harness.graph.get<{ error: { code: string; message: string } }>(
      `/v1.0/users/${encode(ADELE)}/events`,
    );
    expect([refused.status, refused.body.error.code, refused.body.error.message]).toEqual([
      403,
      'ErrorAccessDenied',
      'Access to OData is disabled.',
    ]);
    expect((await harness.graph.get(`/v1.0/users/${ROOM_A}/events`)).status).toBe(200);
    expect((await limit('all')).status).toBe(200);
    expect((await harness.graph.get(`/v1.0/users/${encode(ADELE)}/events`)).status).toBe(200);
    expect(
      (
        await harness.anonymous.request('PUT', '/_emulator/apps/nobody/mailbox-scope', {
          body: { mailboxScope: 'all' },
        })
      ).status,
    ).toBe(404);
  });
});
