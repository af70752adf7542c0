import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { callerOf, requireDirectoryPermission } from '../auth/graph-caller.js';
import type { GraphCaller } from '../auth/graph-caller.js';
import type { Directory, Mailbox } from '../directory/directory.js';
import { badRequest, directoryBadRequest, resourceNotFound } from '../odata/graph-error.js';
import { readQueryOptions } from '../odata/query-options.js';
import { serviceRootOf } from '../odata/service-root.js';
import { renderUser } from './user-view.js';

export type UserRoutesOptions = { directory: Directory };

type Permissions = { app: string[][]; delegated: string[][]; delegatedSelf: string[][] };

const either = (...permissions: string[]) => permissions.map((permission) => [permission]);
const pairs = (users: string[], groups: string[]) => users.flatMap((user) => groups.map((group) => [user, group]));

/** Get user ([USER-GET]): app-only needs the full profile (User.Read.All); User.ReadBasic.All is not listed. */
const READ_USER: Permissions = {
  app: either('User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'),
  delegated: either(
    'User.ReadBasic.All',
    'User.Read.All',
    'User.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
    'Directory.AccessAsUser.All',
  ),
  delegatedSelf: either('User.Read', 'User.ReadWrite'),
};

/** checkMemberGroups ([CMG]): a user permission *and* a group permission, or a directory-wide one. */
const CHECK_MEMBER_GROUPS: Permissions = {
  app: [
    ...pairs(['User.Read.All', 'User.ReadWrite.All'], ['GroupMember.Read.All', 'Group.Read.All']),
    ...either('Directory.Read.All', 'Directory.ReadWrite.All'),
  ],
  delegated: [
    ...pairs(['User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All'], ['GroupMember.Read.All', 'Group.Read.All']),
    ...either('Directory.Read.All', 'Directory.ReadWrite.All', 'Directory.AccessAsUser.All'),
  ],
  delegatedSelf: either('User.Read'),
};

const MAX_GROUP_IDS = 20;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type UserRequest = FastifyRequest<{ Params: { user?: string }; Querystring: Record<string, string> }>;

/**
 * The Entra user object: GET /users/{id | userPrincipalName} (and /me) and checkMemberGroups. Entra
 * resolves the segment by object id or UPN only, never by an SMTP address (Exchange's mailbox routes
 * do), and answers with directory error codes. Rooms are user objects too.
 */
export const userRoutes: FastifyPluginAsync<UserRoutesOptions> = async (app, { directory }) => {
  /** The user the path names, after the caller's permissions are checked (403 before 404, like Entra). */
  function authorizedUser(request: UserRequest, permissions: Permissions): Mailbox {
    const caller = callerOf(request);
    const key = request.params.user ?? (caller.kind === 'delegated' ? caller.userId : undefined);
    if (key === undefined) throw badRequest('/me request is only valid with delegated authentication flow.');
    const user = directory.findUser(key);
    requireDirectoryPermission(caller, permissionSetsFor(caller, permissions, user));
    if (!user) throw resourceNotFound(key);
    return user;
  }

  const getUser = async (request: UserRequest) => {
    const user = authorizedUser(request, READ_USER);
    const { select } = readQueryOptions(request.query);
    const entitySet = select === null ? 'users' : `users(${select.join(',')})`;
    return {
      '@odata.context': `${serviceRootOf(request)}/$metadata#${entitySet}/$entity`,
      ...renderUser(user, select),
    };
  };
  app.get('/users/:user', getUser);
  app.get('/me', getUser);

  const checkMemberGroups = async (request: UserRequest) => {
    const user = authorizedUser(request, CHECK_MEMBER_GROUPS);
    const groupIds = readGroupIds(request.body);
    const memberOf = directory.transitiveGroupIdsOf(user.id);
    const matched = groupIds.filter((id) => memberOf.has(id.toLowerCase()));
    return {
      '@odata.context': `${serviceRootOf(request)}/$metadata#Collection(Edm.String)`,
      value: [...new Set(matched)],
    };
  };
  app.post('/users/:user/checkMemberGroups', checkMemberGroups);
  app.post('/me/checkMemberGroups', checkMemberGroups);
};

function permissionSetsFor(caller: GraphCaller, permissions: Permissions, target: Mailbox | undefined): string[][] {
  if (caller.kind === 'app') return permissions.app;
  const isSelf = target !== undefined && target.id.toLowerCase() === caller.userId.toLowerCase();
  return isSelf ? [...permissions.delegatedSelf, ...permissions.delegated] : permissions.delegated;
}

/** `{ "groupIds": [...] }`: at most 20 ids per request ([CMG]); each must be a GUID. */
function readGroupIds(body: unknown): string[] {
  const groupIds = (body as { groupIds?: unknown } | null)?.groupIds;
  if (!Array.isArray(groupIds) || groupIds.some((id) => typeof id !== 'string')) {
    throw directoryBadRequest("The request body needs 'groupIds', a collection of group ids.");
  }
  if (groupIds.length > MAX_GROUP_IDS) {
    throw directoryBadRequest(
      `At most ${MAX_GROUP_IDS} group ids can be checked per request; the request has ${groupIds.length}.`,
    );
  }
  const invalid = (groupIds as string[]).find((id) => !GUID.test(id));
  if (invalid !== undefined) throw directoryBadRequest(`Invalid object identifier '${invalid}'.`);
  return groupIds as string[];
}
