import { LONG_MEETING_MINUTES, expandOccurrences, isBlocking, toInstant, toWallClock } from '@workplace-sync/shared';
import type {
  AvailabilityResponse,
  MeetingNotice,
  Occurrence,
  SeriesConflictVerdict,
  RecurrenceRule,
  Room,
  RoomAvailability,
  Unavailability,
} from '@workplace-sync/shared';
import type { GetScheduleInput, Schedule } from '../adapters/graph/operations/schedule.js';
import type { WorkplaceAvailability } from '../adapters/workplace/index.js';
import type { AddinWorkplace } from './room-catalogue.js';

/** Graph's getSchedule, as the GraphAdapter offers it. */
export type GetSchedule = (input: GetScheduleInput) => Promise<Schedule[]>;

/** A meeting's time: its first occurrence and, for a series, the rule anchored there in `timeZone`. */
export type MeetingTime = { start: Date; end: Date; timeZone: string; recurrence: RecurrenceRule | null };

type Interval = { start: number; end: number };
type AreaAvailability = WorkplaceAvailability['areas'][number];
type Regime = AreaAvailability['rules']['regime'];

const DAY_MS = 86_400_000;
/** Workplace answers at most 50 areas and 62 days per availability call; Graph's getSchedule the same span. */
const AREAS_PER_CALL = 50;
const WINDOW_MS = 60 * DAY_MS;
export const MAX_OCCURRENCES = 100;
const HORIZON_MS = 366 * DAY_MS;

const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

/** The occurrences to check: the first MAX_OCCURRENCES within a year of the start. */
export function meetingOccurrences(meeting: MeetingTime): { occurrences: Occurrence[]; hasMore: boolean } {
  const durationMs = meeting.end.getTime() - meeting.start.getTime();
  const asOccurrence = (start: number): Occurrence => ({
    start: new Date(start).toISOString(),
    end: new Date(start + durationMs).toISOString(),
  });
  if (!meeting.recurrence) return { occurrences: [asOccurrence(meeting.start.getTime())], hasMore: false };
  const seriesStart = toWallClock(meeting.start, meeting.timeZone);
  const starts = expandOccurrences(meeting.recurrence, seriesStart, {
    from: meeting.start,
    to: new Date(meeting.start.getTime() + HORIZON_MS),
  }).map((time) => toInstant(time).getTime());
  const hasMore = starts.length > MAX_OCCURRENCES || (meeting.recurrence.end.type === 'none' && starts.length > 0);
  return { occurrences: starts.slice(0, MAX_OCCURRENCES).map(asOccurrence), hasMore };
}

function windowsOf(occurrences: Occurrence[]): Array<{ from: Date; to: Date }> {
  const first = Date.parse(occurrences[0]!.start);
  const last = Math.max(...occurrences.map((occurrence) => Date.parse(occurrence.end)));
  const windows: Array<{ from: Date; to: Date }> = [];
  for (let from = first; from < last; from += WINDOW_MS) {
    windows.push({ from: new Date(from), to: new Date(Math.min(from + WINDOW_MS, last)) });
  }
  return windows;
}

const chunk = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));

/** Workplace availability per area over all windows: the rules once, the busy intervals of every window. */
async function readWorkplace(
  workplace: Pick<AddinWorkplace, 'getAvailability'>,
  rooms: Room[],
  occurrences: Occurrence[],
): Promise<Map<string, AreaAvailability>> {
  const byArea = new Map<string, AreaAvailability>();
  const calls = chunk(rooms, AREAS_PER_CALL).flatMap((group) =>
    windowsOf(occurrences).map((window) => ({ areaIds: group.map((room) => room.id), ...window })),
  );
  const answers = await Promise.all(calls.map((call) => workplace.getAvailability(call)));
  for (const area of answers.flatMap((answer) => answer.areas)) {
    const known = byArea.get(area.areaId);
    if (known) known.busy.push(...area.busy);
    else byArea.set(area.areaId, { ...area, busy: [...area.busy] });
  }
  return byArea;
}

