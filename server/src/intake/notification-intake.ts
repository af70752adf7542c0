import type { Database } from '../storage/create-db.js';
import { graphNotifications, type NewGraphNotificationRow } from '../storage/schema.js';
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

// Five parameters a row; PostgreSQL allows 65,535 parameters a statement.
const rowsPerStatement = 1_000;
const columns = 'subscription_id, change_type, lifecycle_event, resource, payload';

/**
 * One multi-row INSERT a batch. This is the hottest statement of the service, so it goes to the
 * driver directly: drizzle's builder costs about as much again per row as PGlite's own insert,
 * and with PGlite both run on the event loop that serves the webhook. Batches beyond one statement
 * (only callers other than the route, whose bodies hold at most 1,000) take a drizzle transaction.
 */
export function insertNotifications(database: Database): (rows: InboxNotification[]) => Promise<void> {
  return async (rows) => {
    if (rows.length === 0) return;
    if (rows.length > rowsPerStatement) {
      await database.db.transaction(async (tx) => {
        for (let start = 0; start < rows.length; start += rowsPerStatement) {
          await tx.insert(graphNotifications).values(rows.slice(start, start + rowsPerStatement).map(toRow));
        }
      });
      return;
    }
    const placeholders: string[] = [];
    const params: unknown[] = [];
    for (const row of rows) {
      const at = params.length;
      placeholders.push(`($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}::jsonb)`);
      params.push(row.subscriptionId, row.changeType, row.lifecycleEvent, row.resource, JSON.stringify(row.payload));
    }
    const text = `insert into graph_notifications (${columns}) values ${placeholders.join(', ')}`;
    if (database.kind === 'pglite') await database.client.query(text, params);
    else await database.client.query(text, params);
  };
}

const toRow = (row: InboxNotification): NewGraphNotificationRow => ({
  subscriptionId: row.subscriptionId,
  changeType: row.changeType,
  lifecycleEvent: row.lifecycleEvent,
  resource: row.resource,
  payload: row.payload,
});

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
