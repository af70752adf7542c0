import type { WallClockTime, Weekday } from '@workplace-sync/shared';
import pLimit from 'p-limit';
import { upstreamFailed } from '../graph-errors.js';
import { fromGraphDateTime, resolveGraphZone, toGraphDateTime } from '../mapping/graph-time.js';
import { GraphScheduleResponse } from '../schemas/graph-schedule.js';
import type { GraphScheduleInformation } from '../schemas/graph-schedule.js';
import { MAX_BATCH_SIZE, batchItemError, sendBatch } from '../transport/batch.js';
import { parseGraphBody } from '../transport/graph-http.js';
import type { GraphHttp } from '../transport/graph-http.js';
import { mailboxPath, preferHeader } from './graph-request-parts.js';

/**
 * Graph documents getSchedule for up to 20 schedules at once (outlook-get-free-busy-schedule.md);
 * Exchange itself refuses only more than 100 (ErrorMailboxDataArrayTooBig), which we do not rely on.
 */
const SCHEDULES_PER_CALL = 20;
/** `$batch`es of getSchedule calls in flight at once for one time range (80 calls, 1,600 rooms). */
const BATCHES_IN_FLIGHT = 4;

/** `availabilityView` has one digit per interval: 0 free, 1 tentative, 2 busy, 3 oof, 4 workingElsewhere. */
export type FreeBusyStatus = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';

export type ScheduleItem = {
  status: FreeBusyStatus;
  start: WallClockTime;
  end: WallClockTime;
  /** Missing when the mailbox shares free/busy only. */
  subject: string | null;
  location: string | null;
  isPrivate: boolean;
};

export type WorkingHours = {
  daysOfWeek: Weekday[];
  /** 'HH:mm:ss' in `timeZone`. */
  startTime: string;
  endTime: string;
  /** IANA; a customised zone ("Customized Time Zone", no rules we can read) reads as the requested zone. */
  timeZone: string;
};

export type Schedule = {
  scheduleId: string;
  availabilityView: string;
  items: ScheduleItem[];
  workingHours: WorkingHours | null;
  /** Per-schedule failure (unknown mailbox, no permission) while the call itself succeeded. */
  error: { message: string; responseCode: string | null } | null;
};

export type GetScheduleInput = {
  /**
   * The mailbox the calls are made as (`/users/{id}/calendar/getSchedule`); app-only, any mailbox of
   * the tenant. Without it each call (of at most 20 schedules) is made as its own first schedule, so
   * the calls for many rooms spread over as many mailboxes and are not held to the per-mailbox limit
   * of 4 requests at a time that one mailbox would impose on all of them.
   */
  mailbox?: string;
  schedules: string[];
  /** Start and end, read in their zone; the answer's times come back in `start.timeZone`. */
  start: WallClockTime;
  end: WallClockTime;
  /** 5 to 1440 minutes; Graph's default is 30. */
  intervalMinutes?: number;
};

const FREE_BUSY: readonly FreeBusyStatus[] = ['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown'];
const WEEKDAY_OF: Record<string, Weekday> = {
  monday: 'MO',
  tuesday: 'TU',
  wednesday: 'WE',
  thursday: 'TH',
  friday: 'FR',
  saturday: 'SA',
  sunday: 'SU',
};

function freeBusyOf(status: string): FreeBusyStatus {
  return FREE_BUSY.find((value) => value.toLowerCase() === status.toLowerCase()) ?? 'unknown';
}

/** Graph's `Edm.TimeOfDay` ('08:00:00.0000000') to 'HH:mm:ss'. */
const timeOfDay = (value: string): string => value.slice(0, 8);

function fromGraphWorkingHours(information: GraphScheduleInformation, timeZone: string): WorkingHours | null {
  const hours = information.workingHours;
  if (!hours?.startTime || !hours.endTime) return null;
  return {
    daysOfWeek: (hours.daysOfWeek ?? [])
      .map((day) => WEEKDAY_OF[day.toLowerCase()])
      .filter((day): day is Weekday => day !== undefined),
    startTime: timeOfDay(hours.startTime),
    endTime: timeOfDay(hours.endTime),
    timeZone: resolveGraphZone(hours.timeZone?.name ?? timeZone, timeZone),
  };
}

