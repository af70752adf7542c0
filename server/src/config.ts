import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { DbOptions } from './storage/create-db.js';

// The only module that reads process.env. No variables set = the embedded default (PGlite, both
// emulators, demo data). Any real-integration variable set = real mode, which needs all of them.

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('.data'),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  PUBLIC_URL: optionalText,
  GRAPH_TENANT_ID: optionalText,
  GRAPH_CLIENT_ID: optionalText,
  GRAPH_CLIENT_SECRET: optionalText,
  GRAPH_CLIENT_CERTIFICATE_PATH: optionalText,
  GRAPH_CLIENT_STATE_SECRET: optionalText,
  WORKPLACE_BASE_URL: optionalText,
  WORKPLACE_API_KEY: optionalText,
  ADDIN_CLIENT_ID: optionalText,
  GRAPH_AUTHORITY_HOST: optionalText,
  GRAPH_BASE_URL: optionalText,
  GRAPH_CA_FILE: optionalText,
  ADMIN_USERS: optionalText,
  ADMIN_GROUP_ID: optionalText,
  ADMIN_NOTIFY_WEBHOOK_URL: optionalText,
  ADDIN_MAX_ACTIVE_HOLDS: z.coerce.number().int().min(1).max(1_000).default(20),
  BOOKING_HOLD_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  WORKPLACE_WEBHOOK_SECRET: optionalText,
  TLS_CERT_PATH: optionalText,
  TLS_KEY_PATH: optionalText,
  GRAPH_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  WORKPLACE_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(3002),
  SYNC_CONFLICT_POLICY: z.enum(['latest-wins', 'exchange-wins', 'workplace-wins']).default('latest-wins'),
  SYNC_FEED_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  SYNC_ROOM_POLL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(600),
  RETENTION_NOTIFICATIONS_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  RETENTION_SYNC_LOG_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  SYNC_ROOM_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  SYNC_FEED_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  ADDIN_ALLOWED_ORIGINS: optionalText,
  TRUST_PROXY: optionalText,
  METRICS_TOKEN: optionalText,
  RATE_LIMIT_WEBHOOKS_PER_MINUTE: z.coerce.number().int().min(0).default(60_000),
  RATE_LIMIT_API_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  RATE_LIMIT_HARNESS_TOKEN_PER_MINUTE: z.coerce.number().int().min(0).default(60),
  RATE_LIMIT_OPERATIONS_PER_MINUTE: z.coerce.number().int().min(0).default(120),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(600).default(20),
});

type Env = z.infer<typeof EnvSchema>;

/** Secrets that may also come from a file (`NAME_FILE`, e.g. a Docker or Kubernetes secret). */
const SECRET_FILE_VARIABLES = [
  'GRAPH_CLIENT_SECRET',
  'GRAPH_CLIENT_STATE_SECRET',
  'WORKPLACE_API_KEY',
  'WORKPLACE_WEBHOOK_SECRET',
  'METRICS_TOKEN',
  // An incoming-webhook URL carries its own secret.
  'ADMIN_NOTIFY_WEBHOOK_URL',
] as const satisfies ReadonlyArray<keyof Env>;

/**
 * The embedded default's administrators: the Graph emulator's demo group "Room sync administrators"
 * (emulators' DEMO_ADMIN_GROUP_ID), whose member Megan Bowen is the user the console signs in as.
 */
export const DEMO_ADMIN = 'megan.bowen@contoso.com';
const DEMO_ADMIN_GROUP_ID = 'b5f0c3d2-6a4e-4c1b-9d8f-7e6a5b4c3d2e';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const REAL_MODE_VARIABLES = [
  'PUBLIC_URL',
  'GRAPH_TENANT_ID',
  'GRAPH_CLIENT_ID',
  'GRAPH_CLIENT_SECRET',
  'GRAPH_CLIENT_CERTIFICATE_PATH',
  'GRAPH_CLIENT_STATE_SECRET',
  'WORKPLACE_BASE_URL',
  'WORKPLACE_API_KEY',
  'ADDIN_CLIENT_ID',
] as const satisfies ReadonlyArray<keyof Env>;

export type GraphConfig =
  | { kind: 'emulator' }
  | {
      kind: 'microsoft';
      tenantId: string;
      clientId: string;
      credential: { kind: 'secret'; secret: string } | { kind: 'certificate'; path: string };
      clientStateSecret: string;
      /** Entra ID's login host; another only for a sovereign cloud or a standalone Graph emulator. */
      authorityHost: string;
      /** Graph's base URL; null = https://graph.microsoft.com. */
      graphBaseUrl: string | null;
      /** An extra CA (PEM file) to trust for both, e.g. a standalone emulator's certificate. */
      caFile: string | null;
    };

