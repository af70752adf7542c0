import { describe, expect, test } from 'vitest';
import { readActivityReport } from '../../../server/src/admin/activity-report.js';
import type { Database } from '../../../server/src/storage/create-db.js';
import {
  bookingLinks,
  changeLatencies,
  failedItems,
  graphNotifications,
  rooms,
  syncLog,
} from '../../../server/src/storage/schema.js';
import type { SyncAction } from '../../../server/src/storage/schema.js';
import { describeWithPostgres } from '../../support/system-requirements.js';
import { createTestPglite, createTestPostgres, useTestDb } from '../../support/test-db.js';

// The console's charts read these numbers: aggregated in SQL, the same on PGlite and PostgreSQL.

// 31 March 2030 is the day Brussels moves its clocks forward: that day is 23 hours long there.
const NOW = new Date('2030-03-31T12:30:00Z');
const at = (time: string) => new Date(`2030-03-${time}Z`);

async function seed(database: Database) {
  const { db } = database;
  await db.insert(changeLatencies).values([
    ...[1, 2, 3, 4, 100].map((seconds) => ({
      at: at('31T11:20:00'),
      direction: 'exchange-to-workplace' as const,
      seconds,
    })),
    { at: at('31T12:05:00'), direction: 'workplace-to-exchange', seconds: 10 },
    { at: at('31T12:10:00'), direction: 'workplace-to-exchange', seconds: 20 },
  ]);
  const notification = (receivedAt: string, processedAt: string | null) => ({
    subscriptionId: 'sub-1',
    payload: {},
    receivedAt: at(receivedAt),
    processedAt: processedAt === null ? null : at(processedAt),
  });
  await db.insert(graphNotifications).values([
    notification('31T11:10:00', '31T11:11:00'),
    notification('31T11:50:00', '31T12:05:00'), // waiting at 12:00
    notification('31T12:20:00', null),
    notification('31T12:21:00', null),
    notification('31T12:25:00', '31T12:26:00'),
  ]);
  const failed = (kind: string, createdAt: string, resolvedAt: string | null) => ({
    kind,
    key: `${kind} ${createdAt}`,
    payload: {},
    error: 'Workplace 500',
    nextAttemptAt: at(createdAt),
    createdAt: at(createdAt),
    resolvedAt: resolvedAt === null ? null : at(resolvedAt),
  });
  await db
    .insert(failedItems)
    .values([
      failed('workplace-write', '31T10:30:00', null),
      failed('quarantine:exchange-to-workplace', '31T11:15:00', '31T12:10:00'),
    ]);
  await db.insert(rooms).values([
    { workplaceAreaId: 'a-1', mailbox: 'room-a@contoso.com', displayName: 'Room A', buildingId: 'b' },
    { workplaceAreaId: 'a-2', mailbox: 'room-b@contoso.com', displayName: 'Room B', buildingId: 'b' },
    { workplaceAreaId: 'a-3', mailbox: 'room-c@contoso.com', displayName: 'Room C', buildingId: 'b' },
    // Unlinked: its history stays in the log, but it is no longer a room of the sync.
    { workplaceAreaId: 'a-4', mailbox: 'room-d@contoso.com', displayName: 'Room D', buildingId: 'b', isEnabled: false },
  ]);
  const entry = (mailbox: string, action: SyncAction, time: string) => ({
    at: at(time),
    mailbox,
    direction: 'exchange-to-workplace' as const,
    action,
    reason: action,
  });
  await db.insert(syncLog).values([
    entry('room-a@contoso.com', 'created', '31T09:00:00'),
    entry('room-a@contoso.com', 'intent-matched', '31T10:00:00'),
    entry('room-a@contoso.com', 'linked', '30T14:00:00'),
    entry('room-a@contoso.com', 'echo-ignored', '31T10:00:01'), // our own write coming back: no booking
    entry('room-a@contoso.com', 'created', '29T09:00:00'), // within 7 days, not 24 hours
    // Room B, held from the add-in and added to a meeting already booked for another room: the sync adds
    // a line to that reservation and logs an update, yet it is a booking of Room B.
    {
      ...entry('room-b@contoso.com', 'updated', '31T12:00:00'),
      reason: 'The room was added to the meeting in Outlook',
    },
    entry('room-d@contoso.com', 'created', '31T11:00:00'),
    // Released for nobody checking in: by Workplace (the room declined with the reason), and by Exchange.
    { ...entry('room-b@contoso.com', 'declined', '31T12:15:00'), reason: 'Released: nobody checked in by 13:15' },
    {
      ...entry('room-a@contoso.com', 'updated', '31T11:12:00'),
      reason:
        'The room released it in Exchange after it began (nobody checked in, or it was ended at the room): released in Workplace',
    },
    // Declined for another reason: not a no-show.
    { ...entry('room-b@contoso.com', 'declined', '31T12:16:00'), reason: 'Double booking in Workplace' },
  ]);
  // What the room has been booked for: one link per room event, the reservation it belongs to.
  let events = 0;
  const link = (mailbox: string, reservationId: string, time: string, occurrenceOf: string | null = null) => ({
    mailbox,
    graphEventId: `event-${++events}`,
    iCalUId: `uid-${reservationId}`,
    seriesMasterEventId: occurrenceOf,
    occurrenceOriginalStart: occurrenceOf === null ? null : at(time),
    workplaceReservationId: reservationId,
    workplaceLineId: `line-${mailbox}`,
    graphChangeKey: 'ck',
    workplaceVersion: '1',
    graphHash: 'g',
    workplaceHash: 'w',
    origin: 'exchange' as const,
    createdAt: at(time),
  });
  await db.insert(bookingLinks).values([
    link('room-a@contoso.com', 'r-series', '31T09:00:00'),
    // A moved occurrence of the same series: its own row, the same booking.
    link('room-a@contoso.com', 'r-series', '31T09:30:00', 'event-1'),
    link('room-a@contoso.com', 'r-hold', '31T10:00:00'), // an add-in hold the meeting confirmed
    link('room-a@contoso.com', 'r-other-room', '30T14:00:00'), // a room copy of a meeting already synced
    link('room-a@contoso.com', 'r-tuesday', '29T09:00:00'), // within 7 days, not 24 hours
    link('room-a@contoso.com', 'r-last-month', '01T09:00:00'),
    link('room-b@contoso.com', 'r-meeting', '31T12:00:00'),
    link('room-d@contoso.com', 'r-unlinked', '31T11:00:00'),
  ]);
}

