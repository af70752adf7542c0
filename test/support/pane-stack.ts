import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import {
  DEMO_ADDIN_APP,
  DEMO_SYNC_APP,
  DEMO_TENANT_ID,
  createGraphEmulator,
  createTrustingFetch,
} from '../../emulators/src/graph/index.js';
import type { OutlookMeeting } from '../../emulators/src/graph/index.js';
import { createWorkplaceEmulator } from '../../emulators/src/workplace/index.js';
import { connectToEmulatedGraph } from '../../server/src/adapters/graph/index.js';
import { createWorkplaceClient } from '../../server/src/adapters/workplace/index.js';
import { createCachedUserDirectory } from '../../server/src/identity/user-directory.js';
import { createTokenVerifier } from '../../server/src/plugins/addin-auth.js';
import { errorHandler } from '../../server/src/plugins/error-handler.js';
import { createMemoryBookingIntentStore } from '../../server/src/holds/index.js';
import { addinApiRoutes, addinPublicRoutes, harnessRoutes } from '../../server/src/routes/addin-api/index.js';
import { roomConflictToleranceSource } from '../../server/src/runtime/room-conflict-tolerance.js';
import { buildWorkspaceInTemp } from './vite-build.js';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The production build of the pane (all its pages) into a temporary folder; one build at a time. */
export const buildPane = () => buildWorkspaceInTemp('addin');

/**
 * What `npm start` will serve in the embedded default, assembled from the parts: both emulators (Graph
 * as the token issuer, free/busy and "Send"; Workplace for rooms and holds), the add-in API with the
 * same token verification as production, the built pane and the harness. Without the sync (its wiring
 * in server.ts is not part of this), holds stay tentative.
 */
export async function startPaneStack(distDir: string) {
  const graph = await createGraphEmulator({ tenantId: DEMO_TENANT_ID, seed: 'demo', noise: 'none' });
  const graphListening = await graph.listen();
  const workplace = createWorkplaceEmulator();
  const workplaceUrl = await workplace.app.listen({ host: '127.0.0.1', port: 0 });
  const workplaceClient = createWorkplaceClient({ baseUrl: workplaceUrl, apiKey: workplace.apiKey });
  const graphAdapter = connectToEmulatedGraph({
    baseUrl: graphListening.url,
    caPem: graph.certificatePem,
    tenantId: DEMO_TENANT_ID,
    clientId: DEMO_SYNC_APP.clientId,
    credential: { kind: 'secret', secret: DEMO_SYNC_APP.clientSecret },
  });
  const verifyToken = createTokenVerifier({
    directory: createCachedUserDirectory(graphAdapter),
    jwks: {
      url: `${graphListening.url}/${DEMO_TENANT_ID}/discovery/v2.0/keys`,
      fetch: createTrustingFetch(graph.certificatePem),
    },
    issuers: [`${graphListening.url}/{tenantid}/v2.0`],
    audiences: [DEMO_ADDIN_APP.audience, DEMO_ADDIN_APP.clientId],
    allowedTenants: [DEMO_TENANT_ID],
    requiredScope: 'access_as_user',
  });
  const intents = createMemoryBookingIntentStore();

  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(errorHandler);
  await app.register(addinPublicRoutes, {
    config: { auth: { kind: 'harness', tokenPath: '/harness/token' } },
    staticRoot: distDir,
    includeHarness: true,
  });
  await app.register(harnessRoutes, {
    officeJsRoot: path.join(repositoryRoot, 'node_modules/@microsoft/office-js/dist'),
    issueToken: async (user) => {
      const lifetimeSeconds = 3600;
      const accessToken = await graph.control.issueDelegatedToken({
        user,
        audience: DEMO_ADDIN_APP.audience,
        scopes: ['access_as_user'],
        clientId: DEMO_ADDIN_APP.clientId,
        lifetimeSeconds,
      });
      return {
        accessToken,
        expiresAt: new Date(graph.control.clock.now().getTime() + lifetimeSeconds * 1000).toISOString(),
      };
    },
    sendMeeting: async (organizer, meeting) => {
      const event = graph.control.actAsUser(organizer, { action: 'create', meeting: meeting as OutlookMeeting });
      return { eventId: String(event?.id ?? '') };
    },
  });
  await app.register(addinApiRoutes, {
    workplace: workplaceClient,
    graph: { getSchedule: (input) => graphAdapter.getSchedule(input) },
    // As the embedded default knows them: the rooms' conflict tolerance from the emulator.
    conflictTolerancesOf: roomConflictToleranceSource(graph.control),
    intents,
    verifyToken,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });

  return {
    url,
    graph,
    workplace,
    workplaceClient,
    intents,
    close: async () => {
      await app.close();
      await workplace.app.close();
      await graphListening.close();
    },
  };
}
