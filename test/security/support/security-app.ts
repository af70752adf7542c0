import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { signWorkplaceWebhook } from '../../../emulators/src/workplace/index.js';
import { buildApp } from '../../../server/src/app.js';
import { loadConfig } from '../../../server/src/config.js';
import { createNotificationIntake, createSubscriptionVerifier } from '../../../server/src/intake/index.js';
import { clientStateHashOf } from '../../../server/src/intake/subscription-verifier.js';
import { createSqlJobQueue } from '../../../server/src/jobs/index.js';
import { syncJobPolicies, workplaceFeedKey } from '../../../server/src/jobs/sync-jobs.js';
import type { SyncJobs } from '../../../server/src/jobs/sync-jobs.js';
import { addinApi } from '@workplace-sync/shared';
import { createAdminDirectory } from '../../../server/src/admin/admin-directory.js';
import type { CutoverAssistant } from '../../../server/src/admin/cutover-assistant.js';
import type { BookedHoursReader } from '../../../server/src/admin/booked-hours-report.js';
import { createRoomLinker } from '../../../server/src/admin/room-linker.js';
import { AppError } from '../../../server/src/errors.js';
import { createDrizzleBookingIntentStore } from '../../../server/src/holds/index.js';
import type { HarnessMeeting } from '../../../server/src/routes/addin-api/index.js';
import {
  bookingIntents,
  bookingLinks,
  graphNotifications,
  jobs,
  rooms,
  subscriptions,
} from '../../../server/src/storage/schema.js';
import { createTestPglite } from '../../support/test-db.js';
import { startWorkplace } from '../../support/workplace-harness.js';
import { officeJsRoot } from '../../support/full-app.js';
import { createAdminCheck } from '../../../server/src/identity/admin-rights.js';
import { API_CLIENT_ID, AUDIENCE, TENANT, createTokenForge } from './token-forge.js';

