import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../storage/create-db.js';
import type { JobData } from './job-queue.js';

// The queue's SQL, the same on PGlite and PostgreSQL (schema: `jobs` in storage/schema.ts). Each
// function is one short statement or transaction, so callers can pass a drizzle transaction where
// the enqueue must commit together with their own writes.
//
// Workers learn about due jobs through NOTIFY on `jobWakeupChannel` (payload: the queue name), sent
// by the statement that made the job due. NOTIFY is transactional: a job enqueued inside a
// transaction wakes workers when, and only if, that transaction commits.

export const jobWakeupChannel = 'workplace_sync_jobs';

export type EnqueueRow = {
  queue: string;
  key: string;
  data: JobData;
  maxAttempts: number;
  runAt?: Date;
};

export type ClaimedJob = {
  id: number;
  queue: string;
  key: string;
  data: JobData;
  attempt: number;
  maxAttempts: number;
  leaseId: string;
};

const openStates = sql`state in ('pending', 'active')`;
const msInterval = (ms: number) => sql`(${ms}::float8 * interval '1 millisecond')`;
const nextSlotAfterNow = sql`to_timestamp((floor(extract(epoch from now()) * 1000 / repeat_every_ms) + 1) * repeat_every_ms / 1000.0)`;

/**
 * Inserts jobs, coalescing with the open row of the same (queue, key): a pending row absorbs the
 * data (and moves earlier if it is not in backoff); an active row parks it in `next_data` so the job
 * runs once more after the current run. Duplicates within `rows` are merged first (PostgreSQL refuses
 * to touch one row twice in an upsert).
 */
export async function enqueueJobs(db: Db, rows: readonly EnqueueRow[]): Promise<void> {
  const merged = mergeByQueueAndKey(rows);
  if (merged.length === 0) return;
  const values = merged.map(
    (row) =>
      sql`(${row.queue}, ${row.key}, ${JSON.stringify(row.data)}::jsonb, ${row.maxAttempts}::int, ${
        row.runAt ? sql`${row.runAt.toISOString()}::timestamptz` : sql`now()`
      })`,
  );
  await db.execute(sql`
    with upserted as (
      insert into jobs as j (queue, key, data, max_attempts, run_at)
      values ${sql.join(values, sql`, `)}
      on conflict (queue, key) where ${openStates} do update set
        data = case when j.state = 'pending' then j.data || excluded.data else j.data end,
        next_data = case when j.state = 'active' then coalesce(j.next_data, '{}'::jsonb) || excluded.data else j.next_data end,
        run_at = case when j.state = 'pending' and j.attempts = 0 then least(j.run_at, excluded.run_at) else j.run_at end,
        updated_at = now()
      returning j.queue, j.state, j.run_at
    )
    select pg_notify(${jobWakeupChannel}, due.queue)
    from (select distinct queue from upserted where state = 'pending' and run_at <= now()) due`);
}

function mergeByQueueAndKey(rows: readonly EnqueueRow[]): EnqueueRow[] {
  const byQueueAndKey = new Map<string, EnqueueRow>();
  for (const row of rows) {
    const id = JSON.stringify([row.queue, row.key]);
    const earlier = byQueueAndKey.get(id);
    byQueueAndKey.set(
      id,
      earlier
        ? {
            ...row,
            data: { ...earlier.data, ...row.data },
            runAt: earlier.runAt && row.runAt && earlier.runAt < row.runAt ? earlier.runAt : row.runAt,
          }
        : row,
    );
  }
  // One order for every writer, so that two transactions upserting overlapping jobs cannot deadlock.
  return [...byQueueAndKey.values()].sort((a, b) =>
    a.queue === b.queue ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.queue < b.queue ? -1 : 1,
  );
}

/**
 * Claims up to `limit` due jobs of `queue` whose key has no active job (in any queue). On PostgreSQL
 * two instances may race to activate two jobs of one key from different queues; the unique index
 * `jobs_active_key_unique` then fails one claim with 23505 (see isUniqueViolation), to be retried.
 */
