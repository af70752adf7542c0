import type { FastifyPluginAsync } from 'fastify';
import type { AdminDirectory } from '../../admin/admin-directory.js';
import type { BookedHoursReader } from '../../admin/booked-hours-report.js';
import type { CutoverAssistant } from '../../admin/cutover-assistant.js';
import type { SendJob } from '../../admin/failed-items.js';
import type { RoomHealthDeps } from '../../admin/room-health.js';
import type { RoomLinker } from '../../admin/room-linker.js';
import { activityRoutes } from './activity-routes.js';
import { requireAdmin } from './admin-guard.js';
import type { AdminAccess } from './admin-guard.js';
import { cutoverRoutes } from './cutover-routes.js';
import { failedItemRoutes } from './failed-item-routes.js';
import { roomHealthRoutes } from './room-health-routes.js';
import { roomLinkRoutes } from './room-link-routes.js';
import { syncLogRoutes } from './sync-log-routes.js';

export type AdminApiRoutesOptions = AdminAccess &
  RoomHealthDeps & {
    directory: AdminDirectory;
    linker: RoomLinker;
    cutover: CutoverAssistant;
    sendJob: SendJob;
    /** Health's "Share of opening hours booked" (Graph free/busy and Workplace opening hours, cached). */
    bookedHours: BookedHoursReader;
    now: () => Date;
  };

/**
 * The admin console's API (`/admin/api/*`): every route needs an admin's token, checked before
 * anything else of the route runs (rate limits and body limits apply first, as for the add-in API).
 */
export const adminApiRoutes: FastifyPluginAsync<AdminApiRoutesOptions> = async (app, options) => {
  app.addHook('onRequest', requireAdmin(options));
  const { db, now } = options;
  await app.register(roomHealthRoutes, options);
  await app.register(roomLinkRoutes, { directory: options.directory, linker: options.linker });
  await app.register(syncLogRoutes, { db, linker: options.linker, now });
  await app.register(failedItemRoutes, { db, sendJob: options.sendJob, now });
  await app.register(cutoverRoutes, { cutover: options.cutover });
  await app.register(activityRoutes, { db, now, bookedHours: options.bookedHours });
};
