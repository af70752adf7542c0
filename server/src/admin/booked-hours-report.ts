import { BOOKED_HOURS_ROOM_LIMIT, toInstant, toWallClock } from '@workplace-sync/shared';
import type { ActivityRange, BookedHoursReport, RoomBookedHours } from '@workplace-sync/shared';
import { and, count, desc, eq, gt, isNull, lt, not, or } from 'drizzle-orm';
import type { Schedule } from '../adapters/graph/operations/schedule.js';
import type { WorkplaceAvailability, WorkplaceClient } from '../adapters/workplace/index.js';
import type { GetSchedule } from '../addin/availability-check.js';
import { AppError } from '../errors.js';
import type { Db } from '../storage/create-db.js';
import { bookingLinks, rooms } from '../storage/schema.js';
import { readActivityWindow } from './activity-report.js';
import { bookedShare } from './booked-share.js';
import type { Interval } from './booked-share.js';

export type BookedHoursDeps = {
  db: Db;
  /** Opening hours and the building's zone of each area (the same call the add-in's availability makes). */
  workplace: Pick<WorkplaceClient, 'getAvailability'>;
  /** Exchange free/busy of the rooms (GraphAdapter['getSchedule'], 20 rooms per call). */
  getSchedule: GetSchedule;
  now: () => Date;
  /** How long a range's answer is reused; the console reloads on every visit to Health. */
  ttlMs?: number;
};

type AreaAvailability = WorkplaceAvailability['areas'][number];

export type BookedHoursQuery = { range: ActivityRange; timeZone: string };

/** What a room's calendar shows as taken: busy, tentative (a booking awaiting approval), away. */
const BOOKED_STATUSES = new Set(['busy', 'tentative', 'oof']);
const DEFAULT_TTL_MS = 5 * 60_000;
/** As many schedules as the Graph operation puts in one call: a gone room then costs one call again, not all. */
const SCHEDULES_PER_CALL = 20;

/**
 * The linked rooms with the most bookings in their calendar over the range, as our links know them
 * (not cancelled, made before its end, not over before its start; a series counts while it lasts).
 */
async function busiestRooms(db: Db, { from, to }: { from: string; to: string }) {
  const bookings = count(bookingLinks.id);
  return db
    .select({
      mailbox: rooms.mailbox,
      displayName: rooms.displayName,
      areaId: rooms.workplaceAreaId,
      bookings,
    })
    .from(rooms)
    .leftJoin(
      bookingLinks,
      and(
        eq(bookingLinks.mailbox, rooms.mailbox),
        not(bookingLinks.isCancelled),
        lt(bookingLinks.createdAt, new Date(to)),
        or(isNull(bookingLinks.endsAt), gt(bookingLinks.endsAt, new Date(from))),
      ),
    )
    .where(eq(rooms.isEnabled, true))
    .groupBy(rooms.mailbox, rooms.displayName, rooms.workplaceAreaId)
    .orderBy(desc(bookings), rooms.displayName)
    .limit(BOOKED_HOURS_ROOM_LIMIT);
}

const isNotFound = (error: unknown) => error instanceof AppError && error.code === 'NOT_FOUND';

/**
 * Each area's opening hours and building zone, in one call (at most 25 areas and 7 days; Workplace takes
 * 50 and 62). Workplace refuses the whole call for an area it no longer has: then one call per area,
 * so a room whose area is gone shows as unknown and the others are still measured.
 */
async function readOpeningHours(
  workplace: BookedHoursDeps['workplace'],
  areaIds: string[],
  span: Interval,
): Promise<AreaAvailability[]> {
  const ask = async (ids: string[]) =>
    (await workplace.getAvailability({ areaIds: ids, from: new Date(span.start), to: new Date(span.end) })).areas;
  try {
    return await ask(areaIds);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    const each = await Promise.all(
      areaIds.map((id) => ask([id]).catch((failure: unknown) => (isNotFound(failure) ? [] : Promise.reject(failure)))),
    );
    return each.flat();
  }
}

/**
 * Free/busy of the rooms, in calls of 20. A call is made as its first room (see readExchange in
 * availability-check.ts), and Graph answers 404 for the whole call when that mailbox is gone from
 * Exchange (other unknown schedules come back as per-schedule errors): that room is then left out
 * and the call made again for the rest.
 */