export type WorkplaceConfig = { kind: 'emulator' } | { kind: 'api'; baseUrl: string; apiKey: string };

export type Config = {
  mode: 'embedded' | 'real';
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  logLevel: Env['LOG_LEVEL'];
  /** https origin that Graph and Outlook reach us at; null in embedded mode (the emulators call loopback). */
  publicUrl: string | null;
  database: DbOptions;
  graph: GraphConfig;
  workplace: WorkplaceConfig;
  /** `allowedOrigins`: origins that may call the add-in API from a browser (CORS), besides the server's own. */
  addin: { clientId: string | null; holdMinutes: number; allowedOrigins: string[] };
  /** Ports of the in-process emulators (embedded mode only). */
  emulators: { graphPort: number; workplacePort: number } | null;
  /** Secret of Workplace's signed webhook; null: the change feed is polled only. */
  workplaceWebhookSecret: string | null;
  /** PEM files to serve https; embedded mode generates a certificate for localhost when unset. */
  tls: { certPath: string; keyPath: string } | null;
  sync: {
    policy: 'latest-wins' | 'exchange-wins' | 'workplace-wins';
    feedPollMs: number;
    roomPollMs: number;
    roomConcurrency: number;
    /**
     * How many reservations of one Workplace feed run sync side by side. Default 4 on PostgreSQL, 1 on
     * PGlite, where every statement runs on the server's one thread and parallel reservations only take
     * that thread's time from the room jobs (bench/RESULTS.md, the busy day at 1,000 rooms).
     */
    feedConcurrency: number;
  };
  /** How long processed notifications and the sync log are kept (pruned daily). */
  retention: { notificationDays: number; syncLogDays: number };
  /** How long a claimed job stays claimed without renewal: what a killed worker's job waits before a retry. */
  jobLeaseMs: number;
  /** Who may use the admin console and API (checked on the verified token's object id). */
  admins: {
    /** Entra object ids (ADMIN_USERS entries that are GUIDs). */
    objectIds: string[];
    /** Mail addresses (ADMIN_USERS entries with an @): matched against the directory's addresses, warned about at startup. */
    emails: string[];
    /** An Entra group whose (transitive) members are administrators (ADMIN_GROUP_ID). */
    groupId: string | null;
  };
  /** How many rooms one user may hold at once from the add-in (ADDIN_MAX_ACTIVE_HOLDS). */
  maxActiveHoldsPerUser: number;
  /** Where notices for administrators are posted (ADMIN_NOTIFY_WEBHOOK_URL, a secret); null: none. */
  adminNotifyWebhookUrl: string | null;
  security: {
    /** Fastify's `trustProxy`: which proxies' X-Forwarded-For to believe (rate limits key on the client IP). */
    trustProxy: boolean | number | string;
    /** When set, /metrics needs `Authorization: Bearer <token>`. */
    metricsToken: string | null;
    /** Requests per minute per client; 0 = no limit. */
    rateLimits: {
      webhooksPerMinute: number;
      apiPerMinute: number;
      harnessTokenPerMinute: number;
      operationsPerMinute: number;
    };
  };
  /** How long a shutdown waits for running jobs before releasing them to another instance. */
  shutdownGraceMs: number;
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An https URL; with `allowLoopbackHttp`, http to this machine too (a standalone emulator, a local proxy). */
function httpsUrl(
  name: string,
  value: string | undefined,
  problems: string[],
  { allowLoopbackHttp = false } = {},
): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    const isLoopbackHttp = allowLoopbackHttp && url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
    if (url.protocol !== 'https:' && !isLoopbackHttp)
      problems.push(`${name} must be an https URL, got ${url.protocol}`);
    return value.replace(/\/+$/, '');
  } catch {
    problems.push(`${name} is not a URL: '${value}'`);
    return undefined;
  }
}

const REQUIRED_IN_REAL_MODE = [
  'PUBLIC_URL',
  'GRAPH_TENANT_ID',
  'GRAPH_CLIENT_ID',
  'GRAPH_CLIENT_STATE_SECRET',
  'WORKPLACE_BASE_URL',
  'WORKPLACE_API_KEY',
  'ADDIN_CLIENT_ID',
  'DATABASE_URL',
] as const;

/** What real mode needs, to name in messages: the variables above and one Graph credential. */
export const REAL_MODE_SETTINGS = [
  ...REQUIRED_IN_REAL_MODE.filter((name) => name !== 'DATABASE_URL'),
  'GRAPH_CLIENT_SECRET or GRAPH_CLIENT_CERTIFICATE_PATH',
];

