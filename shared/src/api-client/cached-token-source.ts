import type { TokenSource } from './api-caller.js';

/** What the server's demo sign-in endpoints (the pane's harness, the console's embedded admin) answer. */
export type MintedToken = { accessToken: string; expiresAt: string };

/**
 * A TokenSource over `mint` that keeps the token until a minute before it expires. Calls that start
 * together share one request; `forceRefresh` asks for a new token unless one is already on its way.
 */
export function createCachedTokenSource(mint: () => Promise<MintedToken>, now: () => number = Date.now): TokenSource {
  let cached: { token: string; expiresAt: number } | null = null;
  let pending: Promise<string> | null = null;
  const mintAndKeep = async () => {
    const { accessToken, expiresAt } = await mint();
    cached = { token: accessToken, expiresAt: Date.parse(expiresAt) };
    return accessToken;
  };
  return async ({ forceRefresh = false } = {}) => {
    if (!forceRefresh && cached && cached.expiresAt - 60_000 > now()) return cached.token;
    pending ??= mintAndKeep().finally(() => {
      pending = null;
    });
    return pending;
  };
}
