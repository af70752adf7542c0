import { generate } from 'selfsigned';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Booking } from '@workplace-sync/shared';
import { connectToEmulatedGraph, readClientCertificate } from '../../../../../server/src/adapters/graph/index.js';
import type { GraphAdapter } from '../../../../../server/src/adapters/graph/index.js';
import { AppError } from '../../../../../server/src/errors.js';
import { aBooking } from '../../../../support/builders.js';
import {
  BRUSSELS_ROOM,
  DEMO_TENANT_ID,
  EMULATED_MEETING,
  OTHER_BRUSSELS_ROOM,
  startEmulatedGraph,
} from './support/emulated-graph.js';
import type { EmulatedGraph } from './support/emulated-graph.js';

let env: EmulatedGraph;
let graph: GraphAdapter;

beforeAll(async () => {
  env = await startEmulatedGraph();
  graph = env.connect();
});
afterAll(() => env.close());
beforeEach(() => {
  env.emulator.control.reset('demo');
  env.sleeps.length = 0;
  env.exchanges.length = 0;
});

/** The emulated meeting without attendees. */
const alone: Partial<Booking> = { ...EMULATED_MEETING, participants: [] };
const window = { start: new Date('2030-03-01T00:00:00Z'), end: new Date('2030-04-01T00:00:00Z') };
const failure = async (promise: Promise<unknown>): Promise<AppError> => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};
const statuses = () =>
  env.exchanges.filter((exchange) => exchange.url.pathname.startsWith('/v1.0/')).map((exchange) => exchange.status);

describe('throttling and server errors', () => {
  test('429 ApplicationThrottled with Retry-After is waited out and retried', async () => {
    const created = await graph.createEvent(BRUSSELS_ROOM, aBooking(alone), {
      transactionId: 't-1',
      reservationId: 'R-1',
    });
    env.exchanges.length = 0;
    env.emulator.control.faults.throttle({ count: 2, mailbox: BRUSSELS_ROOM.address, retryAfterSeconds: 2 });
    const read = await graph.getEvent(BRUSSELS_ROOM, created.id);
    expect(read.reservationId).toBe('R-1');
    expect(env.sleeps).toEqual([2_000, 2_000]);
    expect(statuses()).toEqual([429, 429, 200]);
  });

  test('503 with Retry-After (MailboxConcurrency as 503) and 504 are retried too', async () => {
    env.emulator.control.faults.throttle({
      count: 1,
      mailbox: BRUSSELS_ROOM.address,
      status: 503,
      retryAfterSeconds: 1,
    });
    env.emulator.control.faults.errors({ status: 504, count: 1, mailbox: BRUSSELS_ROOM.address });
    const round = await graph.readDeltaRound(BRUSSELS_ROOM, { window });
    expect(round.events).toEqual([]);
    expect(statuses()).toEqual([503, 504, 200]);
  });

  test('throttling that outlasts the attempts is THROTTLED with the last Retry-After', async () => {
    const impatient = env.connect({ maxAttempts: 3 });
    env.emulator.control.faults.throttle({ count: 10, mailbox: BRUSSELS_ROOM.address, retryAfterSeconds: 3 });
    const error = await failure(impatient.readDeltaRound(BRUSSELS_ROOM, { window }));
    expect(error.code).toBe('THROTTLED');
    expect(error.details.retryAfterMs).toBe(3_000);
    expect(statuses()).toEqual([429, 429, 429]);
  });

  test('a 500 is UPSTREAM_FAILED at once', async () => {
    env.emulator.control.faults.errors({ status: 500, count: 1, mailbox: BRUSSELS_ROOM.address });
    expect((await failure(graph.readDeltaRound(BRUSSELS_ROOM, { window }))).code).toBe('UPSTREAM_FAILED');
    expect(statuses()).toEqual([500]);
  });

  test('throttled items inside $batch are retried after their Retry-After', async () => {
    const events = await Promise.all(
      ['A', 'B', 'C'].map((subject) =>
        graph.createEvent(BRUSSELS_ROOM, aBooking({ ...alone, subject }), {
          transactionId: `t-${subject}`,
          reservationId: `R-${subject}`,
        }),
      ),
    );
    env.exchanges.length = 0;
    env.emulator.control.faults.throttle({
      count: 2,
      mailbox: BRUSSELS_ROOM.address,
      pathContains: '/events/',
      retryAfterSeconds: 4,
    });
    const read = await graph.getEvents(
      BRUSSELS_ROOM,
      events.map((event) => event.id),
    );
    expect([...read.values()].map((event) => (event instanceof AppError ? event.code : event.reservationId))).toEqual([
      'R-A',
      'R-B',
      'R-C',
    ]);
    expect(env.sleeps).toEqual([4_000]);
    expect(env.exchanges.filter((exchange) => exchange.url.pathname === '/v1.0/$batch')).toHaveLength(2);
  });
});

