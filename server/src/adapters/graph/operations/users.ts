import { AppError } from '../../../errors.js';
import { GraphMemberGroups, GraphUser } from '../schemas/graph-user.js';
import { parseGraphBody } from '../transport/graph-http.js';
import type { GraphHttp } from '../transport/graph-http.js';

/** A user's mail addresses as the directory knows them: what their meetings' organizer fields carry. */
export type DirectoryUser = {
  objectId: string;
  /** The primary SMTP address (lower-case); null for a user without a mailbox. */
  mail: string | null;
  /** Every SMTP address of the user (primary first, lower-case): Exchange may name them by any. */
  addresses: string[];
  /** Where the user works, as an admin typed it in Entra (free text, e.g. 'Brussels HQ'); null when unset. */
  officeLocation: string | null;
};

export function fromGraphUser(user: GraphUser): DirectoryUser {
  const mail = user.mail?.toLowerCase() ?? null;
  const aliases = (user.proxyAddresses ?? [])
    .filter((address) => address.toLowerCase().startsWith('smtp:'))
    .map((address) => address.slice('smtp:'.length).toLowerCase());
  return {
    objectId: user.id,
    mail,
    addresses: [...new Set([...(mail ? [mail] : []), ...aliases])],
    officeLocation: user.officeLocation?.trim() || null,
  };
}

/**
 * `GET /users/{id}`: app-only with User.Read.All (proxyAddresses is not in User.ReadBasic.All's basic
 * profile; officeLocation is). Null when the directory has no such user (deleted since the token was issued).
 */
export async function getUser(http: GraphHttp, objectId: string): Promise<DirectoryUser | null> {
  try {
    const { body } = await http.send({
      method: 'GET',
      path: `/users/${encodeURIComponent(objectId)}?$select=id,mail,userPrincipalName,proxyAddresses,officeLocation`,
    });
    return fromGraphUser(parseGraphBody(GraphUser, body, 'user'));
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/**
 * `POST /users/{id}/checkMemberGroups` (transitive; at most 20 group ids per call): app-only with
 * User.Read.All and GroupMember.Read.All.
 */
export async function checkMemberGroups(http: GraphHttp, objectId: string, groupIds: string[]): Promise<string[]> {
  if (groupIds.length === 0) return [];
  if (groupIds.length > 20) throw new AppError('INTERNAL', 'checkMemberGroups takes at most 20 group ids');
  const { body } = await http.send({
    method: 'POST',
    path: `/users/${encodeURIComponent(objectId)}/checkMemberGroups`,
    body: { groupIds },
  });
  return parseGraphBody(GraphMemberGroups, body, 'checkMemberGroups response').value;
}
