import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { addinApi } from '@workplace-sync/shared';
import type { AddinConfig } from '@workplace-sync/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { addinApiDocumentOf } from '../../plugins/openapi.js';

export type AddinPublicRoutesOptions = {
  /** How the pane signs in; served at /addin-config.json. */
  config: AddinConfig;
  /** The built pane (addin/dist). Without it the pane is served elsewhere. */
  staticRoot?: string;
  /** Serve harness.html (the embedded default only). */
  includeHarness?: boolean;
  /** Public URL of the server, for the OpenAPI document's `servers`. */
  publicUrl?: string;
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

async function filesUnder(root: string, directory = root): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(directory, entry.name);
      return entry.isDirectory() ? filesUnder(root, full) : Promise.resolve([full]);
    }),
  );
  return nested.flat();
}

/** Vite names built chunks `name-<hash>.js`: those never change and may be cached for a year. */
const isHashed = (file: string) => /-[A-Za-z0-9_-]{8,}\.(js|css)$/.test(file);

/**
 * What the pane needs without signing in: its sign-in configuration, the API's OpenAPI document (cut
 * from the server's, plugins/openapi.ts) and the built pane itself (HTML, scripts, icons) on the
 * manifest's origin.
 */
export const addinPublicRoutes: FastifyPluginAsyncZod<AddinPublicRoutesOptions> = async (app, options) => {
  const { getAddinConfig } = addinApi;
  app.get(
    getAddinConfig.url,
    { schema: { summary: getAddinConfig.summary, response: { 200: getAddinConfig.success.body } } },
    async (_request, reply) => reply.header('cache-control', 'no-cache').send(options.config),
  );

  // The add-in API's part of the server's OpenAPI document (plugins/openapi.ts), cut at the first request.
  if (app.hasDecorator('swagger')) {
    let document: ReturnType<typeof addinApiDocumentOf> | undefined;
    app.get('/openapi/addin-api.json', async () => (document ??= addinApiDocumentOf(app.swagger(), options.publicUrl)));
  }

  if (!options.staticRoot) return;
  const root = path.resolve(options.staticRoot);
  if (!existsSync(root)) {
    // The server still runs (sync, API); only the pane is missing until it is built.
    app.log.warn({ root }, 'the add-in is not built: run `npm run build -w addin`');
    app.get('/taskpane.html', async (_request, reply) =>
      reply
        .code(503)
        .send({ error: { code: 'UNAVAILABLE', message: 'The add-in is not built: run npm run build -w addin' } }),
    );
    return;
  }
  const files = (await filesUnder(root)).filter(
    (file) => options.includeHarness || !path.basename(file).startsWith('harness'),
  );
  for (const file of files) {
    const url = `/${path.relative(root, file).split(path.sep).join('/')}`;
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    const caching = isHashed(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
    app.get(url, async (_request, reply) => {
      const body = await readFile(file);
      const { mtime } = await stat(file);
      return reply.type(type).header('cache-control', caching).header('last-modified', mtime.toUTCString()).send(body);
    });
  }
};
