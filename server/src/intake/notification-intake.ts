import type { Database } from '../storage/create-db.js';
import { createGroupCommitWriter, type GroupCommitOptions } from './group-commit-writer.js';

/** A verified Graph notification, as it goes into the `graph_notifications` inbox. */
export type InboxNotification = {
  subscriptionId: string;
  changeType: string | null;
  lifecycleEvent: string | null;
  resource: string | null;
  /** The notification as received, minus its clientState (a secret has no business at rest). */
  payload: Record<string, unknown>;
};

/** What the webhook route needs: durable storage it can wait for before acknowledging. */
export interface NotificationIntake {
  /** Resolves once every notification is committed, never before; rejects if they are not stored. */
  store(notifications: readonly InboxNotification[]): Promise<void>;
}

export type NotificationIntakeOptions = Omit<GroupCommitOptions<InboxNotification>, 'persist' | 'onCommitted'> & {
  /** Called after each committed batch, e.g. to kick the notification drain. */
  onStored?(count: number): void;
  /** Replaces the INSERT (tests count or fail batches with it). */
  persist?(rows: InboxNotification[]): Promise<void>;
};

/**
 * One INSERT a batch, whatever its size, with the rows as a single JSON parameter expanded by
 * `jsonb_to_recordset`. This is the hottest statement of the service, so it goes to the driver
 * directly: with PGlite the driver's work runs on the event loop that serves the webhook, and one
 * parameter instead of five a row (plus a short statement text instead of one with 5 × n
 * placeholders to parse) cuts the database's share of a webhook request (bench/RESULTS.md). One
 * statement is one transaction: a batch is stored whole or not at all.
 */
export function insertNotifications(database: Database): (rows: InboxNotification[]) => Promise<void> {
  return async (rows) => {
    if (rows.length === 0) return;
    const json = JSON.stringify(
      rows.map((row) => ({
        s: row.subscriptionId,
        c: row.changeType,
        l: row.lifecycleEvent,
        r: row.resource,
        p: row.payload,
      })),
    );
    // PGlite's and pg's query() take the same arguments here; their union type has no callable signature.
    const client: { query(text: string, parameters: unknown[]): Promise<unknown> } = database.client;
    await client.query(INSERT_ROWS, [json]);
  };
}

const INSERT_ROWS = `insert into graph_notifications (subscription_id, change_type, lifecycle_event, resource, payload)
  select n.s, n.c, n.l, n.r, n.p from jsonb_to_recordset($1::jsonb) as n(s text, c text, l text, r text, p jsonb)`;

/**
 * The inbox writer: concurrent webhook requests share one INSERT (group commit), and each request's
 * `store` resolves only once that INSERT committed. Close it before the database.
 */
export function createNotificationIntake(
  database: Database,
  { onStored, persist = insertNotifications(database), ...batching }: NotificationIntakeOptions = {},
): NotificationIntake & { close(): Promise<void> } {
  const writer = createGroupCommitWriter<InboxNotification>({
    ...batching,
    persist,
    onCommitted: (items) => onStored?.(items.length),
  });
  return { store: (notifications) => writer.write(notifications), close: () => writer.close() };
}
