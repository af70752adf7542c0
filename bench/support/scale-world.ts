import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GraphEmulatorControl, SeedRoom, SeedUser } from '@workplace-sync/emulators';
import type { FastifyInstance } from 'fastify';
import { freePort } from '../../test/support/free-port.js';
import { startRoundRobinProxy } from '../../test/e2e/support/round-robin-proxy.js';
import type { RoundRobinProxy } from '../../test/e2e/support/round-robin-proxy.js';
import { createTempDir, createTempPostgresDatabase, directorySize, postgresDatabaseSize } from './databases.js';
import type { DirectEndpoints } from './direct-clients.js';
import type { WorkplaceArea } from './scale-seed.js';
import { startServerInstance } from './server-instance.js';
import { waitUntilQuiet } from './wait-until-quiet.js';
import type { ServerInstance } from './server-instance.js';

/** What the busy day needs from the system under test: the emulators to act in, the sync's backlog. */
export type BusyDayHost = {
  emulators: { graph: GraphEmulatorControl; workplace: FastifyInstance; workplaceApiKey: string };
  endpoints: DirectEndpoints;
  /** Work the sync still has to do now: running or due jobs, undrained notifications. */
  backlog(): Promise<number>;
  /** Waits until both emulators delivered everything and the sync has nothing due (twice in a row). */
  waitForIdle(options?: { timeoutMs?: number; quietMs?: number }): Promise<number>;
  databaseSize(): Promise<number>;
  /** The server instances (their own processes): CPU, memory, the webhooks they received. */
  instances: ServerInstance[];
};

export type ScaleWorld = BusyDayHost & {
  databaseKind: 'pglite' | 'postgres';
  /** Starts `count` server instances on the one database (PostgreSQL for more than one). */
  startInstances(count: number): Promise<void>;
  /** Stops the instances and returns each one's peak RSS. */
  stopInstances(): Promise<number[]>;
  close(): Promise<void>;
};

/**
 * The scale benchmark's world: the Graph and Workplace emulators in this process, holding the extra
 * rooms and users, and the server as production runs it in real mode, in processes of its own
 * (bench/support/server-instance.ts), one or several on one database, so that the server's memory is
 * measured alone. Graph's notifications and Workplace's webhook go to a public URL: the one instance,
 * or a round-robin balancer in this process in front of several (`balancer: true` puts it in front of
 * one too, so that one and two instances are compared with the same path).
 */
