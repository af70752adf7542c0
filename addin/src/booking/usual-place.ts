import type { Building, Room, RoomAvailability } from '@workplace-sync/shared';

/**
 * The building and room the user last picked, listed first next time; or, before any pick, the building
 * of their office location (no room then).
 */
export type UsualPlace = { buildingId: string; roomId: string | null };

const STORAGE_KEY = 'workplace-rooms:usual-place';

type PlaceStorage = Pick<Storage, 'getItem' | 'setItem'>;

// Outlook's webviews can refuse storage (Safari's tracking prevention, a locked-down WebView2): the
// pane then simply has no usual place.
function browserStorage(): PlaceStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function readUsualPlace(storage: PlaceStorage | null = browserStorage()): UsualPlace | null {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null');
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { buildingId, roomId } = parsed as Record<string, unknown>;
    return typeof buildingId === 'string' && typeof roomId === 'string' ? { buildingId, roomId } : null;
  } catch {
    return null;
  }
}

export function rememberUsualPlace(
  room: Pick<Room, 'id' | 'buildingId'>,
  storage: PlaceStorage | null = browserStorage(),
): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify({ buildingId: room.buildingId, roomId: room.id }));
  } catch {
    // Storage full or refused: the order stays the server's.
  }
}

/** Lower case, without accents, words separated by single spaces: 'Liège – Gare' and 'liege gare' compare equal. */
function comparable(text: string): string {
  return ` ${text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/**
 * The building the directory's office location names (free text an admin typed: 'New York', 'Brussels HQ,
 * 3rd floor'): the one whose name contains it or is contained in it, as whole words. None when no building
 * or more than one matches (an ambiguous text picks no default).
 */
export function buildingOfOfficeLocation(
  officeLocation: string | null,
  buildings: readonly Pick<Building, 'id' | 'name'>[],
): string | null {
  const office = comparable(officeLocation ?? '');
  if (office.trim() === '') return null;
  const matches = buildings.filter((building) => {
    const name = comparable(building.name);
    return name.trim() !== '' && (name.includes(office) || office.includes(name));
  });
  return matches.length === 1 ? matches[0]!.id : null;
}

/** The place remembered from the last pick; before any, the building of the user's office location. */
export function usualPlaceOf(
  remembered: UsualPlace | null,
  officeLocation: string | null,
  buildings: readonly Pick<Building, 'id' | 'name'>[],
): UsualPlace | null {
  if (remembered) return remembered;
  const buildingId = buildingOfOfficeLocation(officeLocation, buildings);
  return buildingId ? { buildingId, roomId: null } : null;
}

const AVAILABILITY_RANK = { free: 0, 'needs-approval': 1, 'partly-free': 2, unavailable: 3 } as const;

/**
 * Rooms in the order the user looks for them: free, then free with approval, partly free, unavailable;
 * within each, the usual room, then the rest of the usual building, then the server's order.
 */
export function sortForUser<T extends Pick<RoomAvailability, 'roomId' | 'summary'>>(
  entries: readonly T[],
  buildingOf: (roomId: string) => string | undefined,
  usual: UsualPlace | null,
): T[] {
  const placeRank = (roomId: string) =>
    !usual ? 0 : roomId === usual.roomId ? 0 : buildingOf(roomId) === usual.buildingId ? 1 : 2;
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort(
      (a, b) =>
        AVAILABILITY_RANK[a.entry.summary] - AVAILABILITY_RANK[b.entry.summary] ||
        placeRank(a.entry.roomId) - placeRank(b.entry.roomId) ||
        a.index - b.index,
    )
    .map(({ entry }) => entry);
}
