import { isSameLocation } from '@workplace-sync/shared';
import type { AreaLocation, LinkProposal, RoomLocation } from '@workplace-sync/shared';

export type ProposalArea = Partial<AreaLocation> & {
  areaId: string;
  name: string;
  exchangeMailbox: string | null;
  isLinked: boolean;
};
export type ProposalRoom = Partial<RoomLocation> & { mailbox: string; displayName: string; isLinked: boolean };

/** Names compared without case, spaces or punctuation: "Board Room" and "board-room" are one room. */
const normalizedName = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

const isPlausible = (area: ProposalArea, room: ProposalRoom) =>
  isSameLocation(
    { building: area.building ?? '', buildingAddress: area.buildingAddress ?? null, timeZone: area.timeZone ?? null },
    { city: room.city ?? null, building: room.building ?? null },
  );

/**
 * Proposed links for the areas and rooms that are not linked yet (a dry list: nothing is written).
 * By email: the mailbox Workplace's master data names for the area. By name: the same name after
 * normalisation, only when exactly one room and one area carry it (a shared name proves nothing).
 * Never an area and a room Exchange places elsewhere (another city or building, isSameLocation):
 * neither a wrong mailbox in Workplace's data nor "Room 1.01" in two cities pairs a Brussels area with a
 * New York mailbox. Each area and each room appears in at most one proposal; email matches win.
 */
export function proposeRoomLinks(
  areas: ProposalArea[],
  rooms: ProposalRoom[],
  by: ReadonlyArray<'email' | 'name'>,
): LinkProposal[] {
  const freeAreas = areas.filter((area) => !area.isLinked);
  const freeRooms = new Map(rooms.filter((room) => !room.isLinked).map((room) => [room.mailbox.toLowerCase(), room]));
  const takenAreas = new Set<string>();
  const proposals: LinkProposal[] = [];
  const propose = (area: ProposalArea, room: ProposalRoom, matchedBy: LinkProposal['matchedBy']) => {
    proposals.push({
      areaId: area.areaId,
      areaName: area.name,
      mailbox: room.mailbox,
      roomName: room.displayName,
      matchedBy,
    });
    takenAreas.add(area.areaId);
    freeRooms.delete(room.mailbox.toLowerCase());
  };
  if (by.includes('email')) {
    for (const area of freeAreas) {
      const room = area.exchangeMailbox ? freeRooms.get(area.exchangeMailbox.toLowerCase()) : undefined;
      if (room && isPlausible(area, room)) propose(area, room, 'email');
    }
  }
  if (by.includes('name')) {
    const groupBy = <T>(items: T[], nameOf: (item: T) => string) => {
      const groups = new Map<string, T[]>();
      for (const item of items) groups.set(nameOf(item), [...(groups.get(nameOf(item)) ?? []), item]);
      return groups;
    };
    const remainingAreas = freeAreas.filter((area) => !takenAreas.has(area.areaId));
    const areasByName = groupBy(remainingAreas, (area) => normalizedName(area.name));
    const roomsByName = groupBy([...freeRooms.values()], (room) => normalizedName(room.displayName));
    for (const area of remainingAreas) {
      const name = normalizedName(area.name);
      if (!name) continue;
      // The same name in the same place, on both sides, exactly once.
      const rooms = (roomsByName.get(name) ?? []).filter((room) => isPlausible(area, room));
      if (rooms.length !== 1) continue;
      const room = rooms[0]!;
      const rivals = (areasByName.get(name) ?? []).filter((other) => isPlausible(other, room));
      if (rivals.length === 1) propose(area, room, 'name');
    }
  }
  return proposals;
}
