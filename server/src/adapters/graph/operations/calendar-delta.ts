import { AppError } from '../../../errors.js';
import { upstreamFailed } from '../graph-errors.js';
import { fromGraphEvent } from '../mapping/from-graph-event.js';
import type { Mailbox, GraphRoomEvent } from '../room-event.js';
import { GraphEvent, GraphRemovedItem } from '../schemas/graph-event.js';
import type { GraphHttp } from '../transport/graph-http.js';
import { followPages } from '../transport/paging.js';
import { mailboxPath, preferHeader, queryInstant } from './graph-request-parts.js';
import type { TimeWindow } from './event-reads.js';

/** calendarView rejects a range above 1825 days with 400 ErrorInvalidRequest. */
export const MAX_DELTA_WINDOW_DAYS = 1825;
const DAY_MS = 86_400_000;

/** Where a round starts: the stored deltaLink, or a new window (a full round, after 410 or at first sync). */
export type DeltaStart = { deltaLink: string } | { window: TimeWindow };

export type DeltaRound = {
  /** The latest state of every item that changed, one per id. */
  events: GraphRoomEvent[];
  /** `@removed` ids: deleted, or changed outside the window (Graph reports both the same way). */
  removedIds: string[];
  /** Items that could not be read (an unknown zone, a broken recurrence): reported, not dropped silently. */
  unreadable: Array<{ id: string | null; reason: string; raw: unknown }>;
  /** Store it whole: its token encodes the window, and the next round starts from it. */
  deltaLink: string;
};

export type DeltaOptions = {
  /** `Prefer: odata.maxpagesize`; Graph may send fewer items, and empty pages. */
  pageSize?: number;
};

function firstRequestPath(mailbox: Mailbox, start: DeltaStart): string {
  if ('deltaLink' in start) return start.deltaLink;
  const { start: from, end: to } = start.window;
  const days = (to.getTime() - from.getTime()) / DAY_MS;
  if (!(days > 0) || days > MAX_DELTA_WINDOW_DAYS) {
    throw new AppError(
      'INVALID_REQUEST',
      `A delta window must be longer than 0 and at most ${MAX_DELTA_WINDOW_DAYS} days, got ${days}`,
    );
  }
  return `${mailboxPath(mailbox.address)}/calendarView/delta?startDateTime=${queryInstant(from)}&endDateTime=${queryInstant(to)}`;
}

type Change = { kind: 'upsert'; event: GraphRoomEvent } | { kind: 'removed' };

function isNewer(candidate: GraphRoomEvent, current: Change | undefined): boolean {
  if (current?.kind !== 'upsert' || !candidate.lastModified || !current.event.lastModified) return true;
  return candidate.lastModified >= current.event.lastModified;
}

/**
 * One calendarView delta round of a room: follows nextLinks (through empty pages) to the deltaLink.
 * A deltaLink Graph no longer knows (410 SyncStateNotFound) throws CURSOR_EXPIRED: the caller starts a
 * full round with a window and reconciles (items not seen again count as deleted).
 * Delta returns occurrences and exceptions expanded, with the same properties as calendarView and
 * never extended properties; replays across rounds happen, so a later item only replaces an earlier
 * one of the same id when it is not older.
 */
export async function readDeltaRound(
  http: GraphHttp,
  mailbox: Mailbox,
  start: DeltaStart,
  { pageSize = 50 }: DeltaOptions = {},
): Promise<DeltaRound> {
  const changes = new Map<string, Change>();
  const unreadable: DeltaRound['unreadable'] = [];
  const { deltaLink } = await followPages(
    http,
    {
      method: 'GET',
      path: firstRequestPath(mailbox, start),
      mailbox: mailbox.address,
      headers: preferHeader({ timeZone: mailbox.timeZone, maxPageSize: pageSize }),
    },
    (items) => {
      for (const item of items) {
        const removed = GraphRemovedItem.safeParse(item);
        if (removed.success) {
          changes.set(removed.data.id, { kind: 'removed' });
          continue;
        }
        const parsed = GraphEvent.safeParse(item);
        const id = typeof (item as { id?: unknown })?.id === 'string' ? (item as { id: string }).id : null;
        if (!parsed.success) {
          unreadable.push({ id, reason: parsed.error.message, raw: item });
          continue;
        }
        try {
          const event = fromGraphEvent(parsed.data, mailbox);
          if (isNewer(event, changes.get(event.id))) changes.set(event.id, { kind: 'upsert', event });
        } catch (error) {
          unreadable.push({ id, reason: error instanceof Error ? error.message : String(error), raw: item });
        }
      }
    },
  );
  if (!deltaLink) throw upstreamFailed('Graph ended a delta round without @odata.deltaLink', undefined);
  const events: GraphRoomEvent[] = [];
  const removedIds: string[] = [];
  for (const [id, change] of changes) {
    if (change.kind === 'upsert') events.push(change.event);
    else removedIds.push(id);
  }
  return { events, removedIds, unreadable, deltaLink };
}
