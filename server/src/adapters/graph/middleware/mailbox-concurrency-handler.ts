import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import pLimit from 'p-limit';
import type { LimitFunction } from 'p-limit';
import { MailboxOption } from './mailbox-option.js';

/**
 * Outlook allows 4 concurrent requests per app and mailbox ("Application is over its MailboxConcurrency
 * limit", 429 or 503). Room mailboxes are the hot spot: every booking touches the room. Each attempt
 * holds a slot only while it is on the wire, not while a retry waits for Retry-After.
 * The limit is per process; several server instances share Graph's budget (see docs/graph-adapter.md).
 */
export class MailboxConcurrencyHandler implements Middleware {
  private next: Middleware | undefined;
  private readonly limits = new Map<string, LimitFunction>();

  constructor(private readonly concurrency = 4) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const next = this.next;
    if (!next) throw new Error('MailboxConcurrencyHandler needs a next middleware');
    const option = context.middlewareControl?.getMiddlewareOptions(MailboxOption) as MailboxOption | undefined;
    await this.holding(option?.mailboxes ?? [], () => next.execute(context));
  }

  /** Runs `send` holding a slot of each mailbox (a `$batch`'s items count against their own mailboxes). */
  private async holding(mailboxes: string[], send: () => Promise<void>): Promise<void> {
    const [key, ...rest] = mailboxes;
    if (key === undefined) return send();
    let limit = this.limits.get(key);
    if (!limit) {
      limit = pLimit(this.concurrency);
      this.limits.set(key, limit);
    }
    try {
      await limit(() => this.holding(rest, send));
    } finally {
      if (limit.activeCount === 0 && limit.pendingCount === 0) this.limits.delete(key);
    }
  }
}
