import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTrustingFetch } from '../../emulators/src/index.js';
import { exchangeBookingSet, workplaceBookingSet } from '../support/booking-sets.js';
import { eventually, freePort } from '../support/free-port.js';
import { startQueueRecorder } from './support/queue-recorder.js';
import type { JobRun, QueueRecorder } from './support/queue-recorder.js';
import { brusselsRooms, startRealModeFixture, weekdayAhead } from './support/real-mode-fixture.js';
import type { RealModeFixture } from './support/real-mode-fixture.js';
import { startRoundRobinProxy } from './support/round-robin-proxy.js';
import type { RoundRobinProxy } from './support/round-robin-proxy.js';
import { startServerProcess } from './support/server-process.js';
import type { ServerProcess } from './support/server-process.js';
import { describeWithPostgres } from '../support/system-requirements.js';

// Two real server processes, A and B, share one PostgreSQL database and both run workers, behind a
// round-robin load balancer whose URL is the public URL (Graph's notifications and Workplace's webhook
// go there, to either instance). Bookings are made in Outlook and at the Workplace kiosk in three
// waves: with A and B up; after A was killed (SIGKILL) while it held room jobs; and after A was
// replaced (A'). Afterwards both sides hold every booking exactly once, no two runs of one key ever
// overlapped, every stored notification was processed once, schedules ran once per slot across the
// cluster, each room has one subscription, and B stayed ready throughout.

const ROOMS = brusselsRooms(8);
const MAILBOXES = ROOMS.map((area) => area.exchangeMailbox);
const mailboxOfArea = (areaId: string) => ROOMS.find((area) => area.id === areaId)?.exchangeMailbox;
const ORGANIZERS = ['adele.vance@contoso.com', 'alex.wilber@contoso.com', 'megan.bowen@contoso.com'];
const WAVES = 3;
const ROOM_POLL_MS = 5_000;
const hour = (value: number) => String(value).padStart(2, '0');

