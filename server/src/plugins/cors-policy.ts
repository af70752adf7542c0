import cors from '@fastify/cors';
import type { FastifyCorsOptions } from '@fastify/cors';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';

export type CorsPolicyOptions = {
  /** Origins allowed to call from a browser (https origins; anything after the origin is ignored). */
  origins: string[];
  /** The URLs this policy covers, e.g. '/api/': @fastify/cors answers OPTIONS for every URL otherwise. */
  pathPrefix: string;
};

/**
 * Strict CORS for the URLs under `pathPrefix` (the add-in API): only the configured origins get CORS
 * headers, for the methods and headers the add-in uses, and no credentials; a preflight from any other
 * origin is a 403 with no CORS headers, so browsers refuse the call. Same-origin callers (the pane
 * served by this server) need none of it. Any other URL answers no preflight.
 */
export const corsPolicy = fp<CorsPolicyOptions>(
  async (app, { origins, pathPrefix }) => {
    const allowed = new Set(origins.map((origin) => new URL(origin).origin));
    const inScope = (url: string) => url.startsWith(pathPrefix);
    const policy: FastifyCorsOptions = {
      origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin) ? origin : false),
      methods: ['GET', 'POST', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type'],
      exposedHeaders: ['retry-after', 'x-request-id'],
      maxAge: 600,
    };
    await app.register(cors, {
      delegator: (request, callback) => callback(null, inScope(request.url) ? policy : { origin: false }),
    });
    // @fastify/cors answers allowed preflights in its own onRequest hook and stops there: a preflight
    // that reaches this hook comes from another origin, or is for a URL outside the policy.
    app.addHook('onRequest', async (request) => {
      if (request.method !== 'OPTIONS') return;
      if (!inScope(request.url)) throw new AppError('NOT_FOUND', `No route OPTIONS ${request.url}`);
      throw new AppError('FORBIDDEN', 'This origin may not call this API');
    });
  },
  { name: 'cors-policy' },
);
