import { createGraphHttp } from '../../../../../server/src/adapters/graph/index.js';
import type { GraphHttpOptions } from '../../../../../server/src/adapters/graph/index.js';
import { createFakeTokens } from './fake-tokens.js';
import { createFakeTransport } from './fake-transport.js';
import type { FakeHandler } from './fake-transport.js';

export const TEST_NOW = new Date('2025-03-03T08:00:00Z');

/**
 * The production GraphHttp over a fake transport, fake tokens, a fixed clock and a sleep that only
 * records: tests never wait for Retry-After.
 */
export function createTestHttp(handler: FakeHandler, overrides: Partial<GraphHttpOptions> = {}) {
  const transport = createFakeTransport(handler);
  const { tokens, calls: tokenCalls } = createFakeTokens();
  const sleeps: number[] = [];
  const http = createGraphHttp({
    tokens,
    fetch: transport.fetch,
    ...overrides,
    now: () => TEST_NOW,
    retry: {
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0,
      ...overrides.retry,
    },
  });
  return { http, transport, tokenCalls, sleeps };
}