export function fromGraphSchedule(information: GraphScheduleInformation, timeZone: string): Schedule {
  return {
    scheduleId: information.scheduleId,
    availabilityView: information.availabilityView ?? '',
    items: (information.scheduleItems ?? []).map((item) => ({
      status: freeBusyOf(item.status),
      start: fromGraphDateTime(item.start, timeZone),
      end: fromGraphDateTime(item.end, timeZone),
      subject: item.subject ?? null,
      location: item.location ?? null,
      isPrivate: item.isPrivate === true,
    })),
    workingHours: fromGraphWorkingHours(information, timeZone),
    error: information.error?.message
      ? { message: information.error.message, responseCode: information.error.responseCode ?? null }
      : null,
  };
}

/**
 * Free/busy of rooms (or people) for a time range, in calls of at most 20 schedules. Several calls go
 * as items of `$batch`es (20 calls, 400 schedules, per batch; a few batches at a time): Graph evaluates
 * each item against its own mailbox's limits as if sent alone, while the round trips drop twentyfold
 * (500 rooms over two windows: 4 requests instead of 50). A throttled item is retried by sendBatch; any
 * other failed item fails the whole answer, as a failed call does.
 */
export async function getSchedule(http: GraphHttp, input: GetScheduleInput): Promise<Schedule[]> {
  const timeZone = input.start.timeZone;
  const calls: Array<{ mailbox: string; schedules: string[] }> = [];
  for (let offset = 0; offset < input.schedules.length; offset += SCHEDULES_PER_CALL) {
    const schedules = input.schedules.slice(offset, offset + SCHEDULES_PER_CALL);
    calls.push({ mailbox: input.mailbox ?? schedules[0]!, schedules });
  }
  const bodyOf = (schedules: string[]) => ({
    schedules,
    startTime: toGraphDateTime(input.start),
    endTime: toGraphDateTime(input.end),
    availabilityViewInterval: input.intervalMinutes ?? 30,
  });
  const pathOf = (mailbox: string) => `${mailboxPath(mailbox)}/calendar/getSchedule`;
  const parse = (body: unknown) =>
    parseGraphBody(GraphScheduleResponse, body, 'getSchedule response').value.map((information) =>
      fromGraphSchedule(information, timeZone),
    );

  if (calls.length === 1) {
    const [{ mailbox, schedules }] = calls as [(typeof calls)[number]];
    const { body } = await http.send({
      method: 'POST',
      path: pathOf(mailbox),
      mailbox,
      headers: preferHeader({ timeZone }),
      body: bodyOf(schedules),
    });
    return parse(body);
  }
  const batches: Array<typeof calls> = [];
  for (let offset = 0; offset < calls.length; offset += MAX_BATCH_SIZE) {
    batches.push(calls.slice(offset, offset + MAX_BATCH_SIZE));
  }
  const inFlight = pLimit(BATCHES_IN_FLIGHT);
  const answers = await Promise.all(
    batches.map((batch) =>
      inFlight(async () => {
        const items = batch.map(({ mailbox, schedules }, index) => ({
          id: String(index),
          method: 'POST' as const,
          // Relative to the version, as $batch items are.
          url: pathOf(mailbox),
          headers: preferHeader({ timeZone }),
          body: bodyOf(schedules),
        }));
        const results = await sendBatch(http, items, { mailboxes: batch.map((call) => call.mailbox) });
        return items.flatMap((item) => {
          const result = results.get(item.id);
          if (!result) throw upstreamFailed(`$batch answer has no item ${item.id} (getSchedule)`, undefined);
          if (result.status < 200 || result.status >= 300) throw batchItemError(result, http.retryPolicy.now());
          return parse(result.body);
        });
      }),
    ),
  );
  return answers.flat();
}
