import type { FastifyPluginAsync, InjectOptions, LightMyRequestResponse } from 'fastify';
import { graphAuthentication } from './auth/graph-caller.js';
import { batchRoute } from './batch/batch-route.js';
import { deltaRoutes } from './delta/delta-routes.js';
import { eventRoutes } from './events/event-routes.js';
import { messageRoutes } from './mail/message-routes.js';
import { graphConventions } from './odata/graph-conventions.js';
import { placesRoutes } from './places/places-routes.js';
import { scheduleRoutes } from './schedule/schedule-routes.js';
import { subscriptionRoutes } from './subscriptions/subscription-routes.js';
import { userRoutes } from './users/user-routes.js';
import type { EmulatorState } from './emulator-state.js';
import type { ResolvedEmulatorOptions } from './emulator-options.js';

export type GraphApiOptions = {
  state: EmulatorState;
  settings: ResolvedEmulatorOptions;
  inject: (options: InjectOptions) => Promise<LightMyRequestResponse>;
};

/** Everything under /v1.0 (and /beta, which serves the same): Graph's conventions, auth, and the resources. */
export const graphApi: FastifyPluginAsync<GraphApiOptions> = async (app, { state, settings, inject }) => {
  const now = () => state.clock.now();
  const access = { directory: state.directory, throttle: state.throttle, faults: state.faults };
  await app.register(graphConventions, { now });
  await app.register(graphAuthentication, { issuer: state.issuer, apps: state.apps });

  app.addHook('preHandler', async (request) => {
    // Faults bound to no mailbox hit every request; the $batch envelope leaves them to its items.
    if (!request.url.includes('/$batch'))
      await state.faults.apply({ method: request.method, path: request.url }, 'request');
  });
  app.addHook('onResponse', async (request) => state.throttle.release(request));
  app.addHook('onRequestAbort', async (request) => state.throttle.release(request));

  await app.register(eventRoutes, { ...access, calendars: state.calendars, writer: state.writer });
  await app.register(messageRoutes, { ...access, messages: state.messages });
  await app.register(deltaRoutes, {
    ...access,
    calendars: state.calendars,
    states: state.deltaStates,
    noise: state.noise,
    emptyPageProbability: settings.noise.emptyDeltaPageProbability,
  });
  await app.register(subscriptionRoutes, {
    directory: state.directory,
    subscriptions: state.subscriptions,
    notifications: state.notifications,
    random: state.ids,
    nowMs: () => state.clock.nowMs(),
    maxExpirationMinutes: settings.subscriptions.maxExpirationMinutes,
    rejectDuplicates: settings.subscriptions.rejectDuplicates,
    validationTimeoutMs: settings.subscriptions.validationTimeoutMs,
    tls: settings.notificationTls,
  });
  await app.register(scheduleRoutes, { ...access, calendars: state.calendars });
  await app.register(placesRoutes, { directory: state.directory });
  await app.register(userRoutes, { directory: state.directory });
  await app.register(batchRoute, { inject });
};
