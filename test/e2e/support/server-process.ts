import { spawn } from 'node:child_process';
import { createTrustingFetch } from '../../../emulators/src/index.js';
import { eventually } from '../../support/free-port.js';

/** A real server process (`server/src/server.ts`, as production runs it), answering on `port`. */
export type ServerProcess = {
  port: number;
  pid: number;
  /** Resolves with the exit code (null after a signal) once the process has ended. */
  exited: Promise<number | null>;
  /** Sends `signal` and waits for the process to end. */
  stop(signal: NodeJS.Signals): Promise<void>;
};

/**
 * Starts the server with `env` over this process' environment and waits for `/healthz`. `env` must
 * hold PORT and SERVER_CERT_PEM (the certificate it serves, to trust it). With E2E_SERVER_OUTPUT=1
 * its output goes to this process' (the debugging aid of the e2e suites).
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'server/src/server.ts'], {
    env: { ...process.env, ...env },
    stdio: process.env['E2E_SERVER_OUTPUT'] ? ['ignore', 'inherit', 'inherit'] : 'ignore',
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = Number(env['PORT']);
  const trustingFetch = createTrustingFetch(env['SERVER_CERT_PEM']!);
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  await eventually(
    async () => {
      if (exitCode !== undefined) throw new Error(`the server process on port ${port} exited with ${exitCode}`);
      const response = await trustingFetch(`https://localhost:${port}/healthz`).catch(() => null);
      return response?.ok;
    },
    { what: `the server process on port ${port} to answer /healthz` },
  );
  return {
    port,
    pid: child.pid!,
    exited,
    stop: async (signal) => {
      if (exitCode === undefined) child.kill(signal);
      await exited;
    },
  };
}
