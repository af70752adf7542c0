import { connectSdks, runSdkScenario } from './graph-sdk-client.js';

// Run by sdk.test.ts in a separate Node process started with NODE_EXTRA_CA_CERTS=<emulator PEM>:
// the production configuration, where MSAL and the Graph SDK use Node's global fetch unchanged.
const { GRAPH_URL, TENANT_ID, CLIENT_ID, CLIENT_SECRET, ROOM } = process.env;
const { graph } = connectSdks({
  baseUrl: GRAPH_URL!,
  tenantId: TENANT_ID!,
  clientId: CLIENT_ID!,
  clientSecret: CLIENT_SECRET!,
});
try {
  console.log(JSON.stringify(await runSdkScenario(graph, ROOM!)));
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