export const ANN = 'ann.organizer@contoso.com';
export const BOB = 'bob@contoso.com';
export const ADMIN = 'megan.admin@contoso.com';
export const SUBSCRIPTION_ID = 'c6126aa3-0ed8-412f-a988-71e6cee627c4';
export const CLIENT_STATE = 'client-state-of-room-brussels-0.01';
export const ROOM_MAILBOX = 'room-brussels-0.01@contoso.com';
export const WORKPLACE_WEBHOOK_SECRET = 'a-workplace-webhook-secret-0123456789';
/** Monday 2 March 2026, 10:00–11:00 in Brussels: the emulator's clock reads 09:00 there. */
export const MEETING = { start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T10:00:00.000Z' };

// Tests read answers loosely; the assertions say what they expect of them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonBody = any;

/** A collaborator no refused request may reach: every call is recorded, and fails. */
function unwired<T extends object>(name: string, calls: string[]): T {
  return new Proxy({} as T, {
    get: (_target, method) => async () => {
      calls.push(`${name}.${String(method)}`);
      throw new AppError('UNAVAILABLE', `${name} is not wired in this test`);
    },
  });
}

/**
 * The whole public surface wired as `startServer` wires it, minus the emulators' network side:
 * buildApp on a migrated PGlite with the real notification intake and subscription verifier, the real
 * SQL job queue (no workers: jobs stay visible), the Drizzle booking-intent store, the add-in API on the
 * Workplace emulator, the real token verifier over a local JWKS, the admin API (its directory and room
 * linker real, Graph's subscriptions and the cutover recorded), the admin console, the harness (fakes
 * that record) and a built pane (temporary directories). Every rate limit is off, so fuzzing is not
 * throttled.
 *
 * `fingerprint()` captures everything a request could change: the sync's tables, the Workplace
 * emulator's reservations and change feed, the harness' sent meetings, calls to Graph's subscriptions
 * and the cutover. Equal fingerprints before and after a request mean it changed nothing.
 */
export async function startSecurityApp() {
  const database = await createTestPglite();
  const workplace = await startWorkplace();
  const now = workplace.clock.now;
  const forge = await createTokenForge(now);
  const staticRoot = await mkdtemp(path.join(tmpdir(), 'security-pane-'));
  await writeFile(path.join(staticRoot, 'taskpane.html'), '<!doctype html><title>pane</title>');
  await writeFile(path.join(staticRoot, 'index.html'), '<!doctype html><title>console</title>');

  const { db } = database;
  await db.insert(rooms).values({
    workplaceAreaId: 'a-bru-0.01',
    mailbox: ROOM_MAILBOX,
    displayName: 'Atrium',
    buildingId: 'b-bru',
  });
  await db.insert(subscriptions).values({
    id: SUBSCRIPTION_ID,
    mailbox: ROOM_MAILBOX,
    resource: `/users/${ROOM_MAILBOX}/events`,
    clientStateHash: clientStateHashOf(CLIENT_STATE),
    expiresAt: new Date(Date.now() + 3 * 86_400_000),
  });

  const queue = await createSqlJobQueue<SyncJobs>(database, { policies: syncJobPolicies, onError: () => {} });
  const intake = createNotificationIntake(database);
  const sentMeetings: Array<{ organizer: string; meeting: HarnessMeeting }> = [];
  const outsideCalls: string[] = [];
  const admins = { objectIds: [forge.directory.addressUser(ADMIN)], emails: [], groupId: null };
  const adminAccess = { verifyToken: forge.verifyToken, isAdmin: createAdminCheck(admins, forge.directory) };
  const config = loadConfig({
    RATE_LIMIT_WEBHOOKS_PER_MINUTE: '0',
    RATE_LIMIT_API_PER_MINUTE: '0',
    RATE_LIMIT_HARNESS_TOKEN_PER_MINUTE: '0',
    RATE_LIMIT_OPERATIONS_PER_MINUTE: '0',
  });
  const app = await buildApp({
    config,
    database,
    graphWebhooks: { intake, subscriptionSecrets: createSubscriptionVerifier(db) },
    workplaceWebhooks: {
      secret: WORKPLACE_WEBHOOK_SECRET,
      now,
      onChanges: () => queue.send('workplace-changed', workplaceFeedKey, {}),
    },
    admin: {
      api: {
        ...adminAccess,
        db,
        workplace: workplace.client(),
        exchangeSettingsOf: async () => null,
        directory: createAdminDirectory({ db, workplace: workplace.client(), listExchangeRooms: async () => [] }),
        linker: createRoomLinker({ db, queue }),
        cutover: unwired<CutoverAssistant>('cutover', outsideCalls),
        bookedHours: unwired<BookedHoursReader>('bookedHours', outsideCalls),
        sendJob: (name, key, data) => queue.send(name as keyof SyncJobs, key, data as never),
        now,
      },
      console: {
        config: { auth: { kind: 'embedded', tokenPath: '/admin/token', user: ADMIN } },
        staticRoot,
        issueDemoAdminToken: async () => ({
          accessToken: await forge.sign(ADMIN),
          expiresAt: new Date(now().getTime() + 3_600_000).toISOString(),
        }),
      },
    },
    addin: {
      public: {
        config: {
          auth: {
            kind: 'naa',
            clientId: API_CLIENT_ID,
            authority: `https://login.microsoftonline.com/${TENANT}`,
            scopes: [`${AUDIENCE}/access_as_user`],
          },
        },
        staticRoot,
        includeHarness: true,
      },
      harness: {
        issueToken: async (user) => ({
          accessToken: await forge.sign(user),
          expiresAt: new Date(now().getTime() + 3_600_000).toISOString(),
        }),
        sendMeeting: async (organizer, meeting) => {
          sentMeetings.push({ organizer, meeting });
          return { eventId: `event-${sentMeetings.length}` };
        },
        officeJsRoot,
      },
      api: {
        workplace: workplace.client(),
        intents: createDrizzleBookingIntentStore(db),
        verifyToken: forge.verifyToken,
        allowedOrigins: [],
        now,
      },
    },
  });
  await app.ready();

  const tokens = new Map<string, string>();
  const tokenOf = async (user: string) => {
    if (!tokens.has(user)) tokens.set(user, await forge.sign(user));
    return tokens.get(user)!;
  };
  const bearer = async (user: string) => ({ authorization: `Bearer ${await tokenOf(user)}` });

  /** A hold placed by Ann (a Workplace reservation and a booking intent) for the tests to aim at. */
  const held = await app.inject({
    method: 'POST',
    url: addinApi.createBookingIntent.url,
    headers: await bearer(ANN),
    payload: {
      clientRequestId: randomUUID(),
      subject: 'Design review',
      start: MEETING.start,
      end: MEETING.end,
      timeZone: 'Europe/Brussels',
      roomId: 'a-bru-0.01',
      lines: [{ kind: 'catering', objectId: 'ci-coffee', quantity: 6 }],
    },
  });
  if (held.statusCode !== 201) throw new Error(`the test hold was not placed: ${held.statusCode} ${held.body}`);
  const hold = held.json() as { intentId: string; holds: Array<{ reservationId: string }> };
  const reservationId = hold.holds[0]!.reservationId;

  async function fingerprint(): Promise<string> {
    const tables = {
      graphNotifications: await db.select().from(graphNotifications).orderBy(asc(graphNotifications.id)),
      jobs: await db.select().from(jobs).orderBy(asc(jobs.id)),
      bookingIntents: await db.select().from(bookingIntents).orderBy(asc(bookingIntents.id)),
      bookingLinks: await db.select().from(bookingLinks).orderBy(asc(bookingLinks.id)),
      subscriptions: await db.select().from(subscriptions).orderBy(asc(subscriptions.id)),
      rooms: await db.select().from(rooms).orderBy(asc(rooms.id)),
    };
    const { reservations, feed, idempotencyKeys } = workplace.emulator.snapshot();
    return JSON.stringify({ tables, reservations, feed, idempotencyKeys, sentMeetings, outsideCalls });
  }

  /** A Workplace delivery signed as the emulator signs it (`timestamp` in unix seconds). */
  function signedWorkplaceDelivery(body: string, timestamp = Math.floor(now().getTime() / 1000)): InjectOptions {
    return {
      method: 'POST',
      url: '/webhooks/workplace',
      headers: {
        'content-type': 'application/json',
        'x-workplace-timestamp': String(timestamp),
        'x-workplace-signature': signWorkplaceWebhook(WORKPLACE_WEBHOOK_SECRET, timestamp, body),
        'x-workplace-delivery': randomUUID(),
      },
      payload: body,
    };
  }

  return {
    app,
    database,
    workplace,
    queue,
    forge,
    now,
    tokenOf,
    bearer,
    fingerprint,
    signedWorkplaceDelivery,
    sentMeetings,
    seeded: { intentId: hold.intentId, reservationId },
    close: async () => {
      await app.close();
      await intake.close();
      await queue.stop({ graceful: false });
      await workplace.close();
      await database.close();
      await rm(staticRoot, { recursive: true, force: true });
    },
  };
}

export type SecurityApp = Awaited<ReturnType<typeof startSecurityApp>>;
