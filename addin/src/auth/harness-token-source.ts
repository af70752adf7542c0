import type { TokenSource } from '../api/addin-api-client.js';
import { SignInError } from './naa-token-source.js';

/**
 * The harness (embedded default only): the server mints a token for the simulated user from the Graph
 * emulator's issuer, so the API verifies it exactly as it verifies Entra tokens.
 */
export function createHarnessTokenSource(options: {
  tokenPath: string;
  user: string;
  baseUrl?: string;
  fetch?: typeof fetch;
  now?: () => number;
}): TokenSource {
  const send = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const now = options.now ?? Date.now;
  let cached: { token: string; expiresAt: number } | null = null;
  let pending: Promise<string> | null = null;
  const fetchToken = async () => {
    const response = await send(`${options.baseUrl ?? ''}${options.tokenPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: options.user }),
    });
    if (!response.ok) throw new SignInError(`The harness could not get a token (HTTP ${response.status})`);
    const body = (await response.json()) as { accessToken: string; expiresAt: string };
    cached = { token: body.accessToken, expiresAt: Date.parse(body.expiresAt) };
    return body.accessToken;
  };
  return async ({ forceRefresh = false } = {}) => {
    if (!forceRefresh && cached && cached.expiresAt - 60_000 > now()) return cached.token;
    // Calls that start together share one request.
    pending ??= fetchToken().finally(() => {
      pending = null;
    });
    return pending;
  };
}
