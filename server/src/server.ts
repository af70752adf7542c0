import { ConfigError, loadConfig } from './config.js';
import type { Config } from './config.js';
import { startServer } from './runtime/start-server.js';
import { DataDirInUseError } from './storage/index.js';

// Entry point: configuration → the wired service (start-server.ts) → graceful close on SIGINT/SIGTERM.

/** Which setting chooses a port, to name it when the port is taken. */
function settingOfPort(config: Config, port: number): string {
  if (port === config.port) return 'PORT';
  if (config.emulators && port === config.emulators.graphPort) return 'GRAPH_EMULATOR_PORT';
  if (config.emulators && port === config.emulators.workplacePort) return 'WORKPLACE_EMULATOR_PORT';
  return 'its setting';
}

let config: Config | null = null;
try {
  config = loadConfig();
  const server = await startServer(config);
  // For the person at the terminal, besides the JSON log on stdout: plain lines that can be copied.
  process.stderr.write(`\n${server.banner.join('\n')}\n\n`);
  const close = (signal: string) => {
    server.app.log.info({ signal }, 'shutting down');
    void server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => close('SIGINT'));
  process.once('SIGTERM', () => close('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
  if (error instanceof DataDirInUseError) {
    console.error(`${error.message}\nTo run a second server, give it another data directory: DATA_DIR=<path>.`);
    process.exit(75); // EX_TEMPFAIL
  }
  const code = (error as NodeJS.ErrnoException).code;
  const port = (error as { port?: number }).port;
  if (code === 'EADDRINUSE' && config && port !== undefined) {
    console.error(
      `Port ${port} is already in use (another server or emulator?). Stop it, or choose another port with ${settingOfPort(config, port)}.`,
    );
    process.exit(75);
  }
  throw error;
}
