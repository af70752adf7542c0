import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createGraphEmulator } from './create-graph-emulator.js';
import { DEMO_ADDIN_APP, DEMO_SYNC_APP, DEMO_TENANT_DOMAIN, DEMO_TENANT_ID } from './seed/demo-seed.js';

// Starts the Graph emulator alone: `npm run emulator:graph -- --port 3001 --ca-file ./graph-emulator-ca.pem`.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.GRAPH_EMULATOR_PORT ?? '3001' },
    host: { type: 'string', default: process.env.GRAPH_EMULATOR_HOST ?? 'localhost' },
    seed: { type: 'string', default: 'demo' },
    noise: { type: 'string', default: 'realistic' },
    'ca-file': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(
    'Usage: npm run emulator:graph -- [--port 3001] [--host localhost] [--seed demo|empty] [--noise realistic|none] [--ca-file path]',
  );
  process.exit(0);
}

const emulator = await createGraphEmulator({
  tenantId: DEMO_TENANT_ID,
  tenantAliases: [DEMO_TENANT_DOMAIN],
  seed: values.seed === 'empty' ? 'empty' : 'demo',
  noise: values.noise === 'none' ? 'none' : 'realistic',
  logger: false,
});
const { url, port } = await emulator.listen(Number(values.port), values.host);
const caFile = resolve(values['ca-file'] ?? join(tmpdir(), `graph-emulator-${port}-ca.pem`));
writeFileSync(caFile, emulator.certificatePem);
const host = new URL(url).host;

console.log(`Microsoft Graph emulator listening on ${url}

  Graph base URL      ${url}/v1.0           (also /beta)
  Authority (MSAL)    ${url}/${DEMO_TENANT_ID}
  Tenant              ${DEMO_TENANT_ID} (${DEMO_TENANT_DOMAIN})
  Sync app            client id ${DEMO_SYNC_APP.clientId}
                      secret    ${DEMO_SYNC_APP.clientSecret}
                      roles     Calendars.ReadWrite, Place.Read.All, User.Read.All
  Add-in app          client id ${DEMO_ADDIN_APP.clientId}
  TLS certificate     ${caFile}

Clients must trust the certificate and know the host:
  NODE_EXTRA_CA_CERTS=${caFile} node your-client.js
  MSAL Node:   auth.authority = '${url}/${DEMO_TENANT_ID}', auth.knownAuthorities = ['${host}']
  Graph SDK:   Client.initWithMiddleware({ authProvider, baseUrl: '${url}', customHosts: new Set(['${new URL(url).hostname}']) })

Control API (loopback only):
  curl --cacert ${caFile} ${url}/_emulator/mailboxes
  curl --cacert ${caFile} -X POST ${url}/_emulator/users/adele.vance@contoso.com/events -H 'content-type: application/json' \\
    -d '{"action":"create","meeting":{"subject":"Design review","start":{"dateTime":"2030-03-04T10:00:00","timeZone":"Europe/Brussels"},"end":{"dateTime":"2030-03-04T11:00:00","timeZone":"Europe/Brussels"},"rooms":["room-brussels-1.01@contoso.com"]}}'
  curl --cacert ${caFile} -X POST ${url}/_emulator/clock/advance -H 'content-type: application/json' -d '{"hours":1}'

See docs/emulators-graph.md. Ctrl+C to stop.`);

const stop = async () => {
  await emulator.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
