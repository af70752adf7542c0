import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { syncRoom } from '../../../server/src/sync/sync-room.js';
import { syncReservations } from '../../../server/src/sync/sync-reservations.js';
import { syncLog } from '../../../server/src/storage/schema.js';
import { DEMO_SYNC_APP } from '../../../emulators/src/graph/index.js';
import { createTestPglite, truncateAllTables } from '../../support/test-db.js';
import type { Database } from '../../../server/src/storage/create-db.js';
import { startTwoWayHarness } from './support/two-way-harness.js';
import type { TwoWayHarness } from './support/two-way-harness.js';

const ARDENNES = 'room-brussels-1.01@contoso.com'; // Workplace area a-bru-1.01
const MEUSE = 'room-brussels-1.02@contoso.com'; // a-bru-1.02
const ADELE = 'adele.vance@contoso.com';
const brussels = (dateTime: string) => ({ dateTime, timeZone: 'Europe/Brussels' });

let database: Database;
let h: TwoWayHarness;

beforeAll(async () => {
  database = await createTestPglite();
});
afterAll(async () => {
  await database.close();
});
beforeEach(async () => {
  await h?.close();
  await truncateAllTables(database.db);
  h = await startTwoWayHarness(database);
  // Start both cursors at "now", as the first sync after linking does.
  await syncRoom(ARDENNES, h.deps);
  await syncRoom(MEUSE, h.deps);
  await syncReservations(h.deps);
});
afterAll(async () => {
  await h?.close();
});

/** One settle step: every room, then the feed, twice (the second pass sees the echoes of the first). */
async function settle() {
  for (let pass = 0; pass < 2; pass++) {
    await syncRoom(ARDENNES, h.deps);
    await syncRoom(MEUSE, h.deps);
    await syncReservations(h.deps);
  }
}

const activeReservations = () => h.reservations().filter((reservation) => reservation.status !== 'cancelled');

describe('Exchange → Workplace', () => {
  test('a meeting booked in Outlook becomes a Workplace reservation with the room as a line', async () => {
    await h.outlook(ADELE, {
      action: 'create',
      meeting: {
        subject: 'Quarterly planning',
        start: brussels('2030-03-04T10:00:00'),
        end: brussels('2030-03-04T11:00:00'),
        attendees: ['alex.wilber@contoso.com'],
        optionalAttendees: ['megan.bowen@contoso.com'],
        rooms: [ARDENNES],
      },
    });
    await settle();
    const [reservation, ...others] = activeReservations();
    expect(others).toEqual([]);
    expect(reservation).toMatchObject({
      subject: 'Quarterly planning',
      start: '2030-03-04T10:00:00',
      end: '2030-03-04T11:00:00',
      timeZone: 'Europe/Brussels',
      source: 'outlook',
      responsible: { email: ADELE },
      participants: expect.arrayContaining([
        expect.objectContaining({ email: 'alex.wilber@contoso.com', kind: 'required' }),
        expect.objectContaining({ email: 'megan.bowen@contoso.com', kind: 'optional' }),
      ]),
      lines: [expect.objectContaining({ type: 'area', objectId: 'a-bru-1.01', status: 'confirmed' })],
    });
    // Nothing was written back into the room calendar: the room's own copy is the only event.
    expect(h.roomEvents(ARDENNES)).toHaveLength(1);
    const log = await database.db.select().from(syncLog);
    expect(log.map((entry) => entry.action)).toContain('created');
  });
});

const planning = {
  subject: 'Quarterly planning',
  start: brussels('2030-03-04T10:00:00'),
  end: brussels('2030-03-04T11:00:00'),
  attendees: ['alex.wilber@contoso.com'],
  rooms: [ARDENNES],
};

