import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config.js';

const realEnv = {
  PUBLIC_URL: 'https://rooms.contoso.com',
  GRAPH_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  GRAPH_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
  GRAPH_CLIENT_SECRET: 'a-secret',
  GRAPH_CLIENT_STATE_SECRET: 'a-client-state-secret-of-some-length',
  WORKPLACE_BASE_URL: 'https://contoso.spacewell.example/',
  WORKPLACE_API_KEY: 'wp-key',
  ADDIN_CLIENT_ID: '66666666-7777-8888-9999-000000000000',
  DATABASE_URL: 'postgres://sync@db.contoso.com/sync',
};

const without = (env: Record<string, string>, ...names: string[]) =>
  Object.fromEntries(Object.entries(env).filter(([name]) => !names.includes(name)));

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  return [];
}

describe('secrets from files (NAME_FILE)', () => {
  let dir: string;
  const file = async (name: string, content: string) => {
    const at = path.join(dir, name);
    await writeFile(at, content);
    return at;
  };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'secrets-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('each secret can come from a file (trailing newline trimmed), as Docker and Kubernetes secrets mount them', async () => {
    const env = {
      ...without(realEnv, 'GRAPH_CLIENT_SECRET', 'GRAPH_CLIENT_STATE_SECRET', 'WORKPLACE_API_KEY'),
      GRAPH_CLIENT_SECRET_FILE: await file('graph-secret', 'secret-from-a-file\n'),
      GRAPH_CLIENT_STATE_SECRET_FILE: await file('client-state', 'client-state-secret-from-a-file\n'),
      WORKPLACE_API_KEY_FILE: await file('workplace-key', 'workplace-key-from-a-file\n'),
      WORKPLACE_WEBHOOK_SECRET_FILE: await file('webhook', 'webhook-secret-from-a-file\n'),
      METRICS_TOKEN_FILE: await file('metrics', 'metrics-token-from-a-file\n'),
    };
    const config = loadConfig(env);
    expect(config.mode).toBe('real');
    expect(config.graph).toMatchObject({
      credential: { kind: 'secret', secret: 'secret-from-a-file' },
      clientStateSecret: 'client-state-secret-from-a-file',
    });
    expect(config.workplace).toMatchObject({ apiKey: 'workplace-key-from-a-file' });
    expect(config.workplaceWebhookSecret).toBe('webhook-secret-from-a-file');
    expect(config.security.metricsToken).toBe('metrics-token-from-a-file');
  });

  test('a secret file alone switches to real mode like the variable would (and then needs the rest)', async () => {
    const problems = problemsOf({ GRAPH_CLIENT_SECRET_FILE: await file('alone', 'secret\n') });
    expect(problems.join('\n')).toMatch(/real mode .* also needs: PUBLIC_URL/);
  });

  test('both the variable and its file: refused, naming both', async () => {
    const problems = problemsOf({ ...realEnv, GRAPH_CLIENT_SECRET_FILE: await file('both', 'other') });
    expect(problems).toContain('set GRAPH_CLIENT_SECRET or GRAPH_CLIENT_SECRET_FILE, not both');
  });

  test('a missing or empty file: refused, naming the variable and the path but never any content', async () => {
    const missing = problemsOf({
      ...without(realEnv, 'WORKPLACE_API_KEY'),
      WORKPLACE_API_KEY_FILE: path.join(dir, 'nope'),
    });
    expect(missing).toContain(`WORKPLACE_API_KEY_FILE: cannot read ${path.join(dir, 'nope')} (ENOENT)`);
    const empty = problemsOf({
      ...without(realEnv, 'WORKPLACE_API_KEY'),
      WORKPLACE_API_KEY_FILE: await file('empty', '\n'),
    });
    expect(empty).toContain(`WORKPLACE_API_KEY_FILE: ${path.join(dir, 'empty')} is empty`);
  });

  test('the secrets of a file never appear in a configuration error', async () => {
    const secretFile = await file('leaky', 'short\n');
    let message = '';
    try {
      loadConfig({ ...without(realEnv, 'GRAPH_CLIENT_STATE_SECRET'), GRAPH_CLIENT_STATE_SECRET_FILE: secretFile });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/GRAPH_CLIENT_STATE_SECRET must be at least 16 characters/);
    expect(message).not.toContain('short');
  });
});

