import type { Scheduler } from '../clock/scheduler.js';
import type { CalendarChange } from '../calendar/mailbox-calendar.js';
import type { FaultInjector } from '../control/fault-injector.js';
import type { SeededRandom } from '../random/seeded-random.js';
import type { Subscription, SubscriptionStore } from '../subscriptions/subscription-store.js';
import { changeNotification, lifecycleNotification } from './change-notification.js';
import type { LifecycleEvent } from './change-notification.js';
import { postToEndpoint } from './outgoing-post.js';
import type { OutgoingTls } from './outgoing-post.js';

/** How messy delivery is; every random choice comes from the seeded generator, so runs repeat. */
export type NotificationNoiseOptions = {
  /** Chance that a change notification is delivered twice (duplicates are normal, [WH] and contrib #3072). */
  duplicateProbability: number;
  /** Deliver each batch in random order (Graph gives no ordering guarantee). */
  shuffle: boolean;
  /** Emulated wait before a batch goes out, to gather notifications into one POST. */
  batchDelayMs: number;
  maxBatchSize: number;
};

export type DeliveryOptions = {
  /** Real milliseconds Graph waits for an answer before treating the POST as failed (10 s, [WH]). */
  timeoutMs: number;
  /** Emulated delay before the first retry; doubles on each failure. */
  retryInitialDelayMs: number;
  retryMaxDelayMs: number;
  /** After this long (emulated) a notification is dropped and `missed` is sent (4 h, [WH]). */
  giveUpAfterMs: number;
  tls: OutgoingTls;
};

export type DeliveryRecord = {
  at: string;
  url: string;
  kind: 'change' | 'lifecycle';
  notifications: number;
  status: number | null;
  error?: string;
};

type Pending = {
  kind: 'change' | 'lifecycle';
  subscriptionId: string;
  url: string;
  payload: Record<string, unknown>;
  dueMs: number;
  firstAttemptMs: number;
  attempts: number;
};

/**
 * Delivers change and lifecycle notifications the way Graph's webhook pipeline does ([WH], [LC]):
 * batched `value` collections per endpoint, duplicates and no ordering, retries with exponential
 * backoff on non-2xx or slow answers, and `missed` when it gives up. Exception edits and occurrence
 * deletions are reported as an `updated` series master (microsoft-graph-docs #5520, #5951).
 */
export class NotificationDispatcher {
  private queue: Pending[] = [];
  private readonly scheduledFlushes = new Map<string, number>();
  readonly deliveries: DeliveryRecord[] = [];

  constructor(
    private readonly deps: {
      tenantId: string;
      subscriptions: SubscriptionStore;
      scheduler: Scheduler;
      faults: FaultInjector;
      noise: SeededRandom;
      nowMs: () => number;
      noiseOptions: NotificationNoiseOptions;
      delivery: DeliveryOptions;
    },
  ) {}

  onCalendarChange(change: CalendarChange): void {
    if (change.eventType === 'occurrence') return;
    const isSeriesPart = change.eventType === 'exception' && change.seriesMasterId !== null;
    const eventId = isSeriesPart ? change.seriesMasterId! : change.eventId;
    const changeType = isSeriesPart ? 'updated' : change.changeType;
    for (const subscription of this.deps.subscriptions.forMailbox(change.mailboxId)) {
      if (!subscription.changeTypes.includes(changeType)) continue;
      const payload = changeNotification(
        subscription,
        { changeType, mailboxId: change.mailboxId, eventId, changeKey: change.changeKey },
        this.deps.tenantId,
      );
      this.enqueueChange(subscription, payload);
    }
  }

  sendLifecycle(subscription: Subscription, lifecycleEvent: LifecycleEvent): boolean {
    // Without a lifecycleNotificationUrl, Outlook lifecycle events are not delivered at all ([LC]).
    if (!subscription.lifecycleNotificationUrl) return false;
    this.enqueue({
      kind: 'lifecycle',
      subscriptionId: subscription.id,
      url: subscription.lifecycleNotificationUrl,
      payload: lifecycleNotification(subscription, lifecycleEvent, this.deps.tenantId),
      dueMs: this.deps.nowMs(),
    });
    return true;
  }

  /** Releases notifications held while the subscription awaited reauthorization. */
  resume(subscriptionId: string): void {
    for (const url of new Set(
      this.queue.filter((item) => item.subscriptionId === subscriptionId).map((item) => item.url),
    )) {
      this.scheduleFlush(url, this.deps.nowMs());
    }
  }

  get pendingCount(): number {
    return this.queue.length;
  }

  clear(): void {
    this.queue = [];
    this.scheduledFlushes.clear();
    this.deliveries.length = 0;
  }

