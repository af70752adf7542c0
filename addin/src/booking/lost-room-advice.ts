import type { AvailabilityResponse, Room, RoomAvailability } from '@workplace-sync/shared';
import type { LostRoom } from '../hooks/use-room-booking.js';
import type { Localizer } from '../i18n/pane-i18n.js';
import { describeReasons } from './describe-availability.js';

/**
 * Rooms free on every date of the meeting instead of `instead` (names, the first three): free before
 * needing approval, in its building first.
 */
export function roomsFreeInstead(answer: AvailabilityResponse, rooms: readonly Room[], instead: Room): string[] {
  const linked = new Map(rooms.filter((room) => room.mailbox).map((room) => [room.id, room]));
  const rank = (room: RoomAvailability) =>
    (room.summary === 'free' ? 0 : 2) + (linked.get(room.roomId)?.buildingId === instead.buildingId ? 0 : 1);
  return answer.rooms
    .filter((room) => room.roomId !== instead.id && (room.summary === 'free' || room.summary === 'needs-approval'))
    .sort((a, b) => rank(a) - rank(b))
    .flatMap((room) => linked.get(room.roomId)?.name ?? [])
    .slice(0, 3);
}

/**
 * Why the lost room is not free at the new time (the availability answer's reasons in the pane's
 * language, else the server's refusal) and the rooms free then instead.
 */
export function lostRoomAdvice(
  lost: LostRoom,
  answer: AvailabilityResponse | null,
  rooms: readonly Room[],
  words: Localizer,
  timeZone: string | undefined,
) {
  if (!answer) return { reason: lost.reason, alternatives: [], isChecking: true };
  const blocking = answer.rooms
    .find((room) => room.roomId === lost.room.id)
    ?.reasons.filter((reason) => reason.code !== 'needs-approval'); // shared's isBlocking, without its zod module
  return {
    reason: blocking?.length ? describeReasons(blocking, words, timeZone).join(', ') : lost.reason,
    alternatives: roomsFreeInstead(answer, rooms, lost.room),
    isChecking: false,
  };
}
