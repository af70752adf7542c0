import { sql } from 'drizzle-orm';
import type { Db } from '../storage/create-db.js';
import type { JobStateCount } from './metrics.js';

/** Rows of the job table by queue and state, for the `workplace_sync_jobs` gauge (read at scrape time). */
export async function countJobStates(db: Db): Promise<JobStateCount[]> {
  const { rows } = await db.execute<{ queue: string; state: string; count: number | string }>(
    sql`select queue, state, count(*) as count from jobs group by queue, state`,
  );
  return rows.map((row) => ({ queue: row.queue, state: row.state, count: Number(row.count) }));
}
