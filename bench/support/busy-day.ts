import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SeedUser } from '@workplace-sync/emulators';
import { measureDirectWrites } from './direct-writes.js';
import { watchSyncWrites } from './busy-day-probe.js';
import type { EmbeddedServer } from './embedded-server.js';
import { kiosk, workplaceApi } from './embedded-server.js';
import { monitorGraphTraffic } from './graph-traffic.js';
import { observeRequests } from './request-probe.js';
import type { ScaleRoom } from './scale-seed.js';
import { SCALE_ZONE } from './scale-seed.js';
import type { Summary } from './stats.js';
import { summarize } from './stats.js';

// A simulated busy day (issue 8, item 4) after the initial sync: people book, edit and cancel
// meetings in Outlook and at Workplace touchpoints at a working day's rates, time-compressed, while
// the sync keeps both systems equal. Measured: how long each change takes to show in the other
// system, whether every booking ends right in both (none lost, none doubled), the process's CPU,
// memory and the database's growth over the day, and Graph requests per change.

const DAY_MS = 86_400_000;
const OFFICE_HOURS = 10; // 08:00–18:00
/** Share of the day's changes in each office hour (a morning peak, a smaller one after lunch). */
const HOURLY_PROFILE = [6, 14, 13, 10, 7, 9, 12, 11, 9, 9];
/**
 * What a meeting room sees in a working day, per room: new bookings (made today, for today or the
 * weeks ahead) at about its meetings held per day, a third of them edited, a sixth cancelled; Outlook
 * makes most of them, Workplace touchpoints (app, kiosk, room display) the rest.
 */
const MIX = [
  { kind: 'create', system: 'outlook', weight: 40 },
  { kind: 'create', system: 'workplace', weight: 20 },
  { kind: 'edit', system: 'outlook', weight: 13 },
  { kind: 'edit', system: 'workplace', weight: 7 },
  { kind: 'cancel', system: 'outlook', weight: 12 },
  { kind: 'cancel', system: 'workplace', weight: 8 },
] as const;
const VISIBLE_TIMEOUT_MS = 60_000;

type System = 'outlook' | 'workplace';
type Kind = 'create' | 'edit' | 'cancel';
type Booking = {
  system: System;
  room: ScaleRoom;
  date: string;
  hour: string;
  subject: string;
  organizer: string;
  /** Outlook: the organizer's event. Workplace: the reservation. */
  sourceId: string;
  cancelled: boolean;
  /** Outlook: the room's copy of the meeting (what Graph's notifications name). */
  roomEventId?: string;
};
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
};

export type BusyDayOptions = {
  rooms: ScaleRoom[];
  users: SeedUser[];
  /** Changes per room over the whole day. */
  changesPerRoom: number;
  /** Wall time the ten office hours are compressed into. */
  dayMs: number;
  /** Dates already holding a booking in every room (the scale seed), skipped when booking. */
  bookedDates: ReadonlySet<string>;
  /** Reads the database's size on disk. */
  databaseSize: () => Promise<number>;
  seed?: number;
};

