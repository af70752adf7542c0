import { RecurrenceRuleSchema, ianaFromGraphZone, toWallClock } from '@workplace-sync/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toGraphRecurrence } from '../../adapters/graph/recurrence.js';
import { AppError } from '../../errors.js';
import { sendFilesFrom } from '../../plugins/static-files.js';

/** A meeting as the harness sends it: what Outlook would send for the simulated appointment. */
export type HarnessMeeting = {
  subject: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  attendees: string[];
  rooms: string[];
  /** Graph patternedRecurrence, as Outlook's recurrence dialog produces it. */
  recurrence?: unknown;
};

export type HarnessRoutesOptions = {
  /** A delegated token for the add-in API, minted by the Graph emulator's issuer for this user. */
  issueToken: (user: string) => Promise<{ accessToken: string; expiresAt: string }>;
  /** Creates the meeting in the organizer's calendar through the Graph emulator's act-as-a-user API. */
  sendMeeting: (organizer: string, meeting: HarnessMeeting) => Promise<{ eventId: string }>;
  /** `@microsoft/office-js`'s dist folder: the harness loads the real office.js from here (no network). */
  officeJsRoot: string;
  /** Tokens for any user: by default only browsers on this machine may ask (like the emulators' control APIs). */
  allowRemote?: boolean;
};

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

const SendSchema = z.object({
  organizer: z.email(),
  subject: z.string().max(255),
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }),
  timeZone: z.string().min(1),
  recurrence: RecurrenceRuleSchema.nullable(),
  attendees: z.array(z.email()).max(50),
  rooms: z.array(z.email()).max(10),
});

const SAFE_OFFICE_FILE = /^[\w.-]+\.js$/;

/**
 * The harness page's server side (embedded default only; never registered with real credentials):
 * a token for the simulated user, "Send" as Outlook would, and the office.js files.
 */
export const harnessRoutes: FastifyPluginAsyncZod<HarnessRoutesOptions> = async (app, options) => {
  app.addHook('onRequest', async (request) => {
    if (!options.allowRemote && !LOOPBACK.has(request.socket.remoteAddress ?? '')) {
      throw new AppError('FORBIDDEN', 'The harness is only available from this machine');
    }
  });
  app.post('/harness/token', { schema: { body: z.object({ user: z.email() }) } }, async (request) =>
    options.issueToken(request.body.user.toLowerCase()),
  );

  app.post('/harness/send', { schema: { body: SendSchema } }, async (request, reply) => {
    const body = request.body;
    let zone: string;
    try {
      zone = ianaFromGraphZone(body.timeZone);
    } catch {
      throw new AppError('INVALID_REQUEST', `Unknown time zone '${body.timeZone}'`);
    }
    const start = toWallClock(new Date(body.start), zone);
    const meeting: HarnessMeeting = {
      subject: body.subject,
      start,
      end: toWallClock(new Date(body.end), zone),
      attendees: body.attendees,
      rooms: body.rooms,
      ...(body.recurrence ? { recurrence: toGraphRecurrence(body.recurrence, start) } : {}),
    };
    return reply.code(201).send(await options.sendMeeting(body.organizer, meeting));
  });

  // office.js loads its helpers (o15apptofilemappingtable.js, …) next to itself: only a plain `*.js`
  // name at the top of its dist folder is looked up (a missing one is our 404).
  await sendFilesFrom(app, options.officeJsRoot);
  app.get('/harness/office-js/:file', async (request, reply) => {
    const { file } = request.params as { file: string };
    if (!SAFE_OFFICE_FILE.test(file)) throw new AppError('NOT_FOUND', `No office.js file ${file}`);
    return reply.sendFile(file);
  });
};
