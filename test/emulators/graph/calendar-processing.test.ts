import { describe, expect, test } from 'vitest';
import { ADELE, aMeeting, at, encode, MEGAN, testSeed, useEmulator } from './support/emulator-harness.js';
import type { Harness } from './support/emulator-harness.js';

// Set-CalendarProcessing options that docs/emulators-graph.md ("Details checked against Microsoft's
// documentation") cites one by one.

type Time = { dateTime: string; timeZone: string };
type Event = Record<string, unknown> & {
  id: string;
  type: string;
  subject: string;
  sensitivity: string;
  showAs: string;
  start: Time;
  body: { content: string };
  responseStatus: { response: string };
  attendees: Array<{ emailAddress: { address: string }; status: { response: string } }>;
};

const AUTO_UPDATE = 'room-delegated@contoso.com';
const KEEPS_PRIVATE = 'room-keeps-private@contoso.com';

const eventsOf = (mailbox: string) => `/v1.0/users/${encode(mailbox)}/events`;
const roomStatus = (event: Event, room: string) =>
  event.attendees.find((attendee) => attendee.emailAddress.address === room)?.status.response;
const weekly = (count: number) => ({
  pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] },
  range: { type: 'numbered', startDate: '2027-03-01', numberOfOccurrences: count },
});

async function book(harness: Harness, organizer: string, rooms: string[], overrides: Record<string, unknown> = {}) {
  const created = await harness.graph.post<Event>(eventsOf(organizer), aMeeting(overrides, rooms));
  expect(created.status).toBe(201);
  await harness.control.idle();
  return created.body;
}

async function eventsIn(harness: Harness, mailbox: string) {
  return (await harness.graph.get<{ value: Event[] }>(eventsOf(mailbox))).body.value;
}

describe('AutomateProcessing AutoUpdate: the Calendar Attendant only marks requests tentative', () => {
  const harness = useEmulator({}, () =>
    testSeed({
      rooms: [
        ...testSeed().rooms!,
        { email: AUTO_UPDATE, displayName: 'Delegated', bookingSettings: { automateProcessing: 'AutoUpdate' } },
      ],
    }),
  );

  test('subject and body stay as sent (DeleteSubject, AddOrganizerToSubject, DeleteComments need AutoAccept)', async () => {
    await book(harness, ADELE, [AUTO_UPDATE]);
    const [copy] = await eventsIn(harness, AUTO_UPDATE);
    expect(copy).toMatchObject({
      subject: 'Design review',
      showAs: 'tentative',
      responseStatus: { response: 'notResponded' },
    });
    expect(copy!.body.content).toContain('Agenda: the plan');
  });

  test('a conflicting request is not declined: both meetings wait tentatively for a delegate', async () => {
    await book(harness, ADELE, [AUTO_UPDATE]);
    await book(harness, MEGAN, [AUTO_UPDATE], { subject: 'Overlap', start: at('2027-03-02T10:30:00') });
    expect((await eventsIn(harness, AUTO_UPDATE)).map((event) => [event.subject, event.showAs])).toEqual([
      ['Design review', 'tentative'],
      ['Overlap', 'tentative'],
    ]);
    expect(roomStatus((await eventsIn(harness, MEGAN))[0]!, AUTO_UPDATE)).toBe('none');
  });

  test('beyond the booking window or longer than MaximumDurationInMinutes: still tentative, not declined', async () => {
    await book(harness, ADELE, [AUTO_UPDATE], {
      subject: 'Far away',
      start: at('2027-10-01T10:00:00'),
      end: at('2027-10-01T11:00:00'),
    });
    await book(harness, ADELE, [AUTO_UPDATE], {
      subject: 'Marathon',
      start: at('2027-03-03T08:00:00'),
      end: at('2027-03-04T10:00:00'),
    });
    const copies = await eventsIn(harness, AUTO_UPDATE);
    expect(copies.map((event) => event.subject).sort()).toEqual(['Far away', 'Marathon']);
    for (const organizerCopy of await eventsIn(harness, ADELE)) {
      expect(roomStatus(organizerCopy, AUTO_UPDATE)).toBe('none');
    }
  });

  test('an occurrence moved onto another booking is not declined', async () => {
    const series = await book(harness, ADELE, [AUTO_UPDATE], {
      start: at('2027-03-01T09:00:00'),
      end: at('2027-03-01T10:00:00'),
      recurrence: weekly(3),
    });
    await book(harness, MEGAN, [AUTO_UPDATE], { start: at('2027-03-09T14:00:00'), end: at('2027-03-09T15:00:00') });
    const window = 'startDateTime=2027-03-01T00:00:00Z&endDateTime=2027-04-01T00:00:00Z';
    const instances = `${eventsOf(ADELE)}/${series.id}/instances?${window}`;
    const { body: before } = await harness.graph.get<{ value: Event[] }>(instances);
    await harness.graph.patch(`${eventsOf(ADELE)}/${before.value[1]!.id}`, {
      start: at('2027-03-09T14:00:00'),
      end: at('2027-03-09T15:00:00'),
    });
    await harness.control.idle();
    const room = await harness.graph.get<{ value: Event[] }>(
      `/v1.0/users/${encode(AUTO_UPDATE)}/calendarView?${window}`,
    );
    expect(room.body.value.map((event) => `${event.start.dateTime.slice(0, 16)} ${event.type}`).sort()).toEqual([
      '2027-03-01T08:00 occurrence',
      '2027-03-09T13:00 exception',
      '2027-03-09T13:00 singleInstance',
      '2027-03-15T08:00 occurrence',
    ]);
    const { body: after } = await harness.graph.get<{ value: Event[] }>(instances);
    expect(after.value.map((event) => roomStatus(event, AUTO_UPDATE))).toEqual(['none', 'none', 'none']);
  });
});

