import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import type { AddinUser, VerifyToken } from '../../plugins/addin-auth.js';
import { countApiCaller } from '../../plugins/rate-limits.js';

export type AdminAccess = {
  /** The same verification as the add-in API (issuer, audience, signature, tenant, scope). */
  verifyToken: VerifyToken;
  /** Who may use the admin API (identity/admin-rights.ts: object ids, the admin group). */
  isAdmin: (user: AddinUser) => boolean | Promise<boolean>;
};

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;
const adminOfRequest = new WeakMap<FastifyRequest, AddinUser>();

/** An onRequest hook: a verified token of an admin user, else 401 (no or bad token) or 403 (not an admin). */
export function requireAdmin({ verifyToken, isAdmin }: AdminAccess) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match) throw new AppError('UNAUTHORIZED', 'Sign-in required: send Authorization: Bearer <access token>');
    let user: AddinUser;
    try {
      user = await verifyToken(match[1]!);
    } catch (error) {
      if (error instanceof AppError && error.code === 'UNAUTHORIZED') await countApiCaller(request, reply, null);
      throw error;
    }
    await countApiCaller(request, reply, user);
    if (!(await isAdmin(user))) {
      const who = user.email || user.signInName || user.objectId;
      throw new AppError('FORBIDDEN', `${who} is not a room-sync administrator`);
    }
    adminOfRequest.set(request, user);
  };
}

/** The admin who sent a request that requireAdmin let through. */
export function adminOf(request: FastifyRequest): AddinUser {
  const user = adminOfRequest.get(request);
  if (!user) throw new AppError('INTERNAL', 'requireAdmin does not guard this route');
  return user;
}
