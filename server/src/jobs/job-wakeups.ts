import pg from 'pg';
import type { Database } from '../storage/create-db.js';
import { jobWakeupChannel } from './job-store.js';

export type WakeupListener = {
  /** Called with a queue name when a job of it became due, in this process or another one. */
  onQueue(queue: string): void;
  /** The listening connection was re-established: notifications may have been missed meanwhile. */
  onReconnect(): void;
  onError(error: unknown): void;
};

/**
 * Subscribes to the job wake-up channel. PGlite delivers NOTIFY to its own process (there is no other),
 * PostgreSQL to every instance that LISTENs; the PostgreSQL listener holds one connection of its own
 * (outside the pool, which would hand it to queries) and reconnects with backoff.
 */
export async function listenForJobWakeups(database: Database, listener: WakeupListener): Promise<() => Promise<void>> {
  if (database.kind === 'pglite') {
    return database.client.listen(jobWakeupChannel, (queue) => listener.onQueue(queue));
  }
  return listenOnPostgres(database.client, listener);
}

async function listenOnPostgres(pool: pg.Pool, listener: WakeupListener): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let isClosed = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let failures = 0;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ ...pool.options, application_name: 'workplace-sync job wakeups' });
    next.on('notification', (message) => {
      if (message.channel === jobWakeupChannel && message.payload) listener.onQueue(message.payload);
    });
    next.on('error', (error) => {
      listener.onError(error);
      if (client === next) reconnectLater();
    });
    next.on('end', () => {
      if (client === next) reconnectLater();
    });
    await next.connect();
    await next.query(`listen ${jobWakeupChannel}`);
    if (isClosed) {
      await next.end();
      return;
    }
    client = next;
    failures = 0;
  };

  const reconnectLater = () => {
    const dead = client;
    client = null;
    void dead?.end().catch(() => undefined);
    if (isClosed || retryTimer) return;
    failures += 1;
    retryTimer = setTimeout(
      () => {
        retryTimer = null;
        connect().then(
          () => listener.onReconnect(),
          (error: unknown) => {
            listener.onError(error);
            reconnectLater();
          },
        );
      },
      Math.min(30_000, 250 * 2 ** Math.min(failures, 7)),
    );
    retryTimer.unref();
  };

  await connect();
  return async () => {
    isClosed = true;
    if (retryTimer) clearTimeout(retryTimer);
    const open = client;
    client = null;
    await open?.end().catch(() => undefined);
  };
}
