import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { accessDenied, insufficientPrivileges, invalidAuthenticationToken } from '../odata/graph-error.js';
import type { AppRegistry, RegisteredApp } from './app-registry.js';
import { GRAPH_AUDIENCES, TokenRejected } from './token-issuer.js';
import type { TokenIssuer } from './token-issuer.js';

/** Who is calling Graph, from the bearer token: an app (application permissions) or a user (delegated). */
export type GraphCaller =
  | { kind: 'app'; appId: string; permissions: string[]; app: RegisteredApp | undefined }
  | { kind: 'delegated'; appId: string; permissions: string[]; userId: string; userPrincipalName: string };

const callers = new WeakMap<FastifyRequest, GraphCaller>();

export function callerOf(request: FastifyRequest): GraphCaller {
  const caller = callers.get(request);
  if (!caller) throw invalidAuthenticationToken('Access token is empty.');
  return caller;
}

export const READ_CALENDARS = [
  'Calendars.Read',
  'Calendars.ReadWrite',
  'Calendars.ReadBasic',
  'Calendars.ReadBasic.All',
  'Calendars.Read.Shared',
  'Calendars.ReadWrite.Shared',
];
export const WRITE_CALENDARS = ['Calendars.ReadWrite', 'Calendars.ReadWrite.Shared'];
/** Reading mail (list messages): Mail.ReadBasic(.All) reads all but the bodies; Mail.Read and Mail.ReadWrite all. */
export const READ_MAIL = ['Mail.ReadBasic', 'Mail.ReadBasic.All', 'Mail.Read', 'Mail.ReadWrite'];
export const READ_MAIL_FULL = ['Mail.Read', 'Mail.ReadWrite'];
export const READ_PLACES = ['Place.Read.All', 'Place.ReadWrite.All'];

/** 403 unless the token grants one of `anyOf` (application roles or delegated scopes). */
export function requirePermission(caller: GraphCaller, anyOf: string[]): void {
  if (!anyOf.some((permission) => isGranted(caller, permission))) throw accessDenied();
}

export function isGranted(caller: GraphCaller, permission: string): boolean {
  return caller.permissions.some((granted) => granted.toLowerCase() === permission.toLowerCase());
}

/**
 * Entra's check: 403 Authorization_RequestDenied unless the token grants every permission of one of
 * the sets (Microsoft documents combinations such as "User.Read.All and GroupMember.Read.All").
 */
export function requireDirectoryPermission(caller: GraphCaller, anyOfSets: string[][]): void {
  if (!anyOfSets.some((set) => set.every((permission) => isGranted(caller, permission))))
    throw insufficientPrivileges();
}

type GraphAuthenticationOptions = { issuer: TokenIssuer; apps: AppRegistry };

/**
 * Every Graph request needs a valid token for Graph; without one Graph answers 401
 * InvalidAuthenticationToken (reference/graph.md §e1, [ERR]).
 */
export const graphAuthentication = fp<GraphAuthenticationOptions>(
  async (app, { issuer, apps }) => {
    app.addHook('onRequest', async (request) => {
      const header = request.headers.authorization ?? '';
      const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
      if (!token) throw invalidAuthenticationToken('Access token is empty.');
      let claims;
      try {
        claims = await issuer.verify(token, GRAPH_AUDIENCES);
      } catch (error) {
        if (error instanceof TokenRejected) throw invalidAuthenticationToken(error.message);
        throw error;
      }
      const appId = claims.appid ?? claims.azp ?? '';
      if (claims.scp !== undefined) {
        callers.set(request, {
          kind: 'delegated',
          appId,
          permissions: claims.scp.split(' ').filter(Boolean),
          userId: claims.oid ?? '',
          userPrincipalName: claims.preferred_username ?? claims.upn ?? '',
        });
      } else {
        callers.set(request, { kind: 'app', appId, permissions: claims.roles ?? [], app: apps.find(appId) });
      }
    });
  },
  { name: 'graph-authentication' },
);
