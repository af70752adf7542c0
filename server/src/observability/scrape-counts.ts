import { sql } from 'drizzle-orm';
import type { Db } from '../storage/create-db.js';
import type { JobStateCount, RoomSubscriptionCounts } from './metrics.js';

// What the gauges read from the database at scrape time: every instance sees the same tables, so any
// instance's /metrics answers for all of them.

/** Rows of the job table by queue and state, for the `workplace_sync_job_rows` gauge. */
export async function countJobStates(db: Db): Promise<JobStateCount[]> {
  const { rows } = await db.execute<{ queue: string; state: string; count: number | string }>(
    sql`select queue, state, count(*) as count from jobs group by queue, state`,
  );
  return rows.map((row) => ({ queue: row.queue, state: row.state, count: Number(row.count) }));
}

/** Linked (enabled) rooms with and without an active Graph subscription, for the `workplace_sync_rooms` gauge. */
export async function countRoomSubscriptions(db: Db): Promise<RoomSubscriptionCounts> {
  const { rows } = await db.execute<{ with_subscription: number | string; without_subscription: number | string }>(
    sql`select
          count(*) filter (where exists (select 1 from subscriptions s where s.mailbox = r.mailbox and s.status = 'active')) as with_subscription,
          count(*) filter (where not exists (select 1 from subscriptions s where s.mailbox = r.mailbox and s.status = 'active')) as without_subscription
        from rooms r where r.is_enabled`,
  );
  const [row] = rows;
  return {
    withSubscription: Number(row?.with_subscription ?? 0),
    withoutSubscription: Number(row?.without_subscription ?? 0),
  };
}
