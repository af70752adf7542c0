import type { SyncLogEntry } from '@workplace-sync/shared';
import { expect, test } from 'vitest';
import { toSyncLogCsv } from '../../console/src/sync-log-csv.js';

const anEntry = (overrides: Partial<SyncLogEntry> = {}): SyncLogEntry => ({
  id: 1,
  at: '2030-03-04T09:00:00.000Z',
  mailbox: 'room-brussels-1.02@contoso.com',
  roomName: 'Brussels 1.02',
  direction: 'exchange-to-workplace',
  action: 'created',
  reason: 'Booked in Outlook',
  reservationId: 'r-1',
  eventId: null,
  organizer: 'adele.vance@contoso.com',
  subject: 'Design review',
  isDriftRepair: false,
  ...overrides,
});

test('a header row, then one row per entry; empty fields for nulls', () => {
  expect(toSyncLogCsv([anEntry()]).split('\r\n')).toEqual([
    'time (UTC),room,mailbox,subject,organizer,direction,action,reason,drift repaired,reservation,event',
    '2030-03-04T09:00:00.000Z,Brussels 1.02,room-brussels-1.02@contoso.com,Design review,adele.vance@contoso.com,exchange-to-workplace,created,Booked in Outlook,false,r-1,',
    '',
  ]);
});

test('quotes, commas and line breaks are quoted; a subject a spreadsheet would run as a formula is not', () => {
  const [, row] = toSyncLogCsv([anEntry({ subject: '=HYPERLINK("x")', reason: 'Moved, then "fixed"\nagain' })]).split(
    /\r\n/,
  );
  expect(row).toContain(`"'=HYPERLINK(""x"")"`);
  expect(toSyncLogCsv([anEntry({ reason: 'Moved, then "fixed"\nagain' })])).toContain('"Moved, then ""fixed""\nagain"');
});
