import { defineConfig } from 'vitest/config';

// Where a test lives: its path mirrors the source it tests.
// - test/<workspace>/<folder>/ tests <workspace>/src/<folder>/ (test/server/intake/, test/emulators/graph/,
//   test/shared/recurrence/ …); under server/src/adapters/ and server/src/routes/ one level deeper
//   (test/server/adapters/graph/, test/server/routes/admin/); a module at the root of src/ (app.ts,
//   config.ts) is tested in test/<workspace>/. Folders below these are not mirrored.
// - A test sits with the module it exercises: a test through HTTP routes in routes/, a plugin's in
//   plugins/, a pure module's in that module's folder. Integration tests sit with what they integrate: the
//   sync on both emulators in test/server/sync/ (*.integration.test.ts), an adapter against its emulator in
//   the adapter's folder (test/server/adapters/graph/integration/).
// - The browser apps: test/addin/ (pane/: addin/src in happy-dom; e2e/: the pane in Chromium; the
//   manifest), test/console/ (the console in Chromium).
// - Cross-cutting: test/e2e/ (whole-system runs: real server processes, production builds),
//   test/security/ (fuzz and negative suites over the full app), test/deploy/ (deploy/'s Dockerfile),
//   test/fixtures/ (recorded payloads and schemas).
// - Helpers: a folder's own in its support/; one used by tests of several folders in test/support/, the
//   test data builders in test/support/builders.ts.

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
