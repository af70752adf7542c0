import { createCachedTokenSource } from '@workplace-sync/shared';
import type { MintedToken, TokenSource } from '@workplace-sync/shared';

/**
 * The embedded default: the server mints a token for the demo admin from the Graph emulator's issuer
 * (only for browsers on its own machine), which the admin API verifies exactly as an Entra token.
 */
export function createEmbeddedTokenSource(tokenPath: string): TokenSource {
  return createCachedTokenSource(async () => {
    const response = await fetch(tokenPath, { method: 'POST' });
    if (!response.ok) throw new Error(`The demo sign-in failed (HTTP ${response.status})`);
    return (await response.json()) as MintedToken;
  });
}
