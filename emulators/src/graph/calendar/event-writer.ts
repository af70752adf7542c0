import { toWallClock } from '@workplace-sync/shared';
import type { Mailbox } from '../directory/directory.js';
import { GraphError, invalidRequest, itemNotFound } from '../odata/graph-error.js';
import { newEventId, newMeetingUid } from '../ids/graph-ids.js';
import type { SeededRandom } from '../random/seeded-random.js';
import type { MeetingCoordinator } from '../meetings/meeting-coordinator.js';
import type { CalendarStore } from './calendar-store.js';
import type { EventChanges } from './event-input.js';
import { ianaZoneOf } from './graph-time-zone.js';
import type { MailboxCalendar } from './mailbox-calendar.js';
import { firstOccurrenceOf } from './series-expansion.js';
import { EMPTY_LOCATION } from './stored-event.js';
import type { ResponseType, StoredEvent } from './stored-event.js';

export type CreateResult = { event: StoredEvent; isReplay: boolean };

export type MeetingResponse = 'accept' | 'tentativelyAccept' | 'decline';

const RESPONSE_OF: Record<MeetingResponse, ResponseType> = {
  accept: 'accepted',
  tentativelyAccept: 'tentativelyAccepted',
  decline: 'declined',
};

/**
 * Writes to a mailbox's calendar as its owner (or an app acting on it) would through Graph, with
 * Exchange's rules: occurrences become exceptions when edited, deleting an occurrence cancels it in
 * the master, and an organizer's writes reach the attendees (rooms included) through the coordinator.
 */
export class EventWriter {
  constructor(
    private readonly deps: {
      calendars: CalendarStore;
      meetings: MeetingCoordinator;
      random: SeededRandom;
      now: () => Date;
    },
  ) {}

  create(mailbox: Mailbox, changes: EventChanges): CreateResult {
    const calendar = this.deps.calendars.calendarOf(mailbox.id);
    if (changes.transactionId) {
      // Graph documents transactionId only as "avoids redundant POSTs on retries"; a repeat returns the original.
      const existing = calendar.get(calendar.transactionIds.get(changes.transactionId) ?? '');
      if (existing) return { event: existing, isReplay: true };
    }
    if (!changes.start || !changes.end) throw invalidRequest('An event needs both start and end.');
    assertTimes(changes.start, changes.end, changes.isAllDay ?? false, changes.startTimeZone!, mailbox.timeZone);
    const now = this.deps.now();
    const organizer = { name: mailbox.displayName, address: mailbox.email };
    let draft: StoredEvent = {
      id: newEventId(this.deps.random),
      type: changes.recurrence ? 'seriesMaster' : 'singleInstance',
      seriesMasterId: null,
      originalDate: null,
      originalStart: null,
      meetingUid: newMeetingUid(this.deps.random, now),
      organizerMailboxId: mailbox.id,
      createdAt: now,
      lastModifiedAt: now,
      changeKey: '',
      changeSeq: 0,
      subject: changes.subject ?? '',
      body: changes.body ?? { contentType: 'html', content: '' },
      start: changes.start,
      end: changes.end,
      startTimeZone: changes.startTimeZone ?? 'UTC',
      endTimeZone: changes.endTimeZone ?? changes.startTimeZone ?? 'UTC',
      isAllDay: changes.isAllDay ?? false,
      showAs: changes.showAs ?? 'busy',
      sensitivity: changes.sensitivity ?? 'normal',
      importance: changes.importance ?? 'normal',
      categories: changes.categories ?? [],
      isReminderOn: changes.isReminderOn ?? true,
      reminderMinutesBeforeStart: changes.reminderMinutesBeforeStart ?? 15,
      responseRequested: changes.responseRequested ?? true,
      allowNewTimeProposals: changes.allowNewTimeProposals ?? true,
      hideAttendees: changes.hideAttendees ?? false,
      isOnlineMeeting: changes.isOnlineMeeting ?? false,
      onlineMeetingProvider: changes.onlineMeetingProvider ?? 'unknown',
      location: changes.location ?? EMPTY_LOCATION,
      locations: changes.locations ?? [],
      attendees: changes.attendees ?? [],
      organizer,
      isOrganizer: true,
      responseStatus: { response: 'organizer', time: null },
      isCancelled: false,
      recurrence: changes.recurrence ?? null,
      cancelledDates: [],
      transactionId: changes.transactionId ?? null,
      extendedProperties: changes.extendedProperties ?? {},
    };
    if (draft.recurrence) draft = alignSeriesStart(draft);
    const event = calendar.insert(draft, 'client');
    if (changes.transactionId) calendar.transactionIds.set(changes.transactionId, event.id);
    if (event.attendees.length > 0) this.deps.meetings.organizerChanged(mailbox.id, event.meetingUid);
    return { event, isReplay: false };
  }

