import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import type { SyncJobs } from '../../../server/src/jobs/sync-jobs.js';
import { createSyncRuntime } from '../../../server/src/runtime/sync-runtime.js';
import type { SubscriptionManager } from '../../../server/src/subscriptions/subscription-manager.js';
import type { Database } from '../../../server/src/storage/create-db.js';
import { jobs } from '../../../server/src/storage/schema.js';
import { syncReservations } from '../../../server/src/sync/sync-reservations.js';
import { syncRoom } from '../../../server/src/sync/sync-room.js';
import type { SyncDeps } from '../../../server/src/sync/sync-room.js';
import { useJobQueues } from '../../support/queue-test-support.js';
import { capturingLogger } from '../../support/capture-log.js';
import { createTestPglite } from '../../support/test-db.js';
import { startTwoWayHarness } from './support/two-way-harness.js';
import type { TwoWayHarness } from './support/two-way-harness.js';

// A lost lease stops the handler: when the queue hands a room's job to another worker (this process
// stalled longer than the lease, a shutdown's grace ran out), it aborts the job's signal, and the old run
// makes no Graph or Workplace call after that — only the write already on the wire finishes.

const ARDENNES = 'room-brussels-1.01@contoso.com';
const ADELE = 'adele.vance@contoso.com';

let database: Database;
let h: TwoWayHarness;
beforeAll(async () => {
  database = await createTestPglite();
  h = await startTwoWayHarness(database);
  await syncRoom(ARDENNES, h.deps);
  await syncReservations(h.deps);
});
afterAll(async () => {
  await h.close();
  await database.close();
});
const openQueue = useJobQueues(() => database);

test('a room job held past its lease writes nothing after the loss; the worker that takes over finishes, once each', async () => {
  for (const hour of [10, 12, 14]) {
    await h.outlook(ADELE, {
      action: 'create',
      meeting: {
        subject: `Meeting at ${hour}`,
        start: { dateTime: `2030-03-04T${hour}:00:00`, timeZone: 'Europe/Brussels' },
        end: { dateTime: `2030-03-04T${hour + 1}:00:00`, timeZone: 'Europe/Brussels' },
        rooms: [ARDENNES],
      },
    });
  }
  // The first Workplace write of the first run hangs (a stalled process) until the test lets it go.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let writeStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (writeStarted = resolve));
  let creates = 0;
  const deps: SyncDeps = {
    ...h.deps,
    reservations: {
      ...h.deps.reservations,
      createReservation: async (booking, write) => {
        creates++;
        if (creates === 1) {
          writeStarted();
          await held;
        }
        return h.deps.reservations.createReservation(booking, write);
      },
    },
  };
  const queue = await openQueue<SyncJobs>({ leaseMs: 60_000 });
  createSyncRuntime({
    db: database.db,
    queue,
    deps,
    store: h.deps.store,
    subscriptions: {} as SubscriptionManager,
    log: capturingLogger('silent').log,
    feedPollMs: 60_000,
    roomConcurrency: 2,
    roomPollMs: 600_000,
  });
  await queue.send('room-changed', ARDENNES, { mailbox: ARDENNES });
  await started;

  // Another instance's reaper takes the job over, as after a stall longer than the lease.
  await database.db.update(jobs).set({ leaseId: null, state: 'pending' }).where(eq(jobs.key, ARDENNES));
  // The worker takes it again (as the other instance would) and syncs the room to the end; the old run
  // is still inside its first write.
  await vi.waitFor(async () => expect(creates).toBeGreaterThanOrEqual(4), { timeout: 20_000, interval: 50 });
  const createsBeforeRelease = creates;
  release();
  await vi.waitFor(
    async () => expect((await database.db.select().from(jobs).where(eq(jobs.key, ARDENNES)))[0]?.state).toBe('done'),
    { timeout: 20_000, interval: 50 },
  );
  await new Promise((resolve) => setTimeout(resolve, 200));

  // The old run finished the write it had on the wire and nothing after it.
  expect(creates).toBe(createsBeforeRelease);
  const active = h.reservations().filter((reservation) => reservation.status !== 'cancelled');
  expect(active.map((reservation) => reservation.subject).sort()).toEqual([
    'Meeting at 10',
    'Meeting at 12',
    'Meeting at 14',
  ]);
  await queue.stop({ graceful: false });
});
