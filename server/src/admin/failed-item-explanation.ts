import type { FailedItem } from '@workplace-sync/shared';

type Explainable = Pick<FailedItem, 'kind' | 'error' | 'attempts'> & {
  direction: 'exchange-to-workplace' | 'workplace-to-exchange' | null;
};

// What a technical error usually means for an admin, most specific first. The messages are our
// adapters' (`Graph <status> <code>`, `Workplace <status> <code>`) and Node's network errors.
const CAUSES: Array<[RegExp, string]> = [
  [
    /MailboxNotEnabledForRESTAPI/i,
    'Graph cannot reach this mailbox (it is not an Exchange Online mailbox, or is disabled)',
  ],
  [
    /ErrorAccessDenied|Graph 403|Access is denied/i,
    'the app may not use this mailbox: check the Exchange RBAC scope or application access policy',
  ],
  [/Graph 401|invalid_client|AADSTS/i, 'signing in to Microsoft Graph failed: check the client secret or certificate'],
  [/Workplace 401|Workplace 403/i, 'Workplace refused our API key: check WORKPLACE_API_KEY'],
  [
    / \b(429|503|502|504)\b|ServiceUnavailable|TooManyRequests|THROTTLED/i,
    'the other side was busy or unavailable; Retry once it is back',
  ],
  [
    /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|fetch failed|timed out/i,
    'the other side could not be reached over the network; Retry once it is back',
  ],
  [/Graph 404|Workplace 404|NOT_FOUND/i, 'what it refers to no longer exists on the other side'],
];

const causeOf = (error: string) => CAUSES.find(([pattern]) => pattern.test(error))?.[1] ?? null;

const JOBS: Record<string, string> = {
  'room-changed': 'A room’s latest changes could not be synced',
  'room-resync': 'A full sync of a room could not finish',
  'workplace-changed': 'Workplace’s latest changes could not be read',
  'retry-reservation': 'A Workplace reservation could not be synced',
  'renew-subscriptions': 'Graph subscriptions could not be created or renewed (rooms may miss changes)',
};

/**
 * The reason of a failed item in plain words: what did not happen, and (when the technical error tells)
 * why and what to do. The technical error stays beside it for whoever digs further.
 */
export function explainFailedItem(item: Explainable): string {
  const cause = causeOf(item.error);
  if (item.direction) {
    const refused =
      item.direction === 'exchange-to-workplace'
        ? 'This Outlook meeting is not in Workplace: Workplace refused it'
        : 'This Workplace reservation is not in the room’s Outlook calendar: Exchange refused it';
    if (/cannot read/i.test(item.error)) {
      return 'The sync could not read this booking (an unusual recurrence, time zone or field), so it was left as it is on both sides. Fix the booking and Retry, or Dismiss.';
    }
    return `${refused}${cause ? ` (${cause})` : ''}. The room’s other bookings keep syncing. Correct the booking or the area’s rules and Retry, or Dismiss to leave it as it is.`;
  }
  const queue = item.kind.startsWith('job:') ? item.kind.slice('job:'.length) : item.kind;
  const what = JOBS[queue] ?? `The ${queue} job failed`;
  return `${what} after ${item.attempts} attempts${cause ? `: ${cause}` : ''}.`;
}
