// Whether a Workplace area and an Exchange room can be the same room, by where they are. Both
// directories name places differently (Workplace: a building with an address and a time zone; Graph
// places: a room with a postal address and a building name), so the room's city, or else its building,
// must appear among what Workplace says of the area's building. Used by the link proposals (server) and
// the console's room pickers, so neither offers a Brussels area a New York mailbox.

export type AreaLocation = { building: string; buildingAddress: string | null; timeZone: string | null };
export type RoomLocation = { city: string | null; building: string | null };

/** Lower case, without accents or punctuation, words separated by one space. */
const normalized = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The city an IANA zone is named after: `America/New_York` → `New York`. */
const cityOfZone = (timeZone: string | null) => (timeZone ? (timeZone.split('/').pop() ?? '').replace(/_/g, ' ') : '');

/**
 * False when Exchange places the room elsewhere than the area's building. The room's city decides when
 * Graph knows it; else its building name. A room Exchange says nothing about cannot contradict.
 */
export function isSameLocation(area: AreaLocation, room: RoomLocation): boolean {
  const clue = room.city?.trim() || room.building?.trim();
  if (!clue) return true;
  const where = ` ${normalized([area.building, area.buildingAddress ?? '', cityOfZone(area.timeZone)].join(' '))} `;
  return where.includes(` ${normalized(clue)} `);
}
