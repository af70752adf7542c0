import { ConfigError, loadConfig } from './config.js';
import { startServer } from './runtime/start-server.js';

// Entry point: configuration → the wired service (start-server.ts) → graceful close on SIGINT/SIGTERM.

try {
  const server = await startServer(loadConfig());
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
  throw error;
}
