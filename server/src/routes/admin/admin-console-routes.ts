import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConsoleConfigSchema } from '@workplace-sync/shared';
import type { ConsoleConfig } from '@workplace-sync/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { serveBuiltFiles } from '../../plugins/static-files.js';

export type AdminConsoleRoutesOptions = {
  /** How the console signs in; served at /admin/console-config.json. */
  config: ConsoleConfig;
  /** The built console (console/dist); without it /admin/ says how to build it. */
  staticRoot?: string;
  /** Embedded default only: a token for the demo admin, for browsers on this machine. */
  issueDemoAdminToken?: () => Promise<{ accessToken: string; expiresAt: string }>;
};

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** The admin console's page and scripts at /admin/, how it signs in, and (embedded default) the demo admin's token. */
export const adminConsoleRoutes: FastifyPluginAsyncZod<AdminConsoleRoutesOptions> = async (app, options) => {
  app.get(
    '/admin/console-config.json',
    { schema: { summary: 'How the admin console signs in (public)', response: { 200: ConsoleConfigSchema } } },
    async (_request, reply) => reply.header('cache-control', 'no-cache').send(options.config),
  );

  const issueToken = options.issueDemoAdminToken;
  if (issueToken) {
    app.post(
      '/admin/token',
      {
        schema: {
          summary: 'Embedded default only: a token for the demo admin (from this machine only)',
          response: { 200: z.object({ accessToken: z.string(), expiresAt: z.string() }) },
        },
      },
      async (request) => {
        if (!LOOPBACK.has(request.socket.remoteAddress ?? '')) {
          throw new AppError('FORBIDDEN', 'The demo admin sign-in is only available from this machine');
        }
        return issueToken();
      },
    );
  }

  app.get('/admin', async (_request, reply) => reply.redirect('/admin/', 301));
  const root = options.staticRoot && path.resolve(options.staticRoot);
  if (!root || !existsSync(path.join(root, 'index.html'))) {
    app.get('/admin/', async () => {
      throw new AppError('UNAVAILABLE', 'The admin console is not built: run npm run build -w console');
    });
    return;
  }
  // index.html at /admin/ (and /admin/index.html), its assets under /admin/assets/.
  await serveBuiltFiles(app, { root, prefix: '/admin/', hasIndex: true });
};
