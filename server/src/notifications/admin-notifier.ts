import type { QuarantinedChange } from '../sync/sync-model.js';

/** Something an administrator has to look at. */
export type AdminNotice =
  { kind: 'quarantined'; change: QuarantinedChange } | { kind: 'subscriptions-failing'; message: string };

export type AdminNotifierOptions = {
  /** An incoming-webhook URL (Microsoft Teams, Slack, or anything that takes `{ "text": … }` as JSON). */
  url: string;
  /** Notices within this time go out as one message (a burst of quarantined bookings is one post). */
  windowMs?: number;
  fetch?: typeof globalThis.fetch;
  /** Where a failed delivery is reported (never thrown: a notice must not fail a sync run). */
  onDeliveryFailure?: (error: unknown) => void;
  /** The admin console's address, linked in the message. */
  consoleUrl?: string | null;
};

const MAX_LISTED = 10;

function lineOf(notice: AdminNotice): string {
  if (notice.kind === 'subscriptions-failing') return `Graph subscriptions could not be renewed: ${notice.message}`;
  const { booking, reason } = notice.change;
  const what = [booking.subject ?? 'a booking', booking.room, booking.organizer, booking.start].filter(Boolean);
  return `Set aside: ${what.join(' · ')} — ${reason}`;
}

/** The message text: one line per notice (the first ten), what to open. */
export function messageOf(notices: readonly AdminNotice[], consoleUrl: string | null = null): string {
  const lines = notices.slice(0, MAX_LISTED).map((notice) => `- ${lineOf(notice)}`);
  if (notices.length > MAX_LISTED) lines.push(`- and ${notices.length - MAX_LISTED} more`);
  const where = consoleUrl ? `${consoleUrl} (Failed items, Health)` : 'the admin console (Failed items, Health)';
  return [`Workplace room sync needs an administrator (${notices.length}):`, ...lines, `Open ${where}.`].join('\n');
}

/**
 * Posts what needs an administrator to an incoming webhook, at most one message per `windowMs`
 * (default a minute), in the `{ "text": … }` shape Teams' and Slack's incoming webhooks take. Delivery
 * is best effort: a failure is reported to `onDeliveryFailure` and the notices are dropped (the console
 * still lists them).
 */
export function createAdminNotifier({
  url,
  windowMs = 60_000,
  fetch = globalThis.fetch,
  onDeliveryFailure = () => {},
  consoleUrl = null,
}: AdminNotifierOptions) {
  let pending: AdminNotice[] = [];
  let timer: NodeJS.Timeout | null = null;
  let delivering: Promise<void> = Promise.resolve();

  async function deliver(notices: AdminNotice[]) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: messageOf(notices, consoleUrl) }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`the webhook answered ${response.status}`);
    } catch (error) {
      onDeliveryFailure(error);
    }
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const notices = pending;
    pending = [];
    if (notices.length > 0) delivering = delivering.then(() => deliver(notices));
    return delivering;
  }

  return {
    notify(notice: AdminNotice) {
      pending.push(notice);
      timer ??= setTimeout(() => void flush(), windowMs).unref();
    },
    /** Sends what is pending now (shutdown, tests). */
    flush,
  };
}

export type AdminNotifier = ReturnType<typeof createAdminNotifier>;

/** The sync store, with every booking it quarantines also told to the administrators. */
export function withQuarantineNotices<Store extends { quarantine(change: QuarantinedChange): Promise<void> }>(
  store: Store,
  notifier: Pick<AdminNotifier, 'notify'>,
): Store {
  return {
    ...store,
    async quarantine(change: QuarantinedChange) {
      await store.quarantine(change);
      notifier.notify({ kind: 'quarantined', change });
    },
  };
}
