import type { FastifyPluginAsync } from 'fastify';
import { windowsFromIana } from '@workplace-sync/shared';
import type { CalendarStore } from '../calendar/calendar-store.js';
import { readDateTimeTimeZone } from '../calendar/graph-time-zone.js';
import { GraphError } from '../odata/graph-error.js';
import { toGraphLocalDateTime } from '../odata/graph-date-time.js';
import { readPreferences } from '../odata/prefer-header.js';
import { serviceRootOf } from '../odata/service-root.js';
import { openMailbox } from '../events/mailbox-access.js';
import type { MailboxAccessDeps } from '../events/mailbox-access.js';
import { mailboxRoute } from '../events/mailbox-routes.js';
import { renderZoneOf } from '../events/event-rendering.js';
import type { Mailbox } from '../directory/directory.js';
import { availabilityView } from './availability.js';

export type ScheduleRoutesOptions = MailboxAccessDeps & { calendars: CalendarStore };

const MAX_SCHEDULES = 100;
const MAX_WINDOW_DAYS = 62;
const DAY_MS = 86_400_000;

/**
 * Exchange's availability service refuses a window longer than 62 days, naming the requested length in
 * whole days (outlook-get-free-busy-schedule.md; microsoft-graph-docs PR #19703 quotes "The allowed
 * limit = 62 days; the actual limit = 63 days.").
 */
function assertWindowLength(start: Date, end: Date): void {
  const days = (end.getTime() - start.getTime()) / DAY_MS;
  if (days <= MAX_WINDOW_DAYS) return;
  throw new GraphError(
    400,
    'ErrorTimeIntervalTooBig',
    `The requested time duration specified for FreeBusyViewOptions.TimeWindow is too long. The allowed limit = ${MAX_WINDOW_DAYS} days; the actual limit = ${Math.ceil(days)} days.`,
  );
}

function workingHoursOf(mailbox: Mailbox) {
  return {
    daysOfWeek: mailbox.workingHours.daysOfWeek,
    startTime: `${mailbox.workingHours.startTime}.0000000`,
    endTime: `${mailbox.workingHours.endTime}.0000000`,
    timeZone: { name: windowsFromIana(mailbox.timeZone) },
  };
}

/** POST /users/{id}/calendar/getSchedule: free/busy of users and rooms ([SCHED], [SCHINFO], fixtures/graph/getschedule-*.json). */
export const scheduleRoutes: FastifyPluginAsync<ScheduleRoutesOptions> = async (app, options) => {
  const { directory, calendars } = options;
  mailboxRoute(app, 'POST', '/calendar/getSchedule', async (request, _reply, user) => {
    await openMailbox(request, user, 'read', options);
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (
      !Array.isArray(body.schedules) ||
      body.schedules.length === 0 ||
      body.schedules.some((entry) => typeof entry !== 'string')
    ) {
      throw new GraphError(
        400,
        'ErrorInvalidParameter',
        "The parameter 'schedules' is required and must be a list of SMTP addresses.",
      );
    }
    if (body.schedules.length > MAX_SCHEDULES)
      throw new GraphError(400, 'ErrorInvalidParameter', `At most ${MAX_SCHEDULES} schedules can be requested.`);
    const interval = body.availabilityViewInterval === undefined ? 30 : Number(body.availabilityViewInterval);
    if (!Number.isInteger(interval) || interval < 5 || interval > 1440) {
      throw new GraphError(
        400,
        'ErrorInvalidParameter',
        'availabilityViewInterval must be between 5 and 1440 minutes.',
      );
    }
    const start = readDateTimeTimeZone(body.startTime, 'startTime', 'UTC').instant;
    const end = readDateTimeTimeZone(body.endTime, 'endTime', 'UTC').instant;
    if (end <= start) throw new GraphError(400, 'ErrorInvalidParameter', 'endTime must be after startTime.');
    assertWindowLength(start, end);
    const zone = renderZoneOf(readPreferences(request.headers));
    const value = (body.schedules as string[]).map((scheduleId) => {
      const mailbox = directory.find(scheduleId);
      if (!mailbox) {
        return {
          scheduleId,
          availabilityView: '',
          scheduleItems: [],
          error: {
            message: `The requested user '${scheduleId}' is invalid.`,
            responseCode: 'ErrorMailRecipientNotFound',
          },
        };
      }
      const items = calendars
        .calendarOf(mailbox.id)
        .instancesIn(start, end)
        .filter((item) => !item.isCancelled && item.showAs !== 'free');
      return {
        scheduleId,
        availabilityView: availabilityView(items, start, end, interval),
        scheduleItems: items.map((item) => {
          const isPrivate = item.sensitivity === 'private';
          return {
            isPrivate,
            status: item.showAs,
            ...(isPrivate ? {} : { subject: item.subject, location: item.location.displayName }),
            start: { dateTime: toGraphLocalDateTime(item.start, zone.iana), timeZone: zone.name },
            end: { dateTime: toGraphLocalDateTime(item.end, zone.iana), timeZone: zone.name },
          };
        }),
        workingHours: workingHoursOf(mailbox),
      };
    });
    return {
      '@odata.context': `${serviceRootOf(request)}/$metadata#Collection(microsoft.graph.scheduleInformation)`,
      value,
    };
  });
};
