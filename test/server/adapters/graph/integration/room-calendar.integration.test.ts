import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { syncHash } from '@workplace-sync/shared';
import type { GraphAdapter } from '../../../../../server/src/adapters/graph/index.js';
import { AppError } from '../../../../../server/src/errors.js';
import { aBooking } from '../../../../support/builders.js';
import { BRUSSELS_ROOM, EMULATED_MEETING, OTHER_BRUSSELS_ROOM, startEmulatedGraph } from './support/emulated-graph.js';
import type { EmulatedGraph } from './support/emulated-graph.js';

let env: EmulatedGraph;
let graph: GraphAdapter;

beforeAll(async () => {
  env = await startEmulatedGraph();
  graph = env.connect();
});
afterAll(() => env.close());
beforeEach(() => env.emulator.control.reset('demo'));

const brussels = (dateTime: string) => ({ dateTime, timeZone: 'Europe/Brussels' });
const failure = async (promise: Promise<unknown>): Promise<AppError> => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

describe('writes into a room calendar', () => {
  test('create → get: the booking reads back with the same syncHash, our property and transactionId', async () => {
    const booking = aBooking(EMULATED_MEETING);
    const created = await graph.createEvent(BRUSSELS_ROOM, booking, {
      transactionId: 'wps-R-1-1',
      reservationId: 'R-1',
    });
    const read = await graph.getEvent(BRUSSELS_ROOM, created.id);
    expect(read.reservationId).toBe('R-1');
    expect(read.transactionId).toBe('wps-R-1-1');
    expect(read.isOrganizedByMailbox).toBe(true);
    expect(read.booking.start).toEqual(booking.start);
    expect(syncHash(read.booking)).toBe(syncHash(booking));
    expect(syncHash(created.booking)).toBe(syncHash(booking));
  });

  test('a create retried with the same transactionId returns the first event, not a second one', async () => {
    const first = await graph.createEvent(BRUSSELS_ROOM, aBooking(EMULATED_MEETING), {
      transactionId: 'wps-R-2-1',
      reservationId: 'R-2',
    });
    const retried = await graph.createEvent(BRUSSELS_ROOM, aBooking(EMULATED_MEETING), {
      transactionId: 'wps-R-2-1',
      reservationId: 'R-2',
    });
    expect(retried.id).toBe(first.id);
    expect(await graph.findEventsByReservationId(BRUSSELS_ROOM, 'R-2')).toHaveLength(1);
  });

  test('findEventsByReservationId finds only the events carrying that value', async () => {
    const ours = await graph.createEvent(BRUSSELS_ROOM, aBooking(EMULATED_MEETING), {
      transactionId: 't-a',
      reservationId: "R-O'Brien",
    });
    await graph.createEvent(BRUSSELS_ROOM, aBooking({ ...EMULATED_MEETING, subject: 'Other' }), {
      transactionId: 't-b',
      reservationId: 'R-other',
    });
    const found = await graph.findEventsByReservationId(BRUSSELS_ROOM, "R-O'Brien");
    expect(found.map((event) => [event.id, event.reservationId])).toEqual([[ours.id, "R-O'Brien"]]);
  });

  test('update changes the synced fields; the changeKey moves', async () => {
    const created = await graph.createEvent(BRUSSELS_ROOM, aBooking(EMULATED_MEETING), {
      transactionId: 't-u',
      reservationId: 'R-3',
    });
    const changed = aBooking({
      ...EMULATED_MEETING,
      subject: 'Design review (moved)',
      start: brussels('2030-03-04T11:00:00'),
      end: brussels('2030-03-04T12:30:00'),
    });
    const updated = await graph.updateEvent(BRUSSELS_ROOM, created.id, changed);
    expect(updated.changeKey).not.toBe(created.changeKey);
    const read = await graph.getEvent(BRUSSELS_ROOM, created.id);
    expect(syncHash(read.booking)).toBe(syncHash(changed));
    expect(read.reservationId).toBe('R-3');
  });

  test('cancel removes the room-organised event; a later get is NOT_FOUND', async () => {
    const created = await graph.createEvent(BRUSSELS_ROOM, aBooking(EMULATED_MEETING), {
      transactionId: 't-c',
      reservationId: 'R-4',
    });
    await graph.cancelEvent(BRUSSELS_ROOM, created.id, 'Cancelled in Workplace');
    expect((await failure(graph.getEvent(BRUSSELS_ROOM, created.id))).code).toBe('NOT_FOUND');
  });

  test('delete removes it; deleting again is NOT_FOUND (ErrorItemNotFound)', async () => {
    const created = await graph.createEvent(BRUSSELS_ROOM, aBooking(EMULATED_MEETING), {
      transactionId: 't-d',
      reservationId: 'R-5',
    });
    await graph.deleteEvent(BRUSSELS_ROOM, created.id);
    expect((await failure(graph.deleteEvent(BRUSSELS_ROOM, created.id))).code).toBe('NOT_FOUND');
  });

  test('getEvents reads several events in a $batch; a deleted one is NOT_FOUND', async () => {
    const a = await graph.createEvent(BRUSSELS_ROOM, aBooking(EMULATED_MEETING), {
      transactionId: 't-1',
      reservationId: 'R-a',
    });
    const b = await graph.createEvent(BRUSSELS_ROOM, aBooking({ ...EMULATED_MEETING, subject: 'B' }), {
      transactionId: 't-2',
      reservationId: 'R-b',
    });
    await graph.deleteEvent(BRUSSELS_ROOM, b.id);
    const events = await graph.getEvents(BRUSSELS_ROOM, [a.id, b.id]);
    const first = events.get(a.id);
    expect(first instanceof AppError ? first.code : first?.reservationId).toBe('R-a');
    const second = events.get(b.id);
    expect(second instanceof AppError ? second.code : 'an event').toBe('NOT_FOUND');
  });
});

