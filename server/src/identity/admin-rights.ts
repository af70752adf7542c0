import type { Config } from '../config.js';
import type { AddinUser } from '../plugins/addin-auth.js';
import type { UserDirectory } from './user-directory.js';

/**
 * Whether a verified user is a room-sync administrator: their object id is listed (ADMIN_USERS), they
 * are a (transitive) member of the admin group (ADMIN_GROUP_ID, asked of the directory), or — warned
 * about at startup, addresses can be reassigned — one of their directory addresses is listed.
 */
export function createAdminCheck(admins: Config['admins'], directory: Pick<UserDirectory, 'isMemberOf'>) {
  const objectIds = new Set(admins.objectIds);
  return async (user: AddinUser): Promise<boolean> => {
    if (objectIds.has(user.objectId.toLowerCase())) return true;
    if (user.addresses.some((address) => admins.emails.includes(address))) return true;
    return admins.groupId !== null && directory.isMemberOf(user.objectId, admins.groupId);
  };
}