describe('per-mailbox concurrency against Graph limit of 4', () => {
  const burst = async (adapter: GraphAdapter, eventId: string) => {
    env.emulator.control.faults.latency({ ms: 60, count: 12, mailbox: BRUSSELS_ROOM.address });
    env.exchanges.length = 0;
    env.sleeps.length = 0;
    return Promise.allSettled(Array.from({ length: 12 }, () => adapter.getEvent(BRUSSELS_ROOM, eventId)));
  };

  test('12 parallel reads of one room stay within 4 in flight: Graph never throttles', async () => {
    const created = await graph.createEvent(BRUSSELS_ROOM, aBooking(alone), {
      transactionId: 't-c',
      reservationId: 'R-c',
    });
    const results = await burst(graph, created.id);
    expect(results.every((result) => result.status === 'fulfilled')).toBe(true);
    expect(statuses().filter((status) => status === 429)).toEqual([]);
  });

  test('the same burst with a limit of 8 is throttled by the emulator (the limit is what keeps Graph quiet)', async () => {
    const created = await graph.createEvent(BRUSSELS_ROOM, aBooking(alone), {
      transactionId: 't-c8',
      reservationId: 'R-c8',
    });
    await burst(env.connect({ mailboxConcurrency: 8 }), created.id);
    expect(statuses().filter((status) => status === 429).length).toBeGreaterThan(0);
  });
});

describe('free/busy of many rooms', () => {
  const ROOMS = 45; // 3 getSchedule calls of at most 20 rooms
  const manyRooms = Array.from(
    { length: ROOMS },
    (_, index) => `room-many-${String(index).padStart(2, '0')}@contoso.com`,
  );
  const utc = (dateTime: string) => ({ dateTime, timeZone: 'UTC' });
  const checkAll = (adapter: GraphAdapter = graph) =>
    adapter.getSchedule({
      schedules: manyRooms,
      start: utc('2030-03-04T00:00:00'),
      end: utc('2030-03-05T00:00:00'),
      intervalMinutes: 1440,
    });
  const schedulesOnTheirOwn = () => env.exchanges.filter((exchange) => exchange.url.pathname.endsWith('/getSchedule'));
  const batches = () => env.exchanges.filter((exchange) => exchange.url.pathname === '/v1.0/$batch');

  beforeEach(() => {
    env.emulator.control.seed({
      rooms: manyRooms.map((email) => ({ email, displayName: email, timeZone: 'Europe/Brussels', capacity: 6 })),
    });
    env.exchanges.length = 0;
  });

  test('45 rooms: 3 getSchedule calls of at most 20 in one $batch; every room answered', async () => {
    const schedules = await checkAll();
    expect(schedules.map((schedule) => schedule.scheduleId)).toEqual(manyRooms);
    expect(schedules.every((schedule) => schedule.error === null)).toBe(true);
    expect(batches()).toHaveLength(1);
    expect(schedulesOnTheirOwn()).toEqual([]);
  });

  test('a call Graph throttles inside the $batch is sent again after its Retry-After', async () => {
    env.emulator.control.faults.throttle({
      count: 1,
      mailbox: manyRooms[20]!,
      pathContains: '/getSchedule',
      retryAfterSeconds: 3,
    });
    const schedules = await checkAll();
    expect(schedules.map((schedule) => schedule.scheduleId)).toEqual(manyRooms);
    expect(env.sleeps).toEqual([3_000]);
    expect(batches()).toHaveLength(2);
  });

  test('8 checks at once keep each room mailbox within 4 calls in flight: Graph never throttles', async () => {
    // Slow answers, so that the checks overlap as a busy morning's would.
    for (const mailbox of [manyRooms[0]!, manyRooms[20]!, manyRooms[40]!]) {
      env.emulator.control.faults.latency({ ms: 40, count: 8, mailbox });
    }
    const answers = await Promise.all(Array.from({ length: 8 }, () => checkAll()));
    expect(answers.every((schedules) => schedules.length === ROOMS)).toBe(true);
    expect(env.sleeps).toEqual([]);
  });
});