describe('series', () => {
  const weekly = aBooking({
    ...EMULATED_MEETING,
    subject: 'Weekly sync',
    recurrence: { freq: 'weekly', interval: 1, byDay: ['MO'], weekStart: 'MO', end: { type: 'count', count: 6 } },
  });
  const window = { start: new Date('2030-03-01T00:00:00Z'), end: new Date('2030-05-01T00:00:00Z') };

  test('create a weekly series across the DST change: instances keep 09:00 local', async () => {
    const master = await graph.createEvent(BRUSSELS_ROOM, weekly, { transactionId: 't-s', reservationId: 'R-s' });
    expect(master.kind).toBe('seriesMaster');
    expect(syncHash(master.booking)).toBe(syncHash(weekly));
    const instances = await graph.listInstances(BRUSSELS_ROOM, master.id, window);
    expect(instances.map((instance) => instance.booking.start.dateTime)).toEqual([
      '2030-03-04T09:00:00',
      '2030-03-11T09:00:00',
      '2030-03-18T09:00:00',
      '2030-03-25T09:00:00',
      '2030-04-01T09:00:00',
      '2030-04-08T09:00:00',
    ]);
    expect(instances.map((instance) => instance.originalStart)).toEqual([
      '2030-03-04T08:00:00.000Z',
      '2030-03-11T08:00:00.000Z',
      '2030-03-18T08:00:00.000Z',
      '2030-03-25T08:00:00.000Z',
      '2030-04-01T07:00:00.000Z',
      '2030-04-08T07:00:00.000Z',
    ]);
  });

  test('a moved and a deleted occurrence read back as the series exceptions', async () => {
    const master = await graph.createEvent(BRUSSELS_ROOM, weekly, { transactionId: 't-x', reservationId: 'R-x' });
    const instances = await graph.listInstances(BRUSSELS_ROOM, master.id, window);
    const moved = instances[1]!;
    const deleted = instances[4]!;
    const exception = {
      originalStart: moved.originalStart!,
      kind: 'modified' as const,
      subject: 'Weekly sync (afternoon)',
      start: brussels('2030-03-11T15:00:00'),
      end: brussels('2030-03-11T16:00:00'),
    };
    const updated = await graph.updateOccurrence(BRUSSELS_ROOM, moved.id, exception);
    expect(updated.kind).toBe('exception');
    await graph.deleteEvent(BRUSSELS_ROOM, deleted.id);

    const series = await graph.readSeries(BRUSSELS_ROOM, master.id, window);
    expect(series.booking.exceptions).toEqual([exception, { originalStart: deleted.originalStart, kind: 'cancelled' }]);
    expect(syncHash(series.booking)).toBe(
      syncHash({ ...weekly, exceptions: [exception, { originalStart: deleted.originalStart!, kind: 'cancelled' }] }),
    );
    expect(series.reservationId).toBe('R-x');
  });
});

