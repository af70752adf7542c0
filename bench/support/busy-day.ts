import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SeedUser } from '@workplace-sync/emulators';
import { measureDirectWrites } from './direct-writes.js';
import { watchSyncWrites } from './busy-day-probe.js';
import { monitorGraphTraffic } from './graph-traffic.js';
import { observeRequests } from './request-probe.js';
import type { ScaleRoom } from './scale-seed.js';
import { SHAPES, instantOf, utcOf } from './busy-day-model.js';
import type { Booking, Occurrence, Reservation, Shape, System } from './busy-day-model.js';
import { checkEndState } from './busy-day-end-state.js';
import { SCALE_ZONE } from './scale-seed.js';
import type { BusyDayHost } from './scale-world.js';
import type { Summary } from './stats.js';
import { summarize } from './stats.js';

// A simulated busy day (issue 8, item 4; its mix widened in issue 18) after the initial sync: people
// book, edit and cancel meetings in Outlook and at Workplace touchpoints at a working day's rates,
// time-compressed, while the sync keeps both systems equal. The mix is what offices have: a large share
// of series, single occurrences moved or cancelled, meetings with two rooms, rooms added and removed,
// rooms that need approval (an approver decides in Workplace). Measured: how long each change takes to
// show in the other system, whether every booking ends right in both, room by room and occurrence by
// occurrence (none lost, none doubled), the server's CPU and memory, the database's growth over the
// day, and Graph requests per change.

const DAY_MS = 86_400_000;
const OFFICE_HOURS = 10; // 08:00–18:00
/** Share of the day's changes in each office hour (a morning peak, a smaller one after lunch). */
const HOURLY_PROFILE = [6, 14, 13, 10, 7, 9, 12, 11, 9, 9];
/**
 * What a meeting room sees in a working day: new bookings (for today or the weeks ahead), about a
 * third of them edited later (the whole meeting or one occurrence), a sixth cancelled (the whole
 * meeting or one occurrence), rooms added to or removed from a meeting, approvers deciding on the
 * rooms that need approval; Outlook makes most of them, Workplace touchpoints (app, kiosk) the rest.
 */
const MIX = [
  { kind: 'create', system: 'outlook', weight: 36 },
  { kind: 'create', system: 'workplace', weight: 18 },
  { kind: 'edit', system: 'outlook', weight: 8 },
  { kind: 'edit', system: 'workplace', weight: 5 },
  { kind: 'edit-occurrence', system: 'outlook', weight: 5 },
  { kind: 'edit-occurrence', system: 'workplace', weight: 2 },
  { kind: 'cancel-occurrence', system: 'outlook', weight: 3 },
  { kind: 'cancel-occurrence', system: 'workplace', weight: 2 },
  { kind: 'rooms', system: 'outlook', weight: 4 },
  { kind: 'rooms', system: 'workplace', weight: 2 },
  { kind: 'cancel', system: 'outlook', weight: 7 },
  { kind: 'cancel', system: 'workplace', weight: 4 },
  { kind: 'decide', system: 'workplace', weight: 4 },
] as const;
const SERIES_OCCURRENCES = 5;
/** An approver approves three of four requests and rejects the fourth. */
const APPROVE_SHARE = 0.75;
/** After a change that carries no new subject, how long before the same booking is changed again. */
const SETTLE_MS = 3_000;
const VISIBLE_TIMEOUT_MS = 60_000;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const BYDAY = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

type Kind = (typeof MIX)[number]['kind'];
/** Measured kinds: a change that carries a subject (or cancels an id) the sync writes to the other system. */
const MEASURED = new Set<Kind>(['create', 'edit', 'edit-occurrence', 'cancel']);

type Change = {
  kind: Kind;
  system: System;
  booking: Booking;
  sentAt: number;
  subject: string;
  /** A cancel: the id the sync will cancel in the other system. */
  target?: string;
  /** The id the source system's webhook names (the room's event; the reservation), once known. */
  notifiedId?: string;
  /** An approver's decision. */
  decision?: 'approve' | 'reject';
};

