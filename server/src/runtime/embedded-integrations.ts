import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { GraphEmulatorControl } from '@workplace-sync/emulators';
import type { Config } from '../config.js';
import { connectToEmulatedGraph } from '../adapters/graph/graph-connection.js';
import type { GraphAdapter } from '../adapters/graph/graph-adapter.js';
import type { OnGraphResponse } from '../adapters/graph/middleware/response-observer.js';
import { createWorkplaceClient } from '../adapters/workplace/workplace-client.js';
import { abortWithJob } from '../jobs/job-aware-fetch.js';
import type { WorkplaceClient } from '../adapters/workplace/workplace-client.js';
import { createTokenVerifier } from '../plugins/addin-auth.js';
import type { VerifyToken } from '../plugins/addin-auth.js';
import { createCachedUserDirectory } from '../identity/user-directory.js';
import type { UserDirectory } from '../identity/user-directory.js';
import type { HarnessRoutesOptions } from '../routes/addin-api/harness-routes.js';
import type { AddinConfig } from '@workplace-sync/shared';
import { freeDemoDay, seedDemoBookings } from '../demo/demo-bookings.js';

export type AddinWiring = {
  auth: AddinConfig['auth'];
  verifyToken: VerifyToken;
  /** The signed-in users' addresses and groups (Graph, cached): for the token verifier and admin rights. */
  users: UserDirectory;
  harness: Omit<HarnessRoutesOptions, 'officeJsRoot'> | null;
};

export type Integrations = {
  graph: GraphAdapter;
  workplace: WorkplaceClient;
  /** Where Graph and Workplace deliver their notifications. */
  publicUrl: string;
  clientStateSecret: string;
  workplaceWebhookSecret: string | null;
  /** What the server serves https with; null when a proxy in front terminates TLS. */
  serverTls: { key: string; cert: string } | null;
  /** Lines for the startup banner. */
  banner: string[];
  /** How the add-in signs in, how its tokens are checked, and (embedded mode) the harness's hooks. */
  addin: AddinWiring;
  /** The in-process emulators (embedded mode), for tests and demos that act as users or touchpoints. */
  emulators?: { graph: GraphEmulatorControl; workplace: FastifyInstance; workplaceApiKey: string };
  /** Books the demo meetings once the sync runs (embedded mode). */
  afterStart(): Promise<void>;
  close(): Promise<void>;
};

// An AutoAccept room with Exchange's defaults (3.04 is AutoUpdate, which never rewrites subjects).
const SUBJECT_REWRITING_DEMO_ROOM = 'room-brussels-3.02@contoso.com';

/**
 * The embedded default: both emulators in this process, on their own ports, with the demo tenant and
 * the demo Workplace, and the production adapters connected to them exactly as to the real services.
 * The emulators keep their state in memory, so each start begins from the demo data.
 */
