import { afterAll, afterEach, beforeAll } from 'vitest';
import { createGraphEmulator } from '../../../../emulators/src/graph/index.js';
import type { EmulatorSeed, GraphEmulator, GraphEmulatorOptions } from '../../../../emulators/src/graph/index.js';
import { GraphTestClient } from './graph-test-client.js';

export const TENANT_ID = '2f0d7c3a-6b1e-4d5f-8a9b-0c1d2e3f4a5b';
export const SYNC_APP = { clientId: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d', clientSecret: 'test-secret' };
/** Tests run on a frozen clock: a Monday morning in Brussels, before the 2027 DST change. */
export const START = new Date('2027-03-01T08:00:00Z');

export const ADELE = 'adele@contoso.com';
export const MEGAN = 'megan@contoso.com';
export const ROOM_A = 'room-a@contoso.com';
export const ROOM_B = 'room-b@contoso.com';

/** A small tenant: two users and two rooms with default calendar processing. */
export const testSeed = (overrides: Partial<EmulatorSeed> = {}): EmulatorSeed => ({
  users: [
    { email: ADELE, displayName: 'Adele Vance', timeZone: 'Europe/Brussels' },
    { email: MEGAN, displayName: 'Megan Bowen', timeZone: 'America/New_York' },
  ],
  rooms: [
    { email: ROOM_A, displayName: 'Room A', timeZone: 'Europe/Brussels', capacity: 8, building: 'HQ', floorNumber: 1 },
    { email: ROOM_B, displayName: 'Room B', timeZone: 'Europe/Brussels', capacity: 4, building: 'HQ', floorNumber: 2 },
  ],
  roomLists: [{ email: 'hq@contoso.com', displayName: 'HQ', rooms: [ROOM_A, ROOM_B] }],
  apps: [
    {
      clientId: SYNC_APP.clientId,
      displayName: 'Sync',
      clientSecrets: [SYNC_APP.clientSecret],
      graphRoles: ['Calendars.ReadWrite', 'Place.Read.All'],
    },
  ],
  ...overrides,
});

export type Harness = {
  emulator: GraphEmulator;
  url: string;
  /** Authenticated as the sync app (application permissions). */
  graph: GraphTestClient;
  /** Unauthenticated client on the same emulator (for /_emulator and token endpoint calls). */
  anonymous: GraphTestClient;
  control: GraphEmulator['control'];
};

/**
 * Starts one emulator for a test file on 127.0.0.1 over HTTPS, frozen at START without noise, and
 * resets it to `testSeed()` before each test.
 */
export function useEmulator(options: Partial<GraphEmulatorOptions> = {}, seed: () => EmulatorSeed = testSeed): Harness {
  const harness = {} as Harness;
  beforeAll(async () => {
    harness.emulator = await createGraphEmulator({
      tenantId: TENANT_ID,
      clock: { now: START, frozen: true },
      noise: 'none',
      seed: seed(),
      ...options,
    });
    harness.url = (await harness.emulator.listen(0)).url;
    harness.control = harness.emulator.control;
    harness.anonymous = new GraphTestClient(harness.url, harness.emulator.certificatePem);
    harness.graph = harness.anonymous.withToken(await harness.control.issueAppToken(SYNC_APP.clientId));
  });
  afterEach(async () => {
    await harness.control.idle();
    harness.control.reset(seed());
    await harness.control.clock.set(START);
    harness.graph = harness.anonymous.withToken(await harness.control.issueAppToken(SYNC_APP.clientId));
  });
  afterAll(async () => {
    await harness.emulator?.close();
  });
  return harness;
}

export const at = (dateTime: string, timeZone = 'Europe/Brussels') => ({ dateTime, timeZone });

/** A Graph event body for a meeting in Brussels time with optional rooms as resource attendees. */
export function aMeeting(overrides: Record<string, unknown> = {}, rooms: string[] = []) {
  return {
    subject: 'Design review',
    body: { contentType: 'text', content: 'Agenda: the plan' },
    start: at('2027-03-02T10:00:00'),
    end: at('2027-03-02T11:00:00'),
    attendees: rooms.map((address) => ({ type: 'resource', emailAddress: { address } })),
    ...(rooms.length > 0 ? { location: { displayName: rooms.join('; '), locationEmailAddress: rooms[0] } } : {}),
    ...overrides,
  };
}

export const encode = (value: string) => encodeURIComponent(value);
