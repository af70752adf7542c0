import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyServerOptions } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import type { AppDeps } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { AppError } from '../../server/src/errors.js';
import type { InboxNotification } from '../../server/src/intake/notification-intake.js';
import type { AddinUser } from '../../server/src/plugins/addin-auth.js';
import type { AddinWorkplace } from '../../server/src/addin/index.js';
import { createMemoryBookingIntentStore } from '../../server/src/holds/index.js';
import type { Database } from '../../server/src/storage/create-db.js';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const officeJsRoot = path.join(repositoryRoot, 'node_modules/@microsoft/office-js/dist');

export const SUBSCRIPTION_ID = 'sub-1';
export const CLIENT_STATE = 'the-right-client-state';
export const WORKPLACE_WEBHOOK_SECRET = 'a-workplace-webhook-secret-0123456789';

/** Tokens the fake verifier accepts: `valid-token-<user, base64url>`; anything else is a 401. */
export const tokenFor = (user: string) => `valid-token-${Buffer.from(user).toString('base64url')}`;
export const verifyToken = async (token: string): Promise<AddinUser> => {
  if (!token.startsWith('valid-token-')) throw new AppError('UNAUTHORIZED', 'The access token is malformed');
  const email = Buffer.from(token.slice('valid-token-'.length), 'base64url').toString();
  return {
    email,
    addresses: [email],
    officeLocation: null,
    signInName: email,
    name: null,
    objectId: email,
    tenantId: 'tenant',
  };
};

/** A Workplace that fails every call (the routes under test stop before it), unless one is given. */
const unreachableWorkplace = new Proxy({} as AddinWorkplace, {
  get: () => async () => {
    throw new AppError('UNAVAILABLE', 'no Workplace in this test');
  },
});

export type FullAppOptions = {
  env?: Record<string, string>;
  database: Database;
  staticRoot?: string;
  workplace?: AddinWorkplace;
  deps?: Partial<AppDeps>;
  server?: FastifyServerOptions;
};

/**
 * buildApp with every route the server has (webhooks, add-in pages, harness, API, admin), over fakes
 * for what lies behind them: the public surface as startServer wires it, without emulators.
 */
export async function buildFullApp({ env = {}, database, staticRoot, workplace, deps = {}, server }: FullAppOptions) {
  const stored: InboxNotification[][] = [];
  const workplaceDeliveries: number[] = [];
  const config = loadConfig(env);
  const app = await buildApp(
    {
      config,
      database,
      graphWebhooks: {
        intake: { store: async (notifications) => void stored.push([...notifications]) },
        subscriptionSecrets: {
          verifyAll: (claims) =>
            claims.map(({ subscriptionId, clientState }) =>
              subscriptionId === SUBSCRIPTION_ID ? (clientState === CLIENT_STATE ? 'ok' : 'mismatch') : 'unknown',
            ),
        },
      },
      workplaceWebhooks: {
        secret: WORKPLACE_WEBHOOK_SECRET,
        now: () => new Date(),
        onChanges: async () => void workplaceDeliveries.push(Date.now()),
      },
      adminStatus: { db: database.db, verifyToken, isAdmin: () => true },
      addin: {
        public: {
          config: { auth: { kind: 'harness', tokenPath: '/harness/token' } },
          ...(staticRoot ? { staticRoot } : {}),
          includeHarness: true,
        },
        harness: {
          issueToken: async (user) => ({
            accessToken: tokenFor(user),
            expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
          }),
          sendMeeting: async () => ({ eventId: 'event-1' }),
          officeJsRoot,
        },
        api: {
          workplace: workplace ?? unreachableWorkplace,
          intents: createMemoryBookingIntentStore(),
          verifyToken,
          allowedOrigins: config.addin.allowedOrigins,
        },
      },
      ...deps,
    },
    server,
  );
  await app.ready();
  return { app, config, stored, workplaceDeliveries };
}
