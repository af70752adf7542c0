import { syncHash } from '@workplace-sync/shared';
import type { BookingLink, RoomEvent } from './sync-model.js';

/**
 * Whether a room's copy of a linked meeting may be older than the version its link records: a delta
 * page read while the feed wrote a Workplace edit into the room's calendar holds the meeting as it was
 * before that write. Acted on, it reads as an Outlook edit and writes the old meeting back over the
 * newer one (found by the convergence property, seed 307296330: a kiosk booking moved at the kiosk went
 * back to its old slot). Exchange orders the versions of one item by lastModifiedDateTime; a copy with
 * another changeKey and a time no later than the link's is read again before anything is planned on it.
 * A tie is read again too: an emulated clock that stands still gives every version one time.
 */
export function mayPredateLink(event: RoomEvent, link: BookingLink | null): boolean {
  if (!link || link.isCancelled || !link.graphModifiedAt) return false;
  if (event.changeKey === link.graphChangeKey || syncHash(event.booking) === link.graphHash) return false;
  return new Date(event.lastModified).getTime() <= new Date(link.graphModifiedAt).getTime();
}
