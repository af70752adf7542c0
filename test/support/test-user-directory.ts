import { createHash } from 'node:crypto';
import type { DirectoryUser } from '../../server/src/adapters/graph/index.js';
import type { UserDirectory } from '../../server/src/identity/user-directory.js';

/** A stable object id (GUID-shaped) for a test user, derived from their address. */
export function objectIdOf(address: string): string {
  const hex = createHash('sha256').update(address.toLowerCase()).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The directory of tests whose tokens come from a local issuer: users are added as tokens are signed
 * for them (their address is their mail) or explicitly (a UPN that differs from the mail, aliases).
 */
export function createTestUserDirectory() {
  const users = new Map<string, DirectoryUser>();
  const groups = new Map<string, Set<string>>();
  const directory: UserDirectory & {
    add(user: { objectId?: string; mail: string | null; aliases?: string[]; officeLocation?: string }): DirectoryUser;
    addressUser(address: string): string;
    setGroup(groupId: string, objectIds: string[]): void;
  } = {
    userById: async (objectId) => structuredClone(users.get(objectId.toLowerCase()) ?? null),
    isMemberOf: async (objectId, groupId) => groups.get(groupId.toLowerCase())?.has(objectId.toLowerCase()) ?? false,
    add({ objectId, mail, aliases = [], officeLocation }) {
      const id = (objectId ?? objectIdOf(mail ?? aliases[0] ?? 'nobody')).toLowerCase();
      const primary = mail?.toLowerCase() ?? null;
      const user = {
        objectId: id,
        mail: primary,
        addresses: [...new Set([...(primary ? [primary] : []), ...aliases.map((alias) => alias.toLowerCase())])],
        officeLocation: officeLocation ?? null,
      };
      users.set(id, user);
      return user;
    },
    /** The object id of the user with this address, added with it as their mail when unknown. */
    addressUser(address) {
      const known = [...users.values()].find((user) => user.addresses.includes(address.toLowerCase()));
      return known?.objectId ?? directory.add({ mail: address }).objectId;
    },
    setGroup(groupId, objectIds) {
      groups.set(groupId.toLowerCase(), new Set(objectIds.map((id) => id.toLowerCase())));
    },
  };
  return directory;
}
