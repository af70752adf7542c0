import { describe, expect, test } from 'vitest';
import { explainFailedItem } from '../../../server/src/admin/failed-item-explanation.js';

type Case = [string, Parameters<typeof explainFailedItem>[0], RegExp];

const job = (queue: string, error: string) => ({ kind: `job:${queue}`, error, attempts: 25, direction: null });
const quarantined = (direction: 'exchange-to-workplace' | 'workplace-to-exchange', error: string) => ({
  kind: `quarantine:${direction}`,
  error,
  attempts: 1,
  direction,
});

const cases: Case[] = [
  [
    'Outlook meeting Workplace refused',
    quarantined('exchange-to-workplace', 'Workplace does not take this booking: Workplace 400 INVALID_REQUEST'),
    /^This Outlook meeting is not in Workplace: Workplace refused it\. The room’s other bookings keep syncing\. .*Retry, or Dismiss/,
  ],
  [
    'Workplace reservation Exchange refused',
    quarantined('workplace-to-exchange', 'Exchange does not take this booking: Graph 400 ErrorInvalidRequest'),
    /^This Workplace reservation is not in the room’s Outlook calendar: Exchange refused it\./,
  ],
  [
    'a booking the sync cannot read',
    quarantined('exchange-to-workplace', 'The sync cannot read this booking: unknown zone Foo/Bar'),
    /^The sync could not read this booking/,
  ],
  [
    'a room without access',
    job('room-changed', 'Graph 403 ErrorAccessDenied: Access is denied'),
    /^A room’s latest changes could not be synced after 25 attempts: the app may not use this mailbox: check the Exchange RBAC scope/,
  ],
  [
    'Graph sign-in failing',
    job('renew-subscriptions', 'AADSTS7000215: Invalid client secret provided'),
    /^Graph subscriptions could not be created or renewed .*: signing in to Microsoft Graph failed/,
  ],
  [
    'Workplace unreachable',
    job('workplace-changed', 'fetch failed (ECONNREFUSED)'),
    /^Workplace’s latest changes could not be read after 25 attempts: the other side could not be reached/,
  ],
  ['an unknown job and error', job('something-else', 'boom'), /^The something-else job failed after 25 attempts\.$/],
];

describe('explainFailedItem: the reason in plain words', () => {
  for (const [name, item, expected] of cases) {
    test(name, () => expect(explainFailedItem(item)).toMatch(expected));
  }
});
