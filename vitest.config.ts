import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/fast-check-ci.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
