import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConsoleConfig } from '@workplace-sync/shared';
import { createAdminDirectory } from '../admin/admin-directory.js';
import { createBookedHoursReport } from '../admin/booked-hours-report.js';
import { createCutoverAssistant } from '../admin/cutover-assistant.js';
import type { ExchangeRoomSettings } from '../admin/room-settings-check.js';
import { createRoomLinker } from '../admin/room-linker.js';
import type { AppDeps } from '../app.js';
import { DEMO_ADMIN } from '../config.js';
import type { Config } from '../config.js';
import { createAdminCheck } from '../identity/admin-rights.js';
import type { SyncJobName, SyncJobQueue } from '../jobs/sync-jobs.js';
import type { Database } from '../storage/create-db.js';
import { createSyncStore } from '../storage/sync-store.js';
import type { SyncDeps } from '../sync/sync-room.js';
import type { Integrations } from './embedded-integrations.js';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The console's production build (`npm run build -w console`; `npm start` builds it when missing). */
const consoleDist = path.join(repositoryRoot, 'console/dist');

export type AdminWiringOptions = {
  config: Config;
  integrations: Integrations;
  database: Database;
  queue: SyncJobQueue;
  deps: SyncDeps;
  syncWindow: () => { start: Date; end: Date };
  now: () => Date;
  /** The built console; console/dist by default. */
  consoleRoot?: string;
};

/**
 * The room mailbox's calendar processing. Graph does not expose Set-CalendarProcessing, so only the
 * embedded default knows it (from the Graph emulator); in real mode the console shows what the sync
 * observed instead.
 */
function exchangeSettingsSource(integrations: Integrations) {
  const graph = integrations.emulators?.graph;
  return async (mailbox: string): Promise<ExchangeRoomSettings | null> => {
    const settings = graph?.mailboxes().find((candidate) => candidate.email.toLowerCase() === mailbox)?.bookingSettings;
    return settings
      ? {
          automateProcessing: settings.automateProcessing,
          allowConflicts: settings.allowConflicts,
          bookingWindowInDays: settings.bookingWindowInDays,
          deleteSubject: settings.deleteSubject,
          addOrganizerToSubject: settings.addOrganizerToSubject,
        }
      : null;
  };
}

/** The admin console's API and page, wired to the running sync (its queue and ports). */
export function createAdminWiring({
  config,
  integrations,
  database,
  queue,
  deps,
  syncWindow,
  now,
  consoleRoot = consoleDist,
}: AdminWiringOptions): NonNullable<AppDeps['admin']> {
  const db = database.db;
  const directory = createAdminDirectory({
    db,
    workplace: integrations.workplace,
    listExchangeRooms: () => integrations.graph.listRooms(),
  });
  const linker = createRoomLinker({ db, queue });
  const demoAdmin = config.admins.emails[0] ?? DEMO_ADMIN;
  const { auth } = integrations.addin;
  const harness = integrations.addin.harness;
  // In real mode the console signs in with the add-in API's app registration (same audience and scope).
  const consoleConfig: ConsoleConfig =
    auth.kind === 'naa'
      ? { auth: { kind: 'msal', clientId: auth.clientId, authority: auth.authority, scopes: auth.scopes } }
      : { auth: { kind: 'embedded', tokenPath: '/admin/token', user: demoAdmin } };
  return {
    console: {
      config: consoleConfig,
      ...(existsSync(path.join(consoleRoot, 'index.html')) ? { staticRoot: consoleRoot } : {}),
      ...(harness ? { issueDemoAdminToken: () => harness.issueToken(demoAdmin) } : {}),
    },
    api: {
      db,
      verifyToken: integrations.addin.verifyToken,
      isAdmin: createAdminCheck(config.admins, integrations.addin.users),
      workplace: integrations.workplace,
      exchangeSettingsOf: exchangeSettingsSource(integrations),
      directory,
      linker,
      cutover: createCutoverAssistant({
        calendar: deps.calendar,
        reservations: deps.reservations,
        workplace: integrations.workplace,
        store: createSyncStore(db, { now }),
        linker,
        directory,
        window: syncWindow,
        now,
      }),
      sendJob: (name, key, data) => queue.send(name as SyncJobName, key, data as never),
      bookedHours: createBookedHoursReport({
        db,
        workplace: integrations.workplace,
        getSchedule: (input) => integrations.graph.getSchedule(input),
        now,
      }),
      now,
    },
  };
}
