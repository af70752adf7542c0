import type { DirectoryUser } from '../adapters/graph/index.js';

/** Who a signed-in user is beyond their token: their mail addresses and group memberships, from Entra. */
export interface UserDirectory {
  /** Null when the directory has no such user. */
  userById(objectId: string): Promise<DirectoryUser | null>;
  isMemberOf(objectId: string, groupId: string): Promise<boolean>;
}

export type CachedUserDirectoryOptions = {
  /** How long an answer is reused: a changed address or membership is seen within this time. */
  ttlMs?: number;
  /** Entries kept at most (a tenant's active users); the oldest go first. */
  maxEntries?: number;
  now?: () => number;
};

/** A small TTL cache that shares one lookup among concurrent callers. */
function createTtlCache<T>({ ttlMs, maxEntries, now }: Required<CachedUserDirectoryOptions>) {
  const entries = new Map<string, { value: Promise<T>; until: number }>();
  return (key: string, load: () => Promise<T>): Promise<T> => {
    const at = now();
    const cached = entries.get(key);
    if (cached && cached.until > at) return cached.value;
    entries.delete(key);
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    const value = load();
    entries.set(key, { value, until: at + ttlMs });
    // A failed lookup is not remembered: the next request asks again.
    value.catch(() => entries.delete(key));
    return value;
  };
}

/**
 * The directory through Microsoft Graph (app-only: User.Read.All, GroupMember.Read.All), cached for
 * `ttlMs` (default 10 minutes): every add-in request needs the caller's addresses, and Graph need not
 * be asked each time.
 */
export function createCachedUserDirectory(
  graph: {
    getUser(objectId: string): Promise<DirectoryUser | null>;
    checkMemberGroups(objectId: string, groupIds: string[]): Promise<string[]>;
  },
  { ttlMs = 10 * 60_000, maxEntries = 50_000, now = Date.now }: CachedUserDirectoryOptions = {},
): UserDirectory {
  const settings = { ttlMs, maxEntries, now };
  const users = createTtlCache<DirectoryUser | null>(settings);
  const memberships = createTtlCache<boolean>(settings);
  return {
    userById: (objectId) => users(objectId.toLowerCase(), () => graph.getUser(objectId)),
    isMemberOf: (objectId, groupId) =>
      memberships(`${objectId.toLowerCase()} ${groupId.toLowerCase()}`, async () =>
        (await graph.checkMemberGroups(objectId, [groupId])).some((id) => id.toLowerCase() === groupId.toLowerCase()),
      ),
  };
}
