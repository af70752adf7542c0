import type { MiddlewareOptions } from '@microsoft/microsoft-graph-client';

/**
 * Per-request middleware option naming the mailbox a request touches, for the per-mailbox
 * concurrency limit. Requests without one (places, subscriptions) are not limited.
 */
export class MailboxOption implements MiddlewareOptions {
  constructor(readonly mailbox: string) {}
}