function defineActivityReport(open: () => Promise<Database>) {
  const database = useTestDb(open);

  test('per hour over 24 hours: latency percentiles per direction, backlog, open items and notifications', async () => {
    await seed(database());
    const report = await readActivityReport(database().db, { range: '24h', timeZone: 'UTC', now: NOW });
    expect(report.buckets).toHaveLength(24);
    expect(report.buckets[0]).toMatchObject({ start: '2030-03-30T13:00:00Z', end: '2030-03-30T14:00:00Z' });
    const [tenToEleven, elevenToNoon, current] = report.buckets.slice(-3);
    expect(tenToEleven).toMatchObject({ backlog: 0, failedOpen: 1, quarantinedOpen: 0, notifications: 0 });
    expect(elevenToNoon).toEqual({
      start: '2030-03-31T11:00:00Z',
      end: '2030-03-31T12:00:00Z',
      latency: {
        // percentile_cont: 0.99 of the way from the 4th (4 s) to the 5th (100 s) sample.
        'exchange-to-workplace': { p50: 3, p99: 96.16, count: 5 },
        'workplace-to-exchange': { p50: null, p99: null, count: 0 },
      },
      backlog: 1,
      failedOpen: 1,
      quarantinedOpen: 1,
      notifications: 2,
      notificationsPerMinute: 0.03,
    });
    // The current hour, so far (30 minutes): levels as of now.
    expect(current).toEqual({
      start: '2030-03-31T12:00:00Z',
      end: '2030-03-31T13:00:00Z',
      latency: {
        'exchange-to-workplace': { p50: null, p99: null, count: 0 },
        'workplace-to-exchange': { p50: 15, p99: 19.9, count: 2 },
      },
      backlog: 2,
      failedOpen: 1,
      quarantinedOpen: 0,
      notifications: 3,
      notificationsPerMinute: 0.1,
    });
    expect(report.rooms).toEqual([
      {
        mailbox: 'room-a@contoso.com',
        displayName: 'Room A',
        bookings: 3,
        bookingsPerDay: 3,
        noShowReleases: 1,
        noShowShare: 0.33,
      },
      {
        mailbox: 'room-b@contoso.com',
        displayName: 'Room B',
        bookings: 1,
        bookingsPerDay: 1,
        noShowReleases: 1,
        noShowShare: 1,
      },
      {
        mailbox: 'room-c@contoso.com',
        displayName: 'Room C',
        bookings: 0,
        bookingsPerDay: 0,
        noShowReleases: 0,
        noShowShare: null,
      },
    ]);
    expect(report.roomCount).toBe(3);
  });

  test('per day over 7 days in the admin’s zone: days begin at local midnight, the DST day is 23 hours', async () => {
    await seed(database());
    const report = await readActivityReport(database().db, { range: '7d', timeZone: 'Europe/Brussels', now: NOW });
    expect(report.buckets.map((bucket) => bucket.start)).toEqual([
      '2030-03-24T23:00:00Z',
      '2030-03-25T23:00:00Z',
      '2030-03-26T23:00:00Z',
      '2030-03-27T23:00:00Z',
      '2030-03-28T23:00:00Z',
      '2030-03-29T23:00:00Z',
      '2030-03-30T23:00:00Z',
    ]);
    const today = report.buckets.at(-1)!;
    expect(today.end).toBe('2030-03-31T22:00:00Z');
    expect(today.latency['exchange-to-workplace']).toEqual({ p50: 3, p99: 96.16, count: 5 });
    expect(today.latency['workplace-to-exchange']).toEqual({ p50: 15, p99: 19.9, count: 2 });
    // 5 notifications in the 13.5 hours of today so far.
    expect(today).toMatchObject({ notifications: 5, notificationsPerMinute: 0.01, backlog: 2 });
    expect(report.rooms.slice(0, 2)).toEqual([
      expect.objectContaining({ mailbox: 'room-a@contoso.com', bookings: 4, bookingsPerDay: 0.57, noShowReleases: 1 }),
      expect.objectContaining({ mailbox: 'room-b@contoso.com', bookings: 1, bookingsPerDay: 0.14, noShowReleases: 1 }),
    ]);
  });

  test('an empty database: every bucket is there, with zeros and no percentiles', async () => {
    const report = await readActivityReport(database().db, { range: '7d', timeZone: 'UTC', now: NOW });
    expect(report.buckets).toHaveLength(7);
    expect(
      report.buckets.every(
        (bucket) => bucket.notifications === 0 && bucket.latency['exchange-to-workplace'].p50 === null,
      ),
    ).toBe(true);
    expect(report).toMatchObject({ rooms: [], roomCount: 0 });
  });
}

describe('readActivityReport on PGlite', () => defineActivityReport(createTestPglite));

describeWithPostgres('readActivityReport on PostgreSQL', (adminUrl) =>
  defineActivityReport(() => createTestPostgres(adminUrl)),
);