describe('RemovePrivateProperty (default $true) clears the private flag on the room copy', () => {
  const harness = useEmulator({}, () =>
    testSeed({
      rooms: [
        { email: 'room-a@contoso.com', displayName: 'Room A' },
        { email: KEEPS_PRIVATE, displayName: 'Keeps private', bookingSettings: { removePrivateProperty: false } },
        { email: AUTO_UPDATE, displayName: 'Delegated', bookingSettings: { automateProcessing: 'AutoUpdate' } },
      ],
    }),
  );

  test('a private meeting reads normal in a default room, private where the setting is off or in AutoUpdate', async () => {
    const rooms = ['room-a@contoso.com', KEEPS_PRIVATE, AUTO_UPDATE];
    await book(harness, ADELE, rooms, { sensitivity: 'private' });
    const sensitivities = await Promise.all(rooms.map(async (room) => (await eventsIn(harness, room))[0]?.sensitivity));
    expect(sensitivities).toEqual(['normal', 'private', 'private']);
    expect((await eventsIn(harness, ADELE))[0]!.sensitivity).toBe('private');
  });

  test('the flag is cleared on the room copy of each occurrence edited by the organizer too', async () => {
    const series = await book(harness, ADELE, ['room-a@contoso.com'], {
      sensitivity: 'private',
      start: at('2027-03-01T09:00:00'),
      end: at('2027-03-01T10:00:00'),
      recurrence: weekly(2),
    });
    const window = 'startDateTime=2027-03-01T00:00:00Z&endDateTime=2027-04-01T00:00:00Z';
    const { body } = await harness.graph.get<{ value: Event[] }>(`${eventsOf(ADELE)}/${series.id}/instances?${window}`);
    await harness.graph.patch(`${eventsOf(ADELE)}/${body.value[1]!.id}`, { subject: 'Second, private' });
    await harness.control.idle();
    const room = await harness.graph.get<{ value: Event[] }>(
      `/v1.0/users/${encode('room-a@contoso.com')}/calendarView?${window}`,
    );
    expect(room.body.value.map((event) => [event.type, event.sensitivity])).toEqual([
      ['occurrence', 'normal'],
      ['exception', 'normal'],
    ]);
  });
});

