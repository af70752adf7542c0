import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { eventually, freePort } from '../support/free-port.js';
import { describeIfAvailable } from '../support/system-requirements.js';

// What `npm run build && npm run start:prod` runs, and the systemd unit and Dockerfile start:
// `node server/dist/server.js`, with no TypeScript loader and no `source` condition, so every
// workspace resolves to its built `dist/`. `.ci/run` builds before it tests.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const builtServer = path.join(root, 'server/dist/server.js');
const builtPackages = ['shared', 'emulators', 'server'].map((name) => path.join(root, name, 'dist'));
const unit = path.join(root, 'deploy/workplace-sync.service');

/** GET over https from the server's own (self-signed, embedded default) certificate. */
function getStatus(port: number, pathname: string): Promise<number | null> {
  return new Promise((resolve) => {
    const req = request({ host: 'localhost', port, path: pathname, rejectUnauthorized: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? null);
    });
    req.on('error', () => resolve(null));
    req.end();
  });
}

describeIfAvailable(
  'the production build (node server/dist/server.js)',
  {
    available: existsSync(builtServer) && builtPackages.every((dir) => existsSync(dir)),
    why: 'server/dist/server.js (or a workspace dist/) is missing',
    howToEnable: 'npm run build, then run the tests again',
  },
  () => {
    let dataDir: string;
    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'workplace-sync-prod-build-'));
    });
    afterAll(async () => {
      await rm(dataDir, { recursive: true, force: true });
    });

    test('starts from the built files, becomes ready, logs JSON, prints a banner to copy from, and stops cleanly on SIGTERM', async () => {
      const port = await freePort();
      const child = spawn(process.execPath, [builtServer], {
        cwd: root,
        env: {
          PATH: process.env['PATH'] ?? '',
          PORT: String(port),
          GRAPH_EMULATOR_PORT: String(await freePort()),
          WORKPLACE_EMULATOR_PORT: String(await freePort()),
          DATA_DIR: dataDir,
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      let terminal = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (terminal += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      let hasExited = false;
      void exited.then(() => (hasExited = true));
      try {
        await eventually(
          async () => {
            if (hasExited) throw new Error(`the built server exited early:\n${(output + terminal).slice(-2000)}`);
            return (await getStatus(port, '/readyz')) === 200;
          },
          { what: 'the built server to be ready', timeoutMs: 60_000 },
        );
        expect(await getStatus(port, '/healthz')).toBe(200);
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited).toBe(0);
      // stdout is the JSON log; the terminal (stderr) gets the embedded default's banner to copy from.
      const lines = output.split('\n').filter((line) => line.trim() !== '');
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
      expect(terminal).toMatch(new RegExp(`server +https://localhost:${port}`));
      expect(terminal).toMatch(/"dateTime":"\d{4}-\d{2}-\d{2}T11:00:00"/);
    }, 90_000);
  },
);

describeIfAvailable(
  'the systemd unit',
  {
    available: existsSync('/usr/bin/systemd-analyze'),
    why: 'systemd-analyze is not installed',
    howToEnable: 'apt-get install systemd',
  },
  () => {
    test('deploy/workplace-sync.service passes systemd-analyze verify and starts the production build', async () => {
      const { stdout, stderr } = await promisify(execFile)('systemd-analyze', ['verify', unit]);
      expect(`${stdout}${stderr}`.trim()).toBe('');
      expect(await readFile(unit, 'utf8')).toMatch(/^ExecStart=\/usr\/bin\/node server\/dist\/server\.js$/m);
    });
  },
);