function loadRealConfig(
  env: Env,
  problems: string[],
  allowedOrigins: string[],
): Pick<Config, 'publicUrl' | 'graph' | 'workplace' | 'addin'> {
  const missing: string[] = REQUIRED_IN_REAL_MODE.filter((name) => env[name] === undefined);
  if (!env.GRAPH_CLIENT_SECRET && !env.GRAPH_CLIENT_CERTIFICATE_PATH) {
    missing.push('GRAPH_CLIENT_SECRET or GRAPH_CLIENT_CERTIFICATE_PATH');
  }
  if (missing.length > 0) {
    problems.push(`real mode (some Graph/Workplace variables are set) also needs: ${missing.join(', ')}`);
  }
  if (env.GRAPH_CLIENT_SECRET && env.GRAPH_CLIENT_CERTIFICATE_PATH) {
    problems.push('set GRAPH_CLIENT_SECRET or GRAPH_CLIENT_CERTIFICATE_PATH, not both');
  }
  if (env.GRAPH_CLIENT_STATE_SECRET && env.GRAPH_CLIENT_STATE_SECRET.length < 16) {
    problems.push('GRAPH_CLIENT_STATE_SECRET must be at least 16 characters (Graph allows up to 128)');
  }
  const publicUrl = httpsUrl('PUBLIC_URL', env.PUBLIC_URL, problems) ?? null;
  const workplaceBaseUrl =
    httpsUrl('WORKPLACE_BASE_URL', env.WORKPLACE_BASE_URL, problems, { allowLoopbackHttp: true }) ?? '';
  return {
    publicUrl,
    graph: {
      kind: 'microsoft',
      tenantId: env.GRAPH_TENANT_ID ?? '',
      clientId: env.GRAPH_CLIENT_ID ?? '',
      credential: env.GRAPH_CLIENT_CERTIFICATE_PATH
        ? { kind: 'certificate', path: env.GRAPH_CLIENT_CERTIFICATE_PATH }
        : { kind: 'secret', secret: env.GRAPH_CLIENT_SECRET ?? '' },
      clientStateSecret: env.GRAPH_CLIENT_STATE_SECRET ?? '',
      authorityHost:
        httpsUrl('GRAPH_AUTHORITY_HOST', env.GRAPH_AUTHORITY_HOST, problems) ?? 'https://login.microsoftonline.com',
      graphBaseUrl: httpsUrl('GRAPH_BASE_URL', env.GRAPH_BASE_URL, problems) ?? null,
      caFile: env.GRAPH_CA_FILE ?? null,
    },
    workplace: { kind: 'api', baseUrl: workplaceBaseUrl, apiKey: env.WORKPLACE_API_KEY ?? '' },
    addin: { clientId: env.ADDIN_CLIENT_ID ?? null, holdMinutes: env.BOOKING_HOLD_MINUTES, allowedOrigins },
  };
}

