import { ActivityQuerySchema, ActivityReportSchema } from '@workplace-sync/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readActivityReport } from '../../admin/activity-report.js';
import type { Db } from '../../storage/create-db.js';

/** The console's charts: change latency, backlog, failures and notifications over time, and bookings per room. */
export const activityRoutes: FastifyPluginAsyncZod<{ db: Db; now: () => Date }> = async (app, { db, now }) => {
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
};
