import fastifyStatic from '@fastify/static';
import send from '@fastify/send';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Vite names built chunks `name-<hash>.js`: those never change and may be cached for a year. */
const isHashed = (file: string) => /-[A-Za-z0-9_-]{8,}\.(js|css)$/.test(file);

/** The file a response stands for: `taskpane-<hash>.js` for its `.br` or `.gz` sibling. */
const servedFile = (file: string) => file.replace(/\.(br|gz)$/, '');

/**
 * One caching rule for every file the server sends (the built pane, the console, office.js):
 * hashed chunks for a year, everything else revalidated at each use (`no-cache` with ETag and
 * Last-Modified, so a browser that has it gets a 304 without a body).
 */
function setFileHeaders(reply: FastifyReply, file: string) {
  const name = servedFile(file);
  void reply.header('cache-control', isHashed(name) ? 'public, max-age=31536000, immutable' : 'no-cache');
  // A 304 carries no content-type (send drops it), but its headers replace the cached ones, the CSP
  // included: the security headers are chosen by content-type, so name the file's type here too.
  if (!reply.hasHeader('content-type')) {
    const type = send.mime.getType(name) ?? 'application/octet-stream';
    void reply.type(send.isUtf8MimeType(type) ? `${type}; charset=utf-8` : type);
  }
}

const sharedOptions = {
  cacheControl: false,
  setHeaders: setFileHeaders,
  // A dotfile is not found (our 404), like a missing file.
  dotfiles: 'ignore',
} as const;

export type BuiltFilesOptions = {
  /** A Vite build (addin/dist, console/dist): absolute path. */
  root: string;
  /** Where its files are served: `/` or `/admin/`. */
  prefix: string;
  /** Glob patterns of files not to serve (relative to `root`). */
  ignore?: string[];
  /** Also serve `index.html` at the prefix itself (the console at /admin/; `/` is the landing page). */
  hasIndex?: boolean;
};

/**
 * A Vite build through @fastify/static: a route per file found at start, not a wildcard, so each page
 * keeps its own route path (`/auth-dialog.html`), which the security headers and rate limits look at
 * (route-path.ts); conditional requests (ETag, Last-Modified → 304); and the `.br`/`.gz` siblings the
 * build wrote (vite-plugin-compression2) sent to browsers that accept them, with `vary: accept-encoding`.
 */
export async function serveBuiltFiles(
  app: FastifyInstance,
  { root, prefix, ignore = [], hasIndex = false }: BuiltFilesOptions,
) {
  await app.register(fastifyStatic, {
    ...sharedOptions,
    root,
    prefix,
    wildcard: false,
    index: hasIndex ? ['index.html'] : false,
    preCompressed: true,
    globIgnore: ['**/*.br', '**/*.gz', ...ignore],
    decorateReply: false,
    // The pages are documented (plugins/openapi.ts decides which files are hidden).
    schemaHide: false,
  });
}

/**
 * `reply.sendFile(name)` from `root` with the same headers and conditional requests, for files
 * served by a route of their own (office.js for the harness); a missing file is a 404.
 */
export async function sendFilesFrom(app: FastifyInstance, root: string) {
  await app.register(fastifyStatic, { ...sharedOptions, root, serve: false });
}
