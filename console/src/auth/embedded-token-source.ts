import type { TokenSource } from '../api/admin-api-client.js';

/**
 * The embedded default: the server mints a token for the demo admin from the Graph emulator's issuer
 * (only for browsers on its own machine), which the admin API verifies exactly as an Entra token.
 */
export function createEmbeddedTokenSource(tokenPath: string): TokenSource {
  let cached: { token: string; expiresAt: number } | null = null;
  return async ({ forceRefresh = false } = {}) => {
    if (!forceRefresh && cached && cached.expiresAt - 60_000 > Date.now()) return cached.token;
    const response = await fetch(tokenPath, { method: 'POST' });
    if (!response.ok) throw new Error(`The demo sign-in failed (HTTP ${response.status})`);
    const body = (await response.json()) as { accessToken: string; expiresAt: string };
    cached = { token: body.accessToken, expiresAt: Date.parse(body.expiresAt) };
    return body.accessToken;
  };
}
