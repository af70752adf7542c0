import tls from 'node:tls';
import { DEMO_SYNC_APP, DEMO_TENANT_ID } from '@workplace-sync/emulators';
import { connectToEmulatedGraph } from '../../server/src/adapters/graph/graph-connection.js';
import type { GraphAdapter } from '../../server/src/adapters/graph/graph-adapter.js';
import { createWorkplaceClient } from '../../server/src/adapters/workplace/workplace-client.js';
import type { WorkplaceClient } from '../../server/src/adapters/workplace/workplace-client.js';
import type { EmbeddedServer } from './embedded-server.js';

/** The PEM of the certificate a TLS server presents (the Graph emulator's self-signed one is its own CA). */
function peerCertificatePem(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host, port, servername: host, rejectUnauthorized: false }, () => {
      const der = socket.getPeerCertificate().raw;
      socket.end();
      const base64 = der.toString('base64').replace(/.{64}/g, '$&\n');
      resolve(`-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`);
    });
    socket.on('error', reject);
  });
}

/** Where the emulators listen (the Workplace API and its key, the Graph emulator's https URL). */
export type DirectEndpoints = { workplaceUrl: string; workplaceApiKey: string; graphUrl: string };

/** The endpoints of an embedded server's in-process emulators. */
export const embeddedEndpoints = (embedded: Pick<EmbeddedServer, 'config' | 'emulators'>): DirectEndpoints => ({
  workplaceUrl: `http://127.0.0.1:${embedded.config.emulators!.workplacePort}`,
  workplaceApiKey: embedded.emulators.workplaceApiKey,
  graphUrl: `https://localhost:${embedded.config.emulators!.graphPort}`,
});

/**
 * Production clients of both emulators, separate from the sync's own: for the baselines that write a
 * change directly instead of through the sync.
 */
export async function directClients(
  endpoints: DirectEndpoints,
): Promise<{ workplace: WorkplaceClient; graph: GraphAdapter }> {
  const workplace = createWorkplaceClient({ baseUrl: endpoints.workplaceUrl, apiKey: endpoints.workplaceApiKey });
  const graphUrl = new URL(endpoints.graphUrl);
  const graph = connectToEmulatedGraph({
    baseUrl: endpoints.graphUrl,
    caPem: await peerCertificatePem(graphUrl.hostname, Number(graphUrl.port)),
    tenantId: DEMO_TENANT_ID,
    clientId: DEMO_SYNC_APP.clientId,
    credential: { kind: 'secret', secret: DEMO_SYNC_APP.clientSecret },
  });
  return { workplace, graph };
}
