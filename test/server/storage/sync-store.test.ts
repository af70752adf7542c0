import { describe, expect, test } from 'vitest';
import { bookingIntents, meetingLocks, rooms, syncLog } from '../../../server/src/storage/schema.js';
import { createSyncStore } from '../../../server/src/storage/sync-store.js';
import { ROOM_A, ROOM_B, aLink, aReservation, aRoomEvent } from '../../support/builders.js';
import { createTestPglite, useTestDb } from '../../support/test-db.js';

describe('createSyncStore', () => {
  const database = useTestDb(createTestPglite);
  const clock = { now: () => new Date('2026-03-01T08:00:00Z') };
  const store = () => createSyncStore(database().db, clock);

  test('linked mailboxes are the enabled rooms', async () => {
    await database()
      .db.insert(rooms)
      .values([
        { workplaceAreaId: 'area-a', mailbox: ROOM_A, displayName: 'A', buildingId: 'b1' },
        { workplaceAreaId: 'area-b', mailbox: ROOM_B, displayName: 'B', buildingId: 'b1', isEnabled: false },
      ]);
    expect(await store().linkedMailboxes()).toEqual(new Set([ROOM_A]));
  });

  test('links round-trip and are found by event, meeting and reservation', async () => {
    const link = aLink(aRoomEvent(), aReservation());
    await store().saveLink(link);
    expect(await store().findLink(ROOM_A.toUpperCase(), link.eventId)).toEqual(link);
    expect(await store().findLinksByICalUId(link.iCalUId)).toEqual([link]);
    expect(await store().findLinksByReservation('res-1')).toEqual([link]);
    expect(await store().findLink(ROOM_B, link.eventId)).toBeNull();
  });

  test('saving a link again updates it; re-linking a line to a new event replaces the old link', async () => {
    const link = aLink(aRoomEvent(), aReservation());
    await store().saveLink(link);
    await store().saveLink({ ...link, graphHash: 'new-hash', workplaceVersion: '2' });
    expect(await store().findLink(ROOM_A, link.eventId)).toMatchObject({
      graphHash: 'new-hash',
      workplaceVersion: '2',
    });

    await store().saveLink({ ...link, eventId: 'AAMk-recreated' });
    expect((await store().findLinksByReservation('res-1')).map((l) => l.eventId)).toEqual(['AAMk-recreated']);
  });

  test('the copy time a link recorded is kept when the link is saved again without one', async () => {
    const link = aLink(aRoomEvent(), aReservation());
    const { graphModifiedAt: _kept, ...withoutTime } = link;
    await store().saveLink(link);
    await store().saveLink({ ...withoutTime, graphHash: 'new-hash' });
    expect(await store().findLink(ROOM_A, link.eventId)).toMatchObject({
      graphHash: 'new-hash',
      graphModifiedAt: '2026-03-01T07:00:00.000Z',
    });
  });

  test('the releases a link applied are kept when the link is saved again without them', async () => {
    const link = aLink(aRoomEvent(), aReservation());
    await store().saveLink({ ...link, releasedOccurrences: ['2026-03-04T08:00:00.000Z'] });
    const { releasedOccurrences: _left, ...withoutReleases } = link;
    await store().saveLink({ ...withoutReleases, graphHash: 'new-hash' });
    expect(await store().findLink(ROOM_A, link.eventId)).toMatchObject({
      graphHash: 'new-hash',
      releasedOccurrences: ['2026-03-04T08:00:00.000Z'],
    });
  });

  test('a cancelled link stays findable and says so', async () => {
    const link = aLink(aRoomEvent(), aReservation());
    await store().saveLink(link);
    await store().markLinkCancelled(ROOM_A, link.eventId);
    expect(await store().findLink(ROOM_A, link.eventId)).toMatchObject({ isCancelled: true });
  });

  test("a page's new links are saved in one go, each with its own values, and their meetings' notes cleared", async () => {
    const first = aLink(aRoomEvent(), aReservation());
    const second = aLink(
      aRoomEvent({ eventId: 'AAMk-room-a-2', iCalUId: 'ical-2' }),
      aReservation({ reservationId: 'res-2', version: '7' }),
    );
    const near = { mailboxes: [ROOM_A], from: new Date('2026-03-03T09:00:00Z'), to: new Date('2026-03-03T10:00:00Z') };
    await store().notePendingReservations([
      { iCalUId: first.iCalUId, near },
      { iCalUId: second.iCalUId, near },
      { iCalUId: 'ical-other', near },
    ]);
    expect(await store().meetingsWithPendingReservations([first.iCalUId, 'ical-unknown'])).toEqual(
      new Set([first.iCalUId]),
    );

    await store().saveNewLinks([first, second], [first.iCalUId, second.iCalUId]);
    await store().saveNewLinks(
      [
        { ...first, workplaceVersion: '3' },
        { ...second, workplaceVersion: '8' },
      ],
      [],
    );

    expect(await store().findLink(ROOM_A, first.eventId)).toEqual({ ...first, workplaceVersion: '3' });
    expect(await store().findLink(ROOM_A, second.eventId)).toEqual({ ...second, workplaceVersion: '8' });
    expect(await store().meetingsWithPendingReservations([first.iCalUId, second.iCalUId, 'ical-other'])).toEqual(
      new Set(['ical-other']),
    );
    // One read finds a page's links by event and other rooms' links by meeting.
    const otherRoom = aLink(
      aRoomEvent({ mailbox: ROOM_B, eventId: 'AAMk-room-b-1', iCalUId: 'ical-2' }),
      aReservation({
        reservationId: 'res-2',
        lines: [{ lineId: 'line-b', kind: 'room', objectId: 'area-b', status: 'confirmed', mailbox: ROOM_B }],
      }),
    );
    await store().saveLink(otherRoom);
    const found = await store().findLinksOfEvents(ROOM_A, [first.eventId, 'AAMk-unknown'], ['ical-2']);
    expect(found.map((link) => `${link.mailbox} ${link.eventId}`).sort()).toEqual([
      `${ROOM_A} ${first.eventId}`,
      `${ROOM_A} ${second.eventId}`,
      `${ROOM_B} AAMk-room-b-1`,
    ]);
  });

  test('cursors are kept per source and scope', async () => {
    expect(await store().readCursor('graph', ROOM_A)).toBeNull();
    await store().saveCursor('graph', ROOM_A, 'delta-1');
    await store().saveCursor('graph', ROOM_A, 'delta-2');
    await store().saveCursor('workplace', 'feed', 'feed-9');
    expect(await store().readCursor('graph', ROOM_A)).toBe('delta-2');
    expect(await store().readCursor('workplace', 'feed')).toBe('feed-9');
  });

  test('open intents exclude expired and matched holds; matching records the link', async () => {
    const base = {
      organizerEmail: 'alex@contoso.com',
      mailbox: ROOM_A,
      lines: [],
      startAt: new Date('2026-03-03T08:00:00Z'),
      endAt: new Date('2026-03-03T09:00:00Z'),
    };
    const [open] = await database()
      .db.insert(bookingIntents)
      .values([
        { ...base, workplaceReservationId: 'hold-open', expiresAt: new Date('2026-03-01T09:00:00Z') },
        { ...base, workplaceReservationId: 'hold-expired', expiresAt: new Date('2026-03-01T07:00:00Z') },
      ])
      .returning();
    expect((await store().openIntents(ROOM_A)).map((intent) => intent.reservationId)).toEqual(['hold-open']);

    const link = aLink(aRoomEvent(), aReservation());
    await store().saveLink(link);
    await store().markIntentMatched(open!.id, link);
    expect(await store().openIntents(ROOM_A)).toEqual([]);
  });

  test('log entries keep the reason, ids, organizer and subject', async () => {
    await store().appendLog([
      {
        direction: 'exchange-to-workplace',
        action: 'created',
        mailbox: ROOM_A,
        reservationId: 'res-1',
        eventId: 'ev-1',
        reason: 'Booked in Outlook',
        organizer: 'ann@contoso.com',
        subject: 'Design review',
      },
    ]);
    const [row] = await database().db.select().from(syncLog);
    expect(row).toMatchObject({
      mailbox: ROOM_A,
      action: 'created',
      reason: 'Booked in Outlook',
      details: { reservationId: 'res-1', eventId: 'ev-1', organizer: 'ann@contoso.com', subject: 'Design review' },
    });
  });

  test('one meeting has one writer at a time; other meetings are not held up', async () => {
    const order: string[] = [];
    let otherMeetingEnded!: () => void;
    const otherMeetingDone = new Promise<void>((resolve) => (otherMeetingEnded = resolve));
    const work = (name: string, waitFor?: Promise<void>) => async () => {
      order.push(`${name} starts`);
      await (waitFor ?? Promise.resolve());
      order.push(`${name} ends`);
      if (name === 'other meeting') otherMeetingEnded();
      return name;
    };
    // Room A holds meeting uid-1 until the other meeting has run: were uid-2 held up by uid-1's
    // lock, this would never finish (the test times out) instead of depending on a sleep's length.
    const results = await Promise.all([
      store().withMeetingLock('uid-1', work('room A', otherMeetingDone)),
      store().withMeetingLock('uid-1', work('room B')),
      store().withMeetingLock('uid-2', work('other meeting')),
    ]);
    expect(results).toEqual(['room A', 'room B', 'other meeting']);
    // Room B waits for room A.
    expect(order.indexOf('room B starts')).toBeGreaterThan(order.indexOf('room A ends'));
  });

  test('a meeting lock is given up when its work fails, and taken over once a dead holder lease expires', async () => {
    await expect(
      store().withMeetingLock('uid-1', async () => {
        throw new Error('sync failed');
      }),
    ).rejects.toThrow('sync failed');
    expect(await store().withMeetingLock('uid-1', async () => 'next')).toBe('next');

    // A worker that died holding the lock: its lease ran out.
    await database()
      .db.insert(meetingLocks)
      .values({ iCalUId: 'uid-2', holder: 'dead-worker', expiresAt: new Date(Date.now() - 1000) });
    expect(await store().withMeetingLock('uid-2', async () => 'taken over')).toBe('taken over');
  });

  test('roomless reservations come due after their grace and are cleared', async () => {
    await store().noteRoomlessReservation('res-1', 'uid-1', new Date('2026-03-01T08:02:00Z'));
    await store().noteRoomlessReservation('res-2', 'uid-2', new Date('2026-03-01T08:05:00Z'));
    expect(await store().dueRoomlessReservations(new Date('2026-03-01T08:03:00Z'))).toEqual(['res-1']);
    await store().clearRoomlessReservation('res-1');
    expect(await store().dueRoomlessReservations(new Date('2026-03-01T09:00:00Z'))).toEqual(['res-2']);
  });
});
