import { afterAll, beforeAll, expect, test } from 'vitest';
import { exchangeBookingSet, workplaceBookingSet } from '../support/booking-sets.js';
import { eventually, freePort } from '../support/free-port.js';
import { brusselsRooms, startRealModeFixture, weekdayAhead } from './support/real-mode-fixture.js';
import type { RealModeFixture } from './support/real-mode-fixture.js';
import { startServerProcess } from './support/server-process.js';
import type { ServerProcess } from './support/server-process.js';
import { describeWithPostgres } from '../support/system-requirements.js';

// A server process is killed with SIGKILL in the middle of a burst of bookings on both sides, then
// started again: afterwards both sides hold the same bookings, none lost, none twice. The emulators run
// in this (test) process so that they outlive the server; the server runs in real mode against them,
// exactly as against Microsoft 365 and Workplace, on PostgreSQL (test/e2e/support/real-mode-fixture.ts).

const ROOMS = brusselsRooms(6);
const mailboxOfArea = (areaId: string) => ROOMS.find((area) => area.id === areaId)?.exchangeMailbox;

describeWithPostgres('a killed server loses nothing', (adminUrl) => {
  let fixture: RealModeFixture;
  let server: ServerProcess | null = null;
  let env: Record<string, string>;

  beforeAll(async () => {
    const serverPort = await freePort();
    fixture = await startRealModeFixture(adminUrl, { publicPort: serverPort, linked: ROOMS, name: 'crash-test' });
    env = {
      ...fixture.serverEnv(serverPort),
      JOB_LEASE_SECONDS: '3',
      SYNC_FEED_POLL_SECONDS: '2',
      SYNC_ROOM_POLL_SECONDS: '5',
    };
    server = await startServerProcess(env);
  }, 120_000);

  afterAll(async () => {
    await server?.stop('SIGKILL');
    await fixture?.close();
  });

  test('SIGKILL during a burst, then a restart: both sides equal, booking for booking', async () => {
    const day = weekdayAhead(2);
    const organizers = ['adele.vance@contoso.com', 'alex.wilber@contoso.com', 'megan.bowen@contoso.com'];
    for (let index = 0; index < 12; index++) {
      const room = ROOMS[index % ROOMS.length]!;
      const hour = 8 + Math.floor(index / ROOMS.length) * 2;
      fixture.graph.control.actAsUser(organizers[index % organizers.length]!, {
        action: 'create',
        meeting: {
          subject: `Burst meeting ${index}`,
          start: { dateTime: `${day}T${String(hour).padStart(2, '0')}:00:00`, timeZone: 'Europe/Brussels' },
          end: { dateTime: `${day}T${String(hour + 1).padStart(2, '0')}:00:00`, timeZone: 'Europe/Brussels' },
          rooms: [room.exchangeMailbox],
        },
      });
      const kiosk = await fixture.workplace.app.inject({
        method: 'POST',
        url: '/_emulator/touchpoints/kiosk/reservations',
        payload: {
          subject: `Burst kiosk ${index}`,
          start: `${day}T${String(hour + 5).padStart(2, '0')}:00:00`,
          end: `${day}T${String(hour + 5).padStart(2, '0')}:30:00`,
          timeZone: 'Europe/Brussels',
          responsible: { email: organizers[(index + 1) % organizers.length] },
          participants: [],
          lines: [{ type: 'area', objectId: room.id }],
        },
      });
      expect(kiosk.statusCode).toBe(201);
      if (index === 5) {
        // Mid-burst: the server dies with work in flight (notifications stored, jobs claimed).
        await new Promise((resolve) => setTimeout(resolve, 150));
        await server?.stop('SIGKILL');
      }
    }
    server = await startServerProcess(env);

    const mailboxes = ROOMS.map((area) => area.exchangeMailbox);
    const settled = await eventually(
      async () => {
        const reservations = (await fixture.workplace.app.inject({ url: '/_emulator/state' })).json().reservations;
        const exchange = exchangeBookingSet((mailbox) => fixture.graph.control.mailboxEvents(mailbox), mailboxes);
        const workplaceSide = workplaceBookingSet(reservations, mailboxOfArea);
        return (
          exchange.length === 24 &&
          JSON.stringify(exchange) === JSON.stringify(workplaceSide) && { exchange, workplaceSide }
        );
      },
      { timeoutMs: 90_000, what: 'both sides to hold the 24 bookings' },
    );
    expect(settled.exchange).toEqual(settled.workplaceSide);
    expect(new Set(settled.exchange).size).toBe(24);
  }, 150_000);
});
