import { createHash, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, errors } from 'jose';
import type { CryptoKey, JWK, JWTPayload } from 'jose';

/** The audiences under which Graph accepts a token (reference/graph.md §e1). */
export const GRAPH_AUDIENCES = ['https://graph.microsoft.com', '00000003-0000-0000-c000-000000000000'];
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

export type AppTokenRequest = {
  clientId: string;
  appDisplayName: string;
  servicePrincipalId: string;
  audience: string;
  roles: string[];
  /** 1 = client secret, 2 = certificate ('appidacr'). */
  authenticationMethod: 1 | 2;
};

export type DelegatedTokenRequest = {
  audience: string;
  scopes: string[];
  /** The user's object id (`oid`). */
  userId: string;
  /** The sign-in name: `preferred_username` (v2), `upn` and `unique_name` (v1). Not necessarily the email. */
  userPrincipalName: string;
  displayName: string;
  clientId: string;
  /** v2 tokens carry `azp` and a v2 issuer; v1 tokens `appid` and the sts.windows.net issuer. */
  version: 1 | 2;
};

export type VerifiedToken = JWTPayload & {
  tid?: string;
  appid?: string;
  azp?: string;
  roles?: string[];
  scp?: string;
  oid?: string;
  preferred_username?: string;
  upn?: string;
};

/** Why a token was refused, in the words Graph uses for its 401 InvalidAuthenticationToken. */
export class TokenRejected extends Error {
  override readonly name = 'TokenRejected';
}

/**
 * The emulated Entra issuer of one tenant: an RS256 key, its JWKS, and access tokens whose lifetime
 * follows the emulator clock (so advancing time expires them, as it expires subscriptions).
 */
export class TokenIssuer {
  private constructor(
    readonly tenantId: string,
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    private readonly publicJwk: JWK,
    readonly keyId: string,
    private readonly now: () => Date,
    readonly lifetimeSeconds: number,
  ) {}

  static async create(tenantId: string, now: () => Date, lifetimeSeconds: number): Promise<TokenIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const keyId = createHash('sha1')
      .update(publicJwk.n ?? '')
      .digest('base64url');
    return new TokenIssuer(tenantId, privateKey, publicKey, publicJwk, keyId, now, lifetimeSeconds);
  }

  /** JWKS as Entra publishes it at /{tenant}/discovery/v2.0/keys. */
  jwks(issuer: string): { keys: JWK[] } {
    return {
      keys: [
        {
          kty: 'RSA',
          use: 'sig',
          kid: this.keyId,
          x5t: this.keyId,
          n: this.publicJwk.n,
          e: this.publicJwk.e,
          issuer,
        } as JWK,
      ],
    };
  }

  v1Issuer(): string {
    return `https://sts.windows.net/${this.tenantId}/`;
  }

  async issueAppToken(request: AppTokenRequest): Promise<string> {
    // Graph gets v1 tokens (sts.windows.net issuer) even when the v2 endpoint issued them [AT].
    return this.sign(
      {
        aud: request.audience,
        iss: this.v1Issuer(),
        idp: this.v1Issuer(),
        app_displayname: request.appDisplayName,
        appid: request.clientId,
        appidacr: String(request.authenticationMethod),
        idtyp: 'app',
        oid: request.servicePrincipalId,
        sub: request.servicePrincipalId,
        roles: request.roles,
        tid: this.tenantId,
        uti: randomUUID().replace(/-/g, '').slice(0, 22),
        ver: '1.0',
      },
      this.lifetimeSeconds,
    );
  }

  async issueDelegatedToken(
    request: DelegatedTokenRequest,
    v2Issuer: string,
    lifetimeSeconds = this.lifetimeSeconds,
  ): Promise<string> {
    const isV2 = request.version === 2;
    return this.sign(
      {
        aud: request.audience,
        iss: isV2 ? v2Issuer : this.v1Issuer(),
        ...(isV2
          ? { azp: request.clientId, azpacr: '0' }
          : {
              appid: request.clientId,
              appidacr: '0',
              upn: request.userPrincipalName,
              unique_name: request.userPrincipalName,
            }),
        name: request.displayName,
        oid: request.userId,
        // Entra puts the UPN here (a changeable, display-only value: apps identify users by tid + oid).
        preferred_username: request.userPrincipalName,
        scp: request.scopes.join(' '),
        sub: createHash('sha256').update(`${request.userId}:${request.clientId}`).digest('base64url').slice(0, 43),
        tid: this.tenantId,
        uti: randomUUID().replace(/-/g, '').slice(0, 22),
        ver: isV2 ? '2.0' : '1.0',
      },
      lifetimeSeconds,
    );
  }

  /** Checks signature, lifetime (against the emulator clock), audience and tenant. */
  async verify(token: string, audiences: string[]): Promise<VerifiedToken> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, { currentDate: this.now(), algorithms: ['RS256'] });
      const audience = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
      if (!audience.some((value) => value !== undefined && audiences.includes(value))) {
        throw new TokenRejected('Access token validation failure. Invalid audience.');
      }
      if ((payload as VerifiedToken).tid !== this.tenantId)
        throw new TokenRejected('Access token validation failure. Invalid issuer.');
      return payload as VerifiedToken;
    } catch (error) {
      if (error instanceof TokenRejected) throw error;
      if (error instanceof errors.JWTExpired)
        throw new TokenRejected('Lifetime validation failed, the token is expired.');
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') {
        throw new TokenRejected('Lifetime validation failed, the token is not yet valid.');
      }
      if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
        throw new TokenRejected('IDX14100: JWT is not well formed.');
      }
      throw new TokenRejected('Access token validation failure.');
    }
  }

  private async sign(claims: Record<string, unknown>, lifetimeSeconds: number): Promise<string> {
    const issuedAt = Math.floor(this.now().getTime() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.keyId, x5t: this.keyId })
      .setIssuedAt(issuedAt)
      .setNotBefore(issuedAt)
      .setExpirationTime(issuedAt + lifetimeSeconds)
      .sign(this.privateKey);
  }
}
