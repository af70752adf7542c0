import { EmulatorError } from '../domain/emulator-error.js';

export const DEFAULT_PAGE_SIZE = 50;

function offsetOf(cursor: string): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new EmulatorError('INVALID_CURSOR', `Not a cursor of this list: '${cursor}'`);
  return Number(match[1]);
}

/** Offset pages over a list in a stable order (creation order); the cursor is opaque to clients. */
export function paginate<T>(
  items: T[],
  query: { limit?: number; cursor?: string },
): { items: T[]; nextCursor: string | null } {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const offset = query.cursor === undefined ? 0 : offsetOf(query.cursor);
  const page = items.slice(offset, offset + limit);
  const next = offset + page.length;
  return { items: page, nextCursor: next < items.length ? Buffer.from(`offset:${next}`).toString('base64url') : null };
}
