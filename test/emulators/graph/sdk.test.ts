import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { createTrustingFetch, createTrustingMsalNetworkClient } from '../../../emulators/src/graph/index.js';
import { connectSdks, runSdkScenario } from './support/graph-sdk-client.js';
import { ROOM_A, SYNC_APP, TENANT_ID, useEmulator } from './support/emulator-harness.js';

const EXPECTED = {
  start: '2027-03-02T10:00:00.0000000',
  marker: 'R-9',
  subjects: ['SDK meeting', 'Second'],
  deltaCount: 2,
  nextRoundCount: 0,
};

describe('the real Microsoft SDKs against the emulator', () => {
  // The SDKs' own clocks are real, so this suite runs on a running emulator clock.
  const harness = useEmulator({ clock: { now: new Date(), frozen: false } });

  test('in-process: MSAL client credentials + Graph client, trusting the emulator through a custom fetch', async () => {
    const { msal, graph } = connectSdks({
      baseUrl: harness.url,
      tenantId: TENANT_ID,
      clientId: SYNC_APP.clientId,
      clientSecret: SYNC_APP.clientSecret,
      trust: {
        fetch: createTrustingFetch(harness.emulator.certificatePem),
        networkClient: createTrustingMsalNetworkClient(harness.emulator.certificatePem),
      },
    });
    const token = await msal.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    expect(token?.accessToken.split('.')).toHaveLength(3);
    expect(await runSdkScenario(graph, ROOM_A)).toEqual(EXPECTED);
  });

  test('separate process: unchanged global fetch with NODE_EXTRA_CA_CERTS', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'graph-emulator-'));
    const caFile = join(directory, 'ca.pem');
    writeFileSync(caFile, harness.emulator.certificatePem);
    const script = fileURLToPath(new URL('./support/sdk-child-process.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--conditions=source', '--import', 'tsx', script], {
      env: {
        ...process.env,
        NODE_EXTRA_CA_CERTS: caFile,
        GRAPH_URL: harness.url,
        TENANT_ID,
        CLIENT_ID: SYNC_APP.clientId,
        CLIENT_SECRET: SYNC_APP.clientSecret,
        ROOM: ROOM_A,
      },
      timeout: 60_000,
    });
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual(EXPECTED);
  });
});
