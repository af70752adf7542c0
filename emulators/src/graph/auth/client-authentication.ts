import { decodeProtectedHeader, importX509, jwtVerify } from 'jose';
import type { AppRegistry, RegisteredApp } from './app-registry.js';
import { EntraError } from './entra-error.js';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export type ClientCredentials = {
  clientId?: string;
  clientSecret?: string;
  clientAssertionType?: string;
  clientAssertion?: string;
};

export type AuthenticatedClient = { app: RegisteredApp; method: 1 | 2 };

/** The client id and secret from an HTTP Basic header, which Entra accepts instead of form fields. */
export function basicCredentials(authorization: string | undefined): { clientId: string; clientSecret: string } | null {
  const match = /^Basic (.+)$/i.exec(authorization ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString();
  const separator = decoded.indexOf(':');
  if (separator === -1) return null;
  return {
    clientId: decodeURIComponent(decoded.slice(0, separator)),
    clientSecret: decodeURIComponent(decoded.slice(separator + 1)),
  };
}

/**
 * Authenticates a confidential client with a secret or with a certificate assertion (a JWT signed by a
 * registered certificate's key, `aud` = the token endpoint, `iss` = `sub` = the client id).
 */
export async function authenticateClient(
  credentials: ClientCredentials,
  { apps, tenantId, now }: { apps: AppRegistry; tenantId: string; now: () => Date },
): Promise<AuthenticatedClient> {
  if (!credentials.clientId) {
    throw new EntraError(
      400,
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'client_id'.",
    );
  }
  const app = apps.find(credentials.clientId);
  if (!app) {
    throw new EntraError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${credentials.clientId}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    );
  }
  if (credentials.clientAssertion) {
    if (credentials.clientAssertionType !== CLIENT_ASSERTION_TYPE) {
      throw new EntraError(
        400,
        'invalid_request',
        700023,
        `Invalid client_assertion_type: '${credentials.clientAssertionType}'.`,
      );
    }
    await verifyAssertion(credentials.clientAssertion, app, now());
    return { app, method: 2 };
  }
  if (credentials.clientSecret !== undefined) {
    if (!app.clientSecrets.includes(credentials.clientSecret)) {
      throw new EntraError(
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
      );
    }
    return { app, method: 1 };
  }
  throw new EntraError(
    401,
    'invalid_client',
    7000218,
    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  );
}

async function verifyAssertion(assertion: string, app: RegisteredApp, now: Date): Promise<void> {
  let algorithm: string;
  try {
    algorithm = decodeProtectedHeader(assertion).alg ?? 'RS256';
  } catch {
    throw new EntraError(401, 'invalid_client', 50027, 'JWT token is invalid or malformed.');
  }
  for (const certificate of app.certificates) {
    try {
      const key = await importX509(certificate, algorithm);
      const { payload } = await jwtVerify(assertion, key, {
        currentDate: now,
        issuer: app.clientId,
        subject: app.clientId,
        clockTolerance: 300,
      });
      const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
      if (!audiences.some((audience) => typeof audience === 'string' && /\/oauth2\/(v2\.0\/)?token$/.test(audience))) {
        throw new EntraError(
          401,
          'invalid_client',
          700212,
          'No matching federated identity record found for presented assertion audience.',
        );
      }
      return;
    } catch (error) {
      if (error instanceof EntraError) throw error;
    }
  }
  throw new EntraError(
    401,
    'invalid_client',
    700027,
    `Client assertion failed signature validation, or no certificate registered for app '${app.clientId}' matches it.`,
  );
}
