import { AppError } from '../../errors.js';
import type { GraphAdapter } from './graph-adapter.js';
import type { GraphRoomEvent } from './room-event.js';

/** The subject a room event should carry, and what reading it assumed (logged with the event). */
export type OrganizerSubjectReading = { subject: string; note: string | null };

export type OrganizerSubjects = {
  /** The meeting's subject for a room copy whose subject the room rewrote; the event's own otherwise. */
  read(event: GraphRoomEvent): Promise<OrganizerSubjectReading>;
};

/**
 * What Graph answers when the organizer's calendar cannot give the subject: the app is limited to room
 * mailboxes (403), the organizer has no mailbox here (404, an external organizer), or the address is
 * not one Graph takes (400). Anything else (throttling, an outage) is retried by the sync run instead:
 * a meeting first stored with the rewritten subject would keep it.
 */
const REFUSALS = new Set(['FORBIDDEN', 'NOT_FOUND', 'INVALID_REQUEST']);

/**
 * Reads the subject of the organizer's copy of a meeting whose room copy says only the organizer's name
 * (DeleteSubject / AddOrganizerToSubject), once per meeting version: the cache is keyed by iCalUId and
 * holds the answer for the room copy's changeKey it was read for, so a meeting the organizer changed
 * (the room copy changes with it) is read again, and rereading an unchanged copy costs no request.
 */
export function createOrganizerSubjects(graph: GraphAdapter, { maxEntries = 5_000 } = {}): OrganizerSubjects {
  const cache = new Map<string, { version: string; reading: OrganizerSubjectReading }>();

  const remember = (iCalUId: string, version: string, reading: OrganizerSubjectReading) => {
    cache.delete(iCalUId);
    cache.set(iCalUId, { version, reading });
    // Oldest first: a Map iterates in insertion order.
    if (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
    return reading;
  };

  return {
    async read(event) {
      const rewritten = event.booking.subject;
      const organizer = event.booking.organizer.email;
      if (!event.isSubjectRewritten || !event.iCalUId || !organizer) return { subject: rewritten, note: null };
      const version = event.changeKey ?? event.lastModified ?? '';
      const cached = cache.get(event.iCalUId);
      if (cached && cached.version === version) return cached.reading;
      const fallback = (why: string) => ({
        subject: rewritten,
        note: `subject is the room's rewrite ("${rewritten}"): ${why}`,
      });
      try {
        const subject = await graph.findOrganizerSubject(organizer, event.iCalUId);
        return remember(
          event.iCalUId,
          version,
          subject === null ? fallback(`${organizer}'s calendar holds no copy of the meeting`) : { subject, note: null },
        );
      } catch (error) {
        if (!(error instanceof AppError && REFUSALS.has(error.code))) throw error;
        return remember(
          event.iCalUId,
          version,
          fallback(`the organizer's calendar (${organizer}) could not be read: ${error.message}`),
        );
      }
    },
  };
}
