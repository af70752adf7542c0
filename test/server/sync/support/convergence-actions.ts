import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { toInstant } from '@workplace-sync/shared';
import { occurrencesOf as workplaceOccurrencesOf } from '../../../../emulators/src/workplace/domain/occurrences.js';
import { AppError } from '../../../../server/src/errors.js';
import type { ReservationSystem, RoomCalendar } from '../../../../server/src/sync/ports.js';
import { stopOnAbort } from '../../../../server/src/sync/stop-on-abort.js';
import { syncReservations } from '../../../../server/src/sync/sync-reservations.js';
import { syncRoom } from '../../../../server/src/sync/sync-room.js';
import type { SyncDeps } from '../../../../server/src/sync/sync-room.js';
import type { TwoWayHarness } from './two-way-harness.js';

// The action alphabet of the convergence property test: what users do in Outlook and at Workplace
// touchpoints, what approvers and room delegates do, how the queue runs the sync (rooms side by side,
// the feed beside them, a run overlapping the next after a lost lease), and the faults of both systems.
// A property test is only as good as this list: widen it whenever users or systems are found doing
// something it lacks.

export const ROOMS = [
  { mailbox: 'room-brussels-1.01@contoso.com', areaId: 'a-bru-1.01' },
  { mailbox: 'room-brussels-1.02@contoso.com', areaId: 'a-bru-1.02' },
  // Workplace approval required: Exchange shows it tentative until an approver decides.
  { mailbox: 'room-brussels-2.01@contoso.com', areaId: 'a-bru-2.01' },
  // New York (another time zone, opening 07:00–21:00 there): meetings with a Brussels room are hybrid, and a
  // Workplace reservation keeps one time zone; most Brussels mornings are before New York opens (declined).
  { mailbox: 'room-newyork-5.01@contoso.com', areaId: 'a-nyc-5.01' },
] as const;
const ORGANIZERS = ['adele.vance@contoso.com', 'alex.wilber@contoso.com'];
const PEOPLE = ['megan.bowen@contoso.com', 'nestor.wilke@contoso.com'];
/** A Monday and a Tuesday; series repeat weekly from them. */
const DAYS = [
  { date: '2030-03-04', weekday: 'monday', byDay: 'MO' },
  { date: '2030-03-05', weekday: 'tuesday', byDay: 'TU' },
] as const;
const ZONE = 'Europe/Brussels';
/** Where both sides are compared, occurrence by occurrence. */
export const WINDOW = { start: '2030-03-01T00:00:00Z', end: '2030-04-15T00:00:00Z' };

type Slot = { room: number; day: number; hour: number; hours: number; occurrences: number };
/** What people really send (Step 2's corpus), beside ordinary meetings. */
const ODD_SHAPES = [
  'ordinary',
  'no-subject',
  'long-subject',
  'many-attendees',
  'private',
  'odd-zone',
  'all-day',
] as const;
type OddShape = (typeof ODD_SHAPES)[number];

