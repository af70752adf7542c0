import type { RoomBookingSettings } from '../directory/room-booking-settings.js';
import type { StoredEvent } from '../calendar/stored-event.js';

/** The fields an organizer's change carries to every attendee's copy of a meeting. */
export const MEETING_FIELDS = [
  'type',
  'subject',
  'body',
  'start',
  'end',
  'startTimeZone',
  'endTimeZone',
  'isAllDay',
  'location',
  'locations',
  'attendees',
  'organizer',
  'recurrence',
  'sensitivity',
  'importance',
  'responseRequested',
  'allowNewTimeProposals',
  'hideAttendees',
  'isOnlineMeeting',
  'onlineMeetingProvider',
] as const satisfies ReadonlyArray<keyof StoredEvent>;

export type MeetingContent = Pick<StoredEvent, (typeof MEETING_FIELDS)[number]>;

/** What an attendee's copy shows of the organizer's item: responses are tracked by the organizer only. */
export function meetingContentOf(organizerItem: StoredEvent): MeetingContent {
  const content = Object.fromEntries(MEETING_FIELDS.map((field) => [field, organizerItem[field]])) as MeetingContent;
  return {
    ...content,
    attendees: organizerItem.attendees.map((attendee) => ({ ...attendee, status: { response: 'none', time: null } })),
  };
}

/**
 * The room copy's content after the booking attendant's rewriting: DeleteSubject + AddOrganizerToSubject
 * replace the subject with the organizer's name, DeleteComments removes the body, RemovePrivateProperty
 * clears the private flag ([CP]). The first three "are used only on resource mailboxes where the
 * AutomateProcessing parameter is set to AutoAccept"; RemovePrivateProperty's entry does not say so, but
 * it is the same attendant's rewriting [I]. An AutoUpdate room keeps the request as sent.
 */
export function rewriteForRoom(content: MeetingContent, settings: RoomBookingSettings): MeetingContent {
  if (settings.automateProcessing !== 'AutoAccept') return content;
  const rewritten = { ...content };
  if (settings.deleteSubject) rewritten.subject = settings.addOrganizerToSubject ? content.organizer.name : '';
  if (settings.deleteComments) rewritten.body = { contentType: 'html', content: '' };
  if (settings.removePrivateProperty && content.sensitivity === 'private') rewritten.sensitivity = 'normal';
  return rewritten;
}

const comparable = (value: unknown) =>
  JSON.stringify(value, (_key, inner: unknown) => (inner instanceof Date ? inner.toISOString() : inner));

export function differsFrom(item: StoredEvent, content: Partial<StoredEvent>): boolean {
  return Object.entries(content).some(
    ([field, value]) => comparable(item[field as keyof StoredEvent]) !== comparable(value),
  );
}

/** Whether two versions of a meeting are at different times (which makes attendees and rooms decide again). */
export function isRescheduled(
  before: Pick<StoredEvent, 'start' | 'end' | 'recurrence'>,
  after: Pick<StoredEvent, 'start' | 'end' | 'recurrence'>,
): boolean {
  return (
    before.start.getTime() !== after.start.getTime() ||
    before.end.getTime() !== after.end.getTime() ||
    comparable(before.recurrence) !== comparable(after.recurrence)
  );
}

export const CANCELED_PREFIX = 'Canceled: ';