async function readFreeBusy(getSchedule: GetSchedule, mailboxes: string[], span: Interval): Promise<Schedule[]> {
  const askFor = async (schedules: string[]): Promise<Schedule[]> => {
    if (schedules.length === 0) return [];
    try {
      return await getSchedule({
        schedules,
        start: toWallClock(span.start, 'UTC'),
        end: toWallClock(span.end, 'UTC'),
        // Only the items are read; the coarsest view keeps the answer small.
        intervalMinutes: 1440,
      });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      return askFor(schedules.slice(1));
    }
  };
  const calls = Array.from({ length: Math.ceil(mailboxes.length / SCHEDULES_PER_CALL) }, (_, index) =>
    mailboxes.slice(index * SCHEDULES_PER_CALL, (index + 1) * SCHEDULES_PER_CALL),
  );
  return (await Promise.all(calls.map(askFor))).flat();
}

async function measure(deps: BookedHoursDeps, { range, timeZone }: BookedHoursQuery): Promise<BookedHoursReport> {
  const { db } = deps;
  const measuredAt = deps.now();
  const window = await readActivityWindow(db, { range, timeZone, now: measuredAt });
  const [linked, roomCount] = await Promise.all([
    busiestRooms(db, window),
    db.$count(rooms, eq(rooms.isEnabled, true)),
  ]);
  const span: Interval = { start: Date.parse(window.from), end: Date.parse(window.to) };
  const [areas, schedules] =
    linked.length === 0
      ? [[], []]
      : await Promise.all([
          readOpeningHours(
            deps.workplace,
            linked.map((room) => room.areaId),
            span,
          ),
          readFreeBusy(
            deps.getSchedule,
            linked.map((room) => room.mailbox),
            span,
          ),
        ]);
  const areaById = new Map(areas.map((area) => [area.areaId, area]));
  const scheduleOf = new Map(schedules.map((schedule) => [schedule.scheduleId.toLowerCase(), schedule]));

  const measured = linked.map(({ mailbox, displayName, areaId }): RoomBookedHours => {
    const schedule = scheduleOf.get(mailbox);
    const freeBusy = schedule && !schedule.error ? 'checked' : 'unavailable';
    const area = areaById.get(areaId);
    if (!area)
      return { mailbox, displayName, openingHours: 'unknown', openHours: 0, bookedHours: 0, share: null, freeBusy };
    const busy = (freeBusy === 'checked' ? schedule!.items : [])
      .filter((item) => BOOKED_STATUSES.has(item.status))
      .map((item) => ({ start: toInstant(item.start).getTime(), end: toInstant(item.end).getTime() }));
    const share = bookedShare({ regime: area.rules.regime, timeZone: area.timeZone, busy, range: span });
    return {
      mailbox,
      displayName,
      ...share,
      ...(freeBusy === 'checked' ? {} : { bookedHours: 0, share: null }),
      freeBusy,
    };
  });
  measured.sort((a, b) => (b.share ?? -1) - (a.share ?? -1) || a.displayName.localeCompare(b.displayName));
  return {
    range,
    timeZone,
    from: window.from,
    to: window.to,
    measuredAt: measuredAt.toISOString(),
    rooms: measured,
    roomCount,
  };
}

/**
 * Per linked room (the busiest BOOKED_HOURS_ROOM_LIMIT), the share of its opening hours that its
 * Exchange calendar is booked over the activity range. Our tables cannot say it: links keep no
 * occurrence times, so free/busy comes from Graph (getSchedule) and opening hours from Workplace.
 * Both are asked once per range and zone every few minutes, however often the console reloads;
 * a failed answer is not kept.
 */
export function createBookedHoursReport(deps: BookedHoursDeps) {
  const ttlMs = deps.ttlMs ?? DEFAULT_TTL_MS;
  const cache = new Map<string, { expiresAt: number; report: Promise<BookedHoursReport> }>();
  return {
    read(query: BookedHoursQuery): Promise<BookedHoursReport> {
      const now = deps.now().getTime();
      for (const [key, entry] of cache) if (entry.expiresAt <= now) cache.delete(key);
      const key = `${query.range} ${query.timeZone}`;
      const cached = cache.get(key);
      if (cached) return cached.report;
      const entry = { expiresAt: now + ttlMs, report: measure(deps, query) };
      cache.set(key, entry);
      entry.report.catch(() => {
        if (cache.get(key) === entry) cache.delete(key);
      });
      return entry.report;
    },
  };
}
export type BookedHoursReader = ReturnType<typeof createBookedHoursReport>;