const EXCHANGE_BUSY = new Set(['busy', 'tentative', 'oof', 'unknown']);

/** Busy intervals per room mailbox from Exchange, or null when Graph could not be asked. */
async function readExchange(
  getSchedule: GetSchedule,
  rooms: Room[],
  occurrences: Occurrence[],
): Promise<Map<string, Interval[]> | null> {
  const mailboxes = rooms.flatMap((room) => (room.mailbox ? [room.mailbox] : []));
  if (mailboxes.length === 0) return new Map();
  try {
    const answers = await Promise.all(
      windowsOf(occurrences).map((window) =>
        getSchedule({
          // No `mailbox`: each call of 20 rooms is made as its first room (always in the app's scope),
          // so the calls for hundreds of rooms (items of a few $batches) run side by side instead of
          // 4 at a time on one mailbox.
          schedules: mailboxes,
          start: toWallClock(window.from, 'UTC'),
          end: toWallClock(window.to, 'UTC'),
          // Only the items are read; the coarsest view keeps each answer small (60 digits, not 2,880).
          intervalMinutes: 1440,
        }),
      ),
    );
    const busy = new Map<string, Interval[]>();
    for (const schedule of answers.flat()) {
      if (schedule.error) continue;
      const intervals = schedule.items
        .filter((item) => EXCHANGE_BUSY.has(item.status))
        .map((item) => ({ start: toInstant(item.start).getTime(), end: toInstant(item.end).getTime() }));
      const key = schedule.scheduleId.toLowerCase();
      busy.set(key, [...(busy.get(key) ?? []), ...intervals]);
    }
    return busy;
  } catch {
    return null;
  }
}

const WEEKDAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** An instant's local time in a zone (toWallClock, or a memo of it for one check). */
type LocalTimeOf = (instant: number, timeZone: string) => { dateTime: string };

/** toWallClock remembered per zone and instant: hundreds of rooms share a few zones and the same occurrences. */
function localTimeMemo(): LocalTimeOf {
  const known = new Map<string, { dateTime: string }>();
  return (instant, timeZone) => {
    const key = `${timeZone} ${instant}`;
    let local = known.get(key);
    if (!local) known.set(key, (local = toWallClock(instant, timeZone)));
    return local;
  };
}