describeWithPostgres('two server instances on one PostgreSQL', (adminUrl) => {
  let fixture: RealModeFixture;
  let recorder: QueueRecorder;
  let proxy: RoundRobinProxy;
  let envOf: (instance: string, port: number) => Record<string, string>;
  let portA: number;
  let serverA: ServerProcess | null = null;
  let serverB: ServerProcess | null = null;

  beforeAll(async () => {
    const proxyPort = await freePort();
    fixture = await startRealModeFixture(adminUrl, { publicPort: proxyPort, linked: ROOMS, name: 'two-instances' });
    recorder = await startQueueRecorder(fixture.databaseUrl);
    portA = await freePort();
    const portB = await freePort();
    proxy = await startRoundRobinProxy({ tls: fixture.serverTls, backendPorts: [portA, portB], port: proxyPort });
    envOf = (instance, port) => ({
      ...fixture.serverEnv(port),
      PGAPPNAME: instance,
      JOB_LEASE_SECONDS: '3',
      SYNC_FEED_POLL_SECONDS: '2',
      SYNC_ROOM_POLL_SECONDS: String(ROOM_POLL_MS / 1000),
      RATE_LIMIT_OPERATIONS_PER_MINUTE: '0',
    });
    // Started together, as a deployment's replicas are.
    [serverA, serverB] = await Promise.all([
      startServerProcess(envOf('server-a', portA)),
      startServerProcess(envOf('server-b', portB)),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([serverA?.stop('SIGKILL'), serverB?.stop('SIGKILL')]);
    await proxy?.close();
    await recorder?.close();
    await fixture?.close();
  });

  test('A killed with jobs in flight, then replaced: every booking once, each room by one worker at a time', async () => {
    const { graph, workplace } = fixture;
    const readiness = watchReadiness(`https://localhost:${serverB!.port}/readyz`, fixture.serverTls.cert);
    const day = weekdayAhead(2);
    const bookWave = async (wave: number) => {
      for (const [index, room] of ROOMS.entries()) {
        graph.control.actAsUser(ORGANIZERS[index % ORGANIZERS.length]!, {
          action: 'create',
          meeting: {
            subject: `Outlook wave ${wave} room ${index}`,
            start: { dateTime: `${day}T${hour(8 + wave)}:00:00`, timeZone: 'Europe/Brussels' },
            end: { dateTime: `${day}T${hour(9 + wave)}:00:00`, timeZone: 'Europe/Brussels' },
            rooms: [room.exchangeMailbox],
          },
        });
        const kiosk = await workplace.app.inject({
          method: 'POST',
          url: '/_emulator/touchpoints/kiosk/reservations',
          payload: {
            subject: `Kiosk wave ${wave} room ${index}`,
            start: `${day}T${14 + wave}:00:00`,
            end: `${day}T${14 + wave}:30:00`,
            timeZone: 'Europe/Brussels',
            responsible: { email: ORGANIZERS[(index + 1) % ORGANIZERS.length] },
            participants: [],
            lines: [{ type: 'area', objectId: room.id }],
          },
        });
        expect(kiosk.statusCode).toBe(201);
      }
    };

    await eventually(() => graph.control.subscriptions().length >= ROOMS.length, {
      what: 'the cluster to subscribe to every room',
    });

    // Wave 0 with both instances up. Graph answers each room's next requests slowly, so that room
    // jobs are still running when A is killed: A must be holding at least one.
    for (const mailbox of MAILBOXES) graph.control.faults.latency({ ms: 1_500, count: 2, mailbox });
    await bookWave(0);
    await eventually(async () => (await recorder.activeKeysOf('server-a')).some((key) => MAILBOXES.includes(key)), {
      what: 'A to hold a room job',
    });
    await serverA!.stop('SIGKILL');
    // Its rows stay active until their lease expires: what A held when it died.
    const heldAtKill = await recorder.activeKeysOf('server-a');
    const killedAt = new Date();

    // Wave 1 while only B runs (the balancer finds A gone), then A' joins and wave 2 goes to both.
    await bookWave(1);
    serverA = await startServerProcess(envOf('server-a2', portA));
    const replacedAt = new Date();
    await bookWave(2);

    const expected = WAVES * ROOMS.length * 2;
    const bookingSets = async () => {
      const reservations = (await workplace.app.inject({ url: '/_emulator/state' })).json().reservations;
      return {
        exchange: exchangeBookingSet((mailbox) => graph.control.mailboxEvents(mailbox), MAILBOXES),
        workplace: workplaceBookingSet(reservations, mailboxOfArea),
      };
    };
    await eventually(
      async () => {
        const sides = await bookingSets();
        return sides.exchange.length === expected && JSON.stringify(sides.exchange) === JSON.stringify(sides.workplace);
      },
      { timeoutMs: 45_000, what: `both sides to hold the ${expected} bookings` },
    );
    // Then the room poll comes due a few times with A' and B both up, competing for each slot.
    const runs = await eventually(
      async () => {
        const all = await recorder.jobRuns();
        const polls = all.filter((run) => run.queue === 'poll-rooms' && run.end && run.claimedAt > replacedAt);
        return polls.length >= 3 && all;
      },
      { timeoutMs: 6 * ROOM_POLL_MS, what: 'three room polls after A was replaced' },
    );
    const readyStatuses = await readiness.stop();

    // Every booking once on each side, still after the last polls.
    const sides = await bookingSets();
    expect(sides.exchange).toEqual(sides.workplace);
    expect(new Set(sides.exchange).size).toBe(expected);

    // One subscription per room in Graph (the instances started together), the ones the table holds.
    const subscribed = graph.control.subscriptions();
    expect(subscribed).toHaveLength(ROOMS.length);
    expect(new Set(subscribed.map((subscription) => subscription.resource.toLowerCase())).size).toBe(ROOMS.length);
    expect(subscribed.map((subscription) => subscription.id).sort()).toEqual(await recorder.activeSubscriptionIds());

    // Serialization: the runs of one key never overlap, across instances and queues. The runs A held
    // when it died were ended by another instance's lease reaper, after the kill.
    expect(overlappingRuns(runs)).toEqual([]);
    expect(new Set(runs.map((run) => run.instance))).toEqual(new Set(['server-a', 'server-b', 'server-a2']));
    expect(heldAtKill.some((key) => MAILBOXES.includes(key))).toBe(true);
    const cutShort = runs.filter((run) => run.instance === 'server-a' && run.end?.instance !== 'server-a');
    expect(cutShort.map((run) => run.key).sort()).toEqual([...heldAtKill].sort());
    for (const run of cutShort) {
      expect(run.end?.error).toMatch(/^lease expired/);
      expect(run.end!.at.getTime()).toBeGreaterThan(killedAt.getTime());
    }

    // Schedules: at most one completed run per slot of each, cluster-wide.
    const completedScheduled = runs.filter((run) => run.isRecurring && run.end?.error === null);
    for (const queue of new Set(completedScheduled.map((run) => run.queue))) {
      const slots = completedScheduled.filter((run) => run.queue === queue).map((run) => run.slot.toISOString());
      expect(slots, `completed runs of ${queue}, by slot`).toEqual([...new Set(slots)]);
    }
    // A schedule runs at its slots; only a retry of a run cut short by the kill runs off its slot.
    const offSlotPolls = completedScheduled.filter(
      (run) => run.queue === 'poll-rooms' && run.slot.getTime() % ROOM_POLL_MS !== 0,
    );
    expect(offSlotPolls.length).toBeLessThanOrEqual(cutShort.filter((run) => run.queue === 'poll-rooms').length);

    // Notifications: spread over the instances by the balancer; each stored one processed once.
    const notifications = await recorder.notifications();
    expect(new Set(notifications.map((row) => row.storedBy)).size).toBeGreaterThan(1);
    expect(notifications.filter((row) => row.events.join() !== 'processed')).toEqual([]);

    // B answered /readyz with 200 throughout.
    expect(readyStatuses.length).toBeGreaterThan(10);
    expect(readyStatuses.filter((status) => status !== 200)).toEqual([]);
  }, 120_000);
});

/** Pairs of runs of one key (in any queue) where the second was claimed before the first ended. */
function overlappingRuns(runs: readonly JobRun[]): string[] {
  const overlaps: string[] = [];
  for (const key of new Set(runs.map((run) => run.key))) {
    const ordered = runs.filter((run) => run.key === key).sort((a, b) => a.claimedAt.getTime() - b.claimedAt.getTime());
    for (let index = 1; index < ordered.length; index++) {
      const previous = ordered[index - 1]!;
      const run = ordered[index]!;
      if (!previous.end || previous.end.at > run.claimedAt) {
        overlaps.push(`${key}: ${previous.queue} by ${previous.instance} and ${run.queue} by ${run.instance}`);
      }
    }
  }
  return overlaps;
}

/** Polls a /readyz every 250 ms until stopped; returns the statuses (0: no answer). */
function watchReadiness(url: string, certificatePem: string) {
  const trustingFetch = createTrustingFetch(certificatePem);
  const statuses: number[] = [];
  let isStopped = false;
  const watching = (async () => {
    while (!isStopped) {
      const response = await trustingFetch(url).catch(() => null);
      statuses.push(response?.status ?? 0);
      await response?.body?.cancel();
      await sleep(250);
    }
  })();
  return {
    stop: async () => {
      isStopped = true;
      await watching;
      return statuses;
    },
  };
}
