import type { LinkProposal } from '@workplace-sync/shared';

export type ProposalArea = { areaId: string; name: string; exchangeMailbox: string | null; isLinked: boolean };
export type ProposalRoom = { mailbox: string; displayName: string; isLinked: boolean };

/** Names compared without case, spaces or punctuation: "Board Room" and "board-room" are one room. */
const normalizedName = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * Proposed links for the areas and rooms that are not linked yet (a dry list: nothing is written).
 * By email: the mailbox Workplace's master data names for the area. By name: the same name after
 * normalisation, only when exactly one room and one area carry it (a shared name proves nothing).
 * Each area and each room appears in at most one proposal; email matches win.
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
      if (room) propose(area, room, 'email');
    }
  }
  if (by.includes('name')) {
    const countBy = <T>(items: T[], nameOf: (item: T) => string) => {
      const counts = new Map<string, number>();
      for (const item of items) counts.set(nameOf(item), (counts.get(nameOf(item)) ?? 0) + 1);
      return counts;
    };
    const remainingAreas = freeAreas.filter((area) => !takenAreas.has(area.areaId));
    const areaCounts = countBy(remainingAreas, (area) => normalizedName(area.name));
    const roomCounts = countBy([...freeRooms.values()], (room) => normalizedName(room.displayName));
    for (const area of remainingAreas) {
      const name = normalizedName(area.name);
      if (!name || areaCounts.get(name) !== 1 || roomCounts.get(name) !== 1) continue;
      const room = [...freeRooms.values()].find((candidate) => normalizedName(candidate.displayName) === name);
      if (room) propose(area, room, 'name');
    }
  }
  return proposals;
}