export type BusyDayResult = {
  rooms: number;
  changes: Record<`${Kind} ${System}`, number>;
  compression: number;
  wallMs: number;
  latency: { all: Summary; toWorkplace: Summary; toExchange: Summary };
  /** The same with the emulators' delivery delay (change → first webhook naming it) subtracted. */
  subtracted: { all: Summary; emulatorDelay: Summary; withoutWebhook: number };
  /** Latency by kind of change (`create outlook`, …): p50, p99, count. */
  byKind: Array<[string, Summary]>;
  missing: number;
  /** Bookings whose end state is wrong in either system (lost, doubled, not cancelled, wrong subject). */
  wrongAtEnd: string[];
  bookingsChecked: number;
  cpuShare: number;
  loadAverage: number;
  rssBeforeBytes: number;
  rssPeakBytes: number;
  heapAfterBytes: number;
  dbBytesBefore: number;
  dbBytesAfter: number;
  graphOperations: number;
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

/** The day's changes: when (ms into the compressed day) and what, drawn from the profile and the mix. */
function planDay(total: number, dayMs: number, random: () => number) {
  const hourWeights = HOURLY_PROFILE.reduce((sum, weight) => sum + weight, 0);
  const mixWeights = MIX.reduce((sum, entry) => sum + entry.weight, 0);
  const pick = <T extends { weight: number }>(entries: readonly T[], sum: number): T => {
    let draw = random() * sum;
    for (const entry of entries) if ((draw -= entry.weight) < 0) return entry;
    return entries.at(-1)!;
  };
  const hours = HOURLY_PROFILE.map((weight, hour) => ({ hour, weight }));
  return Array.from({ length: total }, () => {
    const { hour } = pick(hours, hourWeights);
    const { kind, system } = pick(MIX, mixWeights);
    return { at: ((hour + random()) / OFFICE_HOURS) * dayMs, kind, system };
  }).sort((a, b) => a.at - b.at);
}

/** Free 45-minute slots per room: weekdays in the next 180 days without a seeded booking, 08:00–16:45. */
function createSlots(bookedDates: ReadonlySet<string>, now = new Date()) {
  const days: string[] = [];
  for (let offset = 2; offset < 180; offset++) {
    const day = new Date(now.getTime() + offset * DAY_MS);
    const date = day.toISOString().slice(0, 10);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6 && !bookedDates.has(date)) days.push(date);
  }
  const used = new Map<string, number>();
  return (room: ScaleRoom) => {
    const index = used.get(room.mailbox) ?? 0;
    used.set(room.mailbox, index + 1);
    const date = days[Math.floor(index / 9)];
    if (!date) throw new Error(`no free slot left in ${room.mailbox}`);
    return { date, hour: String(8 + (index % 9)).padStart(2, '0') };
  };
}

type Reservation = { id: string; subject: string; status: string; lines: Array<{ type: string; objectId: string }> };

