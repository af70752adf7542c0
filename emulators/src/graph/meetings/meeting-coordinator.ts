import type { Directory, Mailbox } from '../directory/directory.js';
import type { CalendarStore } from '../calendar/calendar-store.js';
import type { MailboxCalendar } from '../calendar/mailbox-calendar.js';
import type { Attendee, ResponseType, StoredEvent } from '../calendar/stored-event.js';
import { lastOccurrenceOf, seriesInstancesIn } from '../calendar/series-expansion.js';
import { newEventId, occurrenceId } from '../ids/graph-ids.js';
import type { SeededRandom } from '../random/seeded-random.js';
import type { Scheduler } from '../clock/scheduler.js';
import { decideBooking } from './booking-attendant.js';
import { withinBookingWindow } from './booking-window.js';
import type { BookingRequest, Interval } from './booking-attendant.js';
import { CANCELED_PREFIX, differsFrom, isRescheduled, meetingContentOf, rewriteForRoom } from './meeting-content.js';
import type { MeetingContent } from './meeting-content.js';
import type { MeetingMessageType, MessageStore } from '../mail/mailbox-messages.js';

const DAY_MS = 86_400_000;

export type MeetingProcessingOptions = {
  /** Emulated delay between an organizer's write and the attendees' processing (Exchange is asynchronous). */
  processingDelayMs: number;
  /** Extra `updated` changes the booking attendant makes on a room copy it books (the "1 created + 3 updated"). */
  roomProcessingUpdates: number;
};

type Response = { email: string; response: ResponseType; exceptionId?: string };

/** What Exchange calls the message an answer produces, and the subject prefix English Outlook gives it. */
const RESPONSE_MESSAGES: Partial<Record<ResponseType, { type: MeetingMessageType; prefix: string }>> = {
  accepted: { type: 'meetingAccepted', prefix: 'Accepted: ' },
  tentativelyAccepted: { type: 'meetingTenativelyAccepted', prefix: 'Tentative: ' },
  declined: { type: 'meetingDeclined', prefix: 'Declined: ' },
};

/** The booking attendant's own notices (its AutoAccept decisions reach the organizer as mail). */
const ATTENDANT_COMMENTS: Partial<Record<ResponseType, string>> = {
  accepted: 'Your request was accepted.',
  declined: 'Your request was declined.',
};

/**
 * Carries an organizer's meeting to the attendees' mailboxes the way Exchange does: after the
 * organizer's write (asynchronously), each internal attendee gets a copy with its own id and the same
 * iCalUId; rooms decide with their booking attendant, and their answers come back to the organizer's
 * copy as attendee statuses. Each run reconciles all copies with the organizer's current state.
 */
export class MeetingCoordinator {
  constructor(
    private readonly deps: {
      directory: Directory;
      calendars: CalendarStore;
      scheduler: Scheduler;
      now: () => Date;
      random: SeededRandom;
      messages: MessageStore;
      options: MeetingProcessingOptions;
    },
  ) {}

  /**
   * Queues the response message an attendee's accept / tentativelyAccept / decline sends the organizer
   * (sendResponse not false): "Declined: {subject}", the comment as its body, from the responder.
   */
  responseSent(
    organizerMailboxId: string,
    responder: Mailbox,
    answered: StoredEvent,
    response: ResponseType,
    comment: string,
  ): void {
    const kind = RESPONSE_MESSAGES[response];
    if (!kind) return;
    const subject = `${kind.prefix}${answered.subject}`;
    this.deps.scheduler.scheduleIn(this.deps.options.processingDelayMs, `response mail ${answered.meetingUid}`, () =>
      this.deliver(organizerMailboxId, kind.type, subject, comment, responder, answered.meetingUid),
    );
  }