export async function claimJobs(
  db: Db,
  { queue, limit, leaseMs }: { queue: string; limit: number; leaseMs: number },
): Promise<ClaimedJob[]> {
  const { rows } = await db.execute<{
    id: string | number;
    queue: string;
    key: string;
    data: JobData;
    attempts: number;
    max_attempts: number;
    lease_id: string;
  }>(sql`
    with next as (
      select c.id
      from jobs c
      where c.queue = ${queue} and c.state = 'pending' and c.run_at <= now()
        and not exists (select 1 from jobs a where a.key = c.key and a.state = 'active')
      order by c.run_at, c.id
      limit ${limit}
      for update skip locked
    )
    update jobs j set
      state = 'active',
      attempts = j.attempts + 1,
      lease_id = gen_random_uuid(),
      locked_until = now() + ${msInterval(leaseMs)},
      progress = null,
      started_at = now(),
      updated_at = now()
    from next
    where j.id = next.id
    returning j.id, j.queue, j.key, j.data, j.attempts, j.max_attempts, j.lease_id`);
  return rows.map((row) => ({
    id: Number(row.id),
    queue: row.queue,
    key: row.key,
    data: row.data,
    attempt: row.attempts,
    maxAttempts: row.max_attempts,
    leaseId: row.lease_id,
  }));
}

/** Records what a run reports of its progress; ignored once the lease is no longer ours. */
export async function reportJobProgress(
  db: Db,
  { id, leaseId, progress }: { id: number; leaseId: string; progress: JobData },
): Promise<void> {
  await db.execute(sql`
    update jobs set progress = ${JSON.stringify(progress)}::jsonb
    where id = ${id} and lease_id = ${leaseId}::uuid and state = 'active'`);
}

/** Ends a successful run. False when the lease was no longer ours (the job was taken over). */
export async function completeJob(db: Db, { id, leaseId }: { id: number; leaseId: string }): Promise<boolean> {
  const { rows } = await db.execute<{ key: string }>(sql`
    update jobs set
      state = case when next_data is not null or repeat_every_ms is not null then 'pending' else 'done' end,
      data = data || coalesce(next_data, '{}'::jsonb),
      next_data = null,
      attempts = case when next_data is not null or repeat_every_ms is not null then 0 else attempts end,
      run_at = case
        when next_data is not null then now()
        when repeat_every_ms is not null then ${nextSlotAfterNow}
        else run_at end,
      last_error = null,
      lease_id = null,
      locked_until = null,
      finished_at = case when next_data is not null or repeat_every_ms is not null then null else now() end,
      updated_at = now()
    where id = ${id} and lease_id = ${leaseId}::uuid and state = 'active'
    returning key`);
  await wakeDueJobsOfKeys(
    db,
    rows.map((row) => row.key),
  );
  return rows.length > 0;
}

/** Ends a failed run: back to pending after `delayMs`, or `dead` once its attempts are used up. */
export async function failJob(
  db: Db,
  { id, leaseId, delayMs, error }: { id: number; leaseId: string; delayMs: number; error: string },
): Promise<'retry' | 'dead' | 'lost'> {
  const [settled] = await retryOrBury(
    db,
    sql`id = ${id} and lease_id = ${leaseId}::uuid and state = 'active'`,
    delayMs,
    error,
  );
  return settled ? (settled.state === 'dead' ? 'dead' : 'retry') : 'lost';
}

/** Jobs whose worker stopped renewing its lease (killed, hung, partitioned) are retried at once. */
export async function reapExpiredLeases(db: Db): Promise<number> {
  const settled = await retryOrBury(
    db,
    sql`state = 'active' and locked_until < now()`,
    0,
    'lease expired: the worker stopped or lost the database',
  );
  return settled.length;
}

async function retryOrBury(
  db: Db,
  which: SQL,
  delayMs: number,
  error: string,
): Promise<Array<{ key: string; state: string }>> {
  // Recurring jobs are never buried: after their attempts are used up they wait for their next slot.
  const isRetried = sql`(attempts < max_attempts or repeat_every_ms is not null)`;
  return db.transaction(async (tx) => {
    const { rows } = await tx.execute<{
      queue: string;
      key: string;
      state: string;
      next_data: JobData | null;
      max_attempts: number;
    }>(sql`
      update jobs set
        state = case when ${isRetried} then 'pending' else 'dead' end,
        run_at = case
          when attempts < max_attempts then now() + ${msInterval(delayMs)}
          when repeat_every_ms is not null then ${nextSlotAfterNow}
          else run_at end,
        attempts = case when attempts >= max_attempts and repeat_every_ms is not null then 0 else attempts end,
        data = case when ${isRetried} then data || coalesce(next_data, '{}'::jsonb) else data end,
        next_data = case when ${isRetried} then null else next_data end,
        last_error = ${error},
        lease_id = null,
        locked_until = null,
        finished_at = case when ${isRetried} then null else now() end,
        updated_at = now()
      where ${which}
      returning queue, key, state, next_data, max_attempts`);
    // Sends that arrived during a run that then died are new work: they start a fresh series.
    await enqueueJobs(
      tx,
      rows.flatMap((row) =>
        row.state === 'dead' && row.next_data
          ? [{ queue: row.queue, key: row.key, data: row.next_data, maxAttempts: row.max_attempts }]
          : [],
      ),
    );
    await wakeDueJobsOfKeys(
      tx,
      rows.map((row) => row.key),
    );
    return rows;
  });
}

