import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { GraphError } from '../odata/graph-error.js';
import type { EmulatorSeed, SeedApp, SeedGroup, SeedUser } from '../seed/emulator-seed.js';
import type { RegisteredApp } from '../auth/app-registry.js';
import type { DelegatedTokenOptions, GraphEmulatorControl } from './graph-emulator-control.js';
import type { LatencyFault, NotificationFault, StatusFault } from './fault-injector.js';
import type { OutlookAction } from './outlook-meeting.js';

export type ControlRoutesOptions = { control: GraphEmulatorControl };

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

type Body<T> = FastifyRequest<{ Body: T; Params: Record<string, string>; Querystring: Record<string, string> }>;

function durationOf(body: { ms?: number; seconds?: number; minutes?: number; hours?: number; days?: number }): number {
  return (
    (body.ms ?? 0) +
    (body.seconds ?? 0) * 1000 +
    (body.minutes ?? 0) * 60_000 +
    (body.hours ?? 0) * 3_600_000 +
    (body.days ?? 0) * 86_400_000
  );
}

/**
 * /_emulator/*: the test and demo hooks (reset and seed, act as an Outlook user, read mailboxes, move
 * time, inject faults). Only loopback callers may use it; nothing here exists in real Graph.
 */
export const controlRoutes: FastifyPluginAsync<ControlRoutesOptions> = async (app, { control }) => {
  app.addHook('onRequest', async (request, reply) => {
    if (!LOOPBACK.has(request.socket.remoteAddress ?? '')) {
      return reply.code(403).send({
        error: { code: 'Forbidden', message: 'The emulator control API is only available from loopback addresses.' },
      });
    }
  });
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof GraphError)
      return reply.code(error.status).send({ error: { code: error.code, message: error.message } });
    const message = error instanceof Error ? error.message : String(error);
    return reply.code(400).send({ error: { code: 'BadRequest', message } });
  });

  app.post('/reset', async (request: Body<{ seed?: EmulatorSeed | 'demo' | 'empty' } | undefined>) => {
    control.reset(request.body?.seed ?? 'empty');
    return { mailboxes: control.mailboxes().length };
  });
  app.post('/seed', async (request: Body<EmulatorSeed>) => {
    control.seed(request.body ?? {});
    return { mailboxes: control.mailboxes().length };
  });
  app.post('/apps', async (request: Body<SeedApp>, reply) => reply.code(201).send(control.registerApp(request.body)));
  app.put('/apps/:clientId/mailbox-scope', async (request: Body<{ mailboxScope: RegisteredApp['mailboxScope'] }>) =>
    control.setMailboxScope(request.params.clientId!, request.body.mailboxScope),
  );
  app.post('/tokens/app', async (request: Body<{ clientId: string }>) => ({
    access_token: await control.issueAppToken(request.body.clientId),
  }));
  app.post('/tokens/delegated', async (request: Body<DelegatedTokenOptions>) => ({
    access_token: await control.issueDelegatedToken({ issuerBaseUrl: `https://${request.host}`, ...request.body }),
  }));

  app.get('/mailboxes', async () => ({ value: control.mailboxes() }));
  app.post('/users', async (request: Body<SeedUser>, reply) => reply.code(201).send(control.addUser(request.body)));
  app.get('/groups', async () => ({ value: control.groups() }));
  app.post('/groups', async (request: Body<SeedGroup>, reply) => reply.code(201).send(control.addGroup(request.body)));
  app.put('/groups/:id/members', async (request: Body<{ members: string[] }>) =>
    control.setGroupMembers(request.params.id!, request.body.members),
  );
  app.get('/mailboxes/:email/events', async (request: Body<unknown>) => {
    const { startDateTime, endDateTime } = request.query;
    return {
      value: control.mailboxEvents(
        request.params.email!,
        startDateTime && endDateTime ? { start: startDateTime, end: endDateTime } : {},
      ),
    };
  });
  app.get('/mailboxes/:email/messages', async (request: Body<unknown>) => ({
    value: control.messages(request.params.email!),
  }));
  app.post('/users/:email/events', async (request: Body<OutlookAction>, reply) => {
    const event = control.actAsUser(request.params.email!, request.body);
    return event ? reply.code(request.body.action === 'create' ? 201 : 200).send(event) : reply.code(204).send();
  });

  app.post('/rooms/:email/events/:eventId/check-in', async (request: Body<unknown>, reply) => {
    control.rooms.checkIn(request.params.email!, request.params.eventId!);
    return reply.code(204).send();
  });
  app.post('/rooms/:email/events/:eventId/release', async (request: Body<unknown>, reply) => {
    await control.rooms.releaseNow(request.params.email!, request.params.eventId!);
    return reply.code(204).send();
  });
  app.post('/rooms/auto-release', async () => ({ released: await control.rooms.autoRelease() }));

  app.get('/clock', async () => ({ now: control.clock.now().toISOString(), frozen: control.clock.isFrozen() }));
  app.post('/clock/freeze', async (request: Body<{ at?: string } | undefined>) => {
    await control.clock.freeze(request.body?.at);
    return { now: control.clock.now().toISOString(), frozen: true };
  });
  app.post('/clock/resume', async () => {
    control.clock.resume();
    return { now: control.clock.now().toISOString(), frozen: false };
  });
  app.post(
    '/clock/advance',
    async (request: Body<{ ms?: number; seconds?: number; minutes?: number; hours?: number; days?: number }>) => {
      await control.clock.advance(durationOf(request.body ?? {}));
      return { now: control.clock.now().toISOString(), frozen: control.clock.isFrozen() };
    },
  );
  app.post('/clock/set', async (request: Body<{ now: string }>) => {
    await control.clock.set(request.body.now);
    return { now: control.clock.now().toISOString(), frozen: control.clock.isFrozen() };
  });

  app.post(
    '/faults/throttle',
    async (
      request: Body<{ count: number; mailbox?: string; status?: 429 | 503; retryAfterSeconds?: number }>,
      reply,
    ) => {
      control.faults.throttle(request.body);
      return reply.code(204).send();
    },
  );
  app.post('/faults/errors', async (request: Body<StatusFault>, reply) => {
    control.faults.errors(request.body);
    return reply.code(204).send();
  });
  app.post('/faults/latency', async (request: Body<LatencyFault>, reply) => {
    control.faults.latency(request.body);
    return reply.code(204).send();
  });
  app.post('/faults/notifications', async (request: Body<NotificationFault>, reply) => {
    control.faults.notifications(request.body);
    return reply.code(204).send();
  });
  app.post('/faults/delta/expire-tokens', async (request: Body<{ mailbox?: string } | undefined>) => ({
    expired: control.faults.expireDeltaTokens(request.body?.mailbox),
  }));
  app.post('/faults/delta/empty-pages', async (request: Body<{ count: number }>, reply) => {
    control.faults.emptyDeltaPages(request.body.count);
    return reply.code(204).send();
  });
  app.delete('/faults', async (_request, reply) => {
    control.faults.clear();
    return reply.code(204).send();
  });

  app.get('/subscriptions', async () => ({ value: control.subscriptions() }));
  app.post('/subscriptions/:id/remove', async (request: Body<{ notify?: boolean } | undefined>, reply) => {
    control.removeSubscription(request.params.id!, { notify: request.body?.notify ?? true });
    return reply.code(204).send();
  });
  app.post('/subscriptions/:id/reauthorization-required', async (request: Body<unknown>, reply) => {
    control.requireReauthorization(request.params.id!);
    return reply.code(204).send();
  });
  app.post('/subscriptions/:id/missed', async (request: Body<unknown>, reply) => {
    control.sendMissed(request.params.id!);
    return reply.code(204).send();
  });

  app.get('/deliveries', async () => ({ value: control.deliveries() }));
  app.post('/idle', async () => {
    await control.idle();
    return { idle: true };
  });
};
