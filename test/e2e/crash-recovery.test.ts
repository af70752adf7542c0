import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  createGraphEmulator,
  createTrustingFetch,
  createWorkplaceEmulator,
  demoSeed,
  DEMO_SYNC_APP,
  DEMO_TENANT_ID,
  generateEmulatorCertificate,
  workplaceDemoSeed,
} from '../../emulators/src/index.js';
import type { GraphEmulator, WorkplaceEmulator } from '../../emulators/src/index.js';
import { exchangeBookingSet, workplaceBookingSet } from '../support/booking-sets.js';
import { eventually, freePort } from '../support/free-port.js';
import { describeWithPostgres } from '../support/system-requirements.js';
import { createPostgresTestDatabase } from '../support/test-db.js';
import type { TestPostgresDatabase } from '../support/test-db.js';

// A server process is killed with SIGKILL in the middle of a burst of bookings on both sides, then
// started again: afterwards both sides hold the same bookings, none lost, none twice. The emulators run
// in this (test) process so that they outlive the server; the server runs in real mode against them,
// exactly as against Microsoft 365 and Workplace, on PostgreSQL.

const ROOMS = workplaceDemoSeed.areas.filter((area) => area.exchangeMailbox && area.buildingId === 'b-bru').slice(0, 6);
const mailboxOfArea = (areaId: string) => ROOMS.find((area) => area.id === areaId)?.exchangeMailbox ?? undefined;

function weekday(offsetDays: number): string {
  for (let offset = offsetDays; ; offset++) {
    const day = new Date(Date.now() + offset * 86_400_000);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) return day.toISOString().slice(0, 10);
  }
}

