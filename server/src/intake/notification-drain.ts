import { inArray, sql } from 'drizzle-orm';
import type { JobQueue } from '../jobs/job-queue.js';
import { type SyncJobRequest, type SyncJobs } from '../jobs/sync-jobs.js';
import type { Db } from '../storage/create-db.js';
import { graphNotifications } from '../storage/schema.js';

/** An unprocessed inbox row, with the mailbox of its subscription when that is still known. */
export type InboxRow = {
  id: number;
  subscriptionId: string;
  lifecycleEvent: string | null;
  resource: string | null;
  mailbox: string | null;
};

export type JobSender = Pick<JobQueue<SyncJobs>, 'sendMany'>;

/**
 * Turns notifications into jobs. Change notifications become one `room-changed` per mailbox, however
 * many arrived (a booking alone produces 1 created + 3 updated). Lifecycle events (Graph's
 * lifecycle notifications, reference/graph.md a8): `reauthorizationRequired` → reauthorize;
 * `subscriptionRemoved` → recreate + full resync; `missed` → full resync. Rows whose mailbox cannot be
 * known (their subscription is gone and the resource names no mailbox) produce nothing; they are
 * reported as `unroutable`.
 */
export function jobsForNotifications(rows: readonly InboxRow[]): { jobs: SyncJobRequest[]; unroutable: InboxRow[] } {
  const jobs: SyncJobRequest[] = [];
  const unroutable: InboxRow[] = [];
  for (const row of rows) {
    const mailbox = row.mailbox ?? mailboxFromResource(row.resource);
    if (!mailbox) {
      unroutable.push(row);
      continue;
    }
    switch (row.lifecycleEvent) {
      case null:
        jobs.push({ name: 'room-changed', key: mailbox, data: { mailbox } });
        break;
      case 'reauthorizationRequired':
        jobs.push({
          name: 'reauthorize-subscription',
          key: row.subscriptionId,
          data: { subscriptionId: row.subscriptionId, mailbox },
        });
        break;
      case 'subscriptionRemoved':
        jobs.push(
          { name: 'recreate-subscription', key: mailbox, data: { mailbox, removedSubscriptionId: row.subscriptionId } },
          { name: 'room-resync', key: mailbox, data: { mailbox, reason: 'subscription-removed' } },
        );
        break;
      case 'missed':
        jobs.push({ name: 'room-resync', key: mailbox, data: { mailbox, reason: 'missed' } });
        break;
      default:
        unroutable.push(row);
    }
  }
  return { jobs: dedupe(jobs), unroutable };
}

function dedupe(jobs: SyncJobRequest[]): SyncJobRequest[] {
  const byQueueAndKey = new Map<string, SyncJobRequest>();
  for (const job of jobs) byQueueAndKey.set(JSON.stringify([job.name, job.key]), job);
  return [...byQueueAndKey.values()];
}

/**
 * Outlook resources read `Users/{id}/Events/{eventId}`. The id is usually the user's GUID (sometimes
 * `{guid}@{tenantGuid}`) even when the subscription named the mailbox, so this only helps when it is
 * an SMTP address; the subscription row is the normal way to the mailbox.
 */
export function mailboxFromResource(resource: string | null): string | null {
  const user = resource?.match(/^\/?users\/([^/]+)\//i)?.[1];
  if (!user) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(user).replace(/^'(.*)'$/, '$1');
  } catch {
    // A malformed escape (`%E0%A4%A`) names no mailbox; throwing would fail every drain that reads the row.
    return null;
  }
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(decoded) ? decoded.toLowerCase() : null;
}

/**
 * Moves up to `limit` unprocessed notifications into jobs, in one transaction: the jobs exist if and
 * only if their notifications are marked processed, so a crash at any point neither loses nor
 * duplicates work. Rows are claimed with SKIP LOCKED, so instances drain side by side.
 */
export async function drainNotifications(
  db: Db,
  queue: JobSender,
  { limit = 500 }: { limit?: number } = {},
): Promise<{ notifications: number; jobs: number; unroutable: InboxRow[] }> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.execute<{
      id: string | number;
      subscription_id: string;
      lifecycle_event: string | null;
      resource: string | null;
      mailbox: string | null;
    }>(sql`
      select n.id, n.subscription_id, n.lifecycle_event, n.resource, coalesce(n.mailbox, s.mailbox) as mailbox
      from graph_notifications n
      left join subscriptions s on s.id = n.subscription_id
      where n.processed_at is null
      order by n.received_at, n.id
      limit ${limit}
      for update of n skip locked`);
    if (rows.length === 0) return { notifications: 0, jobs: 0, unroutable: [] };

    const inbox: InboxRow[] = rows.map((row) => ({
      id: Number(row.id),
      subscriptionId: row.subscription_id,
      lifecycleEvent: row.lifecycle_event,
      resource: row.resource,
      mailbox: row.mailbox,
    }));
    const { jobs, unroutable } = jobsForNotifications(inbox);
    await queue.sendMany(jobs, { tx });
    const ids = inbox.map((row) => row.id);
    await tx
      .update(graphNotifications)
      .set({ processedAt: sql`now()` })
      .where(inArray(graphNotifications.id, ids));
    const drainedIds = sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    );
    // Locked in id order first: two instances draining notifications of the same subscriptions must
    // not lock those rows in opposite orders (a deadlock aborts one drain; it would only be retried).
    await tx.execute(sql`
      select 1 from subscriptions
      where id in (select subscription_id from graph_notifications where id in (${drainedIds}))
      order by id
      for update`);
    await tx.execute(sql`
      update subscriptions s
      set last_notification_at = greatest(s.last_notification_at, latest.received_at)
      from (
        select subscription_id, max(received_at) as received_at
        from graph_notifications
        where id in (${drainedIds})
        group by subscription_id
      ) latest
      where s.id = latest.subscription_id`);
    return { notifications: inbox.length, jobs: jobs.length, unroutable };
  });
}

export type NotificationDrainerOptions = {
  db: Db;
  queue: JobSender;
  /** Notifications per transaction. Default 500. */
  limit?: number;
  /** Backstop for rows nobody kicked for (stored by a process that died before draining). Default 2 s. */
  intervalMs?: number;
  onError?(error: unknown): void;
  onUnroutable?(rows: InboxRow[]): void;
};

/** Drains whenever kicked (after each committed intake batch) and every `intervalMs`. */
export function createNotificationDrainer({
  db,
  queue,
  limit = 500,
  intervalMs = 2_000,
  onError = (error) => console.error('notification drain failed', error),
  onUnroutable,
}: NotificationDrainerOptions): { kick(): void; stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let isKickedAgain = false;
  let isStopped = false;

  const loop = async () => {
    try {
      for (;;) {
        isKickedAgain = false;
        const result = await drainNotifications(db, queue, { limit });
        if (result.unroutable.length > 0) onUnroutable?.(result.unroutable);
        if (isStopped || (result.notifications < limit && !isKickedAgain)) return;
      }
    } catch (error) {
      if (!isStopped) onError(error);
    }
  };

  const kick = () => {
    if (isStopped) return;
    if (running) {
      isKickedAgain = true;
      return;
    }
    running = loop().finally(() => {
      running = null;
    });
  };

  const timer = setInterval(kick, intervalMs);
  timer.unref();

  return {
    kick,
    async stop() {
      isStopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
