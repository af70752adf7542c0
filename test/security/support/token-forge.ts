import { SignJWT, createLocalJWKSet, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import type { CryptoKey, JWK, JWTPayload } from 'jose';
import { createTokenVerifier } from '../../../server/src/plugins/addin-auth.js';
import type { VerifyToken } from '../../../server/src/plugins/addin-auth.js';
import { createTestUserDirectory } from '../../support/test-user-directory.js';

export const TENANT = '6f1d3c5e-8a2b-4c7d-9e0f-1a2b3c4d5e6f';
export const FOREIGN_TENANT = '0badc0de-0000-4000-8000-000000000000';
export const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
export const API_CLIENT_ID = '9b2d4f6a-1c3e-4a5b-8d7f-0e1f2a3b4c5d';
export const AUDIENCE = `api://rooms.example.com/${API_CLIENT_ID}`;
const KID = 'signing-key-1';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

type Claims = JWTPayload & Record<string, unknown>;

export type SignOptions = {
  /** Seconds from now; negative: already expired. */
  lifetimeSeconds?: number;
  /** `nbf` this many seconds from now. */
  notBeforeSeconds?: number;
  /** Another private key than the issuer's (a foreign or attacker's key). */
  key?: CryptoKey;
  /** Extra or replaced protected-header parameters (kid, jwk, jku…). */
  header?: Record<string, unknown>;
};

/**
 * An Entra-like issuer whose public key is in a local JWKS, and the forgeries an attacker can make
 * without its private key: unsigned (`alg: none`), HMAC-signed with the published public key
 * (algorithm confusion), signed with their own key under a known or unknown `kid`.
 */
export async function createTokenForge(now: () => Date) {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  const publicPem = await exportSPKI(publicKey);
  const directory = createTestUserDirectory();
  const verifyToken: VerifyToken = createTokenVerifier({
    directory,
    jwks: createLocalJWKSet({ keys: [publicJwk] }),
    issuers: ['https://login.microsoftonline.com/{tenantid}/v2.0'],
    audiences: [AUDIENCE, API_CLIENT_ID],
    allowedTenants: [TENANT],
    requiredScope: 'access_as_user',
    now,
  });
  const seconds = () => Math.floor(now().getTime() / 1000);

  const claimsFor = (user: string, claims: Claims): Claims => ({
    iss: ISSUER,
    aud: AUDIENCE,
    tid: TENANT,
    scp: 'access_as_user',
    oid: directory.addressUser(user),
    preferred_username: user,
    name: user,
    ver: '2.0',
    ...claims,
  });

  async function sign(user: string, claims: Claims = {}, options: SignOptions = {}) {
    const issuedAt = seconds();
    return new SignJWT(claimsFor(user, claims))
      .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT', ...options.header })
      .setIssuedAt(issuedAt)
      .setNotBefore(issuedAt + (options.notBeforeSeconds ?? 0))
      .setExpirationTime(issuedAt + (options.lifetimeSeconds ?? 3600))
      .sign(options.key ?? privateKey);
  }

  /** A token whose header and payload are as given, and whose signature is `signature` (base64url). */
  function assemble(header: Record<string, unknown>, user: string, claims: Claims = {}, signature = '') {
    const issuedAt = seconds();
    const payload = claimsFor(user, { iat: issuedAt, nbf: issuedAt, exp: issuedAt + 3600, ...claims });
    return `${base64url(header)}.${base64url(payload)}.${signature}`;
  }

  /** `alg: none` (any spelling), no signature. */
  const unsigned = (user: string, alg = 'none') => assemble({ alg, typ: 'JWT' }, user);

  /** HS256 with the issuer's public key (PEM or the JWK's modulus) as the HMAC secret. */
  async function hmacWithPublicKey(user: string, secret: 'pem' | 'jwk' = 'pem') {
    const key = new TextEncoder().encode(secret === 'pem' ? publicPem : JSON.stringify(publicJwk));
    const issuedAt = seconds();
    return new SignJWT(claimsFor(user, {}))
      .setProtectedHeader({ alg: 'HS256', kid: KID, typ: 'JWT' })
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + 3600)
      .sign(key);
  }

  return { verifyToken, directory, sign, assemble, unsigned, hmacWithPublicKey, publicJwk, kid: KID };
}

export type TokenForge = Awaited<ReturnType<typeof createTokenForge>>;
