import { ConfidentialClientApplication, LogLevel } from '@azure/msal-node';
import type { Configuration } from '@azure/msal-node';
import { AppError } from '../../../errors.js';
import type { FetchLike } from '../transport/fetch-like.js';
import type { ClientCertificate } from './client-certificate.js';
import { createFetchNetworkClient } from './fetch-network-client.js';
import type { TokenSource } from './token-source.js';

export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

const MICROSOFT_AUTHORITY_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
]);

const CREDENTIAL_ERRORS = new Set(['invalid_client', 'unauthorized_client', 'invalid_grant']);

export type ClientCredential =
  { kind: 'secret'; secret: string } | { kind: 'certificate'; certificate: ClientCertificate };

export type MsalTokenSourceOptions = {
  clientId: string;
  /** `https://login.microsoftonline.com/{tenant}`, or the emulator's `https://127.0.0.1:{port}/{tenant}`. */
  authority: string;
  credential: ClientCredential;
  scopes?: string[];
  /** Transport for discovery and token requests; defaults to the global fetch (MSAL's own client is not used then). */
  fetch?: FetchLike;
};

function authorityOptions(authority: string): Pick<Configuration['auth'], 'knownAuthorities'> {
  const { host, hostname } = new URL(authority);
  // A host MSAL does not know (the emulator) must be declared, or MSAL runs Entra instance discovery
  // against it and fails; MSAL then reads `{authority}/v2.0/.well-known/openid-configuration` from it.
  return MICROSOFT_AUTHORITY_HOSTS.has(hostname) ? {} : { knownAuthorities: [host] };
}

/**
 * App-only tokens (client credentials) from MSAL. MSAL caches the token in memory and returns it until
 * shortly before expiry, then fetches a new one, so calling `getToken` per request is cheap.
 */
export function createMsalTokenSource(options: MsalTokenSourceOptions): TokenSource {
  const { credential } = options;
  const application = new ConfidentialClientApplication({
    auth: {
      clientId: options.clientId,
      authority: options.authority,
      ...authorityOptions(options.authority),
      ...(credential.kind === 'secret'
        ? { clientSecret: credential.secret }
        : { clientCertificate: { ...credential.certificate } }),
    },
    system: {
      ...(options.fetch ? { networkClient: createFetchNetworkClient(options.fetch) } : {}),
      loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false },
    },
  });
  const scopes = options.scopes ?? [GRAPH_DEFAULT_SCOPE];
  return {
    async getToken({ forceRefresh = false } = {}) {
      let result;
      try {
        result = await application.acquireTokenByClientCredential({ scopes, skipCache: forceRefresh });
      } catch (error) {
        const code = (error as { errorCode?: unknown }).errorCode;
        // A wrong or expired secret/certificate (AADSTS7000215, AADSTS700027) or a disabled app: retrying won't help.
        if (typeof code === 'string' && CREDENTIAL_ERRORS.has(code)) {
          throw new AppError('FORBIDDEN', `The authority refused the app's credential (${code})`, {
            cause: error,
            upstream: 'Microsoft 365',
          });
        }
        throw new AppError('UPSTREAM_FAILED', `Could not get a Graph token from ${options.authority}`, {
          cause: error,
          upstream: 'Microsoft 365',
        });
      }
      if (!result?.accessToken) {
        throw new AppError('UPSTREAM_FAILED', `The authority ${options.authority} returned no access token`, {
          upstream: 'Microsoft 365',
        });
      }
      return result.accessToken;
    },
  };
}
