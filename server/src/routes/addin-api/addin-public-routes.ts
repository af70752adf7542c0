import { existsSync } from 'node:fs';
import path from 'node:path';
import { addinApi } from '@workplace-sync/shared';
import type { AddinConfig } from '@workplace-sync/shared';
import { AppError } from '../../errors.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { addinApiDocumentOf } from '../../plugins/openapi.js';
import { serveBuiltFiles } from '../../plugins/static-files.js';

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
    app.get('/taskpane.html', async () => {
      throw new AppError('UNAVAILABLE', 'The add-in is not built: run npm run build -w addin');
    });
    return;
  }
  await serveBuiltFiles(app, {
    root,
    prefix: '/',
    ignore: options.includeHarness ? [] : ['**/harness*'],
  });
};
