import type { Change, ChangesPage } from '../contract/changes.js';
import { EmulatorError } from '../domain/emulator-error.js';
import type { WorkplaceState } from '../domain/workplace-state.js';
import type { Faults } from '../http/faults.js';

export const DEFAULT_FEED_LIMIT = 100;

const encodeCursor = (generation: number, sequence: number) =>
  Buffer.from(JSON.stringify({ g: generation, s: sequence })).toString('base64url');

function decodeCursor(cursor: string): { generation: number; sequence: number } | null {
  try {
    const { g, s } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { g: unknown; s: unknown };
    return Number.isInteger(g) && Number.isInteger(s) ? { generation: g as number, sequence: s as number } : null;
  } catch {
    return null;
  }
}

/** Where a reader would start now: after the newest change (for a full resync that then follows the feed). */
export const headCursor = (state: WorkplaceState) =>
  encodeCursor(state.feed.generation, state.feed.entries.at(-1)?.sequence ?? 0);

/**
 * Reads the changes after `cursor`. The feed is ordered and at-least-once; the `duplicate-feed` and
 * `reorder-feed` faults make one read break that as a real feed may (redelivery, out-of-order pages).
 */
export function readChanges(
  state: WorkplaceState,
  cursor: string | undefined,
  limit: number,
  faults: Faults,
): ChangesPage {
  const { generation, entries } = state.feed;
  let after = 0;
  if (cursor !== undefined) {
    const decoded = decodeCursor(cursor);
    const newest = entries.at(-1)?.sequence ?? 0;
    if (!decoded || decoded.generation !== generation || decoded.sequence > newest) {
      throw new EmulatorError(
        'CURSOR_EXPIRED',
        'The cursor is unknown or expired; resynchronise and read from a new cursor',
      );
    }
    after = decoded.sequence;
  }
  const pending = entries.filter((change) => change.sequence > after);
  let page: Change[] = pending.slice(0, limit);
  const nextCursor = encodeCursor(generation, page.at(-1)?.sequence ?? after);
  if (page.length > 0 && faults.take(['duplicate-feed'])) {
    const previous = entries.filter((change) => change.sequence <= after).slice(-1);
    page = [...previous, ...page.flatMap((change) => [change, change])];
  }
  if (page.length > 1 && faults.take(['reorder-feed'])) page = [...page].reverse();
  return { changes: structuredClone(page), nextCursor, hasMore: pending.length > limit };
}
