import { ActivityQuerySchema, ActivityReportSchema, BookedHoursReportSchema } from '@workplace-sync/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readActivityReport } from '../../admin/activity-report.js';
import type { BookedHoursReader } from '../../admin/booked-hours-report.js';
import type { Db } from '../../storage/create-db.js';

/**
 * The console's charts: change latency, backlog, failures and notifications over time, and bookings per
 * room, from our tables; and apart, as it asks Exchange and Workplace, the booked share of rooms' hours.
 */
export const activityRoutes: FastifyPluginAsyncZod<{
  db: Db;
  now: () => Date;
  bookedHours: BookedHoursReader;
}> = async (app, { db, now, bookedHours }) => {
  app.get(
    '/admin/api/activity',
    {
      schema: {
        summary:
          'Per hour over 24 hours or per day over 7 days: change latency p50/p99 per direction, backlog, failed and quarantined items, notifications; bookings per room',
        querystring: ActivityQuerySchema,
        response: { 200: ActivityReportSchema },
      },
    },
    async (request) => readActivityReport(db, { ...request.query, now: now() }),
  );
  app.get(
    '/admin/api/activity/booked-hours',
    {
      schema: {
        summary:
          'Per linked room (the 25 busiest), the share of its Workplace opening hours booked in Exchange over the last 24 hours or 7 days; cached a few minutes',
        querystring: ActivityQuerySchema,
        response: { 200: BookedHoursReportSchema },
      },
    },
    async (request) => bookedHours.read(request.query),
  );
};