  /**
   * Queues the cancellation an organizer's cancel or delete sends every attendee: "Canceled: {subject}",
   * with the organizer's comment (cancel's `comment`) as its body.
   */
  cancellationSent(organizer: Mailbox, cancelled: StoredEvent, comment: string): void {
    const attendees = cancelled.attendees
      .map((attendee) => this.deps.directory.find(attendee.emailAddress.address))
      .filter((mailbox): mailbox is Mailbox => mailbox !== undefined && mailbox.id !== organizer.id);
    const subject = cancelled.subject.startsWith(CANCELED_PREFIX)
      ? cancelled.subject
      : `${CANCELED_PREFIX}${cancelled.subject}`;
    this.deps.scheduler.scheduleIn(this.deps.options.processingDelayMs, `cancel mail ${cancelled.meetingUid}`, () => {
      for (const attendee of new Set(attendees)) {
        this.deliver(attendee.id, 'meetingCancelled', subject, comment, organizer, cancelled.meetingUid, attendees);
      }
    });
  }

  private deliver(
    mailboxId: string,
    type: MeetingMessageType,
    subject: string,
    comment: string,
    sender: Mailbox,
    meetingUid: string,
    to?: Mailbox[],
  ): void {
    const recipient = this.deps.directory.byId(mailboxId);
    if (!recipient) return;
    const party = (mailbox: Mailbox) => ({ name: mailbox.displayName, address: mailbox.email });
    this.deps.messages.deliver({
      mailboxId,
      meetingMessageType: type,
      subject,
      comment,
      from: party(sender),
      to: (to ?? [recipient]).map(party),
      receivedAt: this.deps.now(),
      meetingUid,
    });
  }

  /** Queues processing of the meeting after an organizer's write. */
  organizerChanged(organizerMailboxId: string, meetingUid: string): void {
    this.deps.scheduler.scheduleIn(this.deps.options.processingDelayMs, `meeting ${meetingUid}`, () =>
      this.reconcile(organizerMailboxId, meetingUid),
    );
  }

  /** Queues an attendee's answer for the organizer's copy. */
  attendeeResponded(organizerMailboxId: string, meetingUid: string, email: string, response: ResponseType): void {
    this.deps.scheduler.scheduleIn(this.deps.options.processingDelayMs, `response ${meetingUid}`, () => {
      this.recordResponses(this.deps.calendars.calendarOf(organizerMailboxId), meetingUid, [{ email, response }]);
    });
  }

  reconcile(organizerMailboxId: string, meetingUid: string): void {
    const { directory, calendars } = this.deps;
    const organizerCalendar = calendars.calendarOf(organizerMailboxId);
    const { primary: organizerItem, exceptions } = organizerCalendar.findMeeting(meetingUid);
    const holders = calendars
      .all()
      .filter((calendar) => calendar !== organizerCalendar && calendar.findMeeting(meetingUid).primary);
    if (!organizerItem || organizerItem.isCancelled) {
      for (const calendar of holders) this.cancelCopy(calendar, meetingUid);
      return;
    }
    const attendees = new Map<string, Mailbox>();
    for (const attendee of organizerItem.attendees) {
      const mailbox = directory.find(attendee.emailAddress.address);
      if (mailbox && mailbox.id !== organizerMailboxId) attendees.set(mailbox.id, mailbox);
    }
    for (const calendar of holders) if (!attendees.has(calendar.mailboxId)) this.cancelCopy(calendar, meetingUid);
    const responses: Response[] = [];
    for (const mailbox of attendees.values()) {
      const calendar = calendars.calendarOf(mailbox.id);
      if (mailbox.kind === 'room' && mailbox.room && mailbox.room.bookingSettings.automateProcessing !== 'None') {
        responses.push(...this.processRoomRequest(mailbox, calendar, organizerItem, exceptions));
      } else {
        this.syncAttendeeCopy(mailbox, calendar, organizerItem, exceptions);
      }
    }
    const answered = this.recordResponses(organizerCalendar, meetingUid, responses);
    for (const answer of answered) {
      const kind = RESPONSE_MESSAGES[answer.response];
      const room = directory.find(answer.email);
      const comment = ATTENDANT_COMMENTS[answer.response];
      if (!kind || !room || comment === undefined) continue;
      const subject = `${kind.prefix}${organizerItem.subject}`;
      this.deliver(organizerMailboxId, kind.type, subject, comment, room, meetingUid);
    }
  }

