import { buildApp } from './app.js';
import { ConfigError, describeConfig, loadConfig } from './config.js';
import type { Config } from './config.js';
import { createDb } from './storage/create-db.js';

// Entry point: loadConfig → database → buildApp → listen → graceful close on SIGINT/SIGTERM.

async function start(config: Config) {
  const database = await createDb(config.database);
  const app = await buildApp(
    { config, database },
    { logger: { level: config.logLevel }, forceCloseConnections: 'idle' },
  );
  for (const line of describeConfig(config)) app.log.info(line);

  let isClosing = false;
  const close = async (signal: string) => {
    if (isClosing) return;
    isClosing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
}

try {
  await start(loadConfig());
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
  throw error;
}