export type BusyDayOptions = {
  rooms: ScaleRoom[];
  /** Areas that need approval (Workplace's approvalRequired): a booking there waits for an approver. */
  approvalAreas: ReadonlySet<string>;
  users: SeedUser[];
  /** Changes per room over the whole day. */
  changesPerRoom: number;
  /** Wall time the ten office hours are compressed into. */
  dayMs: number;
  /** Dates already holding a booking in every room (the scale seed), skipped when booking. */
  bookedDates: ReadonlySet<string>;
  seed?: number;
  /**
   * The end-state check's own test: expect the bookings as first made, ignoring occurrence changes,
   * rooms removed and approvers' rejections. A day with any of those must then report them wrong.
   */
  breakExpectation?: boolean;
};

export type BusyDayResult = {
  rooms: number;
  changes: Record<string, number>;
  shapes: Record<Shape, number>;
  compression: number;
  wallMs: number;
  latency: { all: Summary; toWorkplace: Summary; toExchange: Summary };
  /** The same with the emulators' delivery delay (change → first webhook naming it) subtracted. */
  subtracted: { all: Summary; emulatorDelay: Summary; withoutWebhook: number };
  /** Latency by kind of change (`create outlook`, …): p50, p99, count. */
  byKind: Array<[string, Summary]>;
  missing: number;
  /** Room bookings whose end state is wrong in either system (lost, doubled, not cancelled, wrong occurrences). */
  wrongAtEnd: string[];
  bookingsChecked: number;
  /** Room by room, occurrence by occurrence: what the check compared. */
  roomBookingsChecked: number;
  occurrencesChecked: number;
  /** The server instances' CPU (all instances together) as a share of one core over the day. */
  cpuShare: number;
  /** This process's (emulators and driver). */
  driverCpuShare: number;
  loadAverage: number;
  /** The server instances' RSS when the day began and their peak during it (the largest instance). */
  rssBeforeBytes: number;
  rssPeakBytes: number;
  heapAfterBytes: number;
  dbBytesBefore: number;
  dbBytesAfter: number;
  graphOperations: number;
  notifications: number;
  maxConcurrentPerMailbox: number;
  workplaceRequests: number;
  direct: { toWorkplace: Summary; toExchange: Summary };
};

/** mulberry32: a small seeded generator, so every run makes the same day. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pickWeighted = <T extends { weight: number }>(entries: readonly T[], random: () => number): T => {
  let draw = random() * entries.reduce((sum, entry) => sum + entry.weight, 0);
  for (const entry of entries) if ((draw -= entry.weight) < 0) return entry;
  return entries.at(-1)!;
};

/** The day's changes: when (ms into the compressed day) and what, drawn from the profile and the mix. */
function planDay(total: number, dayMs: number, random: () => number) {
  const hours = HOURLY_PROFILE.map((weight, hour) => ({ hour, weight }));
  return Array.from({ length: total }, () => {
    const { hour } = pickWeighted(hours, random);
    const { kind, system } = pickWeighted(MIX, random);
    return { at: ((hour + random()) / OFFICE_HOURS) * dayMs, kind, system };
  }).sort((a, b) => a.at - b.at);
}

const pad = (value: number) => String(value).padStart(2, '0');
const wallClock = (date: string, hour: number, minute = 0) => `${date}T${pad(hour)}:${pad(minute)}:00`;
const plusMinutes = (local: string, minutes: number) => {
  const moved = new Date(new Date(`${local}Z`).getTime() + minutes * 60_000);
  return moved.toISOString().slice(0, 19);
};

/**
 * Free slots, so that no booking of the day conflicts with another or with the seed: single meetings
 * 08:00–16:45 on weekdays without a seeded booking (per room); series 17:00–19:45, weekly from a
 * weekday, five weeks each (per room); meetings that have or may get a second room 20:00–22:45 (per
 * pair of rooms: a room and its partner share these slots, so the partner is free to join).
 */