  private syncAttendeeCopy(
    mailbox: Mailbox,
    calendar: MailboxCalendar,
    organizerItem: StoredEvent,
    exceptions: StoredEvent[],
  ) {
    const { primary: copy } = calendar.findMeeting(organizerItem.meetingUid);
    const content = meetingContentOf(organizerItem);
    const ownStatus = organizerItem.attendees.find((attendee) => this.isMailbox(attendee, mailbox))?.status.response;
    if (!copy) {
      if (ownStatus === 'declined') return;
      const created = this.insertCopy(calendar, organizerItem, content);
      this.syncExceptions(calendar, created, exceptions, (exceptionContent) => exceptionContent);
      return;
    }
    const rescheduled = isRescheduled(copy, content);
    const changes = {
      ...this.mergeCancelledDates(content, organizerItem, copy.cancelledDates),
      ...(copy.isCancelled ? { isCancelled: false } : {}),
    };
    const updated = differsFrom(copy, changes)
      ? calendar.update(
          copy.id,
          rescheduled
            ? { ...changes, responseStatus: { response: 'notResponded', time: null }, showAs: 'tentative' }
            : changes,
          'processing',
        )
      : copy;
    this.syncExceptions(calendar, updated, exceptions, (exceptionContent) => exceptionContent);
  }

  private processRoomRequest(
    mailbox: Mailbox,
    calendar: MailboxCalendar,
    organizerItem: StoredEvent,
    exceptions: StoredEvent[],
  ): Response[] {
    const settings = mailbox.room!.bookingSettings;
    const now = this.deps.now();
    const { primary: copy } = calendar.findMeeting(organizerItem.meetingUid);
    const content = withinBookingWindow(
      rewriteForRoom(meetingContentOf(organizerItem), settings),
      organizerItem,
      settings,
      now,
    );
    const isNewRequest = !copy || copy.isCancelled || isRescheduled(copy, content);
    const request = this.bookingRequest(organizerItem, exceptions, now, settings.bookingWindowInDays);
    const busy = this.busyIntervals(calendar, organizerItem.meetingUid, request);
    const email = mailbox.email;

    if (!isNewRequest) {
      // An update that keeps the series' times: only moved occurrences are evaluated, one by one (by the
      // booking attendant, so only in AutoAccept rooms).
      const movedInstances = settings.automateProcessing === 'AutoAccept' ? request.instances : [];
      const declinedKeys = movedInstances
        .filter(
          (instance) =>
            instance.key !== null && exceptions.some((exception) => exception.originalDate === instance.key),
        )
        .filter((instance) => busy.some((booking) => instance.start < booking.end && booking.start < instance.end))
        .map((instance) => instance.key!);
      const withDeclines = this.mergeCancelledDates(content, organizerItem, [...copy.cancelledDates, ...declinedKeys]);
      const updated = differsFrom(copy, withDeclines) ? calendar.update(copy.id, withDeclines, 'processing') : copy;
      this.syncExceptions(calendar, updated, exceptions, (exceptionContent) =>
        rewriteForRoom(exceptionContent, settings),
      );
      return declinedKeys.flatMap((key) => {
        const exception = exceptions.find((candidate) => candidate.originalDate === key);
        return exception ? [{ email, response: 'declined' as const, exceptionId: exception.id }] : [];
      });
    }

    const decision = decideBooking(settings, request, busy, now);
    if (decision.outcome === 'decline') {
      // The attendant takes the request into the calendar before deciding; a declined one is removed again.
      const target = copy ?? this.insertCopy(calendar, organizerItem, content);
      for (const exception of calendar.exceptionsOf(target.id)) calendar.remove(exception.id, 'processing');
      calendar.remove(target.id, 'processing');
      return [{ email, response: 'declined' }];
    }
    const isAccepted = decision.outcome === 'accept';
    const state = {
      ...this.mergeCancelledDates(content, organizerItem, decision.declinedKeys),
      isCancelled: false,
      responseStatus: {
        response: isAccepted ? ('accepted' as const) : ('notResponded' as const),
        time: isAccepted ? now : null,
      },
      showAs: isAccepted ? ('busy' as const) : ('tentative' as const),
    };
    let booked = copy ? calendar.update(copy.id, state, 'processing') : this.insertCopy(calendar, organizerItem, state);
    for (let touch = 0; touch < this.deps.options.roomProcessingUpdates - (copy ? 1 : 0); touch++) {
      booked = calendar.update(booked.id, {}, 'processing');
    }
    this.syncExceptions(calendar, booked, exceptions, (exceptionContent) => rewriteForRoom(exceptionContent, settings));
    // AutoUpdate only marks the request tentative; the organizer hears nothing until a delegate decides.
    return isAccepted ? [{ email, response: 'accepted' }] : [];
  }

