import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey, JWTPayload } from 'jose';
import { toWallClock } from '@workplace-sync/shared';
import type { GetScheduleInput, Schedule } from '../../server/src/adapters/graph/operations/schedule.js';
import { createTokenVerifier } from '../../server/src/plugins/addin-auth.js';
import type { TokenVerifierOptions } from '../../server/src/plugins/addin-auth.js';
import { errorHandler } from '../../server/src/plugins/error-handler.js';
import { openApi } from '../../server/src/plugins/openapi.js';
import { createMemoryBookingIntentStore } from '../../server/src/holds/index.js';
import { addinApiRoutes, addinPublicRoutes } from '../../server/src/routes/addin-api/index.js';
import type { AddinApiRoutesOptions, AddinPublicRoutesOptions } from '../../server/src/routes/addin-api/index.js';
import { createTestUserDirectory } from './test-user-directory.js';
import { startWorkplace } from './workplace-harness.js';

export const TENANT = '6f1d3c5e-8a2b-4c7d-9e0f-1a2b3c4d5e6f';
export const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
export const API_CLIENT_ID = '9b2d4f6a-1c3e-4a5b-8d7f-0e1f2a3b4c5d';
export const AUDIENCE = `api://rooms.example.com/${API_CLIENT_ID}`;
export const ANN = 'ann.organizer@contoso.com';
export const BOB = 'bob@contoso.com';

/** An Entra-like issuer with a local key pair: tokens as the add-in gets them through NAA. */
export async function createTestIssuer(now: () => Date) {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const directory = createTestUserDirectory();
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const verifierOptions: TokenVerifierOptions = {
    jwks: createLocalJWKSet({ keys: [jwk] }),
    issuers: ['https://login.microsoftonline.com/{tenantid}/v2.0'],
    audiences: [AUDIENCE, API_CLIENT_ID],
    allowedTenants: [TENANT],
    requiredScope: 'access_as_user',
    directory,
    now,
  };
  /** A token for `preferred_username` (default Ann), whose `oid` is that user's in the test directory. */
  async function sign(
    claims: JWTPayload & Record<string, unknown> = {},
    options: { lifetimeSeconds?: number; key?: CryptoKey } = {},
  ) {
    const issuedAt = Math.floor(now().getTime() / 1000);
    const user = typeof claims.preferred_username === 'string' ? claims.preferred_username : ANN;
    return new SignJWT({
      iss: ISSUER,
      aud: AUDIENCE,
      tid: TENANT,
      scp: 'access_as_user',
      oid: directory.addressUser(user),
      preferred_username: ANN,
      name: 'Ann Organizer',
      ver: '2.0',
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key', typ: 'JWT' })
      .setIssuedAt(issuedAt)
      .setNotBefore(issuedAt)
      .setExpirationTime(issuedAt + (options.lifetimeSeconds ?? 3600))
      .sign(options.key ?? privateKey);
  }
  return { verifierOptions, verifyToken: createTokenVerifier(verifierOptions), sign, directory };
}

/** Busy times per room mailbox, as Graph's getSchedule would answer them. */
export function createFakeSchedule(busy: Record<string, Array<[string, string]>> = {}) {
  const calls: GetScheduleInput[] = [];
  const getSchedule = async (input: GetScheduleInput): Promise<Schedule[]> => {
    calls.push(input);
    return input.schedules.map((mailbox) => ({
      scheduleId: mailbox,
      availabilityView: '',
      workingHours: null,
      error: null,
      items: (busy[mailbox] ?? []).map(([start, end]) => ({
        status: 'busy' as const,
        start: toWallClock(new Date(start), 'UTC'),
        end: toWallClock(new Date(end), 'UTC'),
        subject: null,
        location: null,
        isPrivate: false,
      })),
    }));
  };
  return { getSchedule, calls };
}

// Tests read answers loosely; the routes' own zod schemas validate their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type JsonBody = any;

export type AddinServerOptions = Partial<Omit<AddinApiRoutesOptions, 'workplace' | 'intents' | 'verifyToken'>> & {
  public?: Partial<AddinPublicRoutesOptions>;
  /** The key the server calls Workplace with (default: the emulator's own). */
  workplaceApiKey?: string;
  /** Where the server's log lines go (default: no log). */
  logStream?: { write(line: string): void };
  /** Holds whose meeting the sync saw Exchange decline (by Workplace reservation id), as the sync log says. */
  declinedReservations?: Set<string>;
  /** Wraps the Workplace client the routes call (to count calls). */
  wrapWorkplace?: (client: AddinApiRoutesOptions['workplace']) => AddinApiRoutesOptions['workplace'];
};

/**
 * The add-in API as the server registers it (error handler, zod compilers, OpenAPI, public and /api plugins), on
 * the Workplace emulator over HTTP, with a local token issuer and in-memory intents. Not buildApp:
 * the server's own wiring is tested elsewhere.
 */
export async function startAddinApi(options: AddinServerOptions = {}) {
  const workplace = await startWorkplace();
  const intents = createMemoryBookingIntentStore({ declinedReservations: options.declinedReservations ?? new Set() });
  const issuer = await createTestIssuer(workplace.clock.now);
  const {
    workplaceApiKey,
    logStream,
    wrapWorkplace = (client) => client,
    declinedReservations: _declined,
    ...routeOptions
  } = options;
  const app = Fastify({ logger: logStream ? { level: 'info', stream: logStream } : false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(errorHandler);
  // The add-in API's OpenAPI document is cut from the server's.
  await app.register(openApi, { publicUrl: null, isMetricsProtected: false });
  await app.register(addinPublicRoutes, {
    config: {
      auth: {
        kind: 'naa',
        clientId: API_CLIENT_ID,
        authority: `https://login.microsoftonline.com/${TENANT}`,
        scopes: [`${AUDIENCE}/access_as_user`],
      },
    },
    ...routeOptions.public,
  });
  await app.register(addinApiRoutes, {
    workplace: wrapWorkplace(workplace.client(workplaceApiKey ? { apiKey: workplaceApiKey } : {})),
    intents,
    verifyToken: issuer.verifyToken,
    now: workplace.clock.now,
    ...routeOptions,
  });
  await app.ready();

  const tokens = new Map<string, string>();
  const tokenFor = async (user: string) => {
    if (!tokens.has(user)) tokens.set(user, await issuer.sign({ preferred_username: user }));
    return tokens.get(user)!;
  };
  /** An API call as `user` (default: Ann, the organizer). */
  async function call(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'OPTIONS',
    url: string,
    { body, user = ANN, headers = {} }: { body?: unknown; user?: string | null; headers?: Record<string, string> } = {},
  ) {
    const response = await app.inject({
      method,
      url,
      headers: { ...(user ? { authorization: `Bearer ${await tokenFor(user)}` } : {}), ...headers },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    return {
      status: response.statusCode,
      headers: response.headers,
      body: response.body ? (response.json() as JsonBody) : undefined,
    };
  }
  return {
    app,
    workplace,
    intents,
    issuer,
    call,
    close: async () => {
      await app.close();
      await workplace.close();
    },
  };
}
