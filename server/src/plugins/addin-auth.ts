import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createRemoteJWKSet, customFetch, errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { AppError } from '../errors.js';
import type { UserDirectory } from '../identity/user-directory.js';
import { countApiCaller } from './rate-limits.js';

/**
 * The signed-in user of a verified add-in token: identified by tenant and object id, the claims no rename
 * changes (Microsoft advises against authorising on `preferred_username`, `upn` or `email`); their mail
 * addresses come from the directory, not from the token.
 */
export type AddinUser = {
  tenantId: string;
  objectId: string;
  name: string | null;
  /** The token's sign-in name (`preferred_username`, usually the UPN): for display, never for a decision. */
  signInName: string | null;
  /** The primary SMTP address (lower-case), as Exchange names the user as organizer; '' without a mailbox. */
  email: string;
  /** Every SMTP address of the user (lower-case, primary first): Exchange may name them by any. */
  addresses: string[];
  /** The directory's office location (free text), from which the pane picks the user's usual building. */
  officeLocation: string | null;
};

/** What records a user as the owner of something (a hold): tenant and object id, never an address. */
export const ownerIdOf = (user: Pick<AddinUser, 'tenantId' | 'objectId'>) => `${user.tenantId}/${user.objectId}`;

/** Whether `address` (an organizer's, an attendee's) is one of the user's own. */
export const isUserAddress = (user: AddinUser, address: string | null | undefined): boolean =>
  Boolean(address) && user.addresses.includes(address!.toLowerCase());

export type VerifyToken = (token: string) => Promise<AddinUser>;

export type TokenVerifierOptions = {
  /** Where the signing keys are: a JWKS URL (fetched and cached), or a key getter (e.g. createLocalJWKSet). */
  jwks: { url: string | URL; fetch?: typeof fetch } | JWTVerifyGetKey;
  /**
   * Accepted `iss` values. `{tenantid}` stands for the token's own `tid`, as in Entra's multi-tenant
   * issuer `https://login.microsoftonline.com/{tenantid}/v2.0`; the allow-list below still applies.
   */
  issuers: string[];
  /** Accepted `aud` values: the API's client id and/or its App ID URI. */
  audiences: string[];
  /** Tenants (`tid`) whose users may call the API. */
  allowedTenants: string[];
  /** A delegated scope the token must carry in `scp`, e.g. 'access_as_user'. */
  requiredScope: string;
  /** Where the user's mail addresses are looked up by object id (Graph `/users/{oid}`, cached). */
  directory: Pick<UserDirectory, 'userById'>;
  clockToleranceSeconds?: number;
  now?: () => Date;
};

type AddinClaims = JWTPayload & {
  tid?: string;
  scp?: string;
  roles?: string[];
  oid?: string;
  preferred_username?: string;
  upn?: string;
  email?: string;
  name?: string;
};

const unauthorized = (message: string) => new AppError('UNAUTHORIZED', message);

function keyGetterOf(jwks: TokenVerifierOptions['jwks']): JWTVerifyGetKey {
  if (typeof jwks === 'function') return jwks;
  return createRemoteJWKSet(new URL(jwks.url), {
    cooldownDuration: 30_000,
    cacheMaxAge: 10 * 60_000,
    ...(jwks.fetch ? { [customFetch]: jwks.fetch } : {}),
  });
}

/**
 * Verifies the add-in's access tokens (Entra v2 tokens for our API, or the Graph emulator's in the
 * embedded default): RS256 signature against the JWKS, expiry and not-before, issuer, audience, tenant
 * allow-list and the delegated scope; then the user's addresses from the directory. Every failure of the
 * token is an UNAUTHORIZED AppError that says which check failed.
 */