export type Operation =
  | ({ kind: 'outlook-book'; rooms: number; organizer: number; shape: OddShape } & Slot)
  | { kind: 'outlook-edit'; target: number; change: 'subject' | 'time' | 'attendees'; day: number; hour: number }
  | { kind: 'outlook-move-occurrence'; target: number; index: number; hour: number }
  | { kind: 'outlook-cancel-occurrence'; target: number; index: number }
  | { kind: 'outlook-rooms'; target: number; change: 'add' | 'remove' | 'swap'; room: number }
  | { kind: 'outlook-cancel'; target: number }
  | { kind: 'room-delegate-declines'; target: number }
  /**
   * The organizer picks a room in the Outlook add-in (a tentative hold in Workplace, taken or not) and
   * sends the meeting; the room may still decline it in Exchange, which the pane may report.
   */
  | {
      kind: 'pane-book';
      room: number;
      day: number;
      hour: number;
      hours: number;
      organizer: number;
      reportsDecline: boolean;
    }
  | ({ kind: 'kiosk-book' } & Slot)
  | { kind: 'kiosk-edit'; target: number; day: number; hour: number }
  | { kind: 'kiosk-cancel-occurrence'; target: number; index: number }
  | { kind: 'kiosk-cancel'; target: number }
  | { kind: 'approver'; target: number; decision: 'approve' | 'reject' }
  /** Someone checks in at one room's kiosk or display (its line), shortly before an occurrence starts. */
  | { kind: 'check-in'; target: number; index: number; room: number }
  /**
   * Workplace releases a running occurrence in one room (its line; null: the whole occurrence, every
   * room): nobody checked in (no-show), or "end now" at the display.
   */
  | {
      kind: 'workplace-release';
      target: number;
      index: number;
      room: number | null;
      reason: 'no-show' | 'ended-early';
    }
  /** Exchange releases a running occurrence in one of the meeting's rooms: Places auto-release, a panel's "release". */
  | { kind: 'exchange-release'; target: number; index: number; room: number }
  | { kind: 'sync'; rooms: boolean[]; feed: boolean }
  | { kind: 'overlapping-runs'; room: number }
  | { kind: 'lease-lost-after-write'; room: number }
  | { kind: 'graph-throttle'; count: number; status: 429 | 503 }
  | { kind: 'graph-error'; count: number }
  | { kind: 'expire-delta'; room: number }
  | { kind: 'workplace-error'; count: number; phase: 'before' | 'after' }
  | { kind: 'feed-noise'; fault: 'duplicate-feed' | 'reorder-feed' }
  | { kind: 'crash-after-write'; writes: number };

const target = fc.nat(9);
const hour = fc.integer({ min: 8, max: 16 });
const day = fc.nat(DAYS.length - 1);
const slot = {
  room: fc.nat(ROOMS.length - 1),
  day,
  hour,
  hours: fc.constantFrom(1, 2),
  // One in three bookings repeats weekly.
  occurrences: fc.constantFrom(1, 1, 3),
};
const op = <K extends Operation['kind']>(weight: number, kind: K, fields: Record<string, fc.Arbitrary<unknown>>) => ({
  weight,
  arbitrary: fc.record({ kind: fc.constant(kind), ...fields }) as unknown as fc.Arbitrary<Operation>,
});

export const arbOperation: fc.Arbitrary<Operation> = fc.oneof(
  op(4, 'outlook-book', {
    ...slot,
    rooms: fc.constantFrom(1, 1, 2, 3),
    organizer: fc.nat(ORGANIZERS.length - 1),
    // Two in three are ordinary meetings.
    shape: fc.oneof({ weight: 12, arbitrary: fc.constant('ordinary' as const) }, fc.constantFrom(...ODD_SHAPES)),
  }),
  op(2, 'outlook-edit', { target, change: fc.constantFrom('subject', 'time', 'attendees'), day, hour }),
  op(2, 'outlook-move-occurrence', { target, index: fc.nat(2), hour }),
  op(1, 'outlook-cancel-occurrence', { target, index: fc.nat(2) }),
  op(2, 'outlook-rooms', { target, change: fc.constantFrom('add', 'remove', 'swap'), room: fc.nat(ROOMS.length - 1) }),
  op(1, 'outlook-cancel', { target }),
  op(1, 'room-delegate-declines', { target }),
  op(2, 'pane-book', {
    room: slot.room,
    day,
    hour,
    hours: slot.hours,
    organizer: fc.nat(ORGANIZERS.length - 1),
    reportsDecline: fc.boolean(),
  }),
  op(3, 'kiosk-book', slot),
  op(2, 'kiosk-edit', { target, day, hour }),
  op(1, 'kiosk-cancel-occurrence', { target, index: fc.nat(2) }),
  op(1, 'kiosk-cancel', { target }),
  op(1, 'approver', { target, decision: fc.constantFrom('approve', 'reject') }),
  op(1, 'check-in', { target, index: fc.nat(2), room: fc.nat(2) }),
  op(1, 'workplace-release', {
    target,
    index: fc.nat(2),
    room: fc.option(fc.nat(2), { freq: 3 }),
    reason: fc.constantFrom('no-show', 'ended-early'),
  }),
  op(1, 'exchange-release', { target, index: fc.nat(2), room: fc.nat(2) }),
  op(5, 'sync', {
    rooms: fc.array(fc.boolean(), { minLength: ROOMS.length, maxLength: ROOMS.length }),
    feed: fc.boolean(),
  }),
  op(1, 'overlapping-runs', { room: fc.nat(ROOMS.length - 1) }),
  op(1, 'lease-lost-after-write', { room: fc.nat(ROOMS.length - 1) }),
  op(1, 'graph-throttle', { count: fc.integer({ min: 1, max: 4 }), status: fc.constantFrom(429, 503) }),
  op(1, 'graph-error', { count: fc.integer({ min: 1, max: 6 }) }),
  op(1, 'expire-delta', { room: fc.nat(ROOMS.length - 1) }),
  op(1, 'workplace-error', { count: fc.integer({ min: 1, max: 6 }), phase: fc.constantFrom('before', 'after') }),
  op(1, 'feed-noise', { fault: fc.constantFrom('duplicate-feed', 'reorder-feed') }),
  op(1, 'crash-after-write', { writes: fc.integer({ min: 1, max: 3 }) }),
);