/** `NAME_FILE` → the file's content (trimmed) as `NAME`; setting both is an error, as is an unreadable or empty file. */
function withSecretFiles(
  source: Record<string, string | undefined>,
  problems: string[],
): Record<string, string | undefined> {
  const resolved = { ...source };
  for (const name of SECRET_FILE_VARIABLES) {
    const file = source[`${name}_FILE`]?.trim();
    if (!file) continue;
    if (source[name]?.trim()) {
      problems.push(`set ${name} or ${name}_FILE, not both`);
      continue;
    }
    try {
      const content = readFileSync(file, 'utf8').trim();
      if (content === '') problems.push(`${name}_FILE: ${file} is empty`);
      else resolved[name] = content;
    } catch (error) {
      problems.push(`${name}_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
    }
  }
  return resolved;
}

const isLoopbackUrl = (value: string | undefined): boolean => {
  if (value === undefined) return false;
  try {
    const { hostname } = new URL(value);
    return LOOPBACK_HOSTS.has(hostname) || /^127\./.test(hostname);
  } catch {
    return false;
  }
};

/**
 * Combinations that would run insecurely are refused at startup: the development harness (tokens for
 * anyone) or the emulators in production, tokens of an emulator's issuer sent to Microsoft Graph or
 * Microsoft credentials sent to an emulator, short webhook or metrics secrets.
 */
function refuseInsecureCombinations(env: Env, isReal: boolean, problems: string[]): void {
  const isProduction = env.NODE_ENV === 'production';
  if (isProduction && !isReal) {
    problems.push(
      'NODE_ENV=production needs real mode: the embedded default signs anyone in through the development harness and uses in-process emulators; set the Graph, Workplace and add-in variables',
    );
  }
  if (isReal) {
    const isEmulatedAuthority = isLoopbackUrl(env.GRAPH_AUTHORITY_HOST);
    const isEmulatedGraph = isLoopbackUrl(env.GRAPH_BASE_URL);
    if (isEmulatedAuthority && !isEmulatedGraph) {
      problems.push(
        `GRAPH_AUTHORITY_HOST is an emulator on this machine (${env.GRAPH_AUTHORITY_HOST}) but GRAPH_BASE_URL is ${env.GRAPH_BASE_URL ?? 'Microsoft Graph'}: tokens of an emulator's issuer must not be sent to production Graph; point both at the emulator or both at Microsoft`,
      );
    }
    if (isEmulatedGraph && !isEmulatedAuthority) {
      problems.push(
        `GRAPH_BASE_URL is an emulator on this machine (${env.GRAPH_BASE_URL}) but GRAPH_AUTHORITY_HOST is ${env.GRAPH_AUTHORITY_HOST ?? "Microsoft's (login.microsoftonline.com)"}: Microsoft tokens must not be sent to an emulator; point both at the emulator or both at Microsoft`,
      );
    }
    if (isProduction) {
      for (const name of ['PUBLIC_URL', 'GRAPH_AUTHORITY_HOST', 'GRAPH_BASE_URL', 'WORKPLACE_BASE_URL'] as const) {
        if (isLoopbackUrl(env[name])) {
          problems.push(`${name} points at this machine (${env[name]}), which NODE_ENV=production does not allow`);
        }
      }
      if (env.WORKPLACE_BASE_URL?.startsWith('http:')) {
        problems.push('WORKPLACE_BASE_URL must be https with NODE_ENV=production');
      }
    }
  }
  for (const name of ['WORKPLACE_WEBHOOK_SECRET', 'METRICS_TOKEN'] as const) {
    const value = env[name];
    if (value !== undefined && value.length < 16) problems.push(`${name} must be at least 16 characters`);
  }
}

/** ADDIN_ALLOWED_ORIGINS: comma-separated https origins (http only to this machine, outside production). */
function allowedOriginsOf(env: Env, problems: string[]): string[] {
  const entries = (env.ADDIN_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.flatMap((entry) => {
    try {
      const url = new URL(entry);
      const isLocalHttp = env.NODE_ENV !== 'production' && url.protocol === 'http:' && isLoopbackUrl(entry);
      if (url.protocol !== 'https:' && !isLocalHttp) {
        problems.push(`ADDIN_ALLOWED_ORIGINS: ${entry} must be an https origin`);
        return [];
      }
      return [url.origin];
    } catch {
      problems.push(`ADDIN_ALLOWED_ORIGINS: '${entry}' is not an origin (https://host[:port]; no wildcards)`);
      return [];
    }
  });
}

/** TRUST_PROXY: unset/false, true, a hop count, or comma-separated proxy addresses/CIDRs (Fastify's trustProxy). */
function trustProxyOf(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const parsed = EnvSchema.safeParse(withSecretFiles(source, problems));
  if (!parsed.success) {
    throw new ConfigError([
      ...problems,
      ...parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    ]);
  }
  const env = parsed.data;
  const isReal = REAL_MODE_VARIABLES.some((name) => env[name] !== undefined);
  const allowedOrigins = allowedOriginsOf(env, problems);
  const integrations = isReal
    ? loadRealConfig(env, problems, allowedOrigins)
    : {
        publicUrl: null,
        graph: { kind: 'emulator' as const },
        workplace: { kind: 'emulator' as const },
        addin: { clientId: null, holdMinutes: env.BOOKING_HOLD_MINUTES, allowedOrigins },
      };
  if ((env.TLS_CERT_PATH === undefined) !== (env.TLS_KEY_PATH === undefined)) {
    problems.push('set both TLS_CERT_PATH and TLS_KEY_PATH, or neither');
  }
  refuseInsecureCombinations(env, isReal, problems);
  const admins = adminsOf(env, isReal, problems);
  const adminNotifyWebhookUrl =
    httpsUrl('ADMIN_NOTIFY_WEBHOOK_URL', env.ADMIN_NOTIFY_WEBHOOK_URL, problems, {
      allowLoopbackHttp: env.NODE_ENV !== 'production',
    }) ?? null;
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    mode: isReal ? 'real' : 'embedded',
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL }
      : { kind: 'pglite', dataDir: env.DATA_DIR },
    ...integrations,
    emulators: isReal ? null : { graphPort: env.GRAPH_EMULATOR_PORT, workplacePort: env.WORKPLACE_EMULATOR_PORT },
    workplaceWebhookSecret: env.WORKPLACE_WEBHOOK_SECRET ?? null,
    tls: env.TLS_CERT_PATH && env.TLS_KEY_PATH ? { certPath: env.TLS_CERT_PATH, keyPath: env.TLS_KEY_PATH } : null,
    sync: {
      policy: env.SYNC_CONFLICT_POLICY,
      feedPollMs: env.SYNC_FEED_POLL_SECONDS * 1000,
      roomPollMs: env.SYNC_ROOM_POLL_SECONDS * 1000,
      roomConcurrency: env.SYNC_ROOM_CONCURRENCY,
      feedConcurrency: env.SYNC_FEED_CONCURRENCY ?? (env.DATABASE_URL ? 4 : 1),
    },
    retention: { notificationDays: env.RETENTION_NOTIFICATIONS_DAYS, syncLogDays: env.RETENTION_SYNC_LOG_DAYS },
    jobLeaseMs: env.JOB_LEASE_SECONDS * 1000,
    admins,
    maxActiveHoldsPerUser: env.ADDIN_MAX_ACTIVE_HOLDS,
    adminNotifyWebhookUrl,
    security: {
      trustProxy: trustProxyOf(env.TRUST_PROXY),
      metricsToken: env.METRICS_TOKEN ?? null,
      rateLimits: {
        webhooksPerMinute: env.RATE_LIMIT_WEBHOOKS_PER_MINUTE,
        apiPerMinute: env.RATE_LIMIT_API_PER_MINUTE,
        harnessTokenPerMinute: env.RATE_LIMIT_HARNESS_TOKEN_PER_MINUTE,
        operationsPerMinute: env.RATE_LIMIT_OPERATIONS_PER_MINUTE,
      },
    },
    shutdownGraceMs: env.SHUTDOWN_GRACE_SECONDS * 1000,
  };
}

