import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';

export type MailboxRequest = FastifyRequest<{ Params: Record<string, string>; Querystring: Record<string, string> }>;

type MailboxHandler = (request: MailboxRequest, reply: FastifyReply, user: string | undefined) => Promise<unknown>;

/**
 * Registers a route under both `/users/{id|upn}{path}` and `/me{path}`; the handler receives the user
 * segment (undefined for /me, which needs a delegated token).
 */
export function mailboxRoute(app: FastifyInstance, method: HTTPMethods, path: string, handler: MailboxHandler): void {
  app.route({
    method,
    url: `/users/:user${path}`,
    handler: (request, reply) => handler(request as MailboxRequest, reply, (request.params as { user: string }).user),
  });
  app.route({
    method,
    url: `/me${path}`,
    handler: (request, reply) => handler(request as MailboxRequest, reply, undefined),
  });
}
