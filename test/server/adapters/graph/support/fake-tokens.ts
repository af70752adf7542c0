import type { TokenSource } from '../../../../../server/src/adapters/graph/index.js';

/** Hands out `token-1`, `token-2`, … : a new one only when asked to refresh, like a cache would. */
export function createFakeTokens() {
  const calls: Array<{ forceRefresh: boolean }> = [];
  let current = 1;
  const tokens: TokenSource = {
    async getToken({ forceRefresh = false } = {}) {
      calls.push({ forceRefresh });
      if (forceRefresh) current += 1;
      return `token-${current}`;
    },
  };
  return { tokens, calls };
}
