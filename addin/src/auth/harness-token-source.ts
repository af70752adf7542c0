import { createCachedTokenSource } from '@workplace-sync/shared';
import type { MintedToken, TokenSource } from '@workplace-sync/shared';
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
  const send = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  return createCachedTokenSource(async () => {
    const response = await send(`${options.baseUrl ?? ''}${options.tokenPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: options.user }),
    });
    if (!response.ok) throw new SignInError(`The harness could not get a token (HTTP ${response.status})`);
    return (await response.json()) as MintedToken;
  }, options.now);
}
