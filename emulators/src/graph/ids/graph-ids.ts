import type { SeededRandom } from '../random/seeded-random.js';

// Outlook ids are opaque, case-sensitive base64-like strings ('AAMkAGI1AAAt9AHjAAA='). We use the
// URL-safe alphabet so ids can sit in a path unencoded, and keep the trailing '=' that real ids have.
const EVENT_ID_PREFIX = 'AAMkAD';
const OCCURRENCE_ID_PREFIX = 'AAMkOC';

export function newEventId(random: SeededRandom): string {
  return `${EVENT_ID_PREFIX}${random.bytes(33).toString('base64url')}=`;
}

/**
 * Occurrence ids encode their series master and original start date, as Exchange's do, so an
 * occurrence that was never stored can still be addressed (GET/PATCH/DELETE /events/{occurrenceId}).
 */
export function occurrenceId(masterId: string, originalDate: string): string {
  return `${OCCURRENCE_ID_PREFIX}${Buffer.from(`${masterId}\n${originalDate}`).toString('base64url')}=`;
}

export function parseOccurrenceId(id: string): { masterId: string; originalDate: string } | null {
  if (!id.startsWith(OCCURRENCE_ID_PREFIX) || !id.endsWith('=')) return null;
  const decoded = Buffer.from(id.slice(OCCURRENCE_ID_PREFIX.length, -1), 'base64url').toString();
  const [masterId, originalDate, ...rest] = decoded.split('\n');
  if (!masterId || !originalDate || rest.length > 0 || !/^\d{4}-\d{2}-\d{2}$/.test(originalDate)) return null;
  return { masterId, originalDate };
}

export function newGuid(random: SeededRandom): string {
  const bytes = random.bytes(16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Change keys of one mailbox share a prefix and end in a counter, like Exchange's
 * ('EZ9r3czxY0m2jz8c45czkwAAFXcvIQ==', '…AAFXcvIg=='): 16 bytes of mailbox identity + a 6-byte counter.
 */
export class ChangeKeySequence {
  private counter: number;

  constructor(
    private readonly prefix: Buffer,
    start = 0x15_7000,
  ) {
    this.counter = start;
  }

  next(): string {
    this.counter += 1;
    const bytes = Buffer.alloc(22);
    this.prefix.copy(bytes, 0, 0, 16);
    bytes.writeUIntBE(this.counter, 16, 6);
    return bytes.toString('base64');
  }
}

// iCalUId is Exchange's GlobalObjectId in hex: a fixed class id, the instance date (zero for a series
// or a single meeting, YYYY MM DD for an occurrence), the creation FILETIME, reserved bytes and the UID.
const GLOBAL_OBJECT_CLASS_ID = '040000008200E00074C5B7101A82E008';
const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000n;

/**
 * A new meeting identity: the part of the GlobalObjectId after the instance date (creation time,
 * reserved bytes, size and a random UID). Every copy of the meeting shares it.
 */
export function newMeetingUid(random: SeededRandom, createdAt: Date): string {
  const filetime = (BigInt(createdAt.getTime()) + FILETIME_EPOCH_OFFSET_MS) * 10_000n;
  const filetimeBytes = Buffer.alloc(8);
  filetimeBytes.writeBigUInt64LE(filetime);
  const uid = random.bytes(16).toString('hex');
  return `${filetimeBytes.toString('hex')}000000000000000010000000${uid}`.toUpperCase();
}

/** The iCalUId of a meeting, or of one of its occurrences (which differs by the encoded instance date). */
export function iCalUIdFor(meetingUid: string, occurrenceDate?: string | null): string {
  const instanceDate = occurrenceDate ? encodeInstanceDate(occurrenceDate) : '00000000';
  return `${GLOBAL_OBJECT_CLASS_ID}${instanceDate}${meetingUid}`;
}

function encodeInstanceDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${year.toString(16).padStart(4, '0')}${month.toString(16).padStart(2, '0')}${day.toString(16).padStart(2, '0')}`.toUpperCase();
}
