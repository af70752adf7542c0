import { eq } from 'drizzle-orm';
import type { NotificationIntake } from '../intake/notification-intake.js';
import type { Db } from '../storage/create-db.js';
import { changeLatencies, subscriptions } from '../storage/schema.js';
import type { SyncDirection } from '../storage/schema.js';
import type { Metrics, NotificationSource } from './metrics.js';

// Latency from "a change was announced to us" to "the sync run that read it finished": Graph change
// notifications by subscription, Workplace webhook deliveries under one key. Measured per process:
// a notification received by one instance and synced by another is not measured (jobs carry no
// timestamps), which the job duration histogram covers instead. Each observation is also stored
// (change_latencies) for the console's charts, which need history across restarts and instances.

const MAX_KEYS = 100_000;
const MAX_PENDING_PER_KEY = 64;
const WORKPLACE_KEY = 'workplace-feed';

/** Times changes were received, per key (a Graph subscription, the Workplace feed), until a sync run covers them. */
export function createChangeTimes(now: () => number = Date.now) {
  const pending = new Map<string, number[]>();
  return {
    received(keys: Iterable<string>, at = now()): void {
      for (const key of keys) {
        let times = pending.get(key);
        if (!times) {
          if (pending.size >= MAX_KEYS) pending.clear();
          times = [];
          pending.set(key, times);
        }
        if (times.length < MAX_PENDING_PER_KEY) times.push(at);
      }
    },
    /**
     * The earliest change received before `runStartedAt` for any of `keys` (a run reads everything up to
     * its start), or null; those changes are forgotten, later ones wait for the next run.
     */
    take(keys: Iterable<string>, runStartedAt: number): number | null {
      let earliest: number | null = null;
      for (const key of keys) {
        const times = pending.get(key);
        if (!times) continue;
        const covered = times.filter((at) => at <= runStartedAt);
        if (covered.length === 0) continue;
        earliest = Math.min(earliest ?? Infinity, ...covered);
        const later = times.filter((at) => at > runStartedAt);
        if (later.length > 0) pending.set(key, later);
        else pending.delete(key);
      }
      return earliest;
    },
    get isEmpty(): boolean {
      return pending.size === 0;
    },
  };
}

export type ChangeTimes = ReturnType<typeof createChangeTimes>;

export type ChangeLatencyOptions = {
  db: Db;
  metrics: Metrics;
  now?: () => number;
};

/**
 * What the intake and the sync runtime report: changes received (counted by kind, timed) and sync runs
 * finished (observed as change → sync latency).
 */
export function createChangeLatency({ db, metrics, now = Date.now }: ChangeLatencyOptions) {
  const times = createChangeTimes(now);
  const subscriptionIdsOf = async (mailbox: string) =>
    (await db.select({ id: subscriptions.id }).from(subscriptions).where(eq(subscriptions.mailbox, mailbox))).map(
      (row) => row.id,
    );
  const directionOf: Record<NotificationSource, SyncDirection> = {
    graph: 'exchange-to-workplace',
    workplace: 'workplace-to-exchange',
  };
  const observe = async (source: NotificationSource, earliest: number | null) => {
    if (earliest === null) return;
    const seconds = (now() - earliest) / 1000;
    metrics.changeSynced(source, seconds);
    // A metric must never fail the job: an unwritable table only loses this sample from the charts.
    await db
      .insert(changeLatencies)
      .values({ at: new Date(now()), direction: directionOf[source], seconds })
      .catch(() => undefined);
  };

  return {
    now,
    /** The intake, counting and timing every notification it stored. */
    observeIntake(intake: NotificationIntake): NotificationIntake {
      return {
        async store(notifications) {
          try {
            await intake.store(notifications);
          } catch (error) {
            metrics.failure('notification-intake');
            throw error;
          }
          const at = now();
          for (const notification of notifications) {
            metrics.notificationReceived('graph', notification.lifecycleEvent ?? notification.changeType);
          }
          times.received(
            new Set(notifications.filter((n) => n.lifecycleEvent === null).map((n) => n.subscriptionId)),
            at,
          );
        },
      };
    },
    /** A Workplace webhook delivery was accepted. */
    workplaceNotified(): void {
      metrics.notificationReceived('workplace', 'change');
      times.received([WORKPLACE_KEY]);
    },
    /** A sync run of `mailbox` that started at `runStartedAt` finished. */
    async roomSynced(mailbox: string, runStartedAt: number): Promise<void> {
      if (times.isEmpty) return;
      // A metric must never fail the job: an unreadable subscription table only skips this observation.
      const ids = await subscriptionIdsOf(mailbox).catch(() => null);
      if (ids) await observe('graph', times.take(ids, runStartedAt));
    },
    /** A read of the Workplace change feed that started at `runStartedAt` finished. */
    async feedSynced(runStartedAt: number): Promise<void> {
      await observe('workplace', times.take([WORKPLACE_KEY], runStartedAt));
    },
  };
}

export type ChangeLatency = ReturnType<typeof createChangeLatency>;
