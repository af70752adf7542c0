import type { SyncLogEntry } from '@workplace-sync/shared';

const COLUMNS: Array<[string, (entry: SyncLogEntry) => string | boolean | null]> = [
  ['time (UTC)', (entry) => entry.at],
  ['room', (entry) => entry.roomName],
  ['mailbox', (entry) => entry.mailbox],
  ['subject', (entry) => entry.subject],
  ['organizer', (entry) => entry.organizer],
  ['direction', (entry) => entry.direction],
  ['action', (entry) => entry.action],
  ['reason', (entry) => entry.reason],
  ['drift repaired', (entry) => entry.isDriftRepair],
  ['reservation', (entry) => entry.reservationId],
  ['event', (entry) => entry.eventId],
];

/**
 * One CSV field (RFC 4180: quoted when it holds a quote, comma or line break). A text a spreadsheet
 * would run as a formula (=, +, -, @ first: subjects are typed by anyone) is prefixed with a quote.
 */
function csvField(value: string | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The sync log entries as a CSV document, a header row first. */
export function toSyncLogCsv(entries: readonly SyncLogEntry[]): string {
  const rows = [COLUMNS.map(([name]) => name), ...entries.map((entry) => COLUMNS.map(([, read]) => read(entry)))];
  return rows.map((row) => row.map((value) => csvField(value)).join(',')).join('\r\n') + '\r\n';
}