describeWithPostgres('a killed server loses nothing', (adminUrl) => {
  let graph: GraphEmulator;
  let workplace: WorkplaceEmulator;
  let database: TestPostgresDatabase;
  let workDir: string;
  let env: Record<string, string>;
  let child: ChildProcess | null = null;
  let serverPort: number;

  const startServerProcess = async () => {
    const process_ = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'server/src/server.ts'], {
      env: { ...process.env, ...env },
      stdio: process.env['CRASH_TEST_DEBUG'] ? ['ignore', 'inherit', 'inherit'] : 'ignore',
    });
    child = process_;
    await eventually(
      async () => {
        const response = await createTrustingFetch(env['SERVER_CERT_PEM']!)(
          `https://localhost:${serverPort}/healthz`,
        ).catch(() => null);
        return response?.ok;
      },
      { what: 'the server process to answer /healthz' },
    );
  };

  beforeAll(async () => {
    database = await createPostgresTestDatabase(adminUrl);
    workDir = await mkdtemp(path.join(tmpdir(), 'workplace-sync-crash-'));
    const serverTls = await generateEmulatorCertificate();
    await writeFile(path.join(workDir, 'server.crt'), serverTls.cert);
    await writeFile(path.join(workDir, 'server.key'), serverTls.key);
    serverPort = await freePort();
    const webhookSecret = 'workplace-webhook-secret-for-the-crash-test';
    graph = await createGraphEmulator({
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
    workplace = createWorkplaceEmulator({
      webhook: { url: `https://localhost:${serverPort}/webhooks/workplace`, secret: webhookSecret },
      fetch: createTrustingFetch(serverTls.cert),
    });
    const workplaceUrl = await workplace.app.listen({ host: '127.0.0.1', port: 0 });
    env = {
      PORT: String(serverPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      PUBLIC_URL: `https://localhost:${serverPort}`,
      TLS_CERT_PATH: path.join(workDir, 'server.crt'),
      TLS_KEY_PATH: path.join(workDir, 'server.key'),
      GRAPH_TENANT_ID: DEMO_TENANT_ID,
      GRAPH_CLIENT_ID: DEMO_SYNC_APP.clientId,
      GRAPH_CLIENT_SECRET: DEMO_SYNC_APP.clientSecret,
      GRAPH_CLIENT_STATE_SECRET: 'client-state-secret-for-the-crash-test',
      GRAPH_AUTHORITY_HOST: graphUrl,
      GRAPH_BASE_URL: graphUrl,
      GRAPH_CA_FILE: path.join(workDir, 'graph-ca.pem'),
      WORKPLACE_BASE_URL: workplaceUrl,
      WORKPLACE_API_KEY: workplace.apiKey,
      WORKPLACE_WEBHOOK_SECRET: webhookSecret,
      ADDIN_CLIENT_ID: 'api://localhost/addin',
      JOB_LEASE_SECONDS: '3',
      SYNC_FEED_POLL_SECONDS: '2',
      SYNC_ROOM_POLL_SECONDS: '5',
      SERVER_CERT_PEM: serverTls.cert,
    };
    // Real mode links rooms through the admin console; here the links are written up front.
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: database.url });
    await startServerProcess();
    await client.connect();
    for (const area of ROOMS) {
      await client.query(
        'insert into rooms (workplace_area_id, mailbox, display_name, building_id) values ($1, $2, $3, $4) on conflict do nothing',
        [area.id, area.exchangeMailbox, area.name, area.buildingId],
      );
    }
    await client.end();
    // Restart so that the sync starts with the linked rooms (subscriptions, first sync).
    child?.kill('SIGTERM');
    await new Promise((resolve) => child?.once('exit', resolve));
    await startServerProcess();
  }, 120_000);

  afterAll(async () => {
    child?.kill('SIGKILL');
    await workplace?.app.close();
    await graph?.close();
    await database?.drop();
    await rm(workDir, { recursive: true, force: true });
  });

  test('SIGKILL during a burst, then a restart: both sides equal, booking for booking', async () => {
    const day = weekday(2);
    const organizers = ['adele.vance@contoso.com', 'alex.wilber@contoso.com', 'megan.bowen@contoso.com'];
    for (let index = 0; index < 12; index++) {
      const room = ROOMS[index % ROOMS.length]!;
      const hour = 8 + Math.floor(index / ROOMS.length) * 2;
      graph.control.actAsUser(organizers[index % organizers.length]!, {
        action: 'create',
        meeting: {
          subject: `Burst meeting ${index}`,
          start: { dateTime: `${day}T${String(hour).padStart(2, '0')}:00:00`, timeZone: 'Europe/Brussels' },
          end: { dateTime: `${day}T${String(hour + 1).padStart(2, '0')}:00:00`, timeZone: 'Europe/Brussels' },
          rooms: [room.exchangeMailbox!],
        },
      });
      const kiosk = await workplace.app.inject({
        method: 'POST',
        url: '/_emulator/touchpoints/kiosk/reservations',
        payload: {
          subject: `Burst kiosk ${index}`,
          start: `${day}T${String(hour + 5).padStart(2, '0')}:00:00`,
          end: `${day}T${String(hour + 5).padStart(2, '0')}:30:00`,
          timeZone: 'Europe/Brussels',
          responsible: { email: organizers[(index + 1) % organizers.length] },
          participants: [],
          lines: [{ type: 'area', objectId: room.id }],
        },
      });
      expect(kiosk.statusCode).toBe(201);
      if (index === 5) {
        // Mid-burst: the server dies with work in flight (notifications stored, jobs claimed).
        await new Promise((resolve) => setTimeout(resolve, 150));
        child?.kill('SIGKILL');
        await new Promise((resolve) => child?.once('exit', resolve));
      }
    }
    await startServerProcess();

    const mailboxes = ROOMS.map((area) => area.exchangeMailbox!);
    const settled = await eventually(
      async () => {
        const reservations = (await workplace.app.inject({ url: '/_emulator/state' })).json().reservations;
        const exchange = exchangeBookingSet((mailbox) => graph.control.mailboxEvents(mailbox), mailboxes);
        const workplaceSide = workplaceBookingSet(reservations, mailboxOfArea);
        return (
          exchange.length === 24 &&
          JSON.stringify(exchange) === JSON.stringify(workplaceSide) && { exchange, workplaceSide }
        );
      },
      { timeoutMs: 90_000, what: 'both sides to hold the 24 bookings' },
    );
    expect(settled.exchange).toEqual(settled.workplaceSide);
    expect(new Set(settled.exchange).size).toBe(24);
  }, 150_000);
});
