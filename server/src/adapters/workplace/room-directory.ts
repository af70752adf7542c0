/** Which Workplace area is which Exchange room, and the building zone Workplace keeps its times in. */
export type RoomDirectory = {
  mailboxOfArea(areaId: string): string | null;
  areaOfMailbox(mailbox: string): string | null;
  timeZoneOfArea(areaId: string): string | null;
};

export type RoomDirectoryEntry = { areaId: string; mailbox: string | null; timeZone: string };

export function createRoomDirectory(entries: RoomDirectoryEntry[]): RoomDirectory {
  const byArea = new Map(entries.map((entry) => [entry.areaId, entry]));
  const byMailbox = new Map(
    entries.flatMap((entry) => (entry.mailbox ? [[entry.mailbox.toLowerCase(), entry] as const] : [])),
  );
  return {
    mailboxOfArea: (areaId) => byArea.get(areaId)?.mailbox?.toLowerCase() ?? null,
    areaOfMailbox: (mailbox) => byMailbox.get(mailbox.toLowerCase())?.areaId ?? null,
    timeZoneOfArea: (areaId) => byArea.get(areaId)?.timeZone ?? null,
  };
}