  private mergeCancelledDates(content: MeetingContent, organizerItem: StoredEvent, declinedKeys: string[]) {
    if (organizerItem.type !== 'seriesMaster') return content;
    return { ...content, cancelledDates: [...new Set([...organizerItem.cancelledDates, ...declinedKeys])].sort() };
  }

  private bookingRequest(
    organizerItem: StoredEvent,
    exceptions: StoredEvent[],
    now: Date,
    windowDays: number,
  ): BookingRequest {
    const durationMinutes = (organizerItem.end.getTime() - organizerItem.start.getTime()) / 60_000;
    if (organizerItem.type !== 'seriesMaster') {
      return {
        instances: [{ key: null, start: organizerItem.start, end: organizerItem.end }],
        isSeries: false,
        seriesEnd: organizerItem.end,
        durationMinutes,
      };
    }
    const last = lastOccurrenceOf(organizerItem);
    const horizonEnd = new Date(Math.max(now.getTime(), organizerItem.start.getTime()) + (windowDays + 1) * DAY_MS);
    const until = last ? new Date(Math.min(last.end.getTime() + 1, horizonEnd.getTime())) : horizonEnd;
    const instances = seriesInstancesIn(organizerItem, exceptions, organizerItem.start, until).map((instance) => ({
      key: instance.originalDate,
      start: instance.start,
      end: instance.end,
    }));
    return { instances, isSeries: true, seriesEnd: last?.end ?? null, durationMinutes };
  }

  private busyIntervals(calendar: MailboxCalendar, meetingUid: string, request: BookingRequest): Interval[] {
    const starts = request.instances.map((instance) => instance.start.getTime());
    const ends = request.instances.map((instance) => instance.end.getTime());
    if (starts.length === 0) return [];
    return calendar
      .instancesIn(new Date(Math.min(...starts)), new Date(Math.max(...ends)))
      .filter((item) => item.meetingUid !== meetingUid && !item.isCancelled && item.showAs !== 'free');
  }

  private insertCopy(
    calendar: MailboxCalendar,
    organizerItem: StoredEvent,
    fields: MeetingContent & Partial<StoredEvent>,
  ): StoredEvent {
    return calendar.insert(
      {
        id: newEventId(this.deps.random),
        seriesMasterId: null,
        originalDate: null,
        originalStart: null,
        meetingUid: organizerItem.meetingUid,
        organizerMailboxId: organizerItem.organizerMailboxId,
        showAs: 'tentative',
        categories: [],
        isReminderOn: true,
        reminderMinutesBeforeStart: 15,
        isOrganizer: false,
        responseStatus: { response: 'notResponded', time: null },
        isCancelled: false,
        cancelledDates: organizerItem.cancelledDates,
        transactionId: null,
        extendedProperties: {},
        ...fields,
      },
      'processing',
    );
  }

