import type { MiddlewareOptions } from '@microsoft/microsoft-graph-client';

/**
 * Per-request middleware option naming the mailboxes a request touches, for the per-mailbox
 * concurrency limit: one for a plain request, each item's for a `$batch` across mailboxes. Requests
 * without one (places, subscriptions) are not limited.
 */
export class MailboxOption implements MiddlewareOptions {
  /** Lower-case, distinct, sorted: every request takes its slots in the same order, so none waits on another in a circle. */
  readonly mailboxes: string[];

  constructor(mailboxes: string | string[]) {
    const named = typeof mailboxes === 'string' ? [mailboxes] : mailboxes;
    this.mailboxes = [...new Set(named.map((mailbox) => mailbox.toLowerCase()))].sort();
  }
}
