import type { GraphEvent } from '../schemas/graph-event.js';

/** What a private meeting is called in the booking, in place of its subject. */
export const PRIVATE_MEETING_SUBJECT = 'Private meeting';

/**
 * A private item: `sensitivity: private`. A room's copy keeps the flag only when the room's calendar
 * processing has RemovePrivateProperty $false (the default $true clears it, Set-CalendarProcessing);
 * the organizer asked for subject and attendees to stay hidden, so the booking shows neither. Outlook's
 * Private button sets 'private'; 'personal' and 'confidential' are not read as private here.
 */
export const isPrivateEvent = (event: Pick<GraphEvent, 'sensitivity'>): boolean =>
  event.sensitivity?.toLowerCase() === 'private';