describe('insecure combinations are refused at startup', () => {
  const emulator = 'https://localhost:3001';

  test.each([
    [
      'production in embedded mode (development harness, emulators)',
      { NODE_ENV: 'production' },
      /NODE_ENV=production needs real mode/,
    ],
    [
      "an emulator's issuer with production Graph",
      { ...realEnv, GRAPH_AUTHORITY_HOST: emulator },
      /GRAPH_AUTHORITY_HOST is an emulator .* but GRAPH_BASE_URL is Microsoft Graph/,
    ],
    [
      "an emulator's issuer with Graph named explicitly",
      { ...realEnv, GRAPH_AUTHORITY_HOST: 'https://127.0.0.1:3001', GRAPH_BASE_URL: 'https://graph.microsoft.com' },
      /tokens of an emulator's issuer must not be sent to production Graph/,
    ],
    [
      "Microsoft's authority with an emulated Graph",
      { ...realEnv, GRAPH_BASE_URL: emulator },
      /GRAPH_BASE_URL is an emulator .* Microsoft tokens must not be sent to an emulator/,
    ],
    [
      'production with the emulator for both',
      { ...realEnv, NODE_ENV: 'production', GRAPH_AUTHORITY_HOST: emulator, GRAPH_BASE_URL: emulator },
      /GRAPH_AUTHORITY_HOST points at this machine .* NODE_ENV=production does not allow/,
    ],
    [
      'production with Workplace over http on this machine',
      { ...realEnv, NODE_ENV: 'production', WORKPLACE_BASE_URL: 'http://127.0.0.1:3002' },
      /WORKPLACE_BASE_URL must be https with NODE_ENV=production/,
    ],
    [
      'production with a loopback public URL',
      { ...realEnv, NODE_ENV: 'production', PUBLIC_URL: 'https://localhost:3000' },
      /PUBLIC_URL points at this machine/,
    ],
    ['an http public URL', { ...realEnv, PUBLIC_URL: 'http://rooms.contoso.com' }, /PUBLIC_URL must be an https URL/],
    [
      'a short Workplace webhook secret',
      { WORKPLACE_WEBHOOK_SECRET: 'short' },
      /WORKPLACE_WEBHOOK_SECRET must be at least 16/,
    ],
    ['a short metrics token', { METRICS_TOKEN: 'short' }, /METRICS_TOKEN must be at least 16/],
    ['any origin for the add-in API', { ADDIN_ALLOWED_ORIGINS: '*' }, /ADDIN_ALLOWED_ORIGINS: '\*' is not an origin/],
    [
      'an http origin for the add-in API in production',
      { ...realEnv, NODE_ENV: 'production', ADDIN_ALLOWED_ORIGINS: 'http://localhost:5173' },
      /ADDIN_ALLOWED_ORIGINS: http:\/\/localhost:5173 must be an https origin/,
    ],
  ])('%s', (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  test('what is allowed: both sides on one standalone emulator outside production, production against Microsoft', () => {
    expect(loadConfig({ ...realEnv, GRAPH_AUTHORITY_HOST: emulator, GRAPH_BASE_URL: emulator }).mode).toBe('real');
    const production = loadConfig({
      ...realEnv,
      NODE_ENV: 'production',
      ADDIN_ALLOWED_ORIGINS: 'https://cdn.contoso.com/pane/, https://rooms.contoso.com',
    });
    expect(production.addin.allowedOrigins).toEqual(['https://cdn.contoso.com', 'https://rooms.contoso.com']);
    expect(loadConfig({ NODE_ENV: 'test' }).mode).toBe('embedded');
  });

  test('defaults: rate limits on, proxies not trusted, metrics open, 20 s shutdown grace', () => {
    expect(loadConfig({})).toMatchObject({
      security: {
        trustProxy: false,
        metricsToken: null,
        rateLimits: {
          webhooksPerMinute: 60_000,
          apiPerMinute: 600,
          harnessTokenPerMinute: 60,
          operationsPerMinute: 120,
        },
      },
      shutdownGraceMs: 20_000,
    });
    expect(loadConfig({ TRUST_PROXY: '1' }).security.trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8' }).security.trustProxy).toBe('10.0.0.0/8');
  });
});
