import type { AlternativeRoom, AvailabilityResponse, Occurrence, Room } from '@workplace-sync/shared';

/** Which room one occurrence of the meeting uses. */
export type OccurrenceAssignment = {
  occurrence: Occurrence;
  /** The chosen room, an alternative, or null when no room is free then. */
  roomId: string | null;
  isAlternative: boolean;
  /** Other rooms free for this occurrence, best first (same floor, same building, smallest that fits). */
  candidates: string[];
};

/** Occurrence start → the alternative room the user picked for it (overrides the suggestion). */
export type AlternativeChoices = Record<string, string | null>;

function rankCandidates(chosen: Room | undefined, candidates: Room[]): Room[] {
  const distance = (room: Room) =>
    chosen ? (room.floorId === chosen.floorId ? 0 : room.buildingId === chosen.buildingId ? 1 : 2) : 0;
  return [...candidates].sort(
    (a, b) => distance(a) - distance(b) || a.capacity - b.capacity || a.name.localeCompare(b.name),
  );
}

/**
 * For the chosen room: every occurrence where it is bookable keeps it; every other occurrence gets the
 * user's pick or the best free alternative (or none). Pure: the pane re-plans on each change.
 */
export function planOccurrences(
  availability: AvailabilityResponse,
  rooms: Room[],
  chosenRoomId: string,
  choices: AlternativeChoices = {},
): OccurrenceAssignment[] {
  const roomById = new Map(rooms.map((room) => [room.id, room]));
  const chosen = availability.rooms.find((room) => room.roomId === chosenRoomId);
  return availability.occurrences.map((occurrence, index) => {
    const isChosenBookable = chosen?.occurrences[index]?.isBookable ?? false;
    const candidates = rankCandidates(
      roomById.get(chosenRoomId),
      availability.rooms
        .filter((room) => room.roomId !== chosenRoomId && room.occurrences[index]?.isBookable)
        .map((room) => roomById.get(room.roomId))
        .filter((room): room is Room => room !== undefined),
    ).map((room) => room.id);
    if (isChosenBookable) return { occurrence, roomId: chosenRoomId, isAlternative: false, candidates };
    const picked = choices[occurrence.start];
    const roomId =
      picked !== undefined && (picked === null || candidates.includes(picked)) ? picked : (candidates[0] ?? null);
    return { occurrence, roomId, isAlternative: roomId !== null, candidates };
  });
}

/** The alternatives to send with the booking intent. */
export const alternativesOf = (plan: OccurrenceAssignment[]): AlternativeRoom[] =>
  plan
    .filter((assignment) => assignment.isAlternative && assignment.roomId !== null)
    .map((assignment) => ({ occurrenceStart: assignment.occurrence.start, roomId: assignment.roomId! }));