/** A worker killed mid-run: nothing catches it (it is not a failure of the booking), the queue runs the job again. */
class WorkerCrash extends AppError {
  constructor() {
    super('UNAVAILABLE', 'worker killed after a write');
  }
}

/** Ports that die right after their n-th write, before the sync could record it: a killed worker. */
export function crashingDeps(
  deps: SyncDeps,
  crash: { afterWrites: number | null },
  /** What happens after the n-th write: by default the worker dies there. */
  onLastWrite: () => void = () => {
    throw new WorkerCrash();
  },
): SyncDeps {
  const afterWrite = () => {
    if (crash.afterWrites === null) return;
    crash.afterWrites -= 1;
    if (crash.afterWrites <= 0) {
      crash.afterWrites = null;
      onLastWrite();
    }
  };
  const wrap = <T extends object>(port: T, writes: Array<keyof T>): T => {
    const wrapped = { ...port };
    for (const name of writes) {
      const original = port[name] as unknown as (...args: unknown[]) => Promise<unknown>;
      (wrapped as Record<keyof T, unknown>)[name] = async (...args: unknown[]) => {
        const result = await original(...args);
        afterWrite();
        return result;
      };
    }
    return wrapped;
  };
  return {
    ...deps,
    calendar: wrap<RoomCalendar>(deps.calendar, [
      'createEvent',
      'updateEvent',
      'cancelEvent',
      'declineEvent',
      'showApproval',
      'releaseOccurrence',
    ]),
    reservations: wrap<ReservationSystem>(deps.reservations, [
      'createReservation',
      'updateReservation',
      'confirmHold',
      'addRoomLine',
      'releaseRoomLine',
      'cancelReservation',
      'releaseOccurrence',
    ]),
  };
}

