import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { directClients } from './direct-clients.js';
import type { DirectEndpoints } from './direct-clients.js';
import { EVENT_WRITE } from './busy-day-probe.js';
import { observeRequests } from './request-probe.js';

const DIRECT_WRITES = 30;
/** The first direct writes also fetch a token and open connections. */
const DIRECT_WARMUP = 3;

type Room = { areaId: string; mailbox: string };
/** A free meeting slot: wall-clock start and end in `timeZone`. */
type Slot = { start: string; end: string; timeZone: string };

/**
 * The baseline of the latency benchmarks: the one write each direction of a change needs (a
 * Workplace reservation, a room event), made directly with the production clients in free slots and
 * timed from the call to the answer of the system's route handler, as the sync's writes are timed;
 * milliseconds per write, the warm-up writes left out.
 */
export async function measureDirectWrites<R extends Room>(
  endpoints: DirectEndpoints,
  { rooms, nextSlot, organizer }: { rooms: R[]; nextSlot: (room: R) => Slot; organizer: string },
): Promise<{ toWorkplace: number[]; toExchange: number[] }> {
  const direct = await directClients(endpoints);
  const times = { toWorkplace: [] as number[], toExchange: [] as number[] };
  const answeredAt = new Map<string, number>();
  const stopProbe = observeRequests({
    onEnd({ method, url, body, endedAt }) {
      const subject = (body as { subject?: unknown } | undefined)?.subject;
      if (method !== 'POST' || typeof subject !== 'string') return;
      if (url.startsWith('/api/v1/reservations') || EVENT_WRITE.test(url)) answeredAt.set(subject, endedAt);
    },
  });
  try {
    for (let index = 0; index < DIRECT_WARMUP + DIRECT_WRITES; index++) {
      const room = rooms[index % rooms.length]!;
      const forReservation = nextSlot(room);
      const reservationSubject = `Direct reservation #${index} ${randomUUID().slice(0, 8)}`;
      let sentAt = performance.now();
      await direct.workplace.createReservation(
        {
          subject: reservationSubject,
          start: forReservation.start,
          end: forReservation.end,
          timeZone: forReservation.timeZone,
          responsible: { email: organizer },
          participants: [],
          recurrence: null,
          exceptions: [],
          lines: [{ type: 'area', objectId: room.areaId }],
          source: 'app',
        },
        { idempotencyKey: randomUUID() },
      );
      if (index >= DIRECT_WARMUP) times.toWorkplace.push(answeredAt.get(reservationSubject)! - sentAt);
      const forEvent = nextSlot(room);
      const eventSubject = `Direct event #${index} ${randomUUID().slice(0, 8)}`;
      sentAt = performance.now();
      await direct.graph.createEvent(
        { address: room.mailbox, timeZone: forEvent.timeZone },
        {
          subject: eventSubject,
          start: { dateTime: forEvent.start, timeZone: forEvent.timeZone },
          end: { dateTime: forEvent.end, timeZone: forEvent.timeZone },
          organizer: { email: room.mailbox },
          participants: [{ email: organizer, kind: 'required' }],
          rooms: [room.mailbox],
          recurrence: null,
          exceptions: [],
          isCancelled: false,
        },
        { transactionId: randomUUID(), reservationId: `direct-${randomUUID()}` },
      );
      if (index >= DIRECT_WARMUP) times.toExchange.push(answeredAt.get(eventSubject)! - sentAt);
    }
  } finally {
    stopProbe();
  }
  return times;
}