describe('Exchange → Workplace: edits, cancellations, several rooms, series', () => {
  test('moving the meeting in Outlook moves the reservation; cancelling it cancels the reservation', async () => {
    const meeting = await h.outlook(ADELE, { action: 'create', meeting: planning });
    await settle();
    await h.outlook(ADELE, {
      action: 'update',
      eventId: meeting!.id,
      changes: {
        start: brussels('2030-03-04T14:00:00'),
        end: brussels('2030-03-04T15:30:00'),
        subject: 'Planning (moved)',
      },
    });
    await settle();
    expect(activeReservations()).toEqual([
      expect.objectContaining({
        subject: 'Planning (moved)',
        start: '2030-03-04T14:00:00',
        end: '2030-03-04T15:30:00',
      }),
    ]);

    await h.outlook(ADELE, { action: 'cancel', eventId: meeting!.id, comment: 'No longer needed' });
    await settle();
    expect(activeReservations()).toEqual([]);
    expect(h.reservations()).toEqual([expect.objectContaining({ status: 'cancelled' })]);
  });

  test('a meeting with two linked rooms is one reservation with one line per room', async () => {
    await h.outlook(ADELE, { action: 'create', meeting: { ...planning, rooms: [ARDENNES, MEUSE] } });
    await settle();
    const [reservation, ...others] = activeReservations();
    expect(others).toEqual([]);
    expect(reservation!.lines.map((line) => line.objectId).sort()).toEqual(['a-bru-1.01', 'a-bru-1.02']);
  });

  test('a weekly series with a moved and a cancelled occurrence keeps its exceptions in Workplace', async () => {
    const series = await h.outlook(ADELE, {
      action: 'create',
      meeting: {
        ...planning,
        subject: 'Weekly sync',
        recurrence: {
          pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] },
          range: { type: 'numbered', startDate: '2030-03-04', numberOfOccurrences: 6 },
        },
      },
    });
    await settle();
    const instances = h.graphEmulator.control
      .mailboxEvents(ADELE, { start: '2030-03-01T00:00:00Z', end: '2030-05-01T00:00:00Z' })
      .filter((event) => event['seriesMasterId'] === series!.id);
    expect(instances).toHaveLength(6);
    await h.outlook(ADELE, {
      action: 'update',
      eventId: String(instances[1]!['id']),
      changes: { start: brussels('2030-03-12T15:00:00'), end: brussels('2030-03-12T16:00:00') },
    });
    await h.outlook(ADELE, { action: 'cancel', eventId: String(instances[2]!['id']) });
    await settle();

    const [reservation, ...others] = activeReservations();
    expect(others).toEqual([]);
    expect(reservation!.recurrence?.rrule).toMatch(/FREQ=WEEKLY/);
    expect(reservation!.recurrence?.rrule).toMatch(/COUNT=6/);
    expect(reservation!.exceptions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          originalStart: '2030-03-11T09:00:00.000Z',
          status: 'modified',
          start: '2030-03-12T15:00:00',
        }),
        expect.objectContaining({ originalStart: '2030-03-18T09:00:00.000Z', status: 'cancelled' }),
      ]),
    );
  });

  test('a room that rewrites subjects: the meeting reaches Workplace and the log with the organizer’s subject, and Outlook edits keep the Workplace subject', async () => {
    await h.close();
    await truncateAllTables(database.db);
    h = await startTwoWayHarness(database, { subjectRewritingRooms: [ARDENNES] });
    await settle();
    const meeting = await h.outlook(ADELE, { action: 'create', meeting: planning });
    await settle();
    // The room copy carries the organizer's name instead of the subject; Adele's own copy has the subject.
    expect(h.roomEvents(ARDENNES)).toEqual([expect.objectContaining({ subject: 'Adele Vance' })]);
    const [reservation] = activeReservations();
    expect(reservation).toMatchObject({ subject: 'Quarterly planning' });
    const log = await database.db.select().from(syncLog);
    expect(log.find((entry) => entry.action === 'created')).toMatchObject({
      details: expect.objectContaining({ subject: 'Quarterly planning' }),
    });
    // A facility admin renames it in Workplace; Outlook edits then keep that name.
    await h.kiosk.edit(reservation!.id, { subject: 'Planning (board room)' });
    await settle();
    await h.outlook(ADELE, {
      action: 'update',
      eventId: meeting!.id,
      changes: { start: brussels('2030-03-04T13:00:00'), end: brussels('2030-03-04T14:00:00') },
    });
    await settle();
    expect(activeReservations()).toEqual([
      expect.objectContaining({ subject: 'Planning (board room)', start: '2030-03-04T13:00:00' }),
    ]);
  });

  test('a rewriting room when the app may read only room mailboxes: the rewritten subject, and the log says why', async () => {
    await h.close();
    await truncateAllTables(database.db);
    h = await startTwoWayHarness(database, { subjectRewritingRooms: [ARDENNES] });
    h.graphEmulator.control.setMailboxScope(DEMO_SYNC_APP.clientId, 'rooms');
    await settle();
    await h.outlook(ADELE, { action: 'create', meeting: planning });
    await settle();
    expect(activeReservations()).toEqual([expect.objectContaining({ subject: 'Adele Vance' })]);
    const log = await database.db.select().from(syncLog);
    expect(log.find((entry) => entry.action === 'created')).toMatchObject({
      reason: expect.stringMatching(
        /subject is the room's rewrite \("Adele Vance"\): the organizer's calendar \(adele\.vance@contoso\.com\) could not be read: .*Access to OData is disabled\./,
      ),
      details: expect.objectContaining({ subject: 'Adele Vance' }),
    });
  });

  test('a weekly series in New York keeps 09:00 local in Workplace across the DST change', async () => {
    await h.outlook(ADELE, {
      action: 'create',
      meeting: {
        subject: 'NY standup',
        start: { dateTime: '2030-03-04T09:00:00', timeZone: 'America/New_York' },
        end: { dateTime: '2030-03-04T09:15:00', timeZone: 'America/New_York' },
        rooms: ['room-newyork-10.01@contoso.com'],
        recurrence: {
          pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] },
          range: { type: 'numbered', startDate: '2030-03-04', numberOfOccurrences: 4 },
        },
      },
    });
    await syncRoom('room-newyork-10.01@contoso.com', h.deps);
    const [reservation] = activeReservations();
    expect(reservation).toMatchObject({ start: '2030-03-04T09:00:00', timeZone: 'America/New_York' });
    expect(reservation!.recurrence?.rrule).toMatch(/FREQ=WEEKLY/);
    // 2030-03-10 is the US spring-forward day: the 11 March occurrence is still at 09:00 local.
    const availability = await h.workplaceEmulator.app.inject({
      url: '/api/v1/availability?areaIds=a-nyc-10.01&from=2030-03-11T00:00:00Z&to=2030-03-12T00:00:00Z',
      headers: { authorization: `Bearer ${h.workplaceEmulator.apiKey}` },
    });
    expect(JSON.stringify(availability.json())).toContain('2030-03-11T13:00:00.000Z');
  });
});

