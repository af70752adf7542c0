import { readFile } from 'node:fs/promises';
import type { GraphConfig } from '../../config.js';
import { readClientCertificateFile } from './auth/client-certificate.js';
import { createMsalTokenSource } from './auth/msal-token-source.js';
import type { ClientCredential } from './auth/msal-token-source.js';
import { createGraphAdapter } from './graph-adapter.js';
import type { GraphAdapter } from './graph-adapter.js';
import type { FetchLike } from './transport/fetch-like.js';
import type { GraphHttpOptions } from './transport/graph-http.js';
import { createHttpsFetch } from './transport/https-fetch.js';

type Tuning = Pick<GraphHttpOptions, 'retry' | 'mailboxConcurrency' | 'now' | 'onResponse'> & {
  /** Wraps the fetch Graph requests go through (the runtime aborts a job's requests when its lease is lost). */
  wrapFetch?: (fetch: FetchLike) => FetchLike;
};

/** Real Microsoft Graph with the app's credential from configuration (secret, or certificate PEM file). */
export async function connectToMicrosoftGraph(
  config: Extract<GraphConfig, { kind: 'microsoft' }>,
  tuning: Tuning = {},
): Promise<GraphAdapter> {
  const credential: ClientCredential =
    config.credential.kind === 'secret'
      ? { kind: 'secret', secret: config.credential.secret }
      : { kind: 'certificate', certificate: await readClientCertificateFile(config.credential.path) };
  // A standalone emulator (or a proxy with its own CA) needs its certificate trusted by MSAL and the SDK.
  const fetch = config.caFile ? createHttpsFetch({ ca: await readFile(config.caFile, 'utf8') }) : undefined;
  const tokens = createMsalTokenSource({
    clientId: config.clientId,
    authority: `${config.authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(config.tenantId)}`,
    credential,
    ...(fetch ? { fetch } : {}),
  });
  const { wrapFetch = (plain: FetchLike) => plain, ...graphTuning } = tuning;
  return createGraphAdapter({
    tokens,
    ...(config.graphBaseUrl ? { baseUrl: config.graphBaseUrl } : {}),
    fetch: wrapFetch(fetch ?? ((url, init) => globalThis.fetch(url, init))),
    ...graphTuning,
  });
}

export type EmulatedGraphConnection = {
  /** `https://127.0.0.1:{port}`: Graph at `/v1.0`, the tenant's authority at `/{tenantId}`. */
  baseUrl: string;
  /** The PEM of the emulator's generated certificate (its own CA). */
  caPem: string;
  tenantId: string;
  clientId: string;
  credential: ClientCredential;
};

/**
 * The Graph emulator, through the same code as real Graph: MSAL against the emulator's authority and
 * the SDK against its https host, both over a fetch that trusts the emulator's certificate.
 */
export function connectToEmulatedGraph(connection: EmulatedGraphConnection, tuning: Tuning = {}): GraphAdapter {
  const fetch = createHttpsFetch({ ca: connection.caPem });
  const baseUrl = connection.baseUrl.replace(/\/+$/, '');
  const tokens = createMsalTokenSource({
    clientId: connection.clientId,
    authority: `${baseUrl}/${encodeURIComponent(connection.tenantId)}`,
    credential: connection.credential,
    fetch,
  });
  const { wrapFetch = (plain: FetchLike) => plain, ...graphTuning } = tuning;
  return createGraphAdapter({ tokens, baseUrl, fetch: wrapFetch(fetch), ...graphTuning });
}