export function createTokenVerifier(options: TokenVerifierOptions): VerifyToken {
  const getKey = keyGetterOf(options.jwks);
  const allowedTenants = new Set(options.allowedTenants.map((tenant) => tenant.toLowerCase()));
  const clockTolerance = options.clockToleranceSeconds ?? 60;

  return async (token) => {
    let claims: AddinClaims;
    try {
      const verified = await jwtVerify<AddinClaims>(token, getKey, {
        algorithms: ['RS256'],
        audience: options.audiences,
        clockTolerance,
        ...(options.now ? { currentDate: options.now() } : {}),
      });
      claims = verified.payload;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw unauthorized('The access token has expired');
      if (error instanceof errors.JWTClaimValidationFailed) {
        if (error.claim === 'aud') throw unauthorized('The access token is not for this API (audience)');
        if (error.claim === 'nbf') throw unauthorized('The access token is not valid yet');
        throw unauthorized(`The access token's ${error.claim} claim is invalid`);
      }
      if (error instanceof errors.JWKSNoMatchingKey)
        throw unauthorized('The access token is signed with an unknown key');
      if (error instanceof errors.JWSSignatureVerificationFailed) {
        throw unauthorized('The access token signature is invalid');
      }
      if (error instanceof errors.JOSEAlgNotAllowed)
        throw unauthorized('The access token uses an algorithm that is not accepted');
      if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
        // Not the token's fault: the JWKS endpoint could not be reached.
        throw new AppError('UNAVAILABLE', 'The signing keys could not be fetched; try again', { cause: error });
      }
      throw unauthorized('The access token is malformed');
    }
    const tenantId = claims.tid?.toLowerCase();
    if (!tenantId) throw unauthorized('The access token has no tenant (tid)');
    const issuers = options.issuers.map((issuer) => issuer.replace('{tenantid}', tenantId));
    if (!claims.iss || !issuers.includes(claims.iss)) throw unauthorized('The access token is from an unknown issuer');
    if (!allowedTenants.has(tenantId)) throw unauthorized('The access token is from a tenant that is not allowed');
    const scopes = (claims.scp ?? '').split(' ').filter(Boolean);
    if (scopes.length === 0)
      throw unauthorized('The access token is not a user token (no scp): app-only tokens are not accepted');
    if (!scopes.includes(options.requiredScope)) {
      throw unauthorized(`The access token lacks the scope ${options.requiredScope}`);
    }
    const objectId = claims.oid?.toLowerCase();
    if (!objectId) throw unauthorized('The access token names no user (oid)');
    const entry = await options.directory.userById(objectId);
    if (!entry) throw new AppError('FORBIDDEN', 'Your account is not in the directory of this organization');
    return {
      tenantId,
      objectId,
      name: claims.name ?? null,
      signInName: claims.preferred_username ?? claims.upn ?? null,
      email: entry.mail ?? '',
      addresses: entry.addresses,
      officeLocation: entry.officeLocation,
    };
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by addin-auth on every request it guards. */
    addinUser: AddinUser | null;
  }
}

/** The verified user of a request guarded by addin-auth; a route outside its scope gets an INTERNAL error. */
export function addinUserOf(request: FastifyRequest): AddinUser {
  if (!request.addinUser) throw new AppError('INTERNAL', 'addin-auth does not guard this route');
  return request.addinUser;
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

/**
 * Requires `Authorization: Bearer <token>` on every request of the context it is registered in (CORS
 * preflights excepted) and puts the user on `request.addinUser`. 401 bodies say why, and
 * `WWW-Authenticate` follows RFC 6750.
 */
export const addinAuth = fp<{ verifyToken: VerifyToken }>(
  async (app, { verifyToken }) => {
    app.decorateRequest('addinUser', null);
    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.method === 'OPTIONS') return;
      const match = BEARER.exec(request.headers.authorization ?? '');
      if (!match) {
        void reply.header('www-authenticate', 'Bearer');
        throw unauthorized('Sign-in required: send Authorization: Bearer <access token>');
      }
      let user: AddinUser;
      try {
        user = await verifyToken(match[1]!);
      } catch (error) {
        if (error instanceof AppError && error.code === 'UNAUTHORIZED') {
          await countApiCaller(request, reply, null);
          void reply.header('www-authenticate', `Bearer error="invalid_token", error_description="${error.message}"`);
        }
        throw error;
      }
      await countApiCaller(request, reply, user);
      request.addinUser = user;
    });
  },
  { name: 'addin-auth', fastify: '5.x' },
);
