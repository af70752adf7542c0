import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/src/config.js';
import { startServer } from '../../server/src/runtime/start-server.js';
import { eventually, freePort } from './free-port.js';

export const DEMO_ADMIN = 'megan.bowen@contoso.com';
export const NOT_AN_ADMIN = 'adele.vance@contoso.com';

/** A weekday at least `daysAhead` days from now (Workplace's demo rooms open on weekdays only). */
export function weekdayAhead(daysAhead: number): string {
  for (let offset = daysAhead; ; offset++) {
    const day = new Date(Date.now() + offset * 86_400_000);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) return day.toISOString().slice(0, 10);
  }
}

/**
 * The embedded default as `npm start` runs it (both emulators, the queue and the sync on PGlite in a
 * temporary data dir), with short polls so tests see the sync quickly, and helpers to act as an admin.
 */
export async function startEmbeddedAdminServer({ consoleRoot }: { consoleRoot?: string } = {}) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'workplace-sync-admin-'));
  const config = loadConfig({
    PORT: String(await freePort()),
    GRAPH_EMULATOR_PORT: String(await freePort()),
    WORKPLACE_EMULATOR_PORT: String(await freePort()),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SYNC_FEED_POLL_SECONDS: '1',
    SYNC_ROOM_POLL_SECONDS: '5',
  });
  const server = await startServer(config, consoleRoot ? { consoleRoot } : {});
  const emulators = server.emulators!;
  const tokens = new Map<string, string>();

  const tokenOf = async (user: string) => {
    if (!tokens.has(user)) {
      const response = await server.app.inject({ method: 'POST', url: '/harness/token', payload: { user } });
      tokens.set(user, response.json().accessToken as string);
    }
    return tokens.get(user)!;
  };

  /** A request to the admin API as `user` (the demo admin by default). */
  const call = async (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    { payload, user = DEMO_ADMIN }: { payload?: object; user?: string } = {},
  ) =>
    server.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${await tokenOf(user)}` },
      ...(payload ? { payload } : {}),
    });

  const reservations = async (): Promise<
    Array<{
      id: string;
      subject: string;
      start: string;
      status: string;
      lines: Array<{ objectId: string; status: string }>;
    }>
  > => {
    const response = await emulators.workplace.inject({
      url: '/api/v1/reservations?limit=200',
      headers: { authorization: `Bearer ${emulators.workplaceApiKey}` },
    });
    return response.json().items;
  };

  /** Waits for the room's latest full sync to finish (polls the progress endpoint, as the console does). */
  const syncFinished = (mailbox: string) =>
    eventually(
      async () => {
        const progress = (await call('GET', `/admin/api/room-links/${mailbox}/progress`)).json();
        if (progress.state === 'failed') throw new Error(`the sync of ${mailbox} failed: ${progress.error}`);
        return progress.state === 'finished' && progress;
      },
      { what: `the first sync of ${mailbox}`, timeoutMs: 30_000 },
    );

  return {
    server,
    config,
    emulators,
    call,
    tokenOf,
    reservations,
    syncFinished,
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type EmbeddedAdminServer = Awaited<ReturnType<typeof startEmbeddedAdminServer>>;
