import { createHmac } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import pLimit from 'p-limit';
import { AppError } from '../errors.js';
import type { GraphAdapter } from '../adapters/graph/graph-adapter.js';
import { clientStateHashOf } from '../intake/subscription-verifier.js';
import type { Db } from '../storage/create-db.js';
import { subscriptions } from '../storage/schema.js';

export type SubscriptionManagerOptions = {
  db: Db;
  graph: Pick<
    GraphAdapter,
    'createSubscription' | 'renewSubscription' | 'reauthorizeSubscription' | 'deleteSubscription' | 'listSubscriptions'
  >;
  /** https origin Graph posts to (loopback http is accepted by the emulator only). */
  publicUrl: string;
  clientStateSecret: string;
  now: () => Date;
  /** Called when a subscription id is created or dropped, so the webhook's cache forgets it. */
  onChanged: (subscriptionId: string) => void;
};

const DAY_MS = 86_400_000;
// Graph allows 7 days for events; renew when less than 3 days remain, so a day of outage loses nothing.
const RENEW_WHEN_LESS_THAN_MS = 3 * DAY_MS;
// Creating a subscription waits for Graph to validate our webhook (a POST to it, answered within 10 s):
// ≈ 50–100 ms each, so a thousand rooms one after another would wait over a minute before their first
// sync. A few at a time, like the per-mailbox limit elsewhere.
const SUBSCRIBE_CONCURRENCY = 4;

/**
 * One Graph subscription per linked room (`/users/{room}/events`, created/updated/deleted, with lifecycle
 * notifications). The clientState is derived per mailbox from the configured secret, so it is never
 * stored; the table keeps its hash for the webhook's constant-time check.
 */
export function createSubscriptionManager({
  db,
  graph,
  publicUrl,
  clientStateSecret,
  now,
  onChanged,
}: SubscriptionManagerOptions) {
  const clientStateOf = (mailbox: string) =>
    createHmac('sha256', clientStateSecret).update(mailbox.toLowerCase()).digest('hex');

  async function create(mailbox: string) {
    const clientState = clientStateOf(mailbox);
    const input = {
      mailbox,
      notificationUrl: `${publicUrl}/webhooks/graph`,
      lifecycleNotificationUrl: `${publicUrl}/webhooks/graph/lifecycle`,
      clientState,
    };
    const created = await graph.createSubscription(input).catch(async (error: unknown) => {
      // A process killed between Graph's answer and the insert below leaves a subscription that Graph
      // holds and the table does not; Graph then refuses another one for the room (409 "already exists
      // for the requested combination"). Such an orphan is deleted and the room subscribed again.
      const known = new Set(
        (await db.select({ id: subscriptions.id }).from(subscriptions).where(eq(subscriptions.status, 'active'))).map(
          (row) => row.id,
        ),
      );
      const orphans = (await graph.listSubscriptions()).filter(
        (subscription) =>
          subscription.mailbox?.toLowerCase() === mailbox.toLowerCase() &&
          subscription.notificationUrl === input.notificationUrl &&
          !known.has(subscription.id),
      );
      if (orphans.length === 0) throw error;
      for (const orphan of orphans) await graph.deleteSubscription(orphan.id);
      return graph.createSubscription(input);
    });
    await db.insert(subscriptions).values({
      id: created.id,
      mailbox: mailbox.toLowerCase(),
      resource: created.resource,
      clientStateHash: clientStateHashOf(clientState),
      expiresAt: new Date(created.expiresAt),
      status: 'active',
    });
    onChanged(created.id);
    return created;
  }

  async function drop(subscriptionId: string, status: 'removed' | 'expired') {
    await db.update(subscriptions).set({ status, updatedAt: now() }).where(eq(subscriptions.id, subscriptionId));
    onChanged(subscriptionId);
  }

  return {
    clientStateOf,
    /**
     * Creates missing subscriptions and renews those that expire soon, a few rooms at a time; a renewal
     * Graph refuses is replaced. `onCreated` runs as soon as a room has its new subscription (the caller
     * syncs the room: it may have missed changes), also when another room fails; the first failure is
     * thrown once every room was tried.
     */
    async ensure(
      mailboxes: Iterable<string>,
      { onCreated = async () => {} }: { onCreated?: (mailbox: string) => Promise<void> } = {},
    ): Promise<{ created: string[]; renewed: string[] }> {
      const active = await db.select().from(subscriptions).where(eq(subscriptions.status, 'active'));
      const byMailbox = new Map(active.map((row) => [row.mailbox, row]));
      const created: string[] = [];
      const renewed: string[] = [];
      const subscribe = async (mailbox: string) => {
        await create(mailbox);
        created.push(mailbox);
        await onCreated(mailbox);
      };
      const limit = pLimit(SUBSCRIBE_CONCURRENCY);
      const outcomes = await Promise.allSettled(
        [...mailboxes].map((mailbox) =>
          limit(async () => {
            const row = byMailbox.get(mailbox.toLowerCase());
            if (!row) return subscribe(mailbox);
            if (row.expiresAt.getTime() - now().getTime() > RENEW_WHEN_LESS_THAN_MS) return;
            try {
              const renewal = await graph.renewSubscription(row.id);
              await db
                .update(subscriptions)
                .set({ expiresAt: new Date(renewal.expiresAt), updatedAt: now() })
                .where(eq(subscriptions.id, row.id));
              renewed.push(mailbox);
            } catch (error) {
              if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
              // Gone already (expired, or removed by Graph): a new one, and the room is resynced.
              await drop(row.id, 'expired');
              await subscribe(mailbox);
            }
          }),
        ),
      );
      const failure = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failure) throw failure.reason;
      return { created, renewed };
    },
    async reauthorize(subscriptionId: string) {
      await graph.reauthorizeSubscription(subscriptionId);
      await db
        .update(subscriptions)
        .set({ status: 'active', updatedAt: now() })
        .where(eq(subscriptions.id, subscriptionId));
    },
    /** Forgets a subscription Graph removed; the next `ensure` creates the room's new one. */
    async forget(removedSubscriptionId: string) {
      await drop(removedSubscriptionId, 'removed');
    },
    /** Deletes the subscriptions of rooms that are no longer linked (an admin unlinked them). */
    async removeUnlinked(linked: Iterable<string>): Promise<string[]> {
      const keep = new Set([...linked].map((mailbox) => mailbox.toLowerCase()));
      const active = await db.select().from(subscriptions).where(eq(subscriptions.status, 'active'));
      const removed: string[] = [];
      for (const row of active.filter((candidate) => !keep.has(candidate.mailbox))) {
        try {
          await graph.deleteSubscription(row.id);
        } catch (error) {
          if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
        }
        await drop(row.id, 'removed');
        removed.push(row.mailbox);
      }
      return removed;
    },
    /** Rows whose expiry passed: Graph removed them silently. */
    async expireOld() {
      await db
        .update(subscriptions)
        .set({ status: 'expired', updatedAt: now() })
        .where(and(eq(subscriptions.status, 'active'), lt(subscriptions.expiresAt, now())));
    },
  };
}

export type SubscriptionManager = ReturnType<typeof createSubscriptionManager>;