describe('Workplace → Exchange', () => {
  const kioskBooking = {
    subject: 'Walk-in huddle',
    start: '2030-03-05T09:00:00',
    end: '2030-03-05T09:30:00',
    timeZone: 'Europe/Brussels',
    responsible: { email: 'alex.wilber@contoso.com', name: 'Alex Wilber' },
    participants: [{ email: ADELE, kind: 'required' }],
    lines: [{ type: 'area', objectId: 'a-bru-1.01' }],
  };

  test('a kiosk booking appears in the room calendar, once, with the responsible person invited', async () => {
    const booked = await h.kiosk.book(kioskBooking);
    await settle();
    const events = h.roomEvents(ARDENNES);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      subject: 'Walk-in huddle',
      attendees: expect.arrayContaining([
        expect.objectContaining({ emailAddress: expect.objectContaining({ address: 'alex.wilber@contoso.com' }) }),
      ]),
    });
    // The echo of our write did not come back as an edit or as a second reservation.
    expect(h.reservations()).toEqual([expect.objectContaining({ id: booked.id, version: booked.version })]);
  });

  test('a weekly series booked in the app, with one occurrence cancelled, becomes a room-calendar series with that occurrence cancelled', async () => {
    const series = await h.kiosk.book({
      ...kioskBooking,
      subject: 'Weekly clinic',
      start: '2030-03-05T11:00:00',
      end: '2030-03-05T12:00:00',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4' },
    });
    const cancelled = await h.workplaceEmulator.app.inject({
      method: 'POST',
      url: `/api/v1/reservations/${series.id}/occurrences/${encodeURIComponent('2030-03-12T10:00:00.000Z')}/cancel`,
      headers: { authorization: `Bearer ${h.workplaceEmulator.apiKey}` },
    });
    expect(cancelled.statusCode).toBe(200);
    await settle();
    const window = { start: '2030-03-01T00:00:00Z', end: '2030-04-01T00:00:00Z' };
    const occurrences = h.graphEmulator.control
      .mailboxEvents(ARDENNES, window)
      .filter((event) => event['subject'] === 'Weekly clinic' && event['isCancelled'] !== true)
      .map((event) => (event['start'] as { dateTime: string }).dateTime.slice(0, 16));
    expect(occurrences).toEqual(['2030-03-05T10:00', '2030-03-19T10:00', '2030-03-26T10:00']);
    // The echo of the series came back unchanged: the reservation was not touched.
    expect(h.reservations().find((r) => r.id === series.id)?.version).toBe(cancelled.json().version);
  });

  test('editing and cancelling at the kiosk updates and then cancels the room event', async () => {
    const booked = await h.kiosk.book(kioskBooking);
    await settle();
    await h.kiosk.edit(booked.id, { end: '2030-03-05T10:00:00', subject: 'Huddle (longer)' });
    await settle();
    expect(h.roomEvents(ARDENNES)).toEqual([expect.objectContaining({ subject: 'Huddle (longer)' })]);
    await h.kiosk.cancel(booked.id);
    await settle();
    const remaining = h.roomEvents(ARDENNES).filter((event) => event['isCancelled'] !== true);
    expect(remaining).toEqual([]);
  });
});