function adminsOf(env: Env, isReal: boolean, problems: string[]): Config['admins'] {
  const entries = (env.ADMIN_USERS ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  for (const entry of entries) {
    if (!GUID.test(entry) && !entry.includes('@')) {
      problems.push(`ADMIN_USERS: '${entry}' is neither an Entra object id (a GUID) nor a mail address`);
    }
  }
  if (env.ADMIN_GROUP_ID !== undefined && !GUID.test(env.ADMIN_GROUP_ID)) {
    problems.push(`ADMIN_GROUP_ID must be an Entra group's object id (a GUID), got '${env.ADMIN_GROUP_ID}'`);
  }
  const isEmbeddedDefault = !isReal && env.ADMIN_USERS === undefined && env.ADMIN_GROUP_ID === undefined;
  return {
    objectIds: entries.filter((entry) => GUID.test(entry)),
    emails: entries.filter((entry) => entry.includes('@')),
    groupId: env.ADMIN_GROUP_ID?.toLowerCase() ?? (isEmbeddedDefault ? DEMO_ADMIN_GROUP_ID : null),
  };
}

/** What an operator should change, said once at startup (the server runs anyway). */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (config.admins.emails.length > 0) {
    warnings.push(
      `ADMIN_USERS names administrators by mail address (${config.admins.emails.join(', ')}): an address can be reassigned to another person. Prefer their Entra object ids, or an Entra group in ADMIN_GROUP_ID`,
    );
  }
  const { objectIds, emails, groupId } = config.admins;
  if (config.mode === 'real' && objectIds.length === 0 && emails.length === 0 && groupId === null) {
    warnings.push(
      'No administrators: set ADMIN_GROUP_ID (an Entra group) or ADMIN_USERS (object ids) to use the admin console',
    );
  }
  return warnings;
}

/** One line per setting that matters, with no secrets, for the startup banner. */
export function describeConfig(config: Config): string[] {
  const database =
    config.database.kind === 'postgres'
      ? 'PostgreSQL (DATABASE_URL)'
      : `PGlite in ${config.database.dataDir ?? 'memory'}`;
  return [
    `mode: ${config.mode === 'embedded' ? 'embedded default (no real credentials set): emulated Microsoft Graph and Workplace' : 'real Microsoft 365 and Workplace'}`,
    `database: ${database}`,
    `graph: ${config.graph.kind === 'emulator' ? 'emulator' : `tenant ${config.graph.tenantId}, app ${config.graph.clientId}`}`,
    `workplace: ${config.workplace.kind === 'emulator' ? 'emulator' : config.workplace.baseUrl}`,
    `admin notices: ${config.adminNotifyWebhookUrl ? 'posted to the configured webhook' : 'off (ADMIN_NOTIFY_WEBHOOK_URL)'}`,
  ];
}
