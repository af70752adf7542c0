import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config.js';

const realEnv = {
  PUBLIC_URL: 'https://rooms.contoso.com',
  GRAPH_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  GRAPH_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
  GRAPH_CLIENT_SECRET: 'a-secret',
  GRAPH_CLIENT_STATE_SECRET: 'a-client-state-secret-of-some-length',
  WORKPLACE_BASE_URL: 'https://contoso.spacewell.example/',
  WORKPLACE_API_KEY: 'wp-key',
  ADDIN_CLIENT_ID: 'api://rooms.contoso.com/66666666',
  DATABASE_URL: 'postgres://sync@db.contoso.com/sync',
};

describe('loadConfig', () => {
  test('no variables = the embedded default: PGlite in .data and both emulators', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'embedded',
      port: 3000,
      host: '127.0.0.1',
      database: { kind: 'pglite', dataDir: '.data' },
      graph: { kind: 'emulator' },
      workplace: { kind: 'emulator' },
      publicUrl: null,
    });
  });

  // Start-up then accepts only an empty or embedded database (test/server/storage/database-role.test.ts).
  test('DATABASE_URL alone selects the embedded default on that PostgreSQL database', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:54329/postgres' });
    expect(config.mode).toBe('embedded');
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:54329/postgres' });
  });

  test('the Workplace feed syncs 4 reservations at a time on PostgreSQL, 1 on PGlite, unless SYNC_FEED_CONCURRENCY says', () => {
    const postgres = 'postgres://postgres@127.0.0.1:54329/postgres';
    expect(loadConfig({}).sync.feedConcurrency).toBe(1);
    expect(loadConfig({ DATABASE_URL: postgres }).sync.feedConcurrency).toBe(4);
    expect(loadConfig({ SYNC_FEED_CONCURRENCY: '2' }).sync.feedConcurrency).toBe(2);
    expect(loadConfig({ DATABASE_URL: postgres, SYNC_FEED_CONCURRENCY: '1' }).sync.feedConcurrency).toBe(1);
    expect(() => loadConfig({ SYNC_FEED_CONCURRENCY: '0' })).toThrow('SYNC_FEED_CONCURRENCY');
  });

  test('a full real configuration', () => {
    const config = loadConfig(realEnv);
    expect(config).toMatchObject({
      mode: 'real',
      publicUrl: 'https://rooms.contoso.com',
      graph: {
        kind: 'microsoft',
        tenantId: realEnv.GRAPH_TENANT_ID,
        credential: { kind: 'secret', secret: 'a-secret' },
      },
      workplace: { kind: 'api', baseUrl: 'https://contoso.spacewell.example', apiKey: 'wp-key' },
      database: { kind: 'postgres' },
    });
  });

  test('a certificate instead of a secret', () => {
    const { GRAPH_CLIENT_SECRET: _secret, ...env } = realEnv;
    const config = loadConfig({ ...env, GRAPH_CLIENT_CERTIFICATE_PATH: '/run/secrets/graph.pem' });
    expect(config.graph).toMatchObject({ credential: { kind: 'certificate', path: '/run/secrets/graph.pem' } });
  });

  test('a partial real configuration is an error naming what is missing, never a silent fallback', () => {
    const attempt = () => loadConfig({ GRAPH_TENANT_ID: 'contoso', GRAPH_CLIENT_ID: 'app' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /PUBLIC_URL.*GRAPH_CLIENT_STATE_SECRET.*WORKPLACE_BASE_URL.*WORKPLACE_API_KEY.*ADDIN_CLIENT_ID.*DATABASE_URL.*GRAPH_CLIENT_SECRET or GRAPH_CLIENT_CERTIFICATE_PATH/,
    );
  });

  test.each([
    [{ ...realEnv, PUBLIC_URL: 'http://rooms.contoso.com' }, /PUBLIC_URL must be an https URL/],
    [{ ...realEnv, GRAPH_CLIENT_CERTIFICATE_PATH: '/x.pem' }, /not both/],
    [{ ...realEnv, GRAPH_CLIENT_STATE_SECRET: 'short' }, /at least 16 characters/],
    [{ PORT: 'eighty' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
  ])('rejects %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  test('empty variables count as unset', () => {
    expect(loadConfig({ GRAPH_TENANT_ID: '', DATABASE_URL: '' }).mode).toBe('embedded');
  });
});
