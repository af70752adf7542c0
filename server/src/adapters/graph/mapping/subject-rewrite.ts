/**
 * A room whose calendar processing has DeleteSubject (default $true) replaces the subject of the
 * meetings it accepts: with AddOrganizerToSubject (default $true) by the organizer's name, otherwise by
 * nothing (Set-CalendarProcessing). Such a subject says nothing about the meeting. Only items the room
 * received through its booking attendant are rewritten; events written into its calendar are not.
 */
export function isSubjectRewritten({
  subject,
  organizerName,
  isRoomCopy,
}: {
  subject: string;
  organizerName: string | undefined;
  /** The item is a room's copy of a meeting someone else organised. */
  isRoomCopy: boolean;
}): boolean {
  if (!isRoomCopy) return false;
  const trimmed = subject.trim();
  if (trimmed === '') return true;
  return organizerName !== undefined && trimmed.toLowerCase() === organizerName.trim().toLowerCase();
}
