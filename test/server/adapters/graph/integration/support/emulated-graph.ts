import {
  createGraphEmulator,
  DEMO_SYNC_APP,
  DEMO_TENANT_ID,
  roomEmail,
} from '../../../../../../emulators/src/graph/index.js';
import type { Booking } from '@workplace-sync/shared';
import type { GraphEmulatorOptions } from '../../../../../../emulators/src/graph/index.js';
import {
  createGraphAdapter,
  createHttpsFetch,
  createMsalTokenSource,
} from '../../../../../../server/src/adapters/graph/index.js';
import type { ClientCredential, FetchLike, Mailbox } from '../../../../../../server/src/adapters/graph/index.js';

export { DEMO_SYNC_APP, DEMO_TENANT_ID, roomEmail };

/** Emulated time stands still unless a test moves it: no test depends on the wall clock. */
export const EMULATOR_NOW = new Date('2030-03-01T08:00:00Z');

export const BRUSSELS_ROOM: Mailbox = { address: roomEmail('brussels', 1, 1), timeZone: 'Europe/Brussels' };
export const OTHER_BRUSSELS_ROOM: Mailbox = { address: roomEmail('brussels', 1, 2), timeZone: 'Europe/Brussels' };
export const NEW_YORK_ROOM: Mailbox = { address: roomEmail('newyork', 5, 1), timeZone: 'America/New_York' };

/** The tests' meeting in the emulator's demo tenant (pass it to aBooking): Adele's, Monday 4 March 2030 in BRUSSELS_ROOM. */
export const EMULATED_MEETING: Partial<Booking> = {
  start: { dateTime: '2030-03-04T09:00:00', timeZone: 'Europe/Brussels' },
  end: { dateTime: '2030-03-04T10:00:00', timeZone: 'Europe/Brussels' },
  organizer: { email: 'adele.vance@contoso.com', name: 'Adele Vance' },
  participants: [
    { email: 'alex.wilber@contoso.com', name: 'Alex Wilber', kind: 'required' },
    { email: 'megan.bowen@contoso.com', name: 'Megan Bowen', kind: 'optional' },
  ],
  rooms: [BRUSSELS_ROOM.address],
};

export type Exchange = { method: string; url: URL; status: number; items: number | null };

type ConnectOptions = {
  clientId?: string;
  credential?: ClientCredential;
  mailboxConcurrency?: number;
  maxAttempts?: number;
};

/**
 * The Graph emulator in-process over HTTPS on 127.0.0.1 (any free port), with the demo tenant, and the
 * production adapter connected to it as `npm start` would: MSAL against the emulator's authority, the
 * SDK against its host, a fetch that trusts its certificate (wrapped to record the exchanges). Retry
 * waits are recorded and shortened to a few milliseconds; the emulator's faults are counted, not timed.
 */
export async function startEmulatedGraph(options: Partial<GraphEmulatorOptions> = {}) {
  const emulator = await createGraphEmulator({
    tenantId: DEMO_TENANT_ID,
    seed: 'demo',
    noise: 'none',
    clock: { now: EMULATOR_NOW, frozen: true },
    ...options,
  });
  const { url } = await emulator.listen(0, '127.0.0.1');
  const sleeps: number[] = [];
  const exchanges: Exchange[] = [];
  const trustingFetch = createHttpsFetch({ ca: emulator.certificatePem });
  // Records what went over the wire (status and, for collections, the number of items on the page).
  const recordingFetch: FetchLike = async (requestUrl, init) => {
    const response = await trustingFetch(requestUrl, init);
    const body = (await response
      .clone()
      .json()
      .catch(() => undefined)) as { value?: unknown[] } | undefined;
    exchanges.push({
      method: init?.method ?? 'GET',
      url: new URL(requestUrl),
      status: response.status,
      items: Array.isArray(body?.value) ? body.value.length : null,
    });
    return response;
  };
  // The composition of connectToEmulatedGraph, with the recording fetch in place of the plain one.
  const connect = ({ clientId, credential, mailboxConcurrency, maxAttempts }: ConnectOptions = {}) =>
    createGraphAdapter({
      baseUrl: url,
      fetch: recordingFetch,
      tokens: createMsalTokenSource({
        clientId: clientId ?? DEMO_SYNC_APP.clientId,
        authority: `${url}/${DEMO_TENANT_ID}`,
        credential: credential ?? { kind: 'secret', secret: DEMO_SYNC_APP.clientSecret },
        fetch: recordingFetch,
      }),
      ...(mailboxConcurrency ? { mailboxConcurrency } : {}),
      // Subscription expiries are computed from "now": the adapter shares the emulator's clock.
      now: () => emulator.control.clock.now(),
      retry: {
        ...(maxAttempts ? { maxAttempts } : {}),
        sleep: (ms) => {
          sleeps.push(ms);
          return new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5)));
        },
      },
    });
  return { emulator, url, connect, sleeps, exchanges, close: () => emulator.close() };
}

export type EmulatedGraph = Awaited<ReturnType<typeof startEmulatedGraph>>;