describe('conflicts', () => {
  test('Exchange declines a meeting in a room Workplace already booked: no reservation is made for it', async () => {
    await h.kiosk.book({
      subject: 'Kiosk first',
      start: '2030-03-04T10:00:00',
      end: '2030-03-04T11:00:00',
      timeZone: 'Europe/Brussels',
      responsible: { email: 'alex.wilber@contoso.com' },
      participants: [],
      lines: [{ type: 'area', objectId: 'a-bru-1.01' }],
    });
    await settle();
    await h.outlook(ADELE, { action: 'create', meeting: planning });
    await settle();
    expect(activeReservations()).toEqual([expect.objectContaining({ subject: 'Kiosk first' })]);
  });

  test('Workplace refuses a meeting outside its opening hours: the room declines it with the reason', async () => {
    const late = await h.outlook(ADELE, {
      action: 'create',
      meeting: { ...planning, start: brussels('2030-03-04T21:00:00'), end: brussels('2030-03-04T22:00:00') },
    });
    await settle();
    expect(activeReservations()).toEqual([]);
    const organizerCopy = h.graphEmulator.control.mailboxEvents(ADELE).find((event) => event['id'] === late!.id);
    const room = (
      organizerCopy?.['attendees'] as Array<{ emailAddress: { address: string }; status: { response: string } }>
    ).find((attendee) => attendee.emailAddress.address === ARDENNES);
    expect(room?.status.response).toBe('declined');
    const log = await database.db.select().from(syncLog);
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'declined', reason: expect.stringMatching(/Workplace refused/) }),
      ]),
    );
    // Only the decline: the reservation the plan meant to create never existed.
    expect(log.filter((entry) => entry.mailbox === ARDENNES).map((entry) => entry.action)).not.toContain('created');
  });

  test('a Workplace edit of a meeting organised in Outlook is reverted from Exchange', async () => {
    await h.outlook(ADELE, { action: 'create', meeting: planning });
    await settle();
    const [reservation] = activeReservations();
    await h.kiosk.edit(reservation!.id, { subject: 'Renamed at a kiosk' });
    await settle();
    expect(activeReservations()).toEqual([expect.objectContaining({ subject: 'Quarterly planning' })]);
  });
});