  /** Mirrors the organizer's exceptions (moved or edited occurrences) into a copy series. */
  private syncExceptions(
    calendar: MailboxCalendar,
    copyMaster: StoredEvent,
    organizerExceptions: StoredEvent[],
    transform: (content: MeetingContent) => MeetingContent,
  ): void {
    if (copyMaster.type !== 'seriesMaster') return;
    const copyExceptions = new Map(
      calendar.exceptionsOf(copyMaster.id).map((exception) => [exception.originalDate, exception]),
    );
    const wanted = new Set<string>();
    for (const organizerException of organizerExceptions) {
      const date = organizerException.originalDate!;
      if (copyMaster.cancelledDates.includes(date) || isAfterRange(copyMaster, date)) continue;
      wanted.add(date);
      const content = { ...transform(meetingContentOf(organizerException)), recurrence: null };
      const existing = copyExceptions.get(date);
      if (!existing) {
        calendar.insert(
          {
            ...copyMaster,
            ...content,
            id: occurrenceId(copyMaster.id, date),
            type: 'exception',
            seriesMasterId: copyMaster.id,
            originalDate: date,
            originalStart: organizerException.originalStart,
            cancelledDates: [],
            extendedProperties: {},
          },
          'processing',
        );
      } else if (differsFrom(existing, content)) {
        calendar.update(existing.id, content, 'processing');
      }
    }
    for (const [date, exception] of copyExceptions) if (!wanted.has(date!)) calendar.remove(exception.id, 'processing');
  }

  /** The organizer cancelled the meeting or removed the attendee: the copy is kept as cancelled, or removed. */
  private cancelCopy(calendar: MailboxCalendar, meetingUid: string): void {
    const mailbox = this.deps.directory.byId(calendar.mailboxId);
    const { primary, exceptions } = calendar.findMeeting(meetingUid);
    if (!primary) return;
    if (mailbox?.room?.bookingSettings.removeCanceledMeetings) {
      for (const exception of exceptions) calendar.remove(exception.id, 'processing');
      calendar.remove(primary.id, 'processing');
      return;
    }
    for (const item of [...exceptions, primary]) {
      if (item.isCancelled) continue;
      const subject = item.subject.startsWith(CANCELED_PREFIX) ? item.subject : `${CANCELED_PREFIX}${item.subject}`;
      calendar.update(item.id, { isCancelled: true, subject, showAs: 'free' }, 'processing');
    }
  }

  private isMailbox(attendee: Attendee, mailbox: Mailbox): boolean {
    return this.deps.directory.find(attendee.emailAddress.address)?.id === mailbox.id;
  }

  /**
   * Writes attendees' answers into the organizer's copy (series or exception), one change if anything
   * moved; returns the answers that changed something, one per attendee and response.
   */
  private recordResponses(organizerCalendar: MailboxCalendar, meetingUid: string, responses: Response[]): Response[] {
    const { primary, exceptions } = organizerCalendar.findMeeting(meetingUid);
    if (!primary || responses.length === 0) return [];
    const time = this.deps.now();
    const changed = new Map<string, Response>();
    for (const target of [primary, ...exceptions]) {
      // A series-level answer applies to its exceptions too; an occurrence-level one only to that exception.
      const relevant = responses.filter(
        (response) => response.exceptionId === undefined || response.exceptionId === target.id,
      );
      let hasChanged = false;
      const attendees = target.attendees.map((attendee) => {
        const answer = relevant.find(
          (response) => response.email.toLowerCase() === attendee.emailAddress.address.toLowerCase(),
        );
        if (!answer || answer.response === attendee.status.response) return attendee;
        hasChanged = true;
        changed.set(`${answer.email.toLowerCase()} ${answer.response}`, answer);
        return { ...attendee, status: { response: answer.response, time } };
      });
      if (hasChanged) organizerCalendar.update(target.id, { attendees }, 'processing');
    }
    return [...changed.values()];
  }
}

/** Whether `date` is past a copy's range: a room copy cut at its booking window ends before the organizer's. */
function isAfterRange(copyMaster: StoredEvent, date: string): boolean {
  const range = copyMaster.recurrence?.range;
  return range?.type === 'endDate' && date > range.endDate;
}
