import type { WallClockTime, Weekday } from '@workplace-sync/shared';
import { fromGraphDateTime, resolveGraphZone, toGraphDateTime } from '../mapping/graph-time.js';
import { GraphScheduleResponse } from '../schemas/graph-schedule.js';
import type { GraphScheduleInformation } from '../schemas/graph-schedule.js';
import { parseGraphBody } from '../transport/graph-http.js';
import type { GraphHttp } from '../transport/graph-http.js';
import { mailboxPath, preferHeader } from './graph-request-parts.js';

/** Graph does not document a maximum; small calls keep answers fast and within Outlook's limits. */
const SCHEDULES_PER_CALL = 20;

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

/** Free/busy of rooms (or people) for a time range, in calls of at most 20 schedules. */
export async function getSchedule(http: GraphHttp, input: GetScheduleInput): Promise<Schedule[]> {
  const timeZone = input.start.timeZone;
  const chunks: string[][] = [];
  for (let offset = 0; offset < input.schedules.length; offset += SCHEDULES_PER_CALL) {
    chunks.push(input.schedules.slice(offset, offset + SCHEDULES_PER_CALL));
  }
  const answers = await Promise.all(
    chunks.map(async (schedules) => {
      const mailbox = input.mailbox ?? schedules[0]!;
      const { body } = await http.send({
        method: 'POST',
        path: `${mailboxPath(mailbox)}/calendar/getSchedule`,
        mailbox,
        headers: preferHeader({ timeZone }),
        body: {
          schedules,
          startTime: toGraphDateTime(input.start),
          endTime: toGraphDateTime(input.end),
          availabilityViewInterval: input.intervalMinutes ?? 30,
        },
      });
      return parseGraphBody(GraphScheduleResponse, body, 'getSchedule response').value;
    }),
  );
  return answers.flat().map((information) => fromGraphSchedule(information, timeZone));
}
