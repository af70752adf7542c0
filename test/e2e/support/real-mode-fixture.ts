import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createGraphEmulator,
  createTrustingFetch,
  createWorkplaceEmulator,
  demoSeed,
  DEMO_SYNC_APP,
  DEMO_TENANT_ID,
  generateEmulatorCertificate,
  workplaceDemoSeed,
} from '../../../emulators/src/index.js';
import type { GraphEmulator, WorkplaceEmulator } from '../../../emulators/src/index.js';
import { createDb } from '../../../server/src/storage/create-db.js';
import { rooms } from '../../../server/src/storage/schema.js';
import { createPostgresTestDatabase } from '../../support/test-db.js';

/** A Workplace area of the demo seed that has an Exchange room mailbox. */
export type LinkedArea = (typeof workplaceDemoSeed.areas)[number] & { exchangeMailbox: string };

/** The first `count` Brussels meeting rooms of the demo seed that have a mailbox. */
export const brusselsRooms = (count: number): LinkedArea[] =>
  workplaceDemoSeed.areas
    .filter((area): area is LinkedArea => Boolean(area.exchangeMailbox) && area.buildingId === 'b-bru')
    .slice(0, count);

export type RealModeFixture = {
  graph: GraphEmulator;
  workplace: WorkplaceEmulator;
  /** The migrated database of this fixture, with `rooms` linked. */
  databaseUrl: string;
  /** The certificate every server process serves (also trusted by the emulators for their webhooks). */
  serverTls: { cert: string; key: string };
  /** Real-mode environment of a server process listening on `port` (PUBLIC_URL is the fixture's). */
  serverEnv(port: number): Record<string, string>;
  close(): Promise<void>;
};

/**
 * What a server process in real mode talks to, standing in for Microsoft 365 and Workplace: the Graph
 * and Workplace emulators in this (test) process, so that they outlive any server process; a database
 * of its own on the PostgreSQL server behind `adminUrl`, migrated, with `linked` rooms (real mode links
 * rooms through the admin console); and a server certificate. Graph's notifications and Workplace's
 * webhook go to `https://localhost:{publicPort}`: one server, or a load balancer in front of several.
 */
export async function startRealModeFixture(
  adminUrl: string,
  { publicPort, linked, name }: { publicPort: number; linked: readonly LinkedArea[]; name: string },
): Promise<RealModeFixture> {
  const database = await createPostgresTestDatabase(adminUrl);
  const workDir = await mkdtemp(path.join(tmpdir(), `workplace-sync-${name}-`));
  const serverTls = await generateEmulatorCertificate();
  await writeFile(path.join(workDir, 'server.crt'), serverTls.cert);
  await writeFile(path.join(workDir, 'server.key'), serverTls.key);
  const publicUrl = `https://localhost:${publicPort}`;
  const webhookSecret = `workplace-webhook-secret-for-${name}`;
  const graph = await createGraphEmulator({
    tenantId: DEMO_TENANT_ID,
    seed: {
      ...demoSeed,
      rooms: (demoSeed.rooms ?? []).map((room) => ({
        ...room,
        bookingSettings: { ...room.bookingSettings, deleteSubject: false, addOrganizerToSubject: false },
      })),
    },
    noise: 'realistic',
    notificationTls: { ca: [serverTls.cert] },
  });
  const graphUrl = (await graph.listen(0, 'localhost')).url;
  await writeFile(path.join(workDir, 'graph-ca.pem'), graph.certificatePem);
  const workplace = createWorkplaceEmulator({
    webhook: { url: `${publicUrl}/webhooks/workplace`, secret: webhookSecret },
    fetch: createTrustingFetch(serverTls.cert),
  });
  const workplaceUrl = await workplace.app.listen({ host: '127.0.0.1', port: 0 });

  const migrated = await createDb({ kind: 'postgres', url: database.url, poolMax: 1 });
  await migrated.db.insert(rooms).values(
    linked.map((area) => ({
      workplaceAreaId: area.id,
      mailbox: area.exchangeMailbox.toLowerCase(),
      displayName: area.name,
      buildingId: area.buildingId,
    })),
  );
  await migrated.close();

  return {
    graph,
    workplace,
    databaseUrl: database.url,
    serverTls,
    serverEnv: (port) => ({
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      PUBLIC_URL: publicUrl,
      TLS_CERT_PATH: path.join(workDir, 'server.crt'),
      TLS_KEY_PATH: path.join(workDir, 'server.key'),
      GRAPH_TENANT_ID: DEMO_TENANT_ID,
      GRAPH_CLIENT_ID: DEMO_SYNC_APP.clientId,
      GRAPH_CLIENT_SECRET: DEMO_SYNC_APP.clientSecret,
      GRAPH_CLIENT_STATE_SECRET: `client-state-secret-for-${name}`,
      GRAPH_AUTHORITY_HOST: graphUrl,
      GRAPH_BASE_URL: graphUrl,
      GRAPH_CA_FILE: path.join(workDir, 'graph-ca.pem'),
      WORKPLACE_BASE_URL: workplaceUrl,
      WORKPLACE_API_KEY: workplace.apiKey,
      WORKPLACE_WEBHOOK_SECRET: webhookSecret,
      ADDIN_CLIENT_ID: 'api://localhost/addin',
      SERVER_CERT_PEM: serverTls.cert,
    }),
    close: async () => {
      await workplace.app.close();
      await graph.close();
      await database.drop();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

/** A date `offsetDays` or more ahead that falls on a weekday: the demo buildings open on workdays only. */
export function weekdayAhead(offsetDays: number): string {
  for (let offset = offsetDays; ; offset++) {
    const day = new Date(Date.now() + offset * 86_400_000);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) return day.toISOString().slice(0, 10);
  }
}