export async function startEmbeddedIntegrations(
  config: Config,
  { onGraphResponse }: { onGraphResponse?: OnGraphResponse } = {},
): Promise<Integrations> {
  if (!config.emulators) throw new Error('embedded integrations need emulator ports');
  // Imported here only: the production path never loads the emulators.
  const emulators = await import('@workplace-sync/emulators');
  const serverTls = await emulators.generateEmulatorCertificate();
  const publicUrl = `https://localhost:${config.port}`;
  const workplaceWebhookSecret = randomBytes(32).toString('hex');

  // Rooms configured as docs/room-mailboxes.md asks (subjects kept), except one that keeps Exchange's
  // defaults so the demo shows how the sync copes with a room that rewrites subjects.
  const seed = {
    ...emulators.demoSeed,
    rooms: (emulators.demoSeed.rooms ?? []).map((room) =>
      room.email === SUBJECT_REWRITING_DEMO_ROOM
        ? room
        : { ...room, bookingSettings: { ...room.bookingSettings, deleteSubject: false, addOrganizerToSubject: false } },
    ),
  };
  const graphEmulator = await emulators.createGraphEmulator({
    tenantId: emulators.DEMO_TENANT_ID,
    seed,
    noise: 'realistic',
    notificationTls: { ca: [serverTls.cert] },
  });
  const graphListening = await graphEmulator.listen(config.emulators.graphPort, 'localhost');
  const workplaceEmulator = emulators.createWorkplaceEmulator({
    webhook: { url: `${publicUrl}/webhooks/workplace`, secret: workplaceWebhookSecret },
    fetch: emulators.createTrustingFetch(serverTls.cert),
  });
  const workplaceUrl = await workplaceEmulator.app.listen({ host: '127.0.0.1', port: config.emulators.workplacePort });

  const graph = connectToEmulatedGraph(
    {
      baseUrl: graphListening.url,
      caPem: graphEmulator.certificatePem,
      tenantId: emulators.DEMO_TENANT_ID,
      clientId: emulators.DEMO_SYNC_APP.clientId,
      credential: { kind: 'secret', secret: emulators.DEMO_SYNC_APP.clientSecret },
    },
    { wrapFetch: abortWithJob, ...(onGraphResponse ? { onResponse: onGraphResponse } : {}) },
  );
  const users = createCachedUserDirectory(graph);
  const workplace = createWorkplaceClient({
    baseUrl: workplaceUrl,
    apiKey: workplaceEmulator.apiKey,
    fetch: abortWithJob(globalThis.fetch),
  });

  const tryDay = freeDemoDay(new Date());
  return {
    graph,
    workplace,
    publicUrl,
    clientStateSecret: randomBytes(32).toString('hex'),
    workplaceWebhookSecret,
    serverTls,
    banner: [
      `server            ${publicUrl}   (health: ${publicUrl}/healthz; self-signed certificate for localhost)`,
      `Graph emulator    ${graphListening.url}   (control API: /_emulator, docs/emulators-graph.md)`,
      `Workplace emulator ${workplaceUrl}   (kiosk: ${workplaceUrl}/kiosk, control API: /_emulator)`,
      `add-in harness    ${publicUrl}/harness.html   admin console ${publicUrl}/admin/   API docs ${publicUrl}/docs`,
      `try: book Ardennes (room-brussels-1.01) as Adele in Outlook, on ${tryDay} 11:00–12:00 Brussels time (a free slot):`,
      `  curl -k -X POST ${graphListening.url}/_emulator/users/adele.vance@contoso.com/events -H 'content-type: application/json' \\`,
      `    -d '{"action":"create","meeting":{"subject":"Demo","start":{"dateTime":"${tryDay}T11:00:00","timeZone":"Europe/Brussels"},"end":{"dateTime":"${tryDay}T12:00:00","timeZone":"Europe/Brussels"},"rooms":["room-brussels-1.01@contoso.com"]}}'`,
      `  then see it in Workplace within a second: curl -H 'Authorization: Bearer ${workplaceEmulator.apiKey}' ${workplaceUrl}/api/v1/reservations`,
    ],
    addin: {
      auth: { kind: 'harness', tokenPath: '/harness/token' },
      users,
      // The same verification as production, with the Graph emulator as the token issuer.
      verifyToken: createTokenVerifier({
        directory: users,
        jwks: {
          url: `${graphListening.url}/${emulators.DEMO_TENANT_ID}/discovery/v2.0/keys`,
          fetch: emulators.createTrustingFetch(graphEmulator.certificatePem),
        },
        issuers: [`${graphListening.url}/{tenantid}/v2.0`],
        audiences: [emulators.DEMO_ADDIN_APP.audience, emulators.DEMO_ADDIN_APP.clientId],
        allowedTenants: [emulators.DEMO_TENANT_ID],
        requiredScope: 'access_as_user',
      }),
      harness: {
        issueToken: async (user) => {
          const lifetimeSeconds = 3600;
          const accessToken = await graphEmulator.control.issueDelegatedToken({
            user,
            audience: emulators.DEMO_ADDIN_APP.audience,
            scopes: ['access_as_user'],
            clientId: emulators.DEMO_ADDIN_APP.clientId,
            lifetimeSeconds,
          });
          return { accessToken, expiresAt: new Date(Date.now() + lifetimeSeconds * 1000).toISOString() };
        },
        sendMeeting: async (organizer, meeting) => {
          const event = graphEmulator.control.actAsUser(organizer, { action: 'create', meeting: meeting as never });
          return { eventId: String(event?.['id'] ?? '') };
        },
      },
    },
    emulators: {
      graph: graphEmulator.control,
      workplace: workplaceEmulator.app,
      workplaceApiKey: workplaceEmulator.apiKey,
    },
    afterStart: () =>
      seedDemoBookings({ graph: graphEmulator.control, workplace: workplaceEmulator.app, now: new Date() }),
    async close() {
      await workplaceEmulator.app.close();
      await graphEmulator.close();
    },
  };
}
