import type { Scheduler } from '../clock/scheduler.js';

export type SubscriptionChangeType = 'created' | 'updated' | 'deleted';

export type Subscription = {
  id: string;
  /** As the client wrote it. */
  resource: string;
  mailboxId: string;
  changeTypes: SubscriptionChangeType[];
  clientState: string | null;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  expirationDateTime: Date;
  applicationId: string;
  creatorId: string;
  latestSupportedTlsVersion: string;
  /** After a reauthorizationRequired event, delivery pauses until the app reauthorizes or renews ([LC]). */
  isAwaitingReauthorization: boolean;
};

/**
 * Active subscriptions. Each one is removed at its expirationDateTime, silently, as Graph does when a
 * subscription is not renewed in time ([WH]).
 */
export class SubscriptionStore {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly expiryTimers = new Map<string, () => void>();

  constructor(
    private readonly scheduler: Scheduler,
    private readonly nowMs: () => number,
  ) {}

  save(subscription: Subscription): Subscription {
    this.subscriptions.set(subscription.id, subscription);
    this.expiryTimers.get(subscription.id)?.();
    this.expiryTimers.set(
      subscription.id,
      this.scheduler.schedule(subscription.expirationDateTime, `expire subscription ${subscription.id}`, () =>
        this.delete(subscription.id),
      ),
    );
    return subscription;
  }

  get(id: string): Subscription | undefined {
    const subscription = this.subscriptions.get(id.toLowerCase()) ?? this.subscriptions.get(id);
    if (subscription && subscription.expirationDateTime.getTime() <= this.nowMs()) {
      this.delete(subscription.id);
      return undefined;
    }
    return subscription;
  }

  all(): Subscription[] {
    return [...this.subscriptions.values()].filter(
      (subscription) => subscription.expirationDateTime.getTime() > this.nowMs(),
    );
  }

  forMailbox(mailboxId: string): Subscription[] {
    return this.all().filter((subscription) => subscription.mailboxId === mailboxId);
  }

  delete(id: string): boolean {
    this.expiryTimers.get(id)?.();
    this.expiryTimers.delete(id);
    return this.subscriptions.delete(id);
  }

  clear(): void {
    for (const cancel of this.expiryTimers.values()) cancel();
    this.expiryTimers.clear();
    this.subscriptions.clear();
  }
}
