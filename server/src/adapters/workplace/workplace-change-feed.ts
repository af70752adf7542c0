import type { WorkplaceClient } from './workplace-client.js';
import type { WorkplaceChange } from './workplace-schemas.js';

export type WorkplaceChanges = {
  /** Each change once, in feed order. */
  changes: WorkplaceChange[];
  /** Store it after the changes are handled; reading from it again never skips a change. */
  nextCursor: string;
  /** False when `maxPages` ran out before the head of the feed: read again from nextCursor. */
  isAtHead: boolean;
};

/**
 * Reads the Workplace change feed from a stored cursor (`null`: from the oldest retained change).
 * The feed is at-least-once and a page may arrive out of order, so changes are de-duplicated by
 * sequence and sorted. An expired cursor surfaces as AppError CURSOR_EXPIRED: resynchronise.
 */
export function createWorkplaceChangeFeed(
  client: Pick<WorkplaceClient, 'readChangesPage'>,
  options: { pageSize?: number; maxPages?: number } = {},
) {
  const pageSize = options.pageSize ?? 100;
  const maxPages = options.maxPages ?? 20;
  return {
    async readChanges(cursor: string | null): Promise<WorkplaceChanges> {
      const bySequence = new Map<number, WorkplaceChange>();
      let next = cursor;
      for (let page = 0; page < maxPages; page++) {
        const result = await client.readChangesPage({ cursor: next, limit: pageSize });
        for (const change of result.changes) bySequence.set(change.sequence, change);
        next = result.nextCursor;
        if (!result.hasMore) {
          return {
            changes: [...bySequence.values()].sort((a, b) => a.sequence - b.sequence),
            nextCursor: next,
            isAtHead: true,
          };
        }
      }
      return {
        changes: [...bySequence.values()].sort((a, b) => a.sequence - b.sequence),
        nextCursor: next!,
        isAtHead: false,
      };
    },
  };
}