describe('authentication and authorization', () => {
  test('a token the emulator considers expired (401) is refreshed once and the call succeeds', async () => {
    const created = await graph.createEvent(BRUSSELS_ROOM, aBooking(alone), {
      transactionId: 't-tok',
      reservationId: 'R-tok',
    });
    // MSAL still holds the token (real time barely moved); in emulated time it expired an hour ago.
    await env.emulator.control.clock.advance(2 * 3_600_000);
    env.exchanges.length = 0;
    const read = await graph.getEvent(BRUSSELS_ROOM, created.id);
    expect(read.id).toBe(created.id);
    expect(
      env.exchanges.map((exchange) => [
        exchange.method,
        exchange.url.pathname.replace(/\/events\/.*/, '/events/…'),
        exchange.status,
      ]),
    ).toEqual([
      ['GET', '/v1.0/users/room-brussels-1.01%40contoso.com/events/…', 401],
      ['POST', `/${DEMO_TENANT_ID}/oauth2/v2.0/token`, 200],
      ['GET', '/v1.0/users/room-brussels-1.01%40contoso.com/events/…', 200],
    ]);
  });

  test('a mailbox outside the app access scope is FORBIDDEN; the scoped mailbox works', async () => {
    env.emulator.control.registerApp({
      clientId: 'scoped-app',
      clientSecrets: ['scoped-secret'],
      graphRoles: ['Calendars.ReadWrite'],
      mailboxScope: [BRUSSELS_ROOM.address],
    });
    const scoped = env.connect({ clientId: 'scoped-app', credential: { kind: 'secret', secret: 'scoped-secret' } });
    await expect(scoped.readDeltaRound(BRUSSELS_ROOM, { window })).resolves.toMatchObject({ events: [] });
    const error = await failure(scoped.readDeltaRound(OTHER_BRUSSELS_ROOM, { window }));
    expect(error.code).toBe('FORBIDDEN');
  });

  test('an app without Place.Read.All gets FORBIDDEN from places', async () => {
    env.emulator.control.registerApp({ clientId: 'no-places', clientSecrets: ['s'], graphRoles: ['Calendars.Read'] });
    const limited = env.connect({ clientId: 'no-places', credential: { kind: 'secret', secret: 's' } });
    expect((await failure(limited.listRooms())).code).toBe('FORBIDDEN');
  });

  test('a wrong client secret is FORBIDDEN (invalid_client)', async () => {
    const wrong = env.connect({ credential: { kind: 'secret', secret: 'not-the-secret' } });
    expect((await failure(wrong.listRooms())).code).toBe('FORBIDDEN');
  });

  test('certificate credential through connectToEmulatedGraph (the production composition)', async () => {
    // MSAL signs the assertion with the real time, and the emulator checks it against its own clock, as
    // Entra would: this emulator runs at real time instead of the shared frozen 2030 clock.
    const realTime = await startEmulatedGraph({ clock: {} });
    try {
      const pems = await generate([{ name: 'commonName', value: 'workplace-sync' }], { keySize: 2048 });
      realTime.emulator.control.registerApp({
        clientId: 'cert-app',
        certificates: [pems.cert],
        graphRoles: ['Calendars.ReadWrite', 'Place.Read.All'],
      });
      const viaCertificate = connectToEmulatedGraph({
        baseUrl: realTime.url,
        caPem: realTime.emulator.certificatePem,
        tenantId: DEMO_TENANT_ID,
        clientId: 'cert-app',
        credential: { kind: 'certificate', certificate: readClientCertificate(`${pems.private}\n${pems.cert}`) },
      });
      expect((await viaCertificate.listRooms()).length).toBe(27);
    } finally {
      await realTime.close();
    }
  });
});