function createSlots(bookedDates: ReadonlySet<string>, now = new Date()) {
  const days: string[] = [];
  for (let offset = 2; offset < 180; offset++) {
    const day = new Date(now.getTime() + offset * DAY_MS);
    const date = day.toISOString().slice(0, 10);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6 && !bookedDates.has(date)) days.push(date);
  }
  const firstMonday = new Date(now.getTime() + 7 * DAY_MS);
  firstMonday.setUTCDate(firstMonday.getUTCDate() + ((8 - firstMonday.getUTCDay()) % 7));
  const used = new Map<string, number>();
  const next = (key: string) => {
    const index = used.get(key) ?? 0;
    used.set(key, index + 1);
    return index;
  };
  return {
    single(room: ScaleRoom) {
      const index = next(`single ${room.mailbox}`);
      const date = days[Math.floor(index / 9)];
      if (!date) throw new Error(`no free single slot left in ${room.mailbox}`);
      return { date, hour: 8 + (index % 9) };
    },
    series(room: ScaleRoom) {
      const index = next(`series ${room.mailbox}`);
      const block = Math.floor(index / 15);
      if (block >= 4) throw new Error(`no free series slot left in ${room.mailbox}`);
      const start = new Date(firstMonday.getTime() + (block * 35 + (Math.floor(index / 3) % 5)) * DAY_MS);
      return { date: start.toISOString().slice(0, 10), hour: 17 + (index % 3), weekday: start.getUTCDay() };
    },
    pair(pairKey: string) {
      const index = next(`pair ${pairKey}`);
      const date = days[Math.floor(index / 3)];
      if (!date) throw new Error(`no free slot left for the pair ${pairKey}`);
      return { date, hour: 20 + (index % 3) };
    },
  };
}