export async function startScaleWorld({
  extra,
  postgresAdminUrl,
  balancer = false,
  env = {},
}: {
  extra: { users: SeedUser[]; graphRooms: SeedRoom[]; areas: WorkplaceArea[]; floor: object };
  postgresAdminUrl: string | null;
  balancer?: boolean;
  env?: Record<string, string>;
}): Promise<ScaleWorld> {
  const emulators = await import('@workplace-sync/emulators');
  const workDir = await createTempDir('bench-world');
  const serverTls = await emulators.generateEmulatorCertificate();
  await writeFile(path.join(workDir.dir, 'server.crt'), serverTls.cert);
  await writeFile(path.join(workDir.dir, 'server.key'), serverTls.key);
  const publicPort = await freePort();
  const publicUrl = `https://localhost:${publicPort}`;
  const webhookSecret = randomBytes(24).toString('hex');
  const graphEmulator = await emulators.createGraphEmulator({
    tenantId: emulators.DEMO_TENANT_ID,
    seed: {
      ...emulators.demoSeed,
      users: [...(emulators.demoSeed.users ?? []), ...extra.users],
      rooms: [
        ...(emulators.demoSeed.rooms ?? []).map((room) => ({
          ...room,
          bookingSettings: { ...room.bookingSettings, deleteSubject: false, addOrganizerToSubject: false },
        })),
        ...extra.graphRooms,
      ],
    },
    noise: 'realistic',
    notificationTls: { ca: [serverTls.cert] },
  });
  const graphUrl = (await graphEmulator.listen(0, 'localhost')).url;
  await writeFile(path.join(workDir.dir, 'graph-ca.pem'), graphEmulator.certificatePem);
  const workplaceEmulator = emulators.createWorkplaceEmulator({
    seed: {
      ...emulators.workplaceDemoSeed,
      floors: [
        ...emulators.workplaceDemoSeed.floors,
        extra.floor as (typeof emulators.workplaceDemoSeed.floors)[number],
      ],
      areas: [...emulators.workplaceDemoSeed.areas, ...extra.areas],
    },
    webhook: { url: `${publicUrl}/webhooks/workplace`, secret: webhookSecret },
    fetch: emulators.createTrustingFetch(serverTls.cert),
  });
  const workplaceUrl = await workplaceEmulator.app.listen({ host: '127.0.0.1', port: 0 });
  const postgres = postgresAdminUrl ? await createTempPostgresDatabase(postgresAdminUrl, 'bench_server') : null;
  const pgliteDir = postgres ? null : path.join(workDir.dir, 'pglite');

  const serverEnv = (port: number, instance: number): Record<string, string> => ({
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'development',
    PGAPPNAME: `bench-server-${instance}`,
    ...(postgres ? { DATABASE_URL: postgres.url } : { BENCH_PGLITE_DIR: pgliteDir! }),
    PUBLIC_URL: publicUrl,
    TLS_CERT_PATH: path.join(workDir.dir, 'server.crt'),
    TLS_KEY_PATH: path.join(workDir.dir, 'server.key'),
    GRAPH_TENANT_ID: emulators.DEMO_TENANT_ID,
    GRAPH_CLIENT_ID: emulators.DEMO_SYNC_APP.clientId,
    GRAPH_CLIENT_SECRET: emulators.DEMO_SYNC_APP.clientSecret,
    GRAPH_CLIENT_STATE_SECRET: randomBytes(24).toString('hex'),
    GRAPH_AUTHORITY_HOST: graphUrl,
    GRAPH_BASE_URL: graphUrl,
    GRAPH_CA_FILE: path.join(workDir.dir, 'graph-ca.pem'),
    WORKPLACE_BASE_URL: workplaceUrl,
    WORKPLACE_API_KEY: workplaceEmulator.apiKey,
    WORKPLACE_WEBHOOK_SECRET: webhookSecret,
    ADDIN_CLIENT_ID: 'api://localhost/addin',
    // The benchmark's rate: the backstop poll out of the measured window, no rate limit on webhooks.
    SYNC_ROOM_POLL_SECONDS: '86400',
    RATE_LIMIT_WEBHOOKS_PER_MINUTE: '0',
    ...env,
  });

  const instances: ServerInstance[] = [];
  let proxy: RoundRobinProxy | null = null;

  async function backlog(): Promise<number> {
    return (await instances[0]!.ask<{ backlog: number }>('counts')).backlog;
  }

  return {
    databaseKind: postgres ? 'postgres' : 'pglite',
    emulators: {
      graph: graphEmulator.control,
      workplace: workplaceEmulator.app,
      workplaceApiKey: workplaceEmulator.apiKey,
    },
    endpoints: { workplaceUrl, workplaceApiKey: workplaceEmulator.apiKey, graphUrl },
    instances,
    async startInstances(count) {
      if (count > 1 && !postgres) throw new Error('several server instances need PostgreSQL (--db postgres)');
      const ports =
        count === 1 && !balancer ? [publicPort] : await Promise.all(Array.from({ length: count }, () => freePort()));
      if (ports[0] !== publicPort)
        proxy = await startRoundRobinProxy({ tls: serverTls, backendPorts: ports, port: publicPort });
      // The first creates the schema; the others start beside it, as a deployment's replicas do.
      instances.push(await startServerInstance(serverEnv(ports[0]!, 0)));
      instances.push(
        ...(await Promise.all(ports.slice(1).map((port, index) => startServerInstance(serverEnv(port, index + 1))))),
      );
    },
    async stopInstances() {
      const peaks: number[] = [];
      for (const instance of instances.splice(0)) peaks.push((await instance.close()).maxRssBytes);
      await proxy?.close();
      proxy = null;
      return peaks;
    },
    backlog,
    waitForIdle: (options: { timeoutMs?: number; quietMs?: number } = {}) =>
      waitUntilQuiet({ idle: () => graphEmulator.control.idle(), backlog }, options),
    databaseSize: () => (postgres ? postgresDatabaseSize(postgres.url) : directorySize(pgliteDir!)),
    async close() {
      for (const instance of instances.splice(0)) await instance.close().catch(() => undefined);
      await proxy?.close();
      await workplaceEmulator.app.close();
      await graphEmulator.close();
      await postgres?.drop();
      await workDir.remove();
    },
  };
}
