import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { directClients } from './direct-clients.js';
import type { EmbeddedServer } from './embedded-server.js';
import { EVENT_WRITE } from './busy-day-probe.js';
import { observeRequests } from './request-probe.js';
import type { ScaleRoom } from './scale-seed.js';
import { SCALE_ZONE } from './scale-seed.js';

const DIRECT_WRITES = 30;
/** The first direct writes also fetch a token and open connections. */
const DIRECT_WARMUP = 3;

/**
 * The busy day's baseline: the one write each direction of a change needs (a Workplace reservation,
 * a room event), made directly with the production clients in free slots, timed from the call to the
 * answer of the system's route handler; milliseconds per write.
 */
export async function measureDirectWrites(
  embedded: EmbeddedServer,
  {
    rooms,
    nextSlot,
    organizer,
  }: { rooms: ScaleRoom[]; nextSlot: (room: ScaleRoom) => { date: string; hour: string }; organizer: string },
): Promise<{ toWorkplace: number[]; toExchange: number[] }> {
  const direct = await directClients(embedded);
  const directTimes = { toWorkplace: [] as number[], toExchange: [] as number[] };
  const directEnds = new Map<string, number>();
  const stopDirectProbe = observeRequests({
    onEnd({ method, url, body, endedAt }) {
      const subject = (body as { subject?: unknown } | undefined)?.subject;
      if (method === 'POST' && typeof subject === 'string') {
        if (url.startsWith('/api/v1/reservations')) directEnds.set(subject, endedAt);
        else if (EVENT_WRITE.test(url)) directEnds.set(subject, endedAt);
      }
    },
  });
  for (let index = 0; index < DIRECT_WARMUP + DIRECT_WRITES; index++) {
    const room = rooms[index % rooms.length]!;
    let { date, hour } = nextSlot(room);
    const reservationSubject = `Direct reservation ${randomUUID().slice(0, 8)}`;
    let sentAt = performance.now();
    await direct.workplace.createReservation(
      {
        subject: reservationSubject,
        start: `${date}T${hour}:00:00`,
        end: `${date}T${hour}:45:00`,
        timeZone: SCALE_ZONE,
        responsible: { email: organizer },
        participants: [],
        recurrence: null,
        exceptions: [],
        lines: [{ type: 'area', objectId: room.areaId }],
        source: 'app',
      },
      { idempotencyKey: randomUUID() },
    );
    if (index >= DIRECT_WARMUP) directTimes.toWorkplace.push(directEnds.get(reservationSubject)! - sentAt);
    ({ date, hour } = nextSlot(room));
    const eventSubject = `Direct event ${randomUUID().slice(0, 8)}`;
    sentAt = performance.now();
    await direct.graph.createEvent(
      { address: room.mailbox, timeZone: SCALE_ZONE },
      {
        subject: eventSubject,
        start: { dateTime: `${date}T${hour}:00:00`, timeZone: SCALE_ZONE },
        end: { dateTime: `${date}T${hour}:45:00`, timeZone: SCALE_ZONE },
        organizer: { email: room.mailbox },
        participants: [{ email: organizer, kind: 'required' }],
        rooms: [room.mailbox],
        recurrence: null,
        exceptions: [],
        isCancelled: false,
      },
      { transactionId: randomUUID(), reservationId: `direct-${randomUUID()}` },
    );
    if (index >= DIRECT_WARMUP) directTimes.toExchange.push(directEnds.get(eventSubject)! - sentAt);
  }
  stopDirectProbe();
  return directTimes;
}