export async function runBusyDay(host: BusyDayHost, options: BusyDayOptions): Promise<BusyDayResult> {
  const { rooms, users, changesPerRoom, dayMs, approvalAreas } = options;
  const random = seededRandom(options.seed ?? 20261126);
  const plan = planDay(rooms.length * changesPerRoom, dayMs, random);
  const slots = createSlots(options.bookedDates);
  const { graph, workplace, workplaceApiKey } = host.emulators;
  /** A room's partner (rooms pair up in order): the one that joins its meetings, and whose meetings it joins. */
  const partnerOf = (room: ScaleRoom): ScaleRoom | undefined => rooms[rooms.indexOf(room) ^ 1];
  const pairKey = (room: ScaleRoom) => [room.mailbox, partnerOf(room)!.mailbox].sort().join(' ');

  const { visible, cancelledAt, arrivals, stop: stopProbe } = watchSyncWrites();
  const traffic = monitorGraphTraffic();
  const idToAddress = new Map(graph.mailboxes().map((mailbox) => [mailbox.id.toLowerCase(), mailbox.email]));
  traffic.setMailboxResolver((segment) => idToAddress.get(segment) ?? segment);
  let workplaceRequests = 0;
  const stopWorkplaceCount = observeRequests({
    // The sync's requests (over loopback HTTP); the benchmark's own lookups are injected.
    onStart: ({ url, isInjected }) => void (url.startsWith('/api/v1/') && !isInjected && (workplaceRequests += 1)),
  });

  /** Workplace's API as an app (or the sync) sees it, injected: not counted as the sync's. */
  async function api<T>(
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const response = await workplace.inject({
      method,
      url,
      headers: { authorization: `Bearer ${workplaceApiKey}`, ...headers },
      ...(payload ? { payload } : {}),
    });
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json() as T;
  }
  /** A touchpoint action (app, kiosk): what a person does in Workplace itself. */
  async function touchpoint<T>(method: 'POST' | 'PATCH', path: string, payload?: object): Promise<T> {
    const response = await workplace.inject({
      method,
      url: `/_emulator/touchpoints/app${path}`,
      ...(payload ? { payload } : {}),
    });
    if (response.statusCode >= 300)
      throw new Error(`touchpoint ${method} ${path}: ${response.statusCode} ${response.body}`);
    return response.json() as T;
  }
  const reservationsOf = async (room: ScaleRoom): Promise<Reservation[]> => {
    const all: Reservation[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Reservation[]; nextCursor: string | null } = await api(
        'GET',
        `/api/v1/reservations?areaId=${room.areaId}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  };
  /** The Workplace reservation of a booking (an Outlook one: the sync's), found by its token. */
  const reservationOf = async (booking: Booking): Promise<Reservation | undefined> =>
    booking.system === 'workplace'
      ? api<Reservation>('GET', `/api/v1/reservations/${booking.sourceId}`)
      : (await reservationsOf(booking.rooms[0]!)).find(
          (reservation) => reservation.subject.startsWith(booking.token) && reservation.status !== 'cancelled',
        );
  /** The room's copy of a meeting (a series: its master), found by its subject. */
  const roomEventId = (booking: Booking): string | undefined =>
    graph
      .mailboxEvents(booking.rooms[0]!.mailbox)
      .find(
        (event) => event['subject'] === booking.subject && !event['isCancelled'] && event['type'] !== 'exception',
      )?.['id'] as string | undefined;
  /** The organizer's occurrence of an Outlook series that first started at `originalStart`. */
  const outlookOccurrenceId = (booking: Booking, occurrence: Occurrence): string | undefined => {
    const from = new Date(instantOf(occurrence.originalStart));
    return graph
      .mailboxEvents(booking.organizer, {
        start: new Date(from.getTime() - DAY_MS).toISOString(),
        end: new Date(from.getTime() + DAY_MS).toISOString(),
      })
      .find(
        (event) =>
          event['seriesMasterId'] === booking.sourceId && utcOf(event['start']) === instantOf(occurrence.start),
      )?.['id'] as string | undefined;
  };

  const bookings: Booking[] = [];
  /** Bookings visible in the other system, not cancelled, not being changed: what a later change may pick. */
  const settled: Booking[] = [];
  const awaiting: Booking[] = [];
  const changes: Change[] = [];
  const counts: Record<string, number> = {};
  const shapes = Object.fromEntries(SHAPES.map(({ shape }) => [shape, 0])) as Record<Shape, number>;
  const isVisible = (booking: Booking) =>
    performance.now() >= booking.readyAt &&
    (booking.system === 'outlook' ? visible.workplace : visible.exchange).has(booking.lastSubject);
  const newSubject = (booking: Booking, what: string) => `${booking.token} ${what} ${randomUUID().slice(0, 6)}`;

  async function create(system: System): Promise<Change> {
    const room = rooms[Math.floor(random() * rooms.length)]!;
    const drawn = pickWeighted(SHAPES, random).shape;
    // The last room of an odd number has no partner: its meetings keep one room.
    const shape = drawn !== 'series' && drawn !== 'single' && !partnerOf(room) ? 'single' : drawn;
    shapes[shape] += 1;
    const organizer = users[Math.floor(random() * users.length)]!.email;
    const token = `Busy day ${system === 'outlook' ? 'O' : 'W'}${randomUUID().slice(0, 8)}`;
    const subject = `${token} booked`;
    const bookingRooms = shape === 'two-rooms' ? [room, partnerOf(room)!] : [room];
    const slot =
      shape === 'series'
        ? slots.series(room)
        : shape === 'single'
          ? { ...slots.single(room), weekday: 0 }
          : { ...slots.pair(pairKey(room)), weekday: 0 };
    const occurrences: Occurrence[] = Array.from({ length: shape === 'series' ? SERIES_OCCURRENCES : 1 }, (_, week) => {
      const date = new Date(new Date(`${slot.date}T00:00:00Z`).getTime() + week * 7 * DAY_MS)
        .toISOString()
        .slice(0, 10);
      const start = wallClock(date, slot.hour);
      return { originalStart: start, start, minutes: 45, subject, cancelled: false, changed: false };
    });
    const start = wallClock(slot.date, slot.hour);
    const end = wallClock(slot.date, slot.hour, 45);
    const sentAt = performance.now();
    let sourceId: string;
    if (system === 'outlook') {
      const event = graph.actAsUser(organizer, {
        action: 'create',
        meeting: {
          subject,
          start: { dateTime: start, timeZone: SCALE_ZONE },
          end: { dateTime: end, timeZone: SCALE_ZONE },
          rooms: bookingRooms.map((bookingRoom) => bookingRoom.mailbox),
          ...(shape === 'series'
            ? {
                recurrence: {
                  pattern: { type: 'weekly', interval: 1, daysOfWeek: [WEEKDAYS[slot.weekday]] },
                  range: { type: 'numbered', startDate: slot.date, numberOfOccurrences: SERIES_OCCURRENCES },
                },
              }
            : {}),
        },
      });
      sourceId = String(event!['id']);
    } else {
      const reservation = await touchpoint<{ id: string }>('POST', '/reservations', {
        subject,
        start,
        end,
        timeZone: SCALE_ZONE,
        responsible: { email: organizer },
        participants: [],
        lines: bookingRooms.map((bookingRoom) => ({ type: 'area', objectId: bookingRoom.areaId })),
        ...(shape === 'series'
          ? { recurrence: { rrule: `FREQ=WEEKLY;BYDAY=${BYDAY[slot.weekday]};COUNT=${SERIES_OCCURRENCES}` } }
          : {}),
      });
      sourceId = reservation.id;
    }
    const booking: Booking = {
      token,
      system,
      shape,
      rooms: bookingRooms,
      everRooms: [...bookingRooms],
      subject,
      lastSubject: subject,
      occurrences,
      organizer,
      sourceId,
      cancelled: false,
      decisions: new Map(),
      readyAt: 0,
    };
    bookings.push(booking);
    awaiting.push(booking);
    return {
      kind: 'create',
      system,
      booking,
      sentAt,
      subject,
      notifiedId: system === 'workplace' ? sourceId : undefined,
    };
  }

  /** The whole meeting: a single one renamed and moved a quarter of an hour, a series renamed. */
  async function edit(booking: Booking): Promise<Change> {
    const subject = newSubject(booking, 'edited');
    const isSeries = booking.shape === 'series';
    const first = booking.occurrences[0]!;
    // Moved a quarter of an hour from where it was booked, or back there: never into the next slot.
    const start = isSeries
      ? first.start
      : first.start === first.originalStart
        ? plusMinutes(first.originalStart, 15)
        : first.originalStart;
    const end = plusMinutes(start, first.minutes);
    const sentAt = performance.now();
    if (booking.system === 'outlook') {
      graph.actAsUser(booking.organizer, {
        action: 'update',
        eventId: booking.sourceId,
        changes: isSeries
          ? { subject }
          : {
              subject,
              start: { dateTime: start, timeZone: SCALE_ZONE },
              end: { dateTime: end, timeZone: SCALE_ZONE },
            },
      });
    } else {
      await touchpoint(
        'PATCH',
        `/reservations/${booking.sourceId}`,
        isSeries ? { subject } : { subject, start, end, timeZone: SCALE_ZONE },
      );
    }
    // The organizer's update goes to the rooms again: a room that was rejected is requested afresh
    // (its booking attendant accepts the update, and Workplace asks its approver again).
    if (booking.system === 'outlook')
      for (const [areaId, decision] of booking.decisions) if (decision === 'reject') booking.decisions.delete(areaId);
    booking.subject = subject;
    booking.lastSubject = subject;
    for (const occurrence of booking.occurrences) {
      occurrence.subject = subject;
      if (!isSeries) occurrence.start = start;
    }
    awaiting.push(booking);
    const notifiedId = booking.system === 'outlook' ? booking.roomEventId : booking.sourceId;
    return { kind: 'edit', system: booking.system, booking, sentAt, subject, notifiedId };
  }

  /** One occurrence of a series: renamed and moved a quarter of an hour, or cancelled. */
  async function changeOccurrence(booking: Booking, cancel: boolean): Promise<Change | null> {
    const candidates = booking.occurrences.filter((occurrence) => !occurrence.cancelled && !occurrence.changed);
    const occurrence = candidates[Math.floor(random() * candidates.length)];
    if (!occurrence) return null;
    const subject = cancel ? booking.subject : newSubject(booking, 'occurrence');
    const start = plusMinutes(occurrence.start, 15);
    const end = plusMinutes(start, occurrence.minutes);
    const sentAt = performance.now();
    if (booking.system === 'outlook') {
      const eventId = outlookOccurrenceId(booking, occurrence);
      if (!eventId) return null;
      graph.actAsUser(
        booking.organizer,
        cancel
          ? { action: 'cancel', eventId }
          : {
              action: 'update',
              eventId,
              changes: {
                subject,
                start: { dateTime: start, timeZone: SCALE_ZONE },
                end: { dateTime: end, timeZone: SCALE_ZONE },
              },
            },
      );
    } else {
      const path = `/api/v1/reservations/${booking.sourceId}/occurrences/${encodeURIComponent(instantOf(occurrence.originalStart))}`;
      if (cancel) await api('POST', `${path}/cancel`, {});
      else {
        // Workplace's app edits the version it shows.
        const { version } = await api<{ version: number }>('GET', `/api/v1/reservations/${booking.sourceId}`);
        await api('PATCH', path, { subject, start, end }, { 'if-match': `"${version}"` });
      }
    }
    occurrence.changed = true;
    if (cancel) {
      occurrence.cancelled = true;
      booking.readyAt = performance.now() + SETTLE_MS;
    } else {
      occurrence.subject = subject;
      occurrence.start = start;
      booking.lastSubject = subject;
    }
    awaiting.push(booking);
    return {
      kind: cancel ? 'cancel-occurrence' : 'edit-occurrence',
      system: booking.system,
      booking,
      sentAt,
      subject,
      notifiedId: booking.system === 'outlook' ? booking.roomEventId : booking.sourceId,
    };
  }

  /** A meeting with two rooms loses its second; one in a room whose partner is free gains the partner. */
  async function changeRooms(booking: Booking): Promise<Change | null> {
    const rooms =
      booking.rooms.length > 1 ? booking.rooms.slice(0, 1) : [booking.rooms[0]!, partnerOf(booking.rooms[0]!)!];
    const sentAt = performance.now();
    if (booking.system === 'outlook') {
      graph.actAsUser(booking.organizer, {
        action: 'update',
        eventId: booking.sourceId,
        changes: { rooms: rooms.map((room) => room.mailbox) },
      });
    } else {
      const reservation = await api<Reservation>('GET', `/api/v1/reservations/${booking.sourceId}`);
      const active = reservation.lines.filter((line) => !['cancelled', 'rejected'].includes(line.status));
      const kept = active
        .filter((line) => rooms.some((room) => room.areaId === line.objectId))
        .map((line) => ({ id: line.id, type: line.type, objectId: line.objectId }));
      const added = rooms
        .filter((room) => !active.some((line) => line.objectId === room.areaId))
        .map((room) => ({ type: 'area', objectId: room.areaId }));
      if (kept.length + added.length === 0) return null;
      await touchpoint('PATCH', `/reservations/${booking.sourceId}`, { lines: [...kept, ...added] });
    }
    // A room that joins (again) asks for approval afresh.
    for (const room of rooms) if (!booking.rooms.includes(room)) booking.decisions.delete(room.areaId);
    booking.rooms = rooms;
    for (const room of rooms) if (!booking.everRooms.includes(room)) booking.everRooms.push(room);
    booking.readyAt = performance.now() + SETTLE_MS;
    awaiting.push(booking);
    return { kind: 'rooms', system: booking.system, booking, sentAt, subject: booking.subject };
  }

  async function cancel(booking: Booking): Promise<Change> {
    booking.cancelled = true;
    // What the sync will cancel in the other system: its id, looked up before the change.
    const target = booking.system === 'outlook' ? (await reservationOf(booking))?.id : roomEventId(booking);
    const sentAt = performance.now();
    if (booking.system === 'outlook')
      graph.actAsUser(booking.organizer, { action: 'cancel', eventId: booking.sourceId });
    else await touchpoint('POST', `/reservations/${booking.sourceId}/cancel`);
    const notifiedId = booking.system === 'outlook' ? booking.roomEventId : booking.sourceId;
    return { kind: 'cancel', system: booking.system, booking, sentAt, subject: booking.subject, target, notifiedId };
  }

  /** An approver decides on a room line waiting for approval (Workplace's approval flow). */
  async function decide(booking: Booking): Promise<Change | null> {
    const reservation = await reservationOf(booking);
    const line = reservation?.lines.find(
      (candidate) =>
        candidate.status === 'pending-approval' &&
        booking.rooms.some((room) => room.areaId === candidate.objectId && !booking.decisions.has(room.areaId)),
    );
    if (!reservation || !line) return null;
    const decision = random() < APPROVE_SHARE ? 'approve' : 'reject';
    const sentAt = performance.now();
    const response = await workplace.inject({
      method: 'POST',
      url: `/_emulator/reservations/${reservation.id}/lines/${line.id}/${decision}`,
    });
    if (response.statusCode >= 300) throw new Error(`${decision}: ${response.statusCode} ${response.body}`);
    booking.decisions.set(line.objectId, decision);
    booking.readyAt = performance.now() + SETTLE_MS;
    awaiting.push(booking);
    return { kind: 'decide', system: 'workplace', booking, sentAt, subject: booking.subject, decision };
  }

  /** Which settled booking a change may pick. */
  // What an organizer's change to one occurrence or to the rooms does to a room its approver rejected
  // is left out: such a meeting is only edited as a whole or cancelled.
  const isRejected = (booking: Booking) => [...booking.decisions.values()].includes('reject');
  const eligible: Record<Exclude<Kind, 'create'>, (booking: Booking, system: System) => boolean> = {
    edit: (booking, system) =>
      booking.system === system && !(booking.shape === 'series' && booking.occurrences.some((o) => o.changed)),
    'edit-occurrence': (booking, system) =>
      booking.system === system && booking.shape === 'series' && !isRejected(booking),
    'cancel-occurrence': (booking, system) =>
      booking.system === system && booking.shape === 'series' && !isRejected(booking),
    rooms: (booking, system) =>
      booking.system === system &&
      (booking.shape === 'two-rooms' || booking.shape === 'pair-single') &&
      !isRejected(booking),
    cancel: (booking, system) => booking.system === system,
    decide: (booking) =>
      booking.rooms.some((room) => approvalAreas.has(room.areaId) && !booking.decisions.has(room.areaId)),
  };

  await Promise.all(host.instances.map((instance) => instance.ask('record-arrivals')));
  const rssAtStart = await Promise.all(
    host.instances.map((instance) => instance.ask<{ rssPeakSinceLastAsked: number; cpu: NodeJS.CpuUsage }>('process')),
  );
  const dbBytesBefore = await host.databaseSize();
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  let lastProgress = startedAt;
  for (const step of plan) {
    await sleep(Math.max(0, startedAt + step.at - performance.now()));
    // A booking can be changed again once the other system shows its last change (a person sees it there).
    for (const booking of awaiting.splice(0)) {
      if (booking.cancelled) continue;
      if (!isVisible(booking)) {
        awaiting.push(booking);
        continue;
      }
      settled.push(booking);
      // An Outlook booking's notifications name the room's copy, known once the room processed it.
      if (booking.system === 'outlook') booking.roomEventId ??= roomEventId(booking);
    }
    let change: Change | null = null;
    if (step.kind !== 'create') {
      const pool = settled.filter((booking) => eligible[step.kind as Exclude<Kind, 'create'>](booking, step.system));
      const picked = pool[Math.floor(random() * pool.length)];
      if (picked) {
        settled.splice(settled.indexOf(picked), 1);
        change =
          step.kind === 'edit'
            ? await edit(picked)
            : step.kind === 'edit-occurrence' || step.kind === 'cancel-occurrence'
              ? await changeOccurrence(picked, step.kind === 'cancel-occurrence')
              : step.kind === 'rooms'
                ? await changeRooms(picked)
                : step.kind === 'cancel'
                  ? await cancel(picked)
                  : await decide(picked);
        if (!change) settled.push(picked);
      }
    }
    // Nothing to change yet (early in the day): a new booking instead, as before.
    change ??= await create(step.system);
    const counted = `${change.kind} ${change.system}${change.decision ? ` (${change.decision})` : ''}`;
    counts[counted] = (counts[counted] ?? 0) + 1;
    changes.push(change);
    if (performance.now() - lastProgress > 60_000) {
      lastProgress = performance.now();
      process.stderr.write(
        `    busy day: ${changes.length}/${plan.length} changes after ${Math.round((lastProgress - startedAt) / 1000)} s, backlog ${await host.backlog()}\n`,
      );
    }
  }
  // Until every measured change shows in the other system (or the timeout), then until the sync is idle.
  const seenAt = (change: Change) =>
    change.kind === 'cancel'
      ? (change.system === 'outlook' ? cancelledAt.workplace : cancelledAt.exchange).get(change.target ?? '')
      : (change.system === 'outlook' ? visible.workplace : visible.exchange).get(change.subject);
  const measured = changes.filter((change) => MEASURED.has(change.kind));
  const deadline = performance.now() + VISIBLE_TIMEOUT_MS;
  while (measured.some((change) => seenAt(change) === undefined) && performance.now() < deadline) await sleep(100);
  await host.waitForIdle({ timeoutMs: 600_000 });
  for (const booking of bookings) if (booking.system === 'outlook') booking.roomEventId ??= roomEventId(booking);
  const wallMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  const atEnd = await Promise.all(
    host.instances.map((instance) =>
      instance.ask<{ rssPeakSinceLastAsked: number; cpu: NodeJS.CpuUsage; memory: NodeJS.MemoryUsage }>('process'),
    ),
  );
  const webhooks = await Promise.all(
    host.instances.map((instance) =>
      instance.ask<{ notifications: number; arrivals: Array<[string, number]> }>('webhooks'),
    ),
  );
  // The webhooks reached the server processes: their times (epoch ms) on this process's clock.
  for (const { arrivals: received } of webhooks)
    for (const [id, at] of received) arrivals.set(id, [...(arrivals.get(id) ?? []), at - performance.timeOrigin]);
  const dbBytesAfter = await host.databaseSize();
  const snapshot = traffic.snapshot();
  stopProbe();
  stopWorkplaceCount();
  traffic.stop();

  const latencies = { toWorkplace: [] as number[], toExchange: [] as number[] };
  const subtracted: number[] = [];
  const emulatorDelay: number[] = [];
  const byKind = new Map<string, number[]>();
  let missing = 0;
  let withoutWebhook = 0;
  for (const change of measured) {
    const at = seenAt(change);
    if (at === undefined || at < change.sentAt) {
      missing += 1;
      continue;
    }
    (change.system === 'outlook' ? latencies.toWorkplace : latencies.toExchange).push(at - change.sentAt);
    const kind = `${change.kind} ${change.system}`;
    byKind.set(kind, [...(byKind.get(kind) ?? []), at - change.sentAt]);
    // An Outlook create's room event is known once visible (a renamed one may miss it: no subtraction).
    const notifiedId = change.notifiedId ?? (change.kind === 'create' ? change.booking.roomEventId : undefined);
    const arrivedAt = arrivals.get(notifiedId ?? '')?.find((time) => time >= change.sentAt && time <= at);
    if (arrivedAt === undefined) withoutWebhook += 1;
    emulatorDelay.push(arrivedAt === undefined ? 0 : arrivedAt - change.sentAt);
    subtracted.push(at - (arrivedAt ?? change.sentAt));
  }

  const check = await checkEndState(bookings, {
    reservationsOf,
    roomOccurrences: (room, window) => graph.mailboxEvents(room.mailbox, window),
    approvalAreas,
    breakExpectation: options.breakExpectation ?? false,
  });

  for (const line of check.wrong.slice(0, 10)) process.stderr.write(`    wrong at the end: ${line}\n`);

  // Baseline: the one write each direction needs, made directly with the production clients.
  const directTimes = await measureDirectWrites(host.endpoints, {
    rooms,
    nextSlot: (room) => {
      const { date, hour } = slots.single(room);
      return { start: wallClock(date, hour), end: wallClock(date, hour, 45), timeZone: SCALE_ZONE };
    },
    organizer: users[0]!.email,
  });

  const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;
  const serverCpu = atEnd.reduce(
    (sum, end, index) => sum + cpuSeconds(end.cpu) - cpuSeconds(rssAtStart[index]!.cpu),
    0,
  );
  return {
    rooms: rooms.length,
    changes: counts,
    shapes,
    compression: (OFFICE_HOURS * 3_600_000) / dayMs,
    wallMs,
    latency: {
      all: summarize([...latencies.toWorkplace, ...latencies.toExchange]),
      toWorkplace: summarize(latencies.toWorkplace),
      toExchange: summarize(latencies.toExchange),
    },
    subtracted: { all: summarize(subtracted), emulatorDelay: summarize(emulatorDelay), withoutWebhook },
    byKind: [...byKind].map(([kind, samples]): [string, Summary] => [kind, summarize(samples)]),
    missing,
    wrongAtEnd: check.wrong,
    bookingsChecked: bookings.length,
    roomBookingsChecked: check.roomBookings,
    occurrencesChecked: check.occurrences,
    cpuShare: (serverCpu * 1000) / wallMs,
    driverCpuShare: (cpu.user + cpu.system) / 1000 / wallMs,
    loadAverage: os.loadavg()[0]!,
    rssBeforeBytes: Math.max(...rssAtStart.map((start) => start.rssPeakSinceLastAsked)),
    rssPeakBytes: Math.max(...atEnd.map((end) => end.rssPeakSinceLastAsked)),
    heapAfterBytes: atEnd[0]!.memory.heapUsed,
    dbBytesBefore,
    dbBytesAfter,
    graphOperations: snapshot.operations,
    notifications: webhooks.reduce((sum, received) => sum + received.notifications, 0),
    maxConcurrentPerMailbox: traffic.maxConcurrency().requests,
    workplaceRequests,
    direct: { toWorkplace: summarize(directTimes.toWorkplace), toExchange: summarize(directTimes.toExchange) },
  };
}
