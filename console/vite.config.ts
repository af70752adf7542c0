import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

const root = fileURLToPath(new URL('.', import.meta.url));
/** The server behind `vite` in development (npm start in the embedded default). */
const apiOrigin = process.env.CONSOLE_DEV_API ?? 'https://localhost:3000';

// One page, served by the server at /admin/ (every asset URL carries that base).
export default defineConfig({
  root,
  base: '/admin/',
  // Scripts, styles and pages also as .br and .gz (best levels, once at build time); the server sends
  // the one the browser accepts (@fastify/static's preCompressed).
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'] })],
  resolve: { conditions: ['source'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // React, Fluent UI and the console in one chunk (about 150 KB gzip); MSAL is its own, loaded only to sign in.
    chunkSizeWarningLimit: 600,
    rolldownOptions: { input: { console: `${root}index.html` } },
  },
  server: {
    proxy: Object.fromEntries(
      ['/admin/api', '/admin/token', '/admin/console-config.json'].map((path) => [
        path,
        { target: apiOrigin, secure: false },
      ]),
    ),
  },
});