describe("a room's copy of an Outlook meeting", () => {
  test('the booking attendant accepts, replaces the subject by the organizer name, and the adapter flags it', async () => {
    const { control } = env.emulator;
    control.actAsUser('adele.vance@contoso.com', {
      action: 'create',
      meeting: {
        subject: 'Quarterly planning',
        start: brussels('2030-03-05T14:00:00'),
        end: brussels('2030-03-05T15:00:00'),
        attendees: ['alex.wilber@contoso.com'],
        rooms: [BRUSSELS_ROOM.address, OTHER_BRUSSELS_ROOM.address],
      },
    });
    await control.idle();
    const round = await graph.readDeltaRound(BRUSSELS_ROOM, {
      window: { start: new Date('2030-03-01T00:00:00Z'), end: new Date('2030-04-01T00:00:00Z') },
    });
    expect(round.events).toHaveLength(1);
    const [copy] = round.events;
    expect(copy!.isOrganizedByMailbox).toBe(false);
    expect(copy!.isSubjectRewritten).toBe(true);
    expect(copy!.booking).toMatchObject({
      subject: 'Adele Vance',
      organizer: { email: 'adele.vance@contoso.com' },
      participants: [{ email: 'alex.wilber@contoso.com', kind: 'required' }],
      rooms: [BRUSSELS_ROOM.address, OTHER_BRUSSELS_ROOM.address],
      isCancelled: false,
    });
    expect(copy!.response).toBe('accepted');
  });
});

describe('free/busy and places', () => {
  test('getSchedule shows the room busy where we booked it', async () => {
    await graph.createEvent(BRUSSELS_ROOM, aBooking(EMULATED_MEETING), { transactionId: 't-g', reservationId: 'R-g' });
    const [schedule] = await graph.getSchedule({
      mailbox: BRUSSELS_ROOM.address,
      schedules: [BRUSSELS_ROOM.address],
      start: brussels('2030-03-04T08:00:00'),
      end: brussels('2030-03-04T12:00:00'),
      intervalMinutes: 60,
    });
    expect(schedule!.scheduleId).toBe(BRUSSELS_ROOM.address);
    expect(schedule!.availabilityView).toBe('0200');
    expect(schedule!.items).toMatchObject([
      { status: 'busy', start: brussels('2030-03-04T09:00:00'), end: brussels('2030-03-04T10:00:00') },
    ]);
  });

  test('rooms, room lists and the rooms of a list', async () => {
    const rooms = await graph.listRooms();
    expect(rooms).toHaveLength(27);
    expect(rooms.find((room) => room.email === BRUSSELS_ROOM.address)).toMatchObject({
      displayName: 'Brussels 1.01',
      capacity: 8,
      building: 'Brussels HQ',
      floorNumber: 1,
    });
    const lists = await graph.listRoomLists();
    expect(lists.map((list) => list.email).sort()).toEqual(['brussels@contoso.com', 'newyork@contoso.com']);
    const inBrussels = await graph.listRoomsInRoomList('brussels@contoso.com');
    expect(inBrussels).toHaveLength(13);
    expect(inBrussels.every((room) => room.building === 'Brussels HQ')).toBe(true);
  });
});
