import { ROOM_ACTIVITY_LIMIT } from '@workplace-sync/shared';
import type { ActivityBucket, ActivityRange, ActivityReport, RoomActivity } from '@workplace-sync/shared';
import { eq, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../storage/create-db.js';
import { NO_SHOW_REASON_PREFIXES } from '../sync/plan-release.js';
import { bookingLinks, changeLatencies, failedItems, graphNotifications, rooms, syncLog } from '../storage/schema.js';
import { quarantineKind } from '../storage/sync-store.js';

// Everything is aggregated in SQL, the same statements on PGlite and PostgreSQL: a week of a busy
// tenant's notifications and log entries is far too many rows to load into the server.

const BUCKETS: Record<ActivityRange, { unit: 'hour' | 'day'; count: number; step: string; days: number }> = {
  '24h': { unit: 'hour', count: 24, step: '1 hour', days: 1 },
  '7d': { unit: 'day', count: 7, step: '1 day', days: 7 },
};

/** `quarantine:%`: the failed items that are quarantined changes, whichever their direction. */
const QUARANTINE_PATTERN = quarantineKind('exchange-to-workplace').replace(/:.*/, ':%');

type BucketRow = {
  start: string;
  end: string;
  e2w_p50: number | null;
  e2w_p99: number | null;
  e2w_count: number;
  w2e_p50: number | null;
  w2e_p99: number | null;
  w2e_count: number;
  backlog: number;
  failed_open: number;
  quarantined_open: number;
  notifications: number;
  minutes: number;
};

const isoOf = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** The range's buckets (start_at, end_at), the current one last. */
function bucketsOf({ range, timeZone, now }: { range: ActivityRange; timeZone: string; now: Date }): SQL {
  const { unit, count, step } = BUCKETS[range];
  const nowAt = sql`${now.toISOString()}::timestamptz`;
  const zone = sql`${timeZone}::text`;
  const interval = sql`${step}::interval`;
  // Local bucket starts, turned into instants with the zone: a day across a DST change is 23 or 25 hours.
  return sql`
    select local_start at time zone ${zone} as start_at,
           (local_start + ${interval}) at time zone ${zone} as end_at
    from generate_series(
      date_trunc(${unit}::text, ${nowAt} at time zone ${zone}) - ${interval} * ${count - 1},
      date_trunc(${unit}::text, ${nowAt} at time zone ${zone}),
      ${interval}
    ) as local_start`;
}

/** The range the charts cover: the first bucket's start to the last one's end (the end of this hour or day). */
export async function readActivityWindow(
  db: Db,
  query: { range: ActivityRange; timeZone: string; now: Date },
): Promise<{ from: string; to: string }> {
  const result = await db.execute<{ from: string; to: string }>(sql`
    with buckets as (${bucketsOf(query)})
    select ${isoOf(sql`min(start_at)`)} as "from", ${isoOf(sql`max(end_at)`)} as "to" from buckets`);
  return result.rows[0]!;
}

/**
 * The buckets of the range in `timeZone` (the current hour or day last, so far), each with the change
 * latency percentiles per direction, the notifications received, and the backlog, failed and quarantined
 * items open at its end; and per linked room (unlinked ones are left out) the bookings made over the range.
 */
export async function readActivityReport(
  db: Db,
  { range, timeZone, now }: { range: ActivityRange; timeZone: string; now: Date },
): Promise<ActivityReport> {
  const { days } = BUCKETS[range];
  const nowAt = sql`${now.toISOString()}::timestamptz`;
  const buckets = bucketsOf({ range, timeZone, now });
  // Levels are read at the bucket's end, or now for the bucket still running.
  const levelAt = sql`least(b.end_at, ${nowAt})`;
  const percentile = (fraction: number, direction: string) =>
    sql`percentile_cont(${sql.raw(String(fraction))}) within group (order by ${changeLatencies.seconds})
        filter (where ${changeLatencies.direction} = ${direction})`;
  const result = await db.execute<BucketRow>(sql`
    with buckets as (${buckets})
    select ${isoOf(sql`b.start_at`)} as "start",
           ${isoOf(sql`b.end_at`)} as "end",
           l.e2w_p50, l.e2w_p99, l.e2w_count, l.w2e_p50, l.w2e_p99, l.w2e_count,
           (select count(*) from ${graphNotifications}
             where ${graphNotifications.receivedAt} < ${levelAt}
               and (${graphNotifications.processedAt} is null or ${graphNotifications.processedAt} >= ${levelAt}))::int as backlog,
           (select count(*) from ${failedItems}
             where ${failedItems.createdAt} < ${levelAt}
               and (${failedItems.resolvedAt} is null or ${failedItems.resolvedAt} >= ${levelAt})
               and ${failedItems.kind} not like ${QUARANTINE_PATTERN})::int as failed_open,
           (select count(*) from ${failedItems}
             where ${failedItems.createdAt} < ${levelAt}
               and (${failedItems.resolvedAt} is null or ${failedItems.resolvedAt} >= ${levelAt})
               and ${failedItems.kind} like ${QUARANTINE_PATTERN})::int as quarantined_open,
           (select count(*) from ${graphNotifications}
             where ${graphNotifications.receivedAt} >= b.start_at and ${graphNotifications.receivedAt} < b.end_at)::int
             as notifications,
           (extract(epoch from (${levelAt} - b.start_at)) / 60)::float8 as minutes
    from buckets b
    left join lateral (
      select ${percentile(0.5, 'exchange-to-workplace')}::float8 as e2w_p50,
             ${percentile(0.99, 'exchange-to-workplace')}::float8 as e2w_p99,
             (count(*) filter (where ${changeLatencies.direction} = 'exchange-to-workplace'))::int as e2w_count,
             ${percentile(0.5, 'workplace-to-exchange')}::float8 as w2e_p50,
             ${percentile(0.99, 'workplace-to-exchange')}::float8 as w2e_p99,
             (count(*) filter (where ${changeLatencies.direction} = 'workplace-to-exchange'))::int as w2e_count
      from ${changeLatencies}
      where ${changeLatencies.at} >= b.start_at and ${changeLatencies.at} < b.end_at
    ) l on true
    order by b.start_at`);
  const bucketRows = result.rows;
  const from = bucketRows[0]!.start;
  const to = bucketRows.at(-1)!.end;

  const isNoShow = sql.join(
    NO_SHOW_REASON_PREFIXES.map((prefix) => sql`${syncLog.reason} like ${`${prefix}%`}`),
    sql` or `,
  );
  // A booking is a reservation the room got over the range, counted once however the sync came to link
  // it (made on either side, a confirmed add-in hold, the room added to a meeting already booked, which
  // the log calls an update) and however many occurrence rows a series has.
  const roomRows = await db.execute<{
    mailbox: string;
    display_name: string;
    bookings: number;
    no_shows: number;
  }>(sql`
    select ${rooms.mailbox} as mailbox, ${rooms.displayName} as display_name,
      coalesce(made.bookings, 0)::int as bookings,
      (select count(*) from ${syncLog}
        where ${syncLog.mailbox} = ${rooms.mailbox}
          and ${syncLog.at} >= ${from}::timestamptz and ${syncLog.at} < ${to}::timestamptz
          and ${syncLog.action} in ('cancelled', 'declined', 'updated') and (${isNoShow}))::int as no_shows
    from ${rooms}
    left join (
      select ${bookingLinks.mailbox} as mailbox, count(distinct ${bookingLinks.workplaceReservationId}) as bookings
      from ${bookingLinks}
      where ${bookingLinks.createdAt} >= ${from}::timestamptz and ${bookingLinks.createdAt} < ${to}::timestamptz
      group by ${bookingLinks.mailbox}
    ) made on made.mailbox = ${rooms.mailbox}
    where ${rooms.isEnabled}
    order by bookings desc, ${rooms.displayName}
    limit ${ROOM_ACTIVITY_LIMIT}`);
  const roomCount = await db.$count(rooms, eq(rooms.isEnabled, true));

  const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;
  const latencyOf = (p50: number | null, p99: number | null, measured: number) => ({
    p50: p50 === null ? null : round(p50),
    p99: p99 === null ? null : round(p99),
    count: measured,
  });
  return {
    range,
    timeZone,
    buckets: bucketRows.map((row): ActivityBucket => ({
      start: row.start,
      end: row.end,
      latency: {
        'exchange-to-workplace': latencyOf(row.e2w_p50, row.e2w_p99, row.e2w_count),
        'workplace-to-exchange': latencyOf(row.w2e_p50, row.w2e_p99, row.w2e_count),
      },
      backlog: row.backlog,
      failedOpen: row.failed_open,
      quarantinedOpen: row.quarantined_open,
      notifications: row.notifications,
      notificationsPerMinute: row.minutes > 0 ? round(row.notifications / row.minutes, 2) : 0,
    })),
    rooms: roomRows.rows.map((row): RoomActivity => ({
      mailbox: row.mailbox,
      displayName: row.display_name,
      bookings: row.bookings,
      bookingsPerDay: round(row.bookings / days, 2),
      noShowReleases: row.no_shows,
      noShowShare: row.bookings > 0 ? round(Math.min(1, row.no_shows / row.bookings), 2) : null,
    })),
    roomCount,
  };
}
