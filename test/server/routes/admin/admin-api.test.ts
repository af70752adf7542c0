import { randomUUID } from 'node:crypto';
import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { jobs, syncLog } from '../../../../server/src/storage/schema.js';
import { createSyncStore } from '../../../../server/src/storage/sync-store.js';
import { recordFailedJob } from '../../../../server/src/failed-items/failed-job-items.js';
import { eventually } from '../../../support/free-port.js';
import {
  DEMO_ADMIN,
  NOT_AN_ADMIN,
  startEmbeddedAdminServer,
  weekdayAhead,
} from '../../../support/embedded-admin-server.js';
import type { EmbeddedAdminServer } from '../../../support/embedded-admin-server.js';

// The admin API against the real app in the embedded default: both emulators, the queue and the sync.

describe('admin API (embedded default)', () => {
  let admin: EmbeddedAdminServer;

  beforeAll(async () => {
    admin = await startEmbeddedAdminServer();
  }, 90_000);
  afterAll(async () => {
    await admin?.close();
  });

  describe('sign-in', () => {
    test('without a token 401, a user who is not an admin 403, the demo admin is who the token says', async () => {
      expect((await admin.server.app.inject({ url: '/admin/api/room-links' })).statusCode).toBe(401);
      for (const [method, url] of [
        ['GET', '/admin/api/room-links'],
        ['GET', '/admin/api/sync-log'],
        ['GET', '/admin/api/failed-items'],
        ['GET', '/admin/api/activity'],
        ['POST', '/admin/api/cutover/dry-run'],
      ] as const) {
        const response = await admin.call(method, url, { user: NOT_AN_ADMIN, payload: {} });
        expect(response.statusCode, url).toBe(403);
        expect(response.json().error.message).toMatch(/not a room-sync administrator/);
      }
      expect((await admin.call('GET', '/admin/api/me')).json()).toEqual({ email: DEMO_ADMIN, name: expect.anything() });
    });

    test('the embedded default signs the demo admin in from this machine', async () => {
      const config = (await admin.server.app.inject({ url: '/admin/console-config.json' })).json();
      expect(config).toEqual({ auth: { kind: 'embedded', tokenPath: '/admin/token', user: DEMO_ADMIN } });
      const token = (
        await admin.server.app.inject({ method: 'POST', url: '/admin/token', remoteAddress: '127.0.0.1' })
      ).json().accessToken as string;
      const me = await admin.server.app.inject({ url: '/admin/api/me', headers: { authorization: `Bearer ${token}` } });
      expect(me.json().email).toBe(DEMO_ADMIN);
      const remote = await admin.server.app.inject({ method: 'POST', url: '/admin/token', remoteAddress: '10.1.2.3' });
      expect(remote.statusCode).toBe(403);
    });
  });

  describe('room links', () => {
    test('Workplace areas and Exchange rooms side by side, with their links', async () => {
      const links = (await admin.call('GET', '/admin/api/room-links')).json();
      expect(links.areas.find((area: { areaId: string }) => area.areaId === 'a-bru-1.04')).toMatchObject({
        link: { mailbox: 'room-brussels-1.04@contoso.com', isEnabled: true },
        building: 'Brussels HQ',
        timeZone: 'Europe/Brussels',
        buildingAddress: expect.stringContaining('Brussels'),
      });
      expect(
        links.exchangeRooms.find((room: { mailbox: string }) => room.mailbox === 'room-brussels-1.04@contoso.com'),
      ).toMatchObject({ linkedAreaId: 'a-bru-1.04', isEnabled: true, city: 'Brussels' });
      // Rooms on one side only are listed too.
      expect(links.exchangeRooms.some((room: { linkedAreaId: string | null }) => room.linkedAreaId === null)).toBe(
        true,
      );
      expect(links.areas.some((area: { link: unknown }) => area.link === null)).toBe(true);
    });

    test('unlinking stops the sync; linking subscribes again and the first sync finishes', async () => {
      const mailbox = 'room-newyork-5.03@contoso.com';
      const unlinked = await admin.call('DELETE', `/admin/api/room-links/${mailbox}`);
      expect(unlinked.json()).toEqual({ mailbox, isEnabled: false });
      const health = async () =>
        (await admin.call('GET', '/admin/api/rooms'))
          .json()
          .rooms.find((room: { mailbox: string }) => room.mailbox === mailbox);
      expect(await health()).toMatchObject({ isEnabled: false });
      // The pane says what the sync does: a room unlinked in the console is not linked there either.
      const paneRoom = async () =>
        (
          await admin.server.app.inject({
            url: '/api/rooms',
            headers: { authorization: `Bearer ${await admin.tokenOf('nestor.wilke@contoso.com')}` },
          })
        )
          .json()
          .rooms.find((room: { id: string }) => room.id === 'a-nyc-5.03');
      expect(await paneRoom()).toMatchObject({ mailbox: null });
      // The renewal job (the one writer of subscriptions) deletes the room's subscription.
      await eventually(async () => (await health()).subscription === null, { what: 'the subscription deleted' });

      // A meeting booked while the room is unlinked stays in Exchange only.
      const day = weekdayAhead(12);
      admin.emulators.graph.actAsUser('nestor.wilke@contoso.com', {
        action: 'create',
        meeting: {
          subject: 'Booked while unlinked',
          start: { dateTime: `${day}T09:00:00`, timeZone: 'America/New_York' },
          end: { dateTime: `${day}T09:30:00`, timeZone: 'America/New_York' },
          rooms: [mailbox],
        },
      });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await admin.reservations()).some((r) => r.subject === 'Booked while unlinked')).toBe(false);

      const linked = await admin.call('POST', '/admin/api/room-links', { payload: { areaId: 'a-nyc-5.03', mailbox } });
      expect(linked.statusCode).toBe(202);
      expect(linked.json()).toMatchObject({ areaId: 'a-nyc-5.03', mailbox, isEnabled: true });
      expect(['queued', 'running', 'finished']).toContain(linked.json().progress.state);
      await admin.syncFinished(mailbox);
      await eventually(async () => (await health()).subscription?.status === 'active', {
        what: 'the room subscribed again',
      });
      expect(await health()).toMatchObject({ isEnabled: true });
      expect(await paneRoom()).toMatchObject({ mailbox });
      // Its progress counts the bookings it found and synced (the meeting booked meanwhile among them).
      const [progress] = (
        await admin.call('POST', '/admin/api/room-links/progress', { payload: { mailboxes: [mailbox] } })
      ).json().rooms;
      expect(progress).toMatchObject({ mailbox, state: 'finished', found: expect.any(Number) });
      expect(progress.found).toBeGreaterThan(0);
      expect(progress.synced).toBe(progress.found);
      // The first sync (a full resync) brought the meeting booked meanwhile.
      await eventually(async () => (await admin.reservations()).some((r) => r.subject === 'Booked while unlinked'), {
        what: 'the meeting booked while unlinked, in Workplace',
      });
    });

    test('one request tells the first syncs of 1,000 rooms (a bulk link), within the API rate limit', async () => {
      // The queue's rows as a bulk link of 1,000 leaves them, in every state a first sync goes through.
      const mailboxes = Array.from({ length: 1000 }, (_, index) => `bulk-room-${index}@contoso.com`);
      const stateOf = (index: number) => (['done', 'dead', 'pending', 'active'] as const)[index % 4]!;
      const later = new Date(Date.now() + 3_600_000);
      const db = admin.server.database.db;
      await db.insert(jobs).values(
        mailboxes.map((mailbox, index) => ({
          queue: 'room-resync',
          key: mailbox,
          data: { mailbox, reason: 'linked' },
          maxAttempts: 10,
          state: stateOf(index),
          // Not due and not expired: the running queue leaves these rows alone.
          runAt: later,
          attempts: stateOf(index) === 'pending' ? 0 : 1,
          ...(stateOf(index) === 'active' ? { leaseId: randomUUID(), lockedUntil: later } : {}),
          ...(stateOf(index) === 'done' ? { finishedAt: new Date() } : {}),
          ...(stateOf(index) === 'dead' ? { lastError: 'Graph 403 ErrorAccessDenied' } : {}),
          progress:
            stateOf(index) === 'pending'
              ? null
              : { found: index % 50, synced: stateOf(index) === 'done' ? index % 50 : 0 },
        })),
      );
      try {
        const response = await admin.call('POST', '/admin/api/room-links/progress', {
          payload: { mailboxes: [...mailboxes, 'room-never-linked@contoso.com'] },
        });
        expect(response.statusCode).toBe(200);
        const rooms = response.json().rooms as Array<{ mailbox: string; state: string; found: number | null }>;
        expect(rooms).toHaveLength(1001);
        expect(rooms.slice(0, 1000).map((room) => room.state)).toEqual(
          mailboxes.map(
            (_, index) => ({ done: 'finished', dead: 'failed', pending: 'queued', active: 'running' })[stateOf(index)],
          ),
        );
        expect(rooms[7]).toMatchObject({ mailbox: mailboxes[7], state: 'running', found: 7, synced: 0 });
        expect(rooms[8]).toMatchObject({ state: 'finished', found: 8, synced: 8, error: null });
        expect(rooms[9]).toMatchObject({ state: 'failed', error: 'Graph 403 ErrorAccessDenied' });
        expect(rooms[2]).toMatchObject({ state: 'queued', found: null, synced: null });
        expect(rooms[1000]).toMatchObject({ state: 'none', found: null });
        // A request a second for all of them stays far below the admin API's limit per minute.
        expect(Number(response.headers['x-ratelimit-limit'])).toBeGreaterThanOrEqual(60);
      } finally {
        await db.delete(jobs).where(like(jobs.key, 'bulk-room-%'));
      }
    });

    test('bad input is a 4xx with a message', async () => {
      const invalid = await admin.call('POST', '/admin/api/room-links', {
        payload: { areaId: 'a-bru-1.04', mailbox: 'nope' },
      });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().error.message).toMatch(/mailbox/);
      const unknownArea = await admin.call('POST', '/admin/api/room-links', {
        payload: { areaId: 'a-nowhere', mailbox: 'room-brussels-1.04@contoso.com' },
      });
      expect(unknownArea.statusCode).toBe(404);
      expect(unknownArea.json().error.message).toMatch(/a-nowhere/);
      const clash = await admin.call('POST', '/admin/api/room-links', {
        payload: { areaId: 'a-bru-2.04', mailbox: 'room-brussels-1.04@contoso.com' },
      });
      expect(clash.statusCode).toBe(409);
      expect(clash.json().error.message).toMatch(/unlink it first/);
      expect((await admin.call('DELETE', '/admin/api/room-links/room-nowhere@contoso.com')).statusCode).toBe(404);
      expect((await admin.call('POST', '/admin/api/room-links/proposals', { payload: { by: [] } })).statusCode).toBe(
        400,
      );
    });

    test('bulk linking: a dry list of proposals by email, then applied', async () => {
      const mailboxes = ['room-newyork-5.04@contoso.com', 'room-newyork-5.05@contoso.com'];
      for (const mailbox of mailboxes) await admin.call('DELETE', `/admin/api/room-links/${mailbox}`);
      const proposals = (
        await admin.call('POST', '/admin/api/room-links/proposals', { payload: { by: ['email', 'name'] } })
      ).json().proposals as Array<{ areaId: string; mailbox: string; matchedBy: string }>;
      expect(proposals).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ areaId: 'a-nyc-5.04', mailbox: mailboxes[0], matchedBy: 'email' }),
          expect.objectContaining({ areaId: 'a-nyc-5.05', mailbox: mailboxes[1], matchedBy: 'email' }),
        ]),
      );
      // Proposing wrote nothing.
      const rooms = (await admin.call('GET', '/admin/api/rooms')).json().rooms as Array<{
        mailbox: string;
        isEnabled: boolean;
      }>;
      expect(rooms.filter((room) => mailboxes.includes(room.mailbox)).every((room) => !room.isEnabled)).toBe(true);

      const applied = await admin.call('POST', '/admin/api/room-links/bulk', {
        payload: {
          links: proposals
            .filter((p) => mailboxes.includes(p.mailbox))
            .map(({ areaId, mailbox }) => ({ areaId, mailbox })),
        },
      });
      expect(applied.json().results).toHaveLength(2);
      expect(applied.json().results).toEqual(
        expect.arrayContaining([
          { areaId: 'a-nyc-5.04', mailbox: mailboxes[0], outcome: 'linked', message: null },
          { areaId: 'a-nyc-5.05', mailbox: mailboxes[1], outcome: 'linked', message: null },
        ]),
      );
      for (const mailbox of mailboxes) await admin.syncFinished(mailbox);

      // Each link of a bulk succeeds or fails on its own: an unknown area, a room linked elsewhere.
      const mixed = await admin.call('POST', '/admin/api/room-links/bulk', {
        payload: {
          links: [
            { areaId: 'a-nowhere', mailbox: 'room-newyork-5.04@contoso.com' },
            { areaId: 'a-bru-2.04', mailbox: 'room-brussels-1.04@contoso.com' },
          ],
        },
      });
      expect(mixed.json().results).toEqual([
        expect.objectContaining({
          areaId: 'a-nowhere',
          outcome: 'failed',
          message: expect.stringMatching(/a-nowhere/),
        }),
        expect.objectContaining({
          areaId: 'a-bru-2.04',
          outcome: 'failed',
          message: expect.stringMatching(/unlink it first/),
        }),
      ]);
    });
  });

  describe('health', () => {
    test('each room: subscription, last sync, backlog, failures, and mailbox settings against Workplace rules', async () => {
      const rooms = await eventually(
        async () => {
          const list = (await admin.call('GET', '/admin/api/rooms')).json().rooms as Array<Record<string, unknown>>;
          return list.every((room) => room['lastSyncedAt'] !== null || room['isEnabled'] === false) && list;
        },
        { what: 'every room synced once' },
      );
      const room = (mailbox: string) =>
        rooms.find((candidate) => candidate['mailbox'] === mailbox) as {
          subscription: { status: string; expiresAt: string } | null;
          backlog: number;
          settings: Array<{ setting: string; exchange: string; workplace: string; warning: string | null }>;
        };
      const ok = room('room-brussels-1.04@contoso.com');
      expect(ok.subscription?.status).toBe('active');
      expect(typeof ok.backlog).toBe('number');
      expect(ok.settings.every((check) => check.warning === null)).toBe(true);
      // The demo's New York 6.04 books 30 days ahead in Exchange, 180 in Workplace.
      const window = room('room-newyork-6.04@contoso.com').settings.find(
        (check) => check.setting === 'booking-window',
      )!;
      expect(window).toMatchObject({ exchange: '30 days (BookingWindowInDays)', workplace: '180 days' });
      expect(window.warning).toMatch(/BookingWindowInDays 180/);
      // Brussels 3.02 keeps Exchange's defaults (subjects rewritten); 3.04 leaves requests to a delegate,
      // and AutoUpdate never rewrites subjects.
      const defaults = room('room-brussels-3.02@contoso.com').settings;
      expect(defaults.find((check) => check.setting === 'subject')?.warning).toMatch(/DeleteSubject/);
      const delegated = room('room-brussels-3.04@contoso.com').settings;
      expect(delegated.find((check) => check.setting === 'processing')?.warning).toMatch(/AutoUpdate/);
      expect(delegated.find((check) => check.setting === 'subject')?.warning).toBeNull();
    });
  });

  describe('activity', () => {
    test('the charts’ numbers: 24 hourly or 7 daily buckets in the asked zone, the linked rooms; an unknown zone is 400', async () => {
      const hourly = (await admin.call('GET', '/admin/api/activity?range=24h&timeZone=Europe/Brussels')).json();
      expect(hourly).toMatchObject({ range: '24h', timeZone: 'Europe/Brussels' });
      expect(hourly.buckets).toHaveLength(24);
      expect(hourly.roomCount).toBeGreaterThan(0);
      const daily = (await admin.call('GET', '/admin/api/activity?range=7d')).json();
      expect(daily.buckets).toHaveLength(7);
      expect(daily.timeZone).toBe('UTC');
      const unknownZone = await admin.call('GET', '/admin/api/activity?timeZone=Mars/Olympus');
      expect(unknownZone.statusCode).toBe(400);
    });

    test('the booked share of opening hours, wired to the emulators: every room measured, the busiest 25', async () => {
      const answer = await admin.call('GET', '/admin/api/activity/booked-hours?range=7d&timeZone=Europe/Brussels');
      expect(answer.statusCode).toBe(200);
      const report = answer.json();
      expect(report).toMatchObject({ range: '7d', timeZone: 'Europe/Brussels' });
      expect(report.rooms.length).toBe(Math.min(25, report.roomCount));
      // The demo's linked rooms are all in Exchange and Workplace: each has an answer and opening hours (or none).
      expect(report.rooms.every((room: { freeBusy: string }) => room.freeBusy === 'checked')).toBe(true);
      expect(report.rooms.every((room: { openingHours: string }) => room.openingHours !== 'unknown')).toBe(true);
      const forbidden = await admin.call('GET', '/admin/api/activity/booked-hours', { user: NOT_AN_ADMIN });
      expect(forbidden.statusCode).toBe(403);
    });
  });

  describe('sync log', () => {
    test('a booking made in Outlook is found by room, organizer and time range; pages by cursor', async () => {
      const startedAt = new Date().toISOString();
      const day = weekdayAhead(9);
      admin.emulators.graph.actAsUser('alex.wilber@contoso.com', {
        action: 'create',
        meeting: {
          subject: 'Sync log search',
          start: { dateTime: `${day}T15:00:00`, timeZone: 'Europe/Brussels' },
          end: { dateTime: `${day}T15:30:00`, timeZone: 'Europe/Brussels' },
          rooms: ['room-brussels-2.04@contoso.com'],
        },
      });
      const query = new URLSearchParams({
        mailbox: 'room-brussels-2.04@contoso.com',
        organizer: 'alex.wilber',
        from: startedAt,
      });
      const entries = await eventually(
        async () => {
          const page = (await admin.call('GET', `/admin/api/sync-log?${query}`)).json();
          return page.entries.some((entry: { action: string }) => entry.action === 'created') && page.entries;
        },
        { what: 'the created entry in the sync log' },
      );
      expect(entries.find((entry: { action: string }) => entry.action === 'created')).toMatchObject({
        mailbox: 'room-brussels-2.04@contoso.com',
        direction: 'exchange-to-workplace',
        organizer: 'alex.wilber@contoso.com',
        subject: 'Sync log search',
        reason: 'Booked in Outlook',
      });
      const otherOrganizer = new URLSearchParams({
        mailbox: 'room-brussels-2.04@contoso.com',
        organizer: 'nestor',
        from: startedAt,
      });
      expect((await admin.call('GET', `/admin/api/sync-log?${otherOrganizer}`)).json().entries).toEqual([]);
      const future = new URLSearchParams({ from: new Date(Date.now() + 3_600_000).toISOString() });
      expect((await admin.call('GET', `/admin/api/sync-log?${future}`)).json()).toEqual({
        entries: [],
        nextCursor: null,
      });

      const first = (await admin.call('GET', '/admin/api/sync-log?limit=2')).json();
      expect(first.entries).toHaveLength(2);
      const second = (await admin.call('GET', `/admin/api/sync-log?limit=2&before=${first.nextCursor}`)).json();
      expect(second.entries[0].id).toBeLessThan(first.entries[1].id);
    });

    test('entries name their room, are found by a part of its name, and leave housekeeping out unless asked', async () => {
      const mailbox = 'room-brussels-2.04@contoso.com';
      const at = new Date();
      await admin.server.database.db.insert(syncLog).values([
        { at, mailbox, direction: 'workplace-to-exchange', action: 'echo-ignored', reason: 'Our own write came back' },
        { at, mailbox, direction: 'exchange-to-workplace', action: 'updated', reason: 'Moved in Outlook' },
      ]);
      const roomName = (await admin.call('GET', '/admin/api/room-links'))
        .json()
        .areas.find((area: { link: { mailbox: string } | null }) => area.link?.mailbox === mailbox).name as string;
      const search = async (query: Record<string, string>) =>
        (
          await admin.call('GET', `/admin/api/sync-log?${new URLSearchParams({ from: at.toISOString(), ...query })}`)
        ).json().entries as Array<{ mailbox: string; roomName: string | null; action: string }>;

      const byName = await search({ room: roomName.slice(-4).toUpperCase() });
      expect(byName.map((entry) => [entry.roomName, entry.action])).toEqual([[roomName, 'updated']]);
      expect((await search({ room: mailbox, housekeeping: 'true' })).map((entry) => entry.action).sort()).toEqual([
        'echo-ignored',
        'updated',
      ]);
      expect((await search({ room: mailbox, action: 'echo-ignored' })).map((entry) => entry.action)).toEqual([
        'echo-ignored',
      ]);
    });

    test('bad filters are 400s with a message', async () => {
      const badTime = await admin.call('GET', '/admin/api/sync-log?from=yesterday');
      expect(badTime.statusCode).toBe(400);
      expect(badTime.json().error.message).toMatch(/from/);
      const reversed = new URLSearchParams({ from: '2030-01-02T00:00:00Z', to: '2030-01-01T00:00:00Z' });
      expect((await admin.call('GET', `/admin/api/sync-log?${reversed}`)).json().error.message).toMatch(/from/);
      expect((await admin.call('GET', '/admin/api/sync-log?limit=5000')).statusCode).toBe(400);
      expect((await admin.call('GET', '/admin/api/sync-log?action=exploded')).statusCode).toBe(400);
    });

    test('repair now queues a full resync of the room; its repairs count as drift', async () => {
      const mailbox = 'room-brussels-1.04@contoso.com';
      const repair = await admin.call('POST', `/admin/api/rooms/${mailbox}/resync`);
      expect(repair.statusCode).toBe(202);
      expect(repair.json()).toEqual({ queued: true, mailbox });
      await admin.syncFinished(mailbox);
      const drift = (await admin.call('GET', '/admin/api/drift?days=1')).json();
      expect(Array.isArray(drift.rooms)).toBe(true);
      expect((await admin.call('POST', '/admin/api/rooms/room-nowhere@contoso.com/resync')).statusCode).toBe(404);
    });
  });

  describe('failed items', () => {
    test('a job whose attempts are used up is listed; retry sends it again and marks it retried', async () => {
      const mailbox = 'room-brussels-1.02@contoso.com';
      await recordFailedJob(admin.server.database.db, {
        queue: 'room-changed',
        key: mailbox,
        data: { mailbox },
        attempts: 25,
        error: new Error('Graph 503 ServiceUnavailable'),
        now: new Date(),
      });
      const open = (await admin.call('GET', '/admin/api/failed-items')).json().items as Array<{
        id: string;
        key: string;
      }>;
      const item = open.find((candidate) => candidate.key === mailbox)!;
      expect(item).toMatchObject({
        kind: 'job:room-changed',
        error: 'Graph 503 ServiceUnavailable',
        summary: expect.stringMatching(
          /^A room’s latest changes could not be synced after 25 attempts: the other side was busy/,
        ),
        isRetryable: true,
      });
      const count = async () => (await admin.call('GET', '/admin/api/failed-items/count')).json().open as number;
      const openBefore = await count();
      expect(openBefore).toBe(open.length);

      const retried = await admin.call('POST', `/admin/api/failed-items/${item.id}/retry`);
      expect(retried.statusCode).toBe(202);
      expect(retried.json()).toMatchObject({ id: item.id, isRetryable: false, retriedAt: expect.any(String) });
      const list = async (state: string) =>
        (await admin.call('GET', `/admin/api/failed-items?state=${state}`))
          .json()
          .items.map((i: { id: string }) => i.id);
      expect(await count()).toBe(openBefore - 1);
      expect(await list('open')).not.toContain(item.id);
      expect(await list('retried')).toContain(item.id);
      expect((await admin.call('POST', `/admin/api/failed-items/${item.id}/retry`)).statusCode).toBe(409);
      expect((await admin.call('POST', '/admin/api/failed-items/not-a-uuid/retry')).statusCode).toBe(400);
    });

    test('a quarantined booking names its room, says why in plain words, and shows what was read on demand', async () => {
      const mailbox = 'room-brussels-2.04@contoso.com';
      await createSyncStore(admin.server.database.db).quarantine({
        direction: 'exchange-to-workplace',
        key: `${mailbox} AAMk-api-quarantined`,
        mailbox,
        eventId: 'AAMk-api-quarantined',
        reservationId: null,
        booking: {
          room: mailbox,
          organizer: 'adele.vance@contoso.com',
          subject: 'Quarterly review',
          start: '2030-03-04T10:00:00 Europe/Brussels',
        },
        reason: 'Workplace does not take this booking: Workplace 400 INVALID_REQUEST (subject)',
        raw: { subject: 'Quarterly review', marker: 'raw-payload' },
      });
      const items = (await admin.call('GET', '/admin/api/failed-items')).json().items as Array<{
        id: string;
        key: string;
        summary: string;
        booking: Record<string, unknown> | null;
      }>;
      const item = items.find((candidate) => candidate.key === `${mailbox} AAMk-api-quarantined`)!;
      const links = (await admin.call('GET', '/admin/api/room-links')).json();
      const areaName = links.areas.find(
        (area: { link: { mailbox: string } | null }) => area.link?.mailbox === mailbox,
      ).name;
      expect(item.booking).toMatchObject({ room: mailbox, roomName: areaName, subject: 'Quarterly review' });
      expect(item.summary).toMatch(/^This Outlook meeting is not in Workplace: Workplace refused it\. /);
      const payload = (await admin.call('GET', `/admin/api/failed-items/${item.id}/payload`)).json().payload;
      expect(JSON.stringify(payload)).toContain('raw-payload');
      expect((await admin.call('POST', `/admin/api/failed-items/${item.id}/dismiss`)).statusCode).toBe(200);
    });
  });

  test('the admin API is in the OpenAPI document, with its bearer scheme', async () => {
    const document = (await admin.server.app.inject({ url: '/docs/json' })).json();
    for (const path of [
      '/admin/api/rooms',
      '/admin/api/room-links',
      '/admin/api/room-links/proposals',
      '/admin/api/room-links/bulk',
      '/admin/api/sync-log',
      '/admin/api/drift',
      '/admin/api/failed-items',
      '/admin/api/cutover/dry-run',
      '/admin/api/cutover/switch',
    ]) {
      expect(document.paths[path], path).toBeDefined();
    }
    expect(document.paths['/admin/api/sync-log'].get.security).toEqual([{ bearerToken: [] }]);
    expect(document.paths['/admin/api/sync-log'].get.tags).toEqual(['admin']);
  });
});