/** Whether the regime (opening hours in the building's zone) covers the whole occurrence. */
export function isOpen(
  regime: Regime,
  occurrence: Interval,
  timeZone: string,
  localTimeOf: LocalTimeOf = toWallClock,
): boolean {
  if (!regime) return true;
  const start = localTimeOf(occurrence.start, timeZone).dateTime;
  const end = localTimeOf(occurrence.end, timeZone).dateTime;
  const date = start.slice(0, 10);
  // A limited regime rules out bookings over several days (midnight itself still ends the first day).
  if (end.slice(0, 10) !== date && end.slice(11) !== '00:00:00') return false;
  const weekday = WEEKDAY_CODES[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
  const from = start.slice(11, 16);
  const to = end.slice(0, 10) === date ? end.slice(11, 16) : '24:00';
  return regime.openingHours.some((hours) => hours.days.includes(weekday) && hours.from <= from && to <= hours.to);
}

const SUMMARY_ORDER = { free: 0, 'needs-approval': 1, 'partly-free': 2, unavailable: 3 } as const;
/** localeCompare's order, with the collator made once (localeCompare looks one up on every call). */
const byName = new Intl.Collator();

export function assessRoom(
  room: Room,
  occurrences: Occurrence[],
  workplace: AreaAvailability | undefined,
  exchangeBusy: Interval[] | undefined,
  isEndlessSeries: boolean,
  localTimeOf: LocalTimeOf = toWallClock,
): RoomAvailability {
  const roomReasons: Unavailability[] = [];
  if (!room.mailbox) roomReasons.push({ code: 'not-linked-to-exchange', source: 'workplace' });
  if (room.approvalRequired || workplace?.rules.approvalRequired)
    roomReasons.push({ code: 'needs-approval', source: 'workplace' });
  // Workplace refuses a series without an end: it can never fit a booking window.
  if (isEndlessSeries) roomReasons.push({ code: 'outside-booking-window', source: 'workplace' });
  const bookableUntil = workplace ? Date.parse(workplace.rules.bookableUntil) : Infinity;
  const workplaceBusy = (workplace?.busy ?? []).map((entry) => ({
    start: Date.parse(entry.start),
    end: Date.parse(entry.end),
  }));

  const perOccurrence = occurrences.map((occurrence) => {
    const interval = { start: Date.parse(occurrence.start), end: Date.parse(occurrence.end) };
    const reasons = [...roomReasons];
    if (!isEndlessSeries && interval.start > bookableUntil) {
      reasons.push({
        code: 'outside-booking-window',
        source: 'workplace',
        until: new Date(bookableUntil).toISOString(),
      });
    }
    if (workplace && !isOpen(workplace.rules.regime, interval, room.timeZone, localTimeOf))
      reasons.push({ code: 'closed', source: 'workplace' });
    if (workplaceBusy.some((busy) => overlaps(busy, interval))) reasons.push({ code: 'booked', source: 'workplace' });
    else if (exchangeBusy?.some((busy) => overlaps(busy, interval)))
      reasons.push({ code: 'booked', source: 'exchange' });
    return { isBookable: reasons.every((reason) => !isBlocking(reason.code)), reasons };
  });

  const bookableOccurrences = perOccurrence.filter((occurrence) => occurrence.isBookable).length;
  const reasons = [
    ...new Map(
      perOccurrence
        .flatMap((occurrence) => occurrence.reasons)
        .map((reason) => [`${reason.code}/${reason.source}`, reason]),
    ).values(),
  ];
  const summary =
    bookableOccurrences === 0
      ? 'unavailable'
      : bookableOccurrences < occurrences.length
        ? 'partly-free'
        : reasons.some((reason) => reason.code === 'needs-approval')
          ? 'needs-approval'
          : 'free';
  return { roomId: room.id, summary, bookableOccurrences, reasons, occurrences: perOccurrence };
}

/**
 * How a room mailbox treats a series that conflicts on some dates (Exchange Set-CalendarProcessing).
 * Graph exposes none of it: only the embedded default knows it (from the Graph emulator).
 */
export type SeriesConflictTolerance = {
  allowConflicts: boolean;
  maximumConflictInstances: number;
  conflictPercentageAllowed: number;
};
/** The tolerance of each named room mailbox that has a known one, by lower-case address; read once per check. */
export type ConflictTolerancesOf = (mailboxes: string[]) => Promise<Map<string, SeriesConflictTolerance>>;

/**
 * The Resource Booking Attendant's rule for a series with `taken` of `count` occurrences conflicting:
 * with AllowConflicts it takes everything; else it declines just the conflicts when there are at most
 * MaximumConflictInstances of them and at most ConflictPercentageAllowed per cent, and the whole series
 * otherwise. The defaults (0 and 0) decline any series with a conflict.
 */
export function seriesConflictVerdict(
  tolerance: SeriesConflictTolerance | null,
  taken: number,
  count: number,
): SeriesConflictVerdict {
  if (!tolerance) return 'unknown';
  if (tolerance.allowConflicts) return 'accepted';
  const isTolerated =
    taken <= tolerance.maximumConflictInstances && (taken / count) * 100 <= tolerance.conflictPercentageAllowed;
  return isTolerated ? 'accepted' : 'declined';
}

/** Warnings about the meeting's time that do not stop it being booked (see MeetingNoticeSchema). */
export function noticesOf(meeting: Pick<MeetingTime, 'start' | 'end'>): MeetingNotice[] {
  const durationMinutes = Math.round((meeting.end.getTime() - meeting.start.getTime()) / 60_000);
  return durationMinutes > LONG_MEETING_MINUTES ? [{ code: 'long-meeting', durationMinutes }] : [];
}

/**
 * Rooms × occurrences: Workplace's answer (bookings incl. holds, booking window, opening hours,
 * approval) merged with Exchange free/busy from getSchedule (bookings made in Outlook that the sync has
 * not mirrored yet). The caller's own holds do not count as busy, on either side. Free rooms first.
 */
export async function checkAvailability(
  deps: {
    workplace: Pick<AddinWorkplace, 'getAvailability'>;
    getSchedule?: GetSchedule | undefined;
    /** Without it, a partly free series room's fate in Exchange is unknown. */
    conflictTolerancesOf?: ConflictTolerancesOf | undefined;
  },
  meeting: MeetingTime,
  rooms: Room[],
  excludeReservationIds: string[] = [],
): Promise<AvailabilityResponse> {
  const { occurrences, hasMore } = meetingOccurrences(meeting);
  const isEndlessSeries = meeting.recurrence?.end.type === 'none';
  if (occurrences.length === 0 || rooms.length === 0) {
    return {
      timeZone: meeting.timeZone,
      occurrences,
      hasMoreOccurrences: hasMore,
      exchangeFreeBusy: 'checked',
      rooms: [],
      notices: noticesOf(meeting),
    };
  }
  const [workplace, exchange] = await Promise.all([
    readWorkplace(deps.workplace, rooms, occurrences),
    deps.getSchedule ? readExchange(deps.getSchedule, rooms, occurrences) : Promise.resolve(null),
  ]);
  const excluded = new Set(excludeReservationIds);
  const roomNames = new Map(rooms.map((room) => [room.id, room.name]));
  const localTimeOf = localTimeMemo();
  const assessed = rooms.map((room) => {
    const area = workplace.get(room.id);
    const own = (area?.busy ?? []).filter((entry) => excluded.has(entry.reservationId));
    const ownIntervals = own.map((entry) => ({ start: Date.parse(entry.start), end: Date.parse(entry.end) }));
    // A sent meeting being edited is in the room's Exchange calendar too: the same interval is ours.
    const exchangeBusy = room.mailbox
      ? exchange
          ?.get(room.mailbox)
          ?.filter((busy) => !ownIntervals.some((mine) => mine.start === busy.start && mine.end === busy.end))
      : undefined;
    const others = area
      ? { ...area, busy: area.busy.filter((entry) => !excluded.has(entry.reservationId)) }
      : undefined;
    return assessRoom(room, occurrences, others, exchangeBusy, isEndlessSeries, localTimeOf);
  });
  // A series that Exchange declines whole cannot take per-date alternatives: say which rooms are which.
  if (meeting.recurrence) {
    const mailboxOf = new Map(rooms.map((room) => [room.id, room.mailbox]));
    const partlyFree = assessed.filter(
      (assessment) => assessment.summary === 'partly-free' && mailboxOf.get(assessment.roomId),
    );
    const tolerances =
      deps.conflictTolerancesOf && partlyFree.length > 0
        ? await deps.conflictTolerancesOf(partlyFree.map((assessment) => mailboxOf.get(assessment.roomId)!))
        : new Map<string, SeriesConflictTolerance>();
    for (const assessment of partlyFree) {
      const tolerance = tolerances.get(mailboxOf.get(assessment.roomId)!.toLowerCase()) ?? null;
      const taken = occurrences.length - assessment.bookableOccurrences;
      assessment.seriesConflicts = seriesConflictVerdict(tolerance, taken, occurrences.length);
    }
  }
  assessed.sort(
    (a, b) =>
      SUMMARY_ORDER[a.summary] - SUMMARY_ORDER[b.summary] ||
      b.bookableOccurrences - a.bookableOccurrences ||
      byName.compare(roomNames.get(a.roomId) ?? '', roomNames.get(b.roomId) ?? ''),
  );
  return {
    timeZone: meeting.timeZone,
    occurrences,
    hasMoreOccurrences: hasMore,
    exchangeFreeBusy: deps.getSchedule && exchange !== null ? 'checked' : 'unavailable',
    rooms: assessed,
    notices: noticesOf(meeting),
  };
}
