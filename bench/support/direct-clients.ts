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

/**
 * Production clients of both emulators of an embedded server, separate from the sync's own: for the
 * baselines that write a change directly instead of through the sync.
 */
export async function directClients(
  embedded: Pick<EmbeddedServer, 'config' | 'emulators'>,
): Promise<{ workplace: WorkplaceClient; graph: GraphAdapter }> {
  const ports = embedded.config.emulators!;
  const workplace = createWorkplaceClient({
    baseUrl: `http://127.0.0.1:${ports.workplacePort}`,
    apiKey: embedded.emulators.workplaceApiKey,
  });
  const graph = connectToEmulatedGraph({
    baseUrl: `https://localhost:${ports.graphPort}`,
    caPem: await peerCertificatePem('localhost', ports.graphPort),
    tenantId: DEMO_TENANT_ID,
    clientId: DEMO_SYNC_APP.clientId,
    credential: { kind: 'secret', secret: DEMO_SYNC_APP.clientSecret },
  });
  return { workplace, graph };
}