export async function runBusyDay(embedded: EmbeddedServer, options: BusyDayOptions): Promise<BusyDayResult> {
  const { rooms, users, changesPerRoom, dayMs } = options;
  const random = seededRandom(options.seed ?? 20261126);
  const plan = planDay(rooms.length * changesPerRoom, dayMs, random);
  const nextSlot = createSlots(options.bookedDates);
  const { graph } = embedded.emulators;

  const { visible, cancelledAt, arrivals, stop: stopProbe } = watchSyncWrites();
  const traffic = monitorGraphTraffic();
  const idToAddress = new Map(graph.mailboxes().map((mailbox) => [mailbox.id.toLowerCase(), mailbox.email]));
  traffic.setMailboxResolver((segment) => idToAddress.get(segment) ?? segment);
  let workplaceRequests = 0;
  const stopWorkplaceCount = observeRequests({
    // The sync's requests (over loopback HTTP); the benchmark's own lookups are injected.
    onStart: ({ url, isInjected }) => void (url.startsWith('/api/v1/') && !isInjected && (workplaceRequests += 1)),
  });

  /** The counterpart of a booking in the other system, found by its subject (at cancel time). */
  const roomEventId = (booking: Booking): string | undefined =>
    graph.mailboxEvents(booking.room.mailbox).find((event) => event.subject === booking.subject && !event.isCancelled)
      ?.id as string | undefined;
  const reservationsOf = async (room: ScaleRoom): Promise<Reservation[]> => {
    const all: Reservation[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Reservation[]; nextCursor: string | null } = await workplaceApi(
        embedded,
        `/api/v1/reservations?areaId=${room.areaId}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  };

  const bookings: Booking[] = [];
  /** Bookings visible in the other system and not cancelled: what a later edit or cancel may pick. */
  const settled: Record<System, Booking[]> = { outlook: [], workplace: [] };
  const awaiting: Booking[] = [];
  const changes: Change[] = [];
  const counts = Object.fromEntries(
    MIX.map(({ kind, system }) => [`${kind} ${system}`, 0]),
  ) as BusyDayResult['changes'];
  const isVisible = (booking: Booking) =>
    (booking.system === 'outlook' ? visible.workplace : visible.exchange).has(booking.subject);

  async function create(system: System): Promise<Change> {
    const room = rooms[Math.floor(random() * rooms.length)]!;
    const { date, hour } = nextSlot(room);
    const organizer = users[Math.floor(random() * users.length)]!.email;
    const subject = `Busy day ${system} ${randomUUID().slice(0, 8)}`;
    const sentAt = performance.now();
    let sourceId: string;
    if (system === 'outlook') {
      const event = graph.actAsUser(organizer, {
        action: 'create',
        meeting: {
          subject,
          start: { dateTime: `${date}T${hour}:00:00`, timeZone: SCALE_ZONE },
          end: { dateTime: `${date}T${hour}:45:00`, timeZone: SCALE_ZONE },
          rooms: [room.mailbox],
        },
      });
      sourceId = String(event!.id);
    } else {
      const reservation = await kiosk<{ id: string }>(embedded, 'POST', '/reservations', {
        subject,
        start: `${date}T${hour}:00:00`,
        end: `${date}T${hour}:45:00`,
        timeZone: SCALE_ZONE,
        responsible: { email: organizer },
        participants: [],
        lines: [{ type: 'area', objectId: room.areaId }],
      });
      sourceId = reservation.id;
    }
    const booking: Booking = { system, room, date, hour, subject, organizer, sourceId, cancelled: false };
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

  /** Renames the booking and moves its start a quarter of an hour later, as its organizer would. */
  async function edit(booking: Booking): Promise<Change> {
    const subject = `Busy day ${booking.system} ${randomUUID().slice(0, 8)} (edited)`;
    const start = `${booking.date}T${booking.hour}:15:00`;
    const sentAt = performance.now();
    if (booking.system === 'outlook') {
      graph.actAsUser(booking.organizer, {
        action: 'update',
        eventId: booking.sourceId,
        changes: { subject, start: { dateTime: start, timeZone: SCALE_ZONE } },
      });
    } else {
      await kiosk(embedded, 'PATCH', `/reservations/${booking.sourceId}`, { subject, start, timeZone: SCALE_ZONE });
    }
    booking.subject = subject;
    awaiting.push(booking);
    const notifiedId = booking.system === 'outlook' ? booking.roomEventId : booking.sourceId;
    return { kind: 'edit', system: booking.system, booking, sentAt, subject, notifiedId };
  }

  async function cancel(booking: Booking): Promise<Change> {
    booking.cancelled = true;
    // What the sync will cancel in the other system: its id, looked up before the change.
    const target =
      booking.system === 'outlook'
        ? (await reservationsOf(booking.room)).find((reservation) => reservation.subject === booking.subject)?.id
        : roomEventId(booking);
    const sentAt = performance.now();
    if (booking.system === 'outlook')
      graph.actAsUser(booking.organizer, { action: 'cancel', eventId: booking.sourceId });
    else await kiosk(embedded, 'POST', `/reservations/${booking.sourceId}/cancel`);
    const notifiedId = booking.system === 'outlook' ? booking.roomEventId : booking.sourceId;
    return { kind: 'cancel', system: booking.system, booking, sentAt, subject: booking.subject, target, notifiedId };
  }

  const rssBeforeBytes = process.memoryUsage().rss;
  let rssPeakBytes = rssBeforeBytes;
  const rssSampler = setInterval(() => (rssPeakBytes = Math.max(rssPeakBytes, process.memoryUsage().rss)), 500);
  const dbBytesBefore = await options.databaseSize();
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  let lastProgress = startedAt;
  for (const step of plan) {
    await sleep(Math.max(0, startedAt + step.at - performance.now()));
    // A booking can be edited or cancelled once the other system shows it (a person sees it there).
    for (const booking of awaiting.splice(0)) {
      if (booking.cancelled) continue;
      if (!isVisible(booking)) {
        awaiting.push(booking);
        continue;
      }
      settled[booking.system].push(booking);
      // An Outlook booking's notifications name the room's copy, known once the room processed it.
      if (booking.system === 'outlook') booking.roomEventId ??= roomEventId(booking);
    }
    const pool = settled[step.system];
    const picked =
      step.kind === 'create' || pool.length === 0 ? null : pool.splice(Math.floor(random() * pool.length), 1)[0]!;
    const change = !picked
      ? await create(step.system)
      : step.kind === 'edit'
        ? await edit(picked)
        : await cancel(picked);
    counts[`${change.kind} ${change.system}`] += 1;
    changes.push(change);
    if (performance.now() - lastProgress > 60_000) {
      lastProgress = performance.now();
      process.stderr.write(
        `    busy day: ${changes.length}/${plan.length} changes after ${Math.round((lastProgress - startedAt) / 1000)} s, backlog ${await embedded.backlog()}\n`,
      );
    }
  }
  // Until every change shows in the other system (or the timeout), then until the sync is idle.
  const shown = (change: Change) =>
    change.kind === 'cancel'
      ? change.target !== undefined &&
        (change.system === 'outlook' ? cancelledAt.workplace : cancelledAt.exchange).has(change.target)
      : (change.system === 'outlook' ? visible.workplace : visible.exchange).has(change.subject);
  const deadline = performance.now() + VISIBLE_TIMEOUT_MS;
  while (changes.some((change) => !shown(change)) && performance.now() < deadline) await sleep(100);
  await embedded.waitForIdle({ timeoutMs: 600_000 });
  for (const booking of bookings) if (booking.system === 'outlook') booking.roomEventId ??= roomEventId(booking);
  const wallMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(rssSampler);
  const dbBytesAfter = await options.databaseSize();
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
  for (const change of changes) {
    const seenAt =
      change.kind === 'cancel'
        ? (change.system === 'outlook' ? cancelledAt.workplace : cancelledAt.exchange).get(change.target ?? '')
        : (change.system === 'outlook' ? visible.workplace : visible.exchange).get(change.subject);
    if (seenAt === undefined || seenAt < change.sentAt) {
      missing += 1;
      continue;
    }
    (change.system === 'outlook' ? latencies.toWorkplace : latencies.toExchange).push(seenAt - change.sentAt);
    const kind = `${change.kind} ${change.system}`;
    byKind.set(kind, [...(byKind.get(kind) ?? []), seenAt - change.sentAt]);
    // An Outlook create's room event is known once visible (a renamed one may miss it: no subtraction).
    const notifiedId = change.notifiedId ?? (change.kind === 'create' ? change.booking.roomEventId : undefined);
    const arrivedAt = arrivals.get(notifiedId ?? '')?.find((at) => at >= change.sentAt && at <= seenAt);
    if (arrivedAt === undefined) withoutWebhook += 1;
    emulatorDelay.push(arrivedAt === undefined ? 0 : arrivedAt - change.sentAt);
    subtracted.push(seenAt - (arrivedAt ?? change.sentAt));
  }

  // The end state, booking by booking: exactly one live counterpart with its last subject, or none.
  const wrongAtEnd: string[] = [];
  const byRoom = new Map<ScaleRoom, Booking[]>();
  for (const booking of bookings) byRoom.set(booking.room, [...(byRoom.get(booking.room) ?? []), booking]);
  for (const [room, roomBookings] of byRoom) {
    const reservations = await reservationsOf(room);
    const events = graph.mailboxEvents(room.mailbox).filter((event) => !event.isCancelled);
    for (const booking of roomBookings) {
      const liveReservations = reservations.filter(
        (reservation) => reservation.subject === booking.subject && reservation.status !== 'cancelled',
      ).length;
      const liveEvents = events.filter((event) => event.subject === booking.subject).length;
      const expected = booking.cancelled ? 0 : 1;
      if (liveReservations !== expected || liveEvents !== expected)
        wrongAtEnd.push(
          `${booking.subject} (${booking.system}, ${booking.cancelled ? 'cancelled' : 'live'}): ${liveReservations} reservations, ${liveEvents} room events`,
        );
    }
  }

  // Baseline: the one write each direction needs, made directly with the production clients.
  const directTimes = await measureDirectWrites(embedded, {
    rooms,
    nextSlot: (room) => {
      const { date, hour } = nextSlot(room);
      return { start: `${date}T${hour}:00:00`, end: `${date}T${hour}:45:00`, timeZone: SCALE_ZONE };
    },
    organizer: users[0]!.email,
  });

  return {
    rooms: rooms.length,
    changes: counts,
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
    wrongAtEnd,
    bookingsChecked: bookings.length,
    cpuShare: (cpu.user + cpu.system) / 1000 / wallMs,
    loadAverage: os.loadavg()[0]!,
    rssBeforeBytes,
    rssPeakBytes,
    heapAfterBytes: process.memoryUsage().heapUsed,
    dbBytesBefore,
    dbBytesAfter,
    graphOperations: snapshot.operations,
    maxConcurrentPerMailbox: traffic.maxConcurrency().requests,
    workplaceRequests,
    direct: { toWorkplace: summarize(directTimes.toWorkplace), toExchange: summarize(directTimes.toExchange) },
  };
}