/** Extends the leases of running jobs; returns the lease ids that are still ours. */
export async function extendLeases(db: Db, leaseIds: readonly string[], leaseMs: number): Promise<Set<string>> {
  if (leaseIds.length === 0) return new Set();
  const { rows } = await db.execute<{ lease_id: string }>(sql`
    update jobs set locked_until = now() + ${msInterval(leaseMs)}, updated_at = now()
    where state = 'active' and lease_id in (${sql.join(
      leaseIds.map((leaseId) => sql`${leaseId}::uuid`),
      sql`, `,
    )})
    returning lease_id`);
  return new Set(rows.map((row) => row.lease_id));
}

/** Hands unfinished jobs back (shutdown): pending at once, and the interrupted claim is not counted. */
export async function releaseJobs(db: Db, leaseIds: readonly string[]): Promise<number> {
  if (leaseIds.length === 0) return 0;
  const { rows } = await db.execute<{ key: string }>(sql`
    update jobs set
      state = 'pending',
      attempts = greatest(attempts - 1, 0),
      data = data || coalesce(next_data, '{}'::jsonb),
      next_data = null,
      lease_id = null,
      locked_until = null,
      run_at = now(),
      updated_at = now()
    where state = 'active' and lease_id in (${sql.join(
      leaseIds.map((leaseId) => sql`${leaseId}::uuid`),
      sql`, `,
    )})
    returning key`);
  await wakeDueJobsOfKeys(
    db,
    rows.map((row) => row.key),
  );
  return rows.length;
}

/**
 * A key just became free (its job ended or was released): wake the queues that have a due job for
 * it, which the claim skipped while the key was busy.
 */
async function wakeDueJobsOfKeys(db: Db, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.execute(sql`
    select pg_notify(${jobWakeupChannel}, due.queue)
    from (
      select distinct queue from jobs
      where state = 'pending' and run_at <= now()
        and key in (${sql.join(
          [...new Set(keys)].map((key) => sql`${key}`),
          sql`, `,
        )})
    ) due`);
}

/** Registers (or updates) the recurring row of a schedule; the first run is at the next slot. */
export async function ensureRecurringJob(
  db: Db,
  { queue, data, everyMs, maxAttempts }: { queue: string; data: JobData; everyMs: number; maxAttempts: number },
): Promise<void> {
  await db.execute(sql`
    insert into jobs as j (queue, key, data, max_attempts, repeat_every_ms, run_at)
    select ${queue}, ${queue}, ${JSON.stringify(data)}::jsonb, ${maxAttempts}::int, repeat_every_ms, ${nextSlotAfterNow}
    from (select ${everyMs}::int as repeat_every_ms) schedule
    on conflict (queue, key) where ${openStates} do update set
      repeat_every_ms = excluded.repeat_every_ms,
      max_attempts = excluded.max_attempts,
      updated_at = now()`);
}

/** Deletes finished rows past their retention; dead ones are kept longer, for the admin console. */
export async function pruneFinishedJobs(db: Db, { doneMs, deadMs }: { doneMs: number; deadMs: number }): Promise<void> {
  await db.execute(sql`
    delete from jobs
    where (state = 'done' and finished_at < now() - ${msInterval(doneMs)})
       or (state = 'dead' and finished_at < now() - ${msInterval(deadMs)})`);
}

/**
 * Milliseconds until the earliest pending job of `queue` is due, by the database clock (negative when
 * one is due but waits for its key; null when none is pending). Lets an idle worker sleep exactly
 * until a backoff ends.
 */
export async function msUntilNextRun(db: Db, queue: string): Promise<number | null> {
  const { rows } = await db.execute<{ ms: string | number | null }>(sql`
    select extract(epoch from min(run_at) - now()) * 1000 as ms
    from jobs where queue = ${queue} and state = 'pending'`);
  const ms = rows[0]?.ms ?? null;
  return ms === null ? null : Number(ms);
}

/** PostgreSQL's unique_violation, wherever drizzle or the driver put it in the cause chain. */
export function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if ((current as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