  private enqueueChange(subscription: Subscription, payload: Record<string, unknown>): void {
    const { noise, noiseOptions } = this.deps;
    const fault = this.deps.faults.takeNotificationFault(subscription.id);
    if (fault?.kind === 'drop') {
      this.sendLifecycle(subscription, 'missed');
      return;
    }
    const dueMs =
      this.deps.nowMs() + noiseOptions.batchDelayMs + (fault?.kind === 'delay' ? (fault.delayMs ?? 60_000) : 0);
    const copies = fault?.kind === 'duplicate' || noise.chance(noiseOptions.duplicateProbability) ? 2 : 1;
    for (let copy = 0; copy < copies; copy++) {
      this.enqueue({
        kind: 'change',
        subscriptionId: subscription.id,
        url: subscription.notificationUrl,
        payload,
        dueMs,
      });
    }
  }

  private enqueue(item: Omit<Pending, 'firstAttemptMs' | 'attempts'>): void {
    this.queue.push({ ...item, firstAttemptMs: item.dueMs, attempts: 0 });
    this.scheduleFlush(item.url, item.dueMs);
  }

  private scheduleFlush(url: string, atMs: number): void {
    const already = this.scheduledFlushes.get(url);
    if (already !== undefined && already <= atMs) return;
    this.scheduledFlushes.set(url, atMs);
    this.deps.scheduler.schedule(atMs, `deliver to ${url}`, () => {
      if (this.scheduledFlushes.get(url) === atMs) this.scheduledFlushes.delete(url);
      this.flush(url);
    });
  }

  private flush(url: string): void {
    const nowMs = this.deps.nowMs();
    const due: Pending[] = [];
    for (const item of this.queue) {
      if (item.url !== url || item.dueMs > nowMs) continue;
      if (item.kind === 'change') {
        const subscription = this.deps.subscriptions.get(item.subscriptionId);
        if (!subscription || subscription.isAwaitingReauthorization) continue;
      }
      due.push(item);
    }
    // Change notifications of removed or expired subscriptions are never delivered; lifecycle ones
    // (subscriptionRemoved) outlive their subscription.
    this.queue = this.queue.filter(
      (item) => item.kind === 'lifecycle' || this.deps.subscriptions.get(item.subscriptionId) !== undefined,
    );
    if (due.length === 0) return;
    for (let index = 0; index < due.length; index += this.deps.noiseOptions.maxBatchSize) {
      const batch = due.slice(index, index + this.deps.noiseOptions.maxBatchSize);
      this.queue = this.queue.filter((item) => !batch.includes(item));
      this.deps.scheduler.track(this.deliver(url, batch));
    }
    const later = this.queue.filter((item) => item.url === url).map((item) => item.dueMs);
    if (later.length > 0) this.scheduleFlush(url, Math.max(nowMs + 1, Math.min(...later)));
  }

  private async deliver(url: string, batch: Pending[]): Promise<void> {
    const ordered = this.deps.noiseOptions.shuffle ? this.deps.noise.shuffle(batch) : batch;
    const kind = batch[0]!.kind;
    const record: DeliveryRecord = {
      at: new Date(this.deps.nowMs()).toISOString(),
      url,
      kind,
      notifications: batch.length,
      status: null,
    };
    this.deliveries.push(record);
    try {
      const response = await postToEndpoint(url, {
        body: JSON.stringify({ value: ordered.map((item) => item.payload) }),
        contentType: 'application/json; charset=utf-8',
        timeoutMs: this.deps.delivery.timeoutMs,
        tls: this.deps.delivery.tls,
      });
      record.status = response.status;
      if (response.status >= 200 && response.status < 300) return;
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
    this.retry(batch);
  }

  private retry(batch: Pending[]): void {
    const nowMs = this.deps.nowMs();
    const { retryInitialDelayMs, retryMaxDelayMs, giveUpAfterMs } = this.deps.delivery;
    const gaveUp = new Set<string>();
    for (const item of batch) {
      const attempts = item.attempts + 1;
      const delayMs = Math.min(retryInitialDelayMs * 2 ** (attempts - 1), retryMaxDelayMs);
      if (nowMs + delayMs - item.firstAttemptMs > giveUpAfterMs) {
        if (item.kind === 'change') gaveUp.add(item.subscriptionId);
        continue;
      }
      this.queue.push({ ...item, attempts, dueMs: nowMs + delayMs });
      this.scheduleFlush(item.url, nowMs + delayMs);
    }
    for (const subscriptionId of gaveUp) {
      const subscription = this.deps.subscriptions.get(subscriptionId);
      if (subscription) this.sendLifecycle(subscription, 'missed');
    }
  }
}