  update(mailbox: Mailbox, id: string, changes: EventChanges): StoredEvent {
    const calendar = this.deps.calendars.calendarOf(mailbox.id);
    const item = calendar.resolve(id);
    if (!item) throw itemNotFound();
    const { transactionId: _ignored, extendedProperties, recurrence, ...fields } = changes;
    const merged = { ...item, ...fields, extendedProperties: { ...item.extendedProperties, ...extendedProperties } };
    assertTimes(merged.start, merged.end, merged.isAllDay, merged.startTimeZone, mailbox.timeZone);
    let updated: StoredEvent;
    if (item.type === 'occurrence' || item.type === 'exception') {
      if (recurrence !== undefined)
        throw invalidRequest('The recurrence of an occurrence cannot be changed; change its series master.');
      updated =
        item.type === 'occurrence'
          ? calendar.insert({ ...merged, type: 'exception' }, 'client')
          : calendar.update(item.id, merged, 'client');
    } else {
      updated = this.updateSeriesOrSingle(calendar, item, merged, recurrence);
    }
    const hadAttendees = item.attendees.length > 0 || updated.attendees.length > 0;
    if (updated.isOrganizer && hadAttendees) this.deps.meetings.organizerChanged(mailbox.id, updated.meetingUid);
    return updated;
  }

  private updateSeriesOrSingle(
    calendar: MailboxCalendar,
    item: StoredEvent,
    merged: StoredEvent,
    recurrence: EventChanges['recurrence'],
  ): StoredEvent {
    const nextRecurrence = recurrence === undefined ? item.recurrence : recurrence;
    const isRescheduled =
      merged.start.getTime() !== item.start.getTime() ||
      merged.end.getTime() !== item.end.getTime() ||
      JSON.stringify(nextRecurrence) !== JSON.stringify(item.recurrence);
    let next: StoredEvent = {
      ...merged,
      recurrence: nextRecurrence,
      type: nextRecurrence ? 'seriesMaster' : 'singleInstance',
    };
    if (item.type === 'seriesMaster' && isRescheduled) {
      // Re-timing a series regenerates its occurrences: exceptions and cancellations are dropped [I].
      for (const exception of calendar.exceptionsOf(item.id)) calendar.remove(exception.id, 'client');
      next = { ...next, cancelledDates: [] };
    }
    if (next.recurrence) next = alignSeriesStart(next);
    return calendar.update(item.id, next, 'client');
  }

  /**
   * DELETE: an organizer's delete also cancels the meeting for attendees, who get a cancellation message
   * (with cancel's `comment`); an occurrence is cancelled in its series.
   */
  remove(mailbox: Mailbox, id: string, comment = ''): void {
    const calendar = this.deps.calendars.calendarOf(mailbox.id);
    const item = calendar.resolve(id);
    if (!item) throw itemNotFound();
    if (item.isOrganizer && item.attendees.length > 0 && !item.isCancelled)
      this.deps.meetings.cancellationSent(mailbox, item, comment);
    if (item.type === 'occurrence' || item.type === 'exception') {
      const master = calendar.get(item.seriesMasterId!)!;
      if (item.type === 'exception') calendar.remove(item.id, 'client');
      // The notification for this is an `updated` on the master (microsoft-graph-docs #5520).
      calendar.update(
        master.id,
        { cancelledDates: [...new Set([...master.cancelledDates, item.originalDate!])].sort() },
        'client',
      );
      if (master.isOrganizer && master.attendees.length > 0)
        this.deps.meetings.organizerChanged(mailbox.id, master.meetingUid);
      return;
    }
    for (const exception of calendar.exceptionsOf(item.id)) calendar.remove(exception.id, 'client');
    calendar.remove(item.id, 'client');
    if (item.isOrganizer && item.attendees.length > 0) this.deps.meetings.organizerChanged(mailbox.id, item.meetingUid);
  }

