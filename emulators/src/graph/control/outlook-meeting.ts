import type { Directory } from '../directory/directory.js';
import { GraphError } from '../odata/graph-error.js';

/** A meeting as a user enters it in Outlook: people and rooms by address, times as wall clock in a zone. */
export type OutlookMeeting = {
  subject?: string;
  /** Plain text; Outlook sends HTML. */
  body?: string;
  start?: { dateTime: string; timeZone: string };
  end?: { dateTime: string; timeZone: string };
  isAllDay?: boolean;
  /** Required attendees (addresses). */
  attendees?: string[];
  optionalAttendees?: string[];
  /** Rooms picked in the room finder (addresses). */
  rooms?: string[];
  /** A free-text location besides the rooms. */
  location?: string;
  /** Graph patternedRecurrence, as Outlook's recurrence dialog produces. */
  recurrence?: unknown;
  showAs?: string;
  sensitivity?: string;
};

export type OutlookAction =
  | { action: 'create'; meeting: OutlookMeeting }
  | { action: 'update'; eventId: string; changes: OutlookMeeting }
  | { action: 'cancel'; eventId: string; comment?: string }
  | { action: 'delete'; eventId: string }
  | {
      action: 'respond';
      eventId: string;
      response: 'accept' | 'tentativelyAccept' | 'decline';
      comment?: string;
      /** false: answer without telling the organizer (Outlook's "Do not send a response"). */
      sendResponse?: boolean;
    };

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The Graph event body Outlook produces for a meeting: rooms become resource attendees and
 * conference-room locations (with locationEmailAddress), the body is HTML, and people are required or
 * optional attendees. Fields the user did not touch are left out, so an update changes only those.
 */
export function toGraphEventBody(
  meeting: OutlookMeeting,
  directory: Directory,
  previousAttendees: Array<{ type: string; emailAddress: { address: string } }> = [],
) {
  const body: Record<string, unknown> = {};
  if (meeting.subject !== undefined) body.subject = meeting.subject;
  if (meeting.body !== undefined) {
    body.body = {
      contentType: 'html',
      content: `<html><head></head><body><div>${escapeHtml(meeting.body)}</div></body></html>`,
    };
  }
  if (meeting.start) body.start = meeting.start;
  if (meeting.end) body.end = meeting.end;
  if (meeting.isAllDay !== undefined) body.isAllDay = meeting.isAllDay;
  if (meeting.recurrence !== undefined) body.recurrence = meeting.recurrence;
  if (meeting.showAs !== undefined) body.showAs = meeting.showAs;
  if (meeting.sensitivity !== undefined) body.sensitivity = meeting.sensitivity;
  const roomsChanged = meeting.rooms !== undefined;
  const peopleChanged = meeting.attendees !== undefined || meeting.optionalAttendees !== undefined;
  if (roomsChanged || peopleChanged) {
    const entry = (address: string, type: string) => ({
      type,
      emailAddress: { address, name: directory.find(address)?.displayName ?? address },
    });
    const keep = (type: string) =>
      previousAttendees.filter((attendee) => attendee.type === type).map((attendee) => attendee.emailAddress.address);
    const required = meeting.attendees ?? (peopleChanged ? [] : keep('required'));
    const optional = meeting.optionalAttendees ?? (peopleChanged ? [] : keep('optional'));
    const rooms = meeting.rooms ?? keep('resource');
    body.attendees = [
      ...required.map((a) => entry(a, 'required')),
      ...optional.map((a) => entry(a, 'optional')),
      ...rooms.map((a) => entry(a, 'resource')),
    ];
  }
  if (roomsChanged || meeting.location !== undefined) {
    const roomLocations = (meeting.rooms ?? []).map((address) => {
      const room = directory.find(address);
      if (!room || room.kind !== 'room')
        throw new GraphError(400, 'ErrorInvalidRecipients', `'${address}' is not a room of this tenant.`);
      return {
        displayName: room.displayName,
        locationType: 'conferenceRoom',
        uniqueId: room.email,
        uniqueIdType: 'directory',
        locationEmailAddress: room.email,
      };
    });
    const locations = meeting.location
      ? [...roomLocations, { displayName: meeting.location, locationType: 'default', uniqueIdType: 'private' }]
      : roomLocations;
    body.locations = locations;
    const [only] = locations;
    body.location =
      locations.length === 1 && only
        ? only
        : {
            displayName: locations.map((location) => location.displayName).join('; '),
            locationType: 'default',
            uniqueIdType: locations.length > 0 ? 'private' : 'unknown',
          };
  }
  return body;
}
