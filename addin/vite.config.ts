import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { build, defineConfig } from 'vite';
import type { Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';

const root = fileURLToPath(new URL('.', import.meta.url));
/** The server behind `vite` in development (npm start in the embedded default). */
const apiOrigin = process.env.ADDIN_DEV_API ?? 'https://localhost:3000';

/**
 * The event handlers (LaunchEvent in manifest.xml) as one classic script, launch-events.js, next to the
 * pages: Outlook on Windows (classic) loads it straight into a JavaScript-only runtime, which takes no
 * ES modules and no chunks. Rolldown gives one format per build, so it is a second build into the same
 * folder once the pages are written. That runtime has no page origin: it calls the API at
 * ADDIN_ORIGIN (default https://localhost:3000, the committed manifest's).
 */
function launchEventsScript(): Plugin {
  let outDir = '';
  let sourcemap: boolean | 'inline' | 'hidden' = false;
  return {
    name: 'launch-events-script',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
      sourcemap = config.build.sourcemap;
    },
    async closeBundle() {
      await build({
        configFile: false,
        root,
        logLevel: 'warn',
        plugins: [compression({ algorithms: ['brotliCompress', 'gzip'] })],
        resolve: { conditions: ['source'] },
        define: {
          __ADDIN_API_ORIGIN__: JSON.stringify(process.env.ADDIN_ORIGIN ?? 'https://localhost:3000'),
          'process.env.NODE_ENV': JSON.stringify('production'),
        },
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          target: 'es2022',
          sourcemap,
          lib: {
            entry: `${root}src/launch-events/launch-events.ts`,
            formats: ['iife'],
            name: 'WorkplaceLaunchEvents',
            fileName: () => 'launch-events.js',
          },
        },
      });
    },
  };
}

// Three pages: the task pane and the sign-in dialog (auth-dialog.html, the fallback where Outlook has no
// nested app authentication), both with office.js from Microsoft's CDN, never bundled; and the harness
// (embedded default only; the server serves office.js from @microsoft/office-js). Icons and help.html
// come from public/.
export default defineConfig({
  root,
  // Scripts, styles and pages also as .br and .gz (best levels, once at build time); the server sends
  // the one the browser accepts (@fastify/static's preCompressed).
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'] }), launchEventsScript()],
  resolve: { conditions: ['source'] },
  // The launch-events source under `vite` dev (the harness loads it as a module there).
  define: { __ADDIN_API_ORIGIN__: JSON.stringify(process.env.ADDIN_ORIGIN ?? 'https://localhost:3000') },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      input: {
        taskpane: `${root}taskpane.html`,
        'auth-dialog': `${root}auth-dialog.html`,
        harness: `${root}harness.html`,
      },
    },
  },
  server: {
    proxy: Object.fromEntries(
      ['/api', '/addin-config.json', '/harness/token', '/harness/send', '/harness/office-js', '/openapi'].map(
        // The embedded default speaks https with a certificate of its own for localhost.
        (path) => [path, { target: apiOrigin, secure: false }],
      ),
    ),
  },
});
