import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

const root = fileURLToPath(new URL('.', import.meta.url));
/** The server behind `vite` in development (npm start in the embedded default). */
const apiOrigin = process.env.ADDIN_DEV_API ?? 'https://localhost:3000';

// Three pages: the task pane and the sign-in dialog (auth-dialog.html, the fallback where Outlook has no
// nested app authentication), both with office.js from Microsoft's CDN, never bundled; and the harness
// (embedded default only; the server serves office.js from @microsoft/office-js). Icons and help.html
// come from public/.
export default defineConfig({
  root,
  // Scripts, styles and pages also as .br and .gz (best levels, once at build time); the server sends
  // the one the browser accepts (@fastify/static's preCompressed).
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'] })],
  resolve: { conditions: ['source'] },
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