  /** POST …/cancel: organizer only (an attendee gets 400), sends cancellations and removes the organizer's item. */
  cancel(mailbox: Mailbox, id: string, comment = ''): void {
    const item = this.deps.calendars.calendarOf(mailbox.id).resolve(id);
    if (!item) throw itemNotFound();
    if (!item.isOrganizer) {
      throw new GraphError(
        400,
        'ErrorInvalidRequest',
        "Your request can't be completed. You need to be an organizer to cancel a meeting.",
      );
    }
    this.remove(mailbox, id, comment);
  }

  /**
   * accept / tentativelyAccept / decline on an attendee's (or room's) copy; unless `sendResponse` is false
   * the organizer gets the answer as a message with `comment`, and a series-level answer as the attendee's status.
   */
  respond(mailbox: Mailbox, id: string, answer: MeetingResponse, sendResponse: boolean, comment = ''): void {
    const calendar = this.deps.calendars.calendarOf(mailbox.id);
    const item = calendar.resolve(id);
    if (!item) throw itemNotFound();
    if (item.isOrganizer) {
      throw new GraphError(
        400,
        'ErrorInvalidRequest',
        "Your request can't be completed. You can't respond to a meeting you organized.",
      );
    }
    const response = RESPONSE_OF[answer];
    const time = this.deps.now();
    if (sendResponse && item.organizerMailboxId) {
      this.deps.meetings.responseSent(item.organizerMailboxId, mailbox, item, response, comment);
    }
    if (item.type === 'occurrence' || item.type === 'exception') {
      const master = calendar.get(item.seriesMasterId!)!;
      if (answer === 'decline') {
        if (item.type === 'exception') calendar.remove(item.id, 'client');
        calendar.update(
          master.id,
          { cancelledDates: [...new Set([...master.cancelledDates, item.originalDate!])].sort() },
          'client',
        );
      } else {
        const changes = {
          responseStatus: { response, time },
          showAs: answer === 'accept' ? ('busy' as const) : ('tentative' as const),
        };
        if (item.type === 'occurrence') calendar.insert({ ...item, ...changes, type: 'exception' }, 'client');
        else calendar.update(item.id, changes, 'client');
      }
      return;
    }
    if (answer === 'decline') {
      // Declining removes the meeting from the attendee's calendar, as Outlook does.
      for (const exception of calendar.exceptionsOf(item.id)) calendar.remove(exception.id, 'client');
      calendar.remove(item.id, 'client');
    } else {
      calendar.update(
        item.id,
        { responseStatus: { response, time }, showAs: answer === 'accept' ? 'busy' : 'tentative' },
        'client',
      );
    }
    if (sendResponse && item.organizerMailboxId) {
      this.deps.meetings.attendeeResponded(item.organizerMailboxId, item.meetingUid, mailbox.email, response);
    }
  }
}

/** Graph moves a series master whose start does not match its pattern onto the first occurrence. */
function alignSeriesStart(master: StoredEvent): StoredEvent {
  const first = firstOccurrenceOf(master);
  if (!first) throw invalidRequest('The recurrence pattern has no occurrence.');
  return { ...master, start: first.start, end: first.end };
}

function assertTimes(start: Date, end: Date, isAllDay: boolean, startZone: string, mailboxZone: string): void {
  if (end.getTime() < start.getTime()) throw invalidRequest('The end time of the event must be after its start time.');
  if (!isAllDay) return;
  const zone = ianaZoneOf(startZone, mailboxZone);
  const isMidnight = (instant: Date) => toWallClock(instant, zone).dateTime.endsWith('T00:00:00');
  if (!isMidnight(start) || !isMidnight(end) || end.getTime() === start.getTime()) {
    throw invalidRequest(
      'An all-day event must start and end at midnight in its time zone, and last at least one day.',
    );
  }
}
