import type { Directory, Mailbox } from '../directory/directory.js';
import { GraphError } from '../odata/graph-error.js';

// Subscribable event resources ([OCN], reference/graph.md §a3): /users/{id|upn}/events (documented),
// /users/{id}/calendar/events and /users/{id}/calendars/{calId}/events (used in production), /me/events
// for delegated callers; a leading '/' and the casing of 'users'/'events' do not matter. A single event
// (/events/{id}) and calendarView are not subscribable.
const EVENT_RESOURCE = /^\/?(?:users\/([^/]+)|me)\/(?:events|calendar\/events|calendars\/([^/]+)\/events)$/i;

const invalidResource = (resource: string) =>
  new GraphError(
    400,
    'ExtensionError',
    `Operation: Create; Exception: [Status Code: BadRequest; Reason: The resource '${resource}' is not supported for subscriptions.]`,
  );

/** The mailbox an event subscription watches; `me` is the delegated caller's mailbox. */
export function mailboxOfResource(resource: string, directory: Directory, me: Mailbox | undefined): Mailbox {
  const match = EVENT_RESOURCE.exec(resource.trim());
  if (!match) throw invalidResource(resource);
  const [, user, calendarId] = match;
  const mailbox = user === undefined ? me : directory.find(decodeURIComponent(user));
  if (!mailbox) {
    throw new GraphError(
      404,
      'ExtensionError',
      `Operation: Create; Exception: [Status Code: NotFound; Reason: The user '${user ?? 'me'}' was not found.]`,
    );
  }
  if (calendarId !== undefined && calendarId !== mailbox.calendarId) throw invalidResource(resource);
  return mailbox;
}