describe('conflicts on edits', () => {
  test('the same booking changed on both sides before a sync: the latest change wins', async () => {
    const booked = await h.kiosk.book({
      subject: 'Contested',
      start: '2030-03-05T09:00:00',
      end: '2030-03-05T10:00:00',
      timeZone: 'Europe/Brussels',
      responsible: { email: 'alex.wilber@contoso.com' },
      participants: [],
      lines: [{ type: 'area', objectId: 'a-bru-1.01' }],
    });
    await settle();
    const [event] = h.roomEvents(ARDENNES);
    // A delegate renames it in the room calendar; a minute later the kiosk renames it too.
    await h.graph.updateEvent({ address: ARDENNES, timeZone: 'Europe/Brussels' }, String(event!['id']), {
      ...(await h.deps.calendar.readEvent(ARDENNES, String(event!['id'])))!.booking,
      subject: 'Renamed by a delegate',
    });
    await h.graphEmulator.control.clock.advance(60_000);
    await h.kiosk.edit(booked.id, { subject: 'Renamed at the kiosk' });
    await settle();
    expect(h.roomEvents(ARDENNES).map((e) => e['subject'])).toEqual(['Renamed at the kiosk']);
    expect(h.reservations().find((r) => r.id === booked.id)?.subject).toBe('Renamed at the kiosk');
    const log = await database.db.select().from(syncLog);
    expect(log.map((entry) => entry.action)).toContain('conflict-resolved');
  });

  test('moving an Outlook meeting into a slot Workplace has taken declines it and releases its reservation', async () => {
    const meeting = await h.outlook(ADELE, { action: 'create', meeting: planning });
    await settle();
    await h.kiosk.book({
      subject: 'Taken at the kiosk',
      start: '2030-03-04T14:00:00',
      end: '2030-03-04T15:00:00',
      timeZone: 'Europe/Brussels',
      responsible: { email: 'alex.wilber@contoso.com' },
      participants: [],
      lines: [{ type: 'area', objectId: 'a-bru-1.01' }],
    });
    // Outlook moves the meeting before the kiosk booking reached the room calendar.
    await h.outlook(ADELE, {
      action: 'update',
      eventId: meeting!.id,
      changes: { start: brussels('2030-03-04T14:00:00'), end: brussels('2030-03-04T15:00:00') },
    });
    await settle();
    expect(activeReservations()).toEqual([expect.objectContaining({ subject: 'Taken at the kiosk' })]);
    const log = await database.db.select().from(syncLog);
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'declined', reason: expect.stringMatching(/refused the change/) }),
      ]),
    );
  });
});

describe('a burst of Workplace bookings', () => {
  const burst = (count: number) =>
    Array.from({ length: count }, (_, index) => ({
      subject: `Kiosk burst ${index}`,
      start: `2030-03-0${4 + (index % 2)}T${String(8 + Math.floor(index / 2)).padStart(2, '0')}:00:00`,
      end: `2030-03-0${4 + (index % 2)}T${String(8 + Math.floor(index / 2)).padStart(2, '0')}:45:00`,
      timeZone: 'Europe/Brussels',
      responsible: { email: 'megan.bowen@contoso.com' },
      participants: [],
      lines: [{ type: 'area', objectId: index % 3 === 0 ? 'a-bru-1.02' : 'a-bru-1.01' }],
    }));
  const liveSubjects = () =>
    [...h.roomEvents(ARDENNES), ...h.roomEvents(MEUSE)]
      .filter((event) => !(event as { isCancelled?: boolean }).isCancelled)
      .map((event) => String(event.subject))
      .sort();

  test('is synced a few reservations at a time, each once', async () => {
    for (const booking of burst(10)) await h.kiosk.book(booking);
    const getReservation = h.deps.reservations.getReservation;
    let inFlight = 0;
    let mostInFlight = 0;
    const counting = {
      ...h.deps,
      reservations: {
        ...h.deps.reservations,
        getReservation: async (id: string) => {
          mostInFlight = Math.max(mostInFlight, ++inFlight);
          try {
            return await getReservation(id);
          } finally {
            inFlight -= 1;
          }
        },
      },
    };
    await syncReservations(counting);
    expect(mostInFlight).toBeGreaterThan(1);
    expect(mostInFlight).toBeLessThanOrEqual(4);
    await settle();
    expect(liveSubjects()).toEqual(
      burst(10)
        .map((booking) => booking.subject)
        .sort(),
    );
  });

  test('one reservation failing does not hold up the others; the run fails and the next one brings it', async () => {
    for (const booking of burst(6)) await h.kiosk.book(booking);
    const createEvent = h.deps.calendar.createEvent;
    const failing = {
      ...h.deps,
      calendar: {
        ...h.deps.calendar,
        createEvent: async (...args: Parameters<typeof createEvent>) => {
          if (args[1].subject === 'Kiosk burst 3') throw new Error('Graph 503');
          return createEvent(...args);
        },
      },
    };
    await expect(syncReservations(failing)).rejects.toThrow('Graph 503');
    expect(liveSubjects()).toEqual([
      'Kiosk burst 0',
      'Kiosk burst 1',
      'Kiosk burst 2',
      'Kiosk burst 4',
      'Kiosk burst 5',
    ]);
    // The cursor did not move past the failed run: the next run (the job's retry) books the last one.
    await syncReservations(h.deps);
    expect(liveSubjects()).toEqual(
      burst(6)
        .map((booking) => booking.subject)
        .sort(),
    );
  });
});

