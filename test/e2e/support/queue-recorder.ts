import pg from 'pg';

// Records, inside the database the server processes share, every claim and end of a job and every
// stored and processed notification, with the time (clock_timestamp) and the instance that did it
// (its connections' application_name: PGAPPNAME in each server's environment). Test-only triggers on
// the server's tables; the server does not know about them.

const recordingSql = `
create table test_job_events (
  seq bigserial primary key,
  at timestamptz not null default clock_timestamp(),
  instance text not null default current_setting('application_name'),
  queue text not null,
  key text not null,
  new_state text not null,
  old_lease uuid,
  new_lease uuid,
  slot timestamptz not null,
  is_recurring boolean not null,
  error text
);
create function test_record_job_event() returns trigger language plpgsql as $$
begin
  if new.state is distinct from old.state or new.lease_id is distinct from old.lease_id then
    insert into test_job_events (queue, key, new_state, old_lease, new_lease, slot, is_recurring, error)
    values (new.queue, new.key, new.state, old.lease_id, new.lease_id, old.run_at, new.repeat_every_ms is not null, new.last_error);
  end if;
  return new;
end $$;
create trigger test_record_job_event after update on jobs for each row execute function test_record_job_event();

create table test_notification_events (
  notification_id bigint not null,
  instance text not null default current_setting('application_name'),
  event text not null
);
create function test_record_notification_event() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into test_notification_events (notification_id, event) values (new.id, 'stored');
  elsif new.processed_at is distinct from old.processed_at then
    insert into test_notification_events (notification_id, event)
    values (new.id, case when old.processed_at is null then 'processed' else 'processed again' end);
  end if;
  return new;
end $$;
create trigger test_record_notification_event after insert or update on graph_notifications
  for each row execute function test_record_notification_event();
`;

/** One claim of a job, from its claim to its end (complete, fail, lease reaped, release). */
export type JobRun = {
  queue: string;
  key: string;
  /** The instance that claimed it. */
  instance: string;
  claimedAt: Date;
  /** The run_at the claim took: for a schedule, its slot. */
  slot: Date;
  isRecurring: boolean;
  /** Null while the run has not ended. */
  end: { at: Date; instance: string; error: string | null } | null;
};

export type QueueRecorder = {
  jobRuns(): Promise<JobRun[]>;
  /** Keys that have an active job claimed by `instance` now. */
  activeKeysOf(instance: string): Promise<string[]>;
  /** Per notification row: the instance that stored it, and its processing events (in order). */
  notifications(): Promise<Array<{ id: number; storedBy: string | null; events: string[] }>>;
  /** The ids of the `subscriptions` rows in state active, sorted. */
  activeSubscriptionIds(): Promise<string[]>;
  close(): Promise<void>;
};

/** Installs the triggers in the (migrated) database at `url`, and reads what they recorded. */
export async function startQueueRecorder(url: string): Promise<QueueRecorder> {
  const client = new pg.Client({ connectionString: url, application_name: 'test' });
  await client.connect();
  await client.query(recordingSql);
  return {
    async jobRuns() {
      const { rows } = await client.query<{
        at: Date;
        instance: string;
        queue: string;
        key: string;
        new_state: string;
        old_lease: string | null;
        new_lease: string | null;
        slot: Date;
        is_recurring: boolean;
        error: string | null;
      }>('select * from test_job_events order by seq');
      const runs = new Map<string, JobRun>();
      for (const row of rows) {
        const ended = row.old_lease ? runs.get(row.old_lease) : undefined;
        if (ended) ended.end = { at: row.at, instance: row.instance, error: row.error };
        if (row.new_state === 'active' && row.new_lease) {
          runs.set(row.new_lease, {
            queue: row.queue,
            key: row.key,
            instance: row.instance,
            claimedAt: row.at,
            slot: row.slot,
            isRecurring: row.is_recurring,
            end: null,
          });
        }
      }
      return [...runs.values()];
    },
    async activeKeysOf(instance) {
      const { rows } = await client.query<{ key: string }>(
        `select j.key from jobs j join test_job_events e on e.new_lease = j.lease_id
         where j.state = 'active' and e.instance = $1`,
        [instance],
      );
      return rows.map((row) => row.key);
    },
    async notifications() {
      const { rows } = await client.query<{ id: string; stored_by: string | null; events: string[] | null }>(
        `select n.id,
                (select instance from test_notification_events s where s.notification_id = n.id and s.event = 'stored') as stored_by,
                (select array_agg(event order by ctid) from test_notification_events p
                  where p.notification_id = n.id and p.event <> 'stored') as events
         from graph_notifications n order by n.id`,
      );
      return rows.map((row) => ({ id: Number(row.id), storedBy: row.stored_by, events: row.events ?? [] }));
    },
    async activeSubscriptionIds() {
      const { rows } = await client.query<{ id: string }>(`select id from subscriptions where status = 'active'`);
      return rows.map((row) => row.id).sort();
    },
    close: () => client.end(),
  };
}