const at = (dayIndex: number, hourOfDay: number, weeks = 0) => {
  const date = new Date(`${DAYS[dayIndex]!.date}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 7 * weeks);
  return { dateTime: `${date.toISOString().slice(0, 10)}T${String(hourOfDay).padStart(2, '0')}:00:00`, timeZone: ZONE };
};

type OutlookMeeting = { organizer: string; id: string; rooms: string[] };

/** The fields that make a meeting one of the odd shapes people really send. */
function oddShape(shape: OddShape, day: number, n: number) {
  const date = DAYS[day]!.date;
  switch (shape) {
    case 'ordinary':
      return {};
    case 'no-subject':
      return { subject: '' };
    case 'long-subject':
      return { subject: `Meeting ${n} ${'x'.repeat(300)}` };
    case 'many-attendees':
      return { attendees: Array.from({ length: 520 }, (_, index) => `guest-${index}@fabrikam.com`) };
    case 'private':
      return { sensitivity: 'private', attendees: PEOPLE };
    case 'odd-zone':
      return {
        start: { dateTime: `${date}T09:00:00`, timeZone: 'Customized Time Zone 1' },
        end: { dateTime: `${date}T10:00:00`, timeZone: '(UTC+01:00) Brussels, Copenhagen, Madrid, Paris' },
      };
    case 'all-day':
      return { isAllDay: true, start: { dateTime: `${date}T00:00:00`, timeZone: ZONE }, ...nextDay(date) };
  }
}

const nextDay = (date: string) => {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return { end: { dateTime: `${next.toISOString().slice(0, 10)}T00:00:00`, timeZone: ZONE } };
};
export type Made = { outlook: OutlookMeeting[]; kiosk: Array<{ id: string; day: number; hour: number }> };

/** Runs one operation; a user action the systems refuse is simply not taken, as in real life. */
export async function apply(
  operation: Operation,
  h: TwoWayHarness,
  deps: SyncDeps,
  crash: { afterWrites: number | null },
  made: Made,
  counter: { n: number },
): Promise<void> {
  const subject = () => `Meeting ${++counter.n}`;
  const pick = <T>(items: T[], index: number): T | undefined => items[index % Math.max(items.length, 1)];
  const tolerate = async (action: () => Promise<unknown>) => {
    try {
      await action();
    } catch {
      // A failed run is retried by the queue; here a later sync step or the settle phase does it.
    }
  };
  const occurrencesOf = (meeting: OutlookMeeting) =>
    h.graphEmulator.control
      .mailboxEvents(meeting.organizer, WINDOW)
      .filter((event) => event['seriesMasterId'] === meeting.id);
  const workplaceApi = (method: 'POST', url: string) =>
    h.workplaceEmulator.app.inject({ method, url, headers: { authorization: `Bearer ${h.workplaceEmulator.apiKey}` } });

  switch (operation.kind) {
    case 'outlook-book': {
      const rooms = Array.from(
        { length: operation.rooms },
        (_, offset) => ROOMS[(operation.room + offset) % ROOMS.length]!.mailbox,
      );
      const organizer = ORGANIZERS[operation.organizer]!;
      const { weekday, date } = DAYS[operation.day]!;
      const event = await h.outlook(organizer, {
        action: 'create',
        meeting: {
          subject: subject(),
          start: at(operation.day, operation.hour),
          end: at(operation.day, operation.hour + operation.hours),
          ...oddShape(operation.shape ?? 'ordinary', operation.day, counter.n),
          rooms,
          ...(operation.occurrences > 1
            ? {
                recurrence: {
                  pattern: { type: 'weekly', interval: 1, daysOfWeek: [weekday] },
                  range: { type: 'numbered', startDate: date, numberOfOccurrences: operation.occurrences },
                },
              }
            : {}),
        },
      });
      made.outlook.push({ organizer, id: event!.id, rooms });
      return;
    }
    case 'outlook-edit': {
      const meeting = pick(made.outlook, operation.target);
      if (!meeting) return;
      const changes =
        operation.change === 'subject'
          ? { subject: subject() }
          : operation.change === 'time'
            ? { start: at(operation.day, operation.hour), end: at(operation.day, operation.hour + 1) }
            : { attendees: PEOPLE.slice(0, (operation.hour % PEOPLE.length) + 1) };
      await tolerate(() => h.outlook(meeting.organizer, { action: 'update', eventId: meeting.id, changes }));
      return;
    }
    case 'outlook-move-occurrence': {
      const meeting = pick(made.outlook, operation.target);
      const occurrence = meeting && pick(occurrencesOf(meeting), operation.index);
      if (!meeting || !occurrence) return;
      const dateOf = String((occurrence['start'] as { dateTime: string }).dateTime).slice(0, 10);
      const moved = (hourOfDay: number) => ({
        dateTime: `${dateOf}T${String(hourOfDay).padStart(2, '0')}:30:00`,
        timeZone: ZONE,
      });
      await tolerate(() =>
        h.outlook(meeting.organizer, {
          action: 'update',
          eventId: String(occurrence['id']),
          changes: { start: moved(operation.hour), end: moved(operation.hour + 1) },
        }),
      );
      return;
    }
    case 'outlook-cancel-occurrence': {
      const meeting = pick(made.outlook, operation.target);
      const occurrence = meeting && pick(occurrencesOf(meeting), operation.index);
      if (!meeting || !occurrence) return;
      await tolerate(() => h.outlook(meeting.organizer, { action: 'cancel', eventId: String(occurrence['id']) }));
      return;
    }
    case 'outlook-rooms': {
      const meeting = pick(made.outlook, operation.target);
      if (!meeting) return;
      const other = ROOMS.map((room) => room.mailbox).find(
        (room, index) => index >= operation.room && !meeting.rooms.includes(room),
      );
      const rooms =
        operation.change === 'add'
          ? other
            ? [...meeting.rooms, other]
            : meeting.rooms
          : operation.change === 'remove'
            ? meeting.rooms.length > 1
              ? meeting.rooms.slice(1)
              : meeting.rooms
            : other
              ? [other, ...meeting.rooms.slice(1)]
              : meeting.rooms;
      if (rooms === meeting.rooms) return;
      await tolerate(async () => {
        await h.outlook(meeting.organizer, { action: 'update', eventId: meeting.id, changes: { rooms } });
        meeting.rooms = rooms;
      });
      return;
    }
    case 'outlook-cancel': {
      const meeting = pick(made.outlook, operation.target);
      if (!meeting) return;
      await tolerate(() => h.outlook(meeting.organizer, { action: 'cancel', eventId: meeting.id }));
      return;
    }
    case 'room-delegate-declines': {
      // A room's delegate declines a meeting in the room's own calendar (Outlook, as the delegate).
      const meeting = pick(made.outlook, operation.target);
      const room = meeting?.rooms[0];
      const iCalUId = meeting && h.roomEvents(meeting.organizer).find((e) => e['id'] === meeting.id)?.['iCalUId'];
      const copy = room && h.roomEvents(room).find((e) => e['iCalUId'] === iCalUId && e['type'] !== 'exception');
      if (!room || !copy || copy['isCancelled'] === true) return;
      await tolerate(() => h.outlook(room, { action: 'respond', eventId: String(copy['id']), response: 'decline' }));
      return;
    }
    case 'pane-book': {
      const organizer = ORGANIZERS[operation.organizer]!;
      const room = ROOMS[operation.room]!;
      const start = at(operation.day, operation.hour);
      const end = at(operation.day, operation.hour + operation.hours);
      const meetingSubject = subject();
      const held = await h.pane.call('POST', '/api/booking-intents', organizer, {
        clientRequestId: randomUUID(),
        subject: meetingSubject,
        start: toInstant(start).toISOString(),
        end: toInstant(end).toISOString(),
        timeZone: ZONE,
        roomId: room.areaId,
      });
      // Taken in Workplace: the pane shows it so, and the organizer sends nothing for this room.
      if (held.status !== 201) return;
      const event = await h.outlook(organizer, {
        action: 'create',
        meeting: { subject: meetingSubject, start, end, rooms: [room.mailbox] },
      });
      made.outlook.push({ organizer, id: event!.id, rooms: [room.mailbox] });
      if (!operation.reportsDecline) return;
      // Outlook shows the organizer the room's answer (Exchange deletes a declined request from the
      // room's calendar, so the sync never sees it); the pane reports a decline.
      const sent = h.graphEmulator.control.mailboxEvents(organizer, WINDOW).find((copy) => copy['id'] === event!.id);
      const answer = (
        sent?.['attendees'] as Array<{ emailAddress: { address: string }; status: { response: string } }>
      )?.find((attendee) => attendee.emailAddress.address.toLowerCase() === room.mailbox)?.status.response;
      if (answer === 'declined')
        await h.pane.call('POST', `/api/booking-intents/${String(held.body['intentId'])}/declined`, organizer);
      return;
    }
    case 'kiosk-book':
      await tolerate(async () => {
        const start = at(operation.day, operation.hour);
        const booked = await h.kiosk.book({
          subject: subject(),
          start: start.dateTime,
          end: at(operation.day, operation.hour + operation.hours).dateTime,
          timeZone: ZONE,
          responsible: { email: 'megan.bowen@contoso.com' },
          participants: [],
          lines: [{ type: 'area', objectId: ROOMS[operation.room]!.areaId }],
          ...(operation.occurrences > 1
            ? {
                recurrence: { rrule: `FREQ=WEEKLY;BYDAY=${DAYS[operation.day]!.byDay};COUNT=${operation.occurrences}` },
              }
            : {}),
        });
        made.kiosk.push({ id: booked.id, day: operation.day, hour: operation.hour });
      });
      return;
    case 'kiosk-edit': {
      const booking = pick(made.kiosk, operation.target);
      if (!booking) return;
      await tolerate(async () => {
        await h.kiosk.edit(booking.id, {
          start: at(operation.day, operation.hour).dateTime,
          end: at(operation.day, operation.hour + 1).dateTime,
          subject: subject(),
        });
        Object.assign(booking, { day: operation.day, hour: operation.hour });
      });
      return;
    }
    case 'kiosk-cancel-occurrence': {
      const booking = pick(made.kiosk, operation.target);
      if (!booking) return;
      const originalStart = toInstant(at(booking.day, booking.hour, operation.index)).toISOString();
      await workplaceApi(
        'POST',
        `/api/v1/reservations/${booking.id}/occurrences/${encodeURIComponent(originalStart)}/cancel`,
      );
      return;
    }
    case 'kiosk-cancel': {
      const booking = pick(made.kiosk, operation.target);
      if (!booking) return;
      await tolerate(() => h.kiosk.cancel(booking.id));
      return;
    }
    case 'approver': {
      const pending = h
        .reservations()
        .flatMap((reservation) =>
          reservation.lines
            .filter((line) => line.status === 'pending-approval')
            .map((line) => ({ reservationId: reservation.id, lineId: line.id })),
        );
      const line = pick(pending, operation.target);
      if (!line) return;
      await h.workplaceEmulator.app.inject({
        method: 'POST',
        url: `/_emulator/reservations/${line.reservationId}/lines/${line.lineId}/${operation.decision}`,
      });
      return;
    }
    case 'check-in':
    case 'workplace-release': {
      const active = h.reservations().filter((reservation) => reservation.status !== 'cancelled');
      const reservation = pick(active, operation.target);
      if (!reservation) return;
      const range = { from: new Date(WINDOW.start), to: new Date(WINDOW.end) };
      const occurrence = pick(workplaceOccurrencesOf(reservation, range), operation.index);
      if (!occurrence) return;
      // Time only moves forward: an occurrence already behind the clock is left alone.
      const offsetMs = operation.kind === 'check-in' ? -5 * 60_000 : 20 * 60_000;
      const moment = new Date(occurrence.start.getTime() + offsetMs);
      if (moment <= h.now()) return;
      await h.graphEmulator.control.clock.set(moment);
      const occurrenceStart = occurrence.originalStart ?? occurrence.start.toISOString();
      // One of the meeting's rooms: its display checks in and releases its own line.
      const rooms = reservation.lines.filter(
        (line) => line.type === 'area' && line.status !== 'cancelled' && line.status !== 'rejected',
      );
      const room = operation.room === null ? undefined : pick(rooms, operation.room);
      const lineId = room ? { lineId: room.id } : {};
      if (operation.kind === 'check-in') {
        await h.workplaceEmulator.app.inject({
          method: 'POST',
          url: `/_emulator/touchpoints/display/reservations/${reservation.id}/check-in`,
          payload: { occurrenceStart, ...lineId },
        });
        return;
      }
      await h.workplaceEmulator.app.inject({
        method: 'POST',
        url: `/api/v1/reservations/${reservation.id}/release`,
        headers: { authorization: `Bearer ${h.workplaceEmulator.apiKey}` },
        payload: { occurrenceStart, reason: operation.reason, ...lineId },
      });
      return;
    }
    case 'exchange-release': {
      const meeting = pick(made.outlook, operation.target);
      // One of the meeting's rooms; the others keep it.
      const room = meeting ? pick(meeting.rooms, operation.room) : undefined;
      if (!meeting || !room) return;
      const iCalUId = h.roomEvents(meeting.organizer).find((e) => e['id'] === meeting.id)?.['iCalUId'];
      const instances = h.graphEmulator.control
        .mailboxEvents(room, WINDOW)
        .filter((e) => e['iCalUId'] === iCalUId && e['isCancelled'] !== true);
      const instance = pick(instances, operation.index);
      if (!instance) return;
      const start = new Date(`${String((instance['start'] as { dateTime: string }).dateTime).slice(0, 19)}Z`);
      const moment = new Date(start.getTime() + 15 * 60_000);
      if (moment <= h.now()) return;
      await h.graphEmulator.control.clock.set(moment);
      await tolerate(() => h.graphEmulator.control.rooms.releaseNow(room, String(instance['id'])));
      return;
    }
    case 'sync':
      // As the queue runs them: rooms side by side, the feed beside them.
      await Promise.all([
        ...ROOMS.filter((_, index) => operation.rooms[index]).map(({ mailbox }) =>
          tolerate(() => syncRoom(mailbox, deps)),
        ),
        ...(operation.feed ? [tolerate(() => syncReservations(deps))] : []),
      ]);
      return;
    case 'overlapping-runs': {
      // A run whose lease was lost keeps going while another worker runs the same room.
      const { mailbox } = ROOMS[operation.room]!;
      await Promise.all([tolerate(() => syncRoom(mailbox, deps)), tolerate(() => syncRoom(mailbox, deps))]);
      return;
    }
    case 'lease-lost-after-write': {
      // The queue hands the room's job to another worker (a stall longer than the lease) while the first
      // run is inside a write: that run stops before its next call, the other one runs to the end.
      const { mailbox } = ROOMS[operation.room]!;
      const lease = new AbortController();
      const losing = stopOnAbort(
        crashingDeps(deps, { afterWrites: 1 }, () => lease.abort(new Error('lease lost'))),
        lease.signal,
      );
      await Promise.all([tolerate(() => syncRoom(mailbox, losing)), tolerate(() => syncRoom(mailbox, deps))]);
      return;
    }
    case 'graph-throttle':
      h.graphEmulator.control.faults.throttle({ count: operation.count, status: operation.status });
      return;
    case 'graph-error':
      h.graphEmulator.control.faults.errors({ count: operation.count, status: 500 } as never);
      return;
    case 'expire-delta':
      h.graphEmulator.control.faults.expireDeltaTokens(ROOMS[operation.room]!.mailbox);
      return;
    case 'workplace-error':
      h.workplaceEmulator.injectFault({ kind: 'error', count: operation.count, status: 503, phase: operation.phase });
      return;
    case 'feed-noise':
      h.workplaceEmulator.injectFault({ kind: operation.fault, count: 2 });
      return;
    case 'crash-after-write':
      crash.afterWrites = operation.writes;
      return;
  }
}