describe('a worker that dies between writing and recording', () => {
  test('a reservation created just before a crash is adopted after the meeting moved, not booked twice', async () => {
    const meeting = await h.outlook(ADELE, { action: 'create', meeting: planning });
    // The worker creates the reservation and dies before it saves the link.
    const createReservation = h.deps.reservations.createReservation;
    const dying = {
      ...h.deps,
      reservations: {
        ...h.deps.reservations,
        createReservation: async (...args: Parameters<typeof createReservation>) => {
          await createReservation(...args);
          throw new Error('worker killed');
        },
      },
    };
    await expect(syncRoom(ARDENNES, dying)).rejects.toThrow('worker killed');
    expect(activeReservations()).toHaveLength(1);
    // The organizer moves the meeting to a time that does not overlap the reservation's.
    await h.outlook(ADELE, {
      action: 'update',
      eventId: meeting!.id,
      changes: { start: brussels('2030-03-04T15:00:00'), end: brussels('2030-03-04T16:00:00') },
    });
    await settle();
    expect(activeReservations()).toEqual([
      expect.objectContaining({ start: '2030-03-04T15:00:00', end: '2030-03-04T16:00:00', source: 'outlook' }),
    ]);
  });

  test('an event written just before a crash is brought up to date after the reservation moved, not linked as it was', async () => {
    const booked = await h.kiosk.book({
      subject: 'Kiosk meeting',
      start: '2030-03-04T08:00:00',
      end: '2030-03-04T09:00:00',
      timeZone: 'Europe/Brussels',
      responsible: { email: 'megan.bowen@contoso.com' },
      participants: [],
      lines: [{ type: 'area', objectId: 'a-bru-1.01' }],
    });
    // The worker writes the room event and dies before it saves the link (and the feed cursor).
    const createEvent = h.deps.calendar.createEvent;
    const dying = {
      ...h.deps,
      calendar: {
        ...h.deps.calendar,
        createEvent: async (...args: Parameters<typeof createEvent>) => {
          await createEvent(...args);
          throw new Error('worker killed');
        },
      },
    };
    await expect(syncReservations(dying)).rejects.toThrow('worker killed');
    expect(h.roomEvents(ARDENNES)).toHaveLength(1);
    // Moved at the kiosk to the next day; the room's delta sees our (outdated) event first.
    await h.kiosk.edit(booked.id, { start: '2030-03-05T08:00:00', end: '2030-03-05T09:00:00' });
    await settle();
    const events = h.roomEvents(ARDENNES) as Array<{ start: { dateTime: string }; isCancelled: boolean }>;
    expect(events.filter((event) => !event.isCancelled).map((event) => event.start.dateTime)).toEqual([
      expect.stringMatching(/^2030-03-05T07:00:00/),
    ]);
  });
});