describe('EnforceSchedulingHorizon $false: a series past the booking window is accepted, cut at the window', () => {
  const SHORT_WINDOW = 'room-short-window@contoso.com';
  const harness = useEmulator({}, () =>
    testSeed({
      rooms: [
        {
          email: SHORT_WINDOW,
          displayName: 'Short window',
          timeZone: 'Europe/Brussels',
          // The window ends on 2027-03-31 (START is 2027-03-01T08:00Z).
          bookingSettings: { bookingWindowInDays: 30, enforceSchedulingHorizon: false },
        },
      ],
    }),
  );
  const window = 'startDateTime=2027-03-01T00:00:00Z&endDateTime=2027-06-01T00:00:00Z';
  const startsIn = async (mailbox: string, seriesId?: string) => {
    const path = seriesId
      ? `${eventsOf(mailbox)}/${seriesId}/instances?${window}`
      : `/v1.0/users/${encode(mailbox)}/calendarView?${window}`;
    const { body } = await harness.graph.get<{ value: Event[] }>(path);
    return body.value.map((event) => event.start.dateTime.slice(0, 10));
  };
  const roomRange = async () =>
    ((await eventsIn(harness, SHORT_WINDOW))[0]?.recurrence as { range: Record<string, unknown> } | undefined)?.range;

  test('a numbered series: the room accepts and keeps only the occurrences up to the window', async () => {
    const series = await book(harness, ADELE, [SHORT_WINDOW], {
      start: at('2027-03-01T09:00:00'),
      end: at('2027-03-01T10:00:00'),
      recurrence: weekly(10),
    });
    expect(roomStatus((await eventsIn(harness, ADELE))[0]!, SHORT_WINDOW)).toBe('accepted');
    expect(await roomRange()).toMatchObject({ type: 'endDate', startDate: '2027-03-01', endDate: '2027-03-31' });
    expect(await startsIn(SHORT_WINDOW)).toEqual([
      '2027-03-01',
      '2027-03-08',
      '2027-03-15',
      '2027-03-22',
      '2027-03-29',
    ]);
    expect(await startsIn(ADELE, series.id)).toHaveLength(10);
  });

  test('a series without end is cut the same way; an update on the same day keeps the cut and the acceptance', async () => {
    const series = await book(harness, ADELE, [SHORT_WINDOW], {
      start: at('2027-03-02T09:00:00'),
      end: at('2027-03-02T10:00:00'),
      recurrence: {
        pattern: { type: 'weekly', interval: 1, daysOfWeek: ['tuesday'] },
        range: { type: 'noEnd', startDate: '2027-03-02' },
      },
    });
    expect(await startsIn(SHORT_WINDOW)).toEqual([
      '2027-03-02',
      '2027-03-09',
      '2027-03-16',
      '2027-03-23',
      '2027-03-30',
    ]);
    await harness.graph.patch(`${eventsOf(ADELE)}/${series.id}`, { subject: 'Renamed' });
    await harness.control.idle();
    expect(await roomRange()).toMatchObject({ type: 'endDate', endDate: '2027-03-31' });
    expect((await eventsIn(harness, SHORT_WINDOW))[0]).toMatchObject({ responseStatus: { response: 'accepted' } });
  });

  test('an organizer’s exception after the window does not reach the room', async () => {
    const series = await book(harness, ADELE, [SHORT_WINDOW], {
      start: at('2027-03-01T09:00:00'),
      end: at('2027-03-01T10:00:00'),
      recurrence: weekly(10),
    });
    const { body } = await harness.graph.get<{ value: Event[] }>(`${eventsOf(ADELE)}/${series.id}/instances?${window}`);
    await harness.graph.patch(`${eventsOf(ADELE)}/${body.value[6]!.id}`, { subject: 'Mid-April, edited' });
    await harness.control.idle();
    expect(await startsIn(SHORT_WINDOW)).toHaveLength(5);
    expect(harness.control.mailboxEvents(SHORT_WINDOW).map((event) => event.type)).toEqual(['seriesMaster']);
  });
});
