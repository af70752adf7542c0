import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { RequestListener, Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { generateEmulatorCertificate } from '../../emulators/src/graph/index.js';

// A cheap guard on the image definition (no container engine here): the essentials of
// deploy/Dockerfile and .dockerignore, and that the HEALTHCHECK's script works against both schemes.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const packageJson = (file: string) =>
  JSON.parse(read(file)) as {
    workspaces?: string[];
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };

/** The Dockerfile's instructions, continuation lines joined and comments dropped. */
const instructions = read('deploy/Dockerfile')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));
const stages = instructions
  .map((line, index) => (line.startsWith('FROM ') ? index : -1))
  .filter((index) => index >= 0)
  .map((start, i, starts) => instructions.slice(start, starts[i + 1]));
const build = stages[0]!;
const runtime = stages.at(-1)!;
const workspaces = packageJson('package.json').workspaces!;

describe('deploy/Dockerfile', () => {
  test('installs from the manifests before the sources are copied (the dependency layer is cached)', () => {
    const install = build.indexOf('RUN npm ci');
    const sources = build.indexOf('COPY . .');
    expect(install).toBeGreaterThan(0);
    expect(sources).toBeGreaterThan(install);
    const beforeInstall = build.slice(0, install).join('\n');
    expect(beforeInstall).toMatch(/COPY package\.json package-lock\.json/);
    for (const workspace of workspaces) expect(beforeInstall).toContain(`COPY ${workspace}/package.json`);
    expect(build.slice(sources).join('\n')).toMatch(/npm run build && npm prune --omit=dev/);
  });

  test('the runtime image: only built output, owned by the user it runs as, listening on every interface', () => {
    expect(stages.length).toBeGreaterThan(1);
    expect(runtime).toContain('USER node');
    expect(runtime.find((line) => line.startsWith('ENV '))).toMatch(/\bHOST=0\.0\.0\.0\b/);
    expect(runtime.find((line) => line.startsWith('CMD '))).toContain('server/dist/server.js');
    const copies = runtime.filter((line) => line.startsWith('COPY '));
    for (const copy of copies) expect(copy).toMatch(/^COPY --from=build --chown=node:node /);
    const copied = copies.map((copy) => copy.split(/\s+/).at(-2));
    // The server, the emulators it starts in the embedded default, the shared package they import,
    // the pane and the console it serves (the migrations are in server/dist).
    for (const workspace of workspaces) {
      expect(copied).toContain(`/app/${workspace}/dist`);
      expect(copied).toContain(`/app/${workspace}/package.json`);
    }
    expect(copied).toContain('/app/node_modules');
    expect(copied.filter((source) => source?.endsWith('/src'))).toEqual([]);
  });

  test('its HEALTHCHECK asks /healthz over https (the embedded default’s own certificate) or http', async () => {
    const healthcheck = runtime.find((line) => line.startsWith('HEALTHCHECK '))!;
    expect(healthcheck).toContain('/healthz');
    const [, env, script] = /CMD (\w+=\S+) node -e "([^"]+)"/.exec(healthcheck)!;
    const run = async (port: number) => {
      const [name, value] = env!.split('=');
      const child = promisify(execFile)(process.execPath, ['-e', script!], {
        env: { PATH: process.env['PATH'], PORT: String(port), [name!]: value },
        timeout: 10_000,
      });
      return child.then(
        () => 0,
        (error: { code?: number }) => error.code ?? -1,
      );
    };
    const health: RequestListener = (request, response) => {
      response.statusCode = request.url === '/healthz' ? 200 : 404;
      response.end('{"status":"ok"}');
    };
    const listen = async (server: Server) => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return server;
    };
    const certificate = await generateEmulatorCertificate();
    const https = await listen(createHttpsServer({ key: certificate.key, cert: certificate.cert }, health));
    const http = await listen(createHttpServer(health));
    const sick = await listen(createHttpServer((_request, response) => response.writeHead(503).end()));
    try {
      const portOf = (server: Server) => (server.address() as AddressInfo).port;
      expect(await run(portOf(https))).toBe(0);
      expect(await run(portOf(http))).toBe(0);
      expect(await run(portOf(sick))).toBe(1);
    } finally {
      for (const server of [https, http, sick]) server.close();
    }
  });
});

describe('.dockerignore', () => {
  test('keeps the repository, local state, secrets and build output out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(ignored).toEqual(
      expect.arrayContaining(['.git', '.data', '.env', '.env.*', '**/node_modules', '**/dist', 'test-results']),
    );
  });
});

describe('dependencies of the production install', () => {
  test('office.js, served by the embedded harness, survives `npm prune --omit=dev` and is found where the server looks', () => {
    expect(packageJson('server/package.json').dependencies).toHaveProperty('@microsoft/office-js');
    expect(packageJson('package.json').devDependencies).not.toHaveProperty('@microsoft/office-js');
    // start-server.ts serves node_modules/@microsoft/office-js/dist from the repository root: npm
    // hoists the server's dependency there.
    const resolved = createRequire(path.join(root, 'server/package.json')).resolve('@microsoft/office-js/package.json');
    expect(path.dirname(resolved)).toBe(path.join(root, 'node_modules/@microsoft/office-js'));
  });
});
