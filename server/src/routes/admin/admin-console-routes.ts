import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { ConsoleConfigSchema } from '@workplace-sync/shared';
import type { ConsoleConfig } from '@workplace-sync/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';

export type AdminConsoleRoutesOptions = {
  /** How the console signs in; served at /admin/console-config.json. */
  config: ConsoleConfig;
  /** The built console (console/dist); without it /admin/ says how to build it. */
  staticRoot?: string;
  /** Embedded default only: a token for the demo admin, for browsers on this machine. */
  issueDemoAdminToken?: () => Promise<{ accessToken: string; expiresAt: string }>;
};

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
};
const isHashed = (file: string) => /-[A-Za-z0-9_-]{8,}\.(js|css)$/.test(file);

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(directory, entry.name);
      return entry.isDirectory() ? filesUnder(full) : Promise.resolve([full]);
    }),
  );
  return nested.flat();
}

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
    app.get('/admin/', async (_request, reply) =>
      reply.code(503).send({
        error: { code: 'UNAVAILABLE', message: 'The admin console is not built: run npm run build -w console' },
      }),
    );
    return;
  }
  for (const file of await filesUnder(root)) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    const url = relative === 'index.html' ? '/admin/' : `/admin/${relative}`;
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    const caching = isHashed(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
    app.get(url, async (_request, reply) =>
      reply
        .type(type)
        .header('cache-control', caching)
        .send(await readFile(file)),
    );
  }
};
