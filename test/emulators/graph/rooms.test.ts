import { describe, expect, test } from 'vitest';
import {
  ADELE,
  aMeeting,
  at,
  encode,
  MEGAN,
  ROOM_A,
  ROOM_B,
  testSeed,
  useEmulator,
} from './support/emulator-harness.js';

type Event = Record<string, unknown> & {
  id: string;
  iCalUId: string;
  subject: string;
  type: string;
  isCancelled: boolean;
  isOrganizer: boolean;
  body: { content: string };
  responseStatus: { response: string };
  attendees: Array<{ type: string; emailAddress: { address: string }; status: { response: string } }>;
  recurrence: unknown;
};

const eventsOf = (mailbox: string) => `/v1.0/users/${encode(mailbox)}/events`;
const roomStatus = (event: Event, room: string) =>
  event.attendees.find((attendee) => attendee.emailAddress.address === room)?.status.response;

describe('room mailboxes', () => {
  const harness = useEmulator({}, () =>
    testSeed({
      rooms: [
        ...testSeed().rooms!,
        {
          email: 'room-tolerant@contoso.com',
          displayName: 'Tolerant',
          bookingSettings: { conflictPercentageAllowed: 50, maximumConflictInstances: 2 },
        },
        {
          email: 'room-delegated@contoso.com',
          displayName: 'Delegated',
          bookingSettings: { automateProcessing: 'AutoUpdate' },
        },
        {
          email: 'room-keeps-subject@contoso.com',
          displayName: 'Keeps',
          bookingSettings: { deleteSubject: false, deleteComments: false, removeCanceledMeetings: true },
        },
      ],
    }),
  );

  async function book(organizer: string, rooms: string[], overrides: Record<string, unknown> = {}) {
    const created = await harness.graph.post<Event>(eventsOf(organizer), aMeeting(overrides, rooms));
    expect(created.status).toBe(201);
    await harness.control.idle();
    return created.body;
  }

  const onlyEvent = async (mailbox: string) => {
    const { body } = await harness.graph.get<{ value: Event[] }>(eventsOf(mailbox));
    return body.value;
  };

  test('a meeting with a room produces the room copy (own id, same iCalUId), accepted, subject replaced and body removed', async () => {
    const organizerCopy = await book(ADELE, [ROOM_A]);
    expect(roomStatus(organizerCopy, ROOM_A)).toBe('none');
    const [roomCopy] = await onlyEvent(ROOM_A);
    expect(roomCopy).toBeDefined();
    expect(roomCopy!.id).not.toBe(organizerCopy.id);
    expect(roomCopy!.iCalUId).toBe(organizerCopy.iCalUId);
    expect(roomCopy).toMatchObject({
      subject: 'Adele Vance',
      isOrganizer: false,
      responseStatus: { response: 'accepted' },
      showAs: 'busy',
    });
    expect(roomCopy!.body.content).toBe('');
    const [organizerAfter] = await onlyEvent(ADELE);
    expect(roomStatus(organizerAfter!, ROOM_A)).toBe('accepted');
  });

  test('a room that keeps subjects and bodies shows the organizer’s subject', async () => {
    await book(ADELE, ['room-keeps-subject@contoso.com']);
    const [copy] = await onlyEvent('room-keeps-subject@contoso.com');
    expect(copy!.subject).toBe('Design review');
    expect(copy!.body.content).toContain('Agenda: the plan');
  });

  test('a conflicting meeting is declined: no room copy, declined on the organizer’s copy', async () => {
    await book(ADELE, [ROOM_A]);
    await book(MEGAN, [ROOM_A], { start: at('2027-03-02T10:30:00'), end: at('2027-03-02T11:30:00') });
    expect(await onlyEvent(ROOM_A)).toHaveLength(1);
    const [megans] = await onlyEvent(MEGAN);
    expect(roomStatus(megans!, ROOM_A)).toBe('declined');
  });

  test('a series with one conflicting occurrence is declined whole by default', async () => {
    await book(MEGAN, [ROOM_A], { start: at('2027-03-15T09:00:00'), end: at('2027-03-15T10:00:00') });
    const series = await book(ADELE, [ROOM_A], {
      start: at('2027-03-01T09:00:00'),
      end: at('2027-03-01T10:00:00'),
      recurrence: {
        pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] },
        range: { type: 'numbered', startDate: '2027-03-01', numberOfOccurrences: 4 },
      },
    });
    expect((await onlyEvent(ROOM_A)).map((event) => event.type)).toEqual(['singleInstance']);
    const [organizerCopy] = (await onlyEvent(ADELE)).filter((event) => event.id === series.id);
    expect(roomStatus(organizerCopy!, ROOM_A)).toBe('declined');
  });

  test('ConflictPercentageAllowed lets a series in and declines only the conflicting occurrence', async () => {
    const room = 'room-tolerant@contoso.com';
    await book(MEGAN, [room], { start: at('2027-03-15T09:00:00'), end: at('2027-03-15T10:00:00') });
    await book(ADELE, [room], {
      start: at('2027-03-01T09:00:00'),
      end: at('2027-03-01T10:00:00'),
      recurrence: {
        pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] },
        range: { type: 'numbered', startDate: '2027-03-01', numberOfOccurrences: 4 },
      },
    });
    const view = await harness.graph.get<{ value: Event[] }>(
      `/v1.0/users/${encode(room)}/calendarView?startDateTime=2027-03-01T00:00:00Z&endDateTime=2027-04-01T00:00:00Z`,
    );
    expect(
      view.body.value.map((event) => [event.type, (event.start as { dateTime: string }).dateTime.slice(0, 10)]),
    ).toEqual([
      ['occurrence', '2027-03-01'],
      ['occurrence', '2027-03-08'],
      ['singleInstance', '2027-03-15'],
      ['occurrence', '2027-03-22'],
    ]);
  });

  test('a meeting beyond BookingWindowInDays (180) is declined', async () => {
    const late = await book(ADELE, [ROOM_A], { start: at('2027-10-01T10:00:00'), end: at('2027-10-01T11:00:00') });
    expect(await onlyEvent(ROOM_A)).toEqual([]);
    const [organizerCopy] = (await onlyEvent(ADELE)).filter((event) => event.id === late.id);
    expect(roomStatus(organizerCopy!, ROOM_A)).toBe('declined');
    // Seven months later the same date is inside the window, and the next update is accepted.
    await harness.control.clock.advance(210 * 86_400_000);
    harness.control.actAsUser(ADELE, { action: 'update', eventId: late.id, changes: { subject: 'Autumn planning' } });
    await harness.control.idle();
    expect(harness.control.mailboxEvents(ROOM_A)).toHaveLength(1);
  });

  test('AutoUpdate rooms only mark requests tentative; an accept on the room copy reaches the organizer', async () => {
    const room = 'room-delegated@contoso.com';
    await book(ADELE, [room]);
    const [copy] = await onlyEvent(room);
    expect(copy).toMatchObject({ responseStatus: { response: 'notResponded' }, showAs: 'tentative' });
    expect(roomStatus((await onlyEvent(ADELE))[0]!, room)).toBe('none');
    expect((await harness.graph.post(`${eventsOf(room)}/${copy!.id}/accept`, { sendResponse: true })).status).toBe(202);
    await harness.control.idle();
    expect(roomStatus((await onlyEvent(ADELE))[0]!, room)).toBe('accepted');
  });

  test('an event written directly into a room calendar is accepted as is (the room is its organizer)', async () => {
    const { body } = await harness.graph.post<Event>(eventsOf(ROOM_B), aMeeting({ subject: 'Workplace booking' }));
    expect(body).toMatchObject({
      isOrganizer: true,
      responseStatus: { response: 'organizer' },
      subject: 'Workplace booking',
    });
    await harness.control.idle();
    expect((await onlyEvent(ROOM_B)).map((event) => event.subject)).toEqual(['Workplace booking']);
  });

  test('cancelling keeps the room copy as cancelled (RemoveCanceledMeetings off) or removes it (on)', async () => {
    const meeting = await book(ADELE, [ROOM_A, 'room-keeps-subject@contoso.com']);
    expect((await harness.graph.post(`${eventsOf(ADELE)}/${meeting.id}/cancel`, {})).status).toBe(202);
    await harness.control.idle();
    const [cancelled] = await onlyEvent(ROOM_A);
    expect(cancelled).toMatchObject({ isCancelled: true, subject: 'Canceled: Adele Vance', showAs: 'free' });
    expect(await onlyEvent('room-keeps-subject@contoso.com')).toEqual([]);
  });

  test('moving the meeting moves the room copy; removing the room cancels its copy', async () => {
    const meeting = await book(ADELE, [ROOM_A]);
    await harness.graph.patch(`${eventsOf(ADELE)}/${meeting.id}`, {
      start: at('2027-03-03T10:00:00'),
      end: at('2027-03-03T11:00:00'),
    });
    await harness.control.idle();
    const [moved] = await onlyEvent(ROOM_A);
    expect((moved!.start as { dateTime: string }).dateTime).toBe('2027-03-03T09:00:00.0000000');
    await harness.graph.patch(`${eventsOf(ADELE)}/${meeting.id}`, {
      attendees: [{ type: 'resource', emailAddress: { address: ROOM_B } }],
    });
    await harness.control.idle();
    expect((await onlyEvent(ROOM_A))[0]!.isCancelled).toBe(true);
    expect(await onlyEvent(ROOM_B)).toHaveLength(1);
  });

  test('occurrence changes reach the room copy; a moved occurrence that conflicts is declined alone', async () => {
    const series = await book(ADELE, [ROOM_A], {
      start: at('2027-03-01T09:00:00'),
      end: at('2027-03-01T10:00:00'),
      recurrence: {
        pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] },
        range: { type: 'numbered', startDate: '2027-03-01', numberOfOccurrences: 4 },
      },
    });
    await book(MEGAN, [ROOM_A], { subject: 'Megan', start: at('2027-03-09T14:00:00'), end: at('2027-03-09T15:00:00') });
    const window = 'startDateTime=2027-03-01T00:00:00Z&endDateTime=2027-04-01T00:00:00Z';
    const { body: instances } = await harness.graph.get<{ value: Event[] }>(
      `${eventsOf(ADELE)}/${series.id}/instances?${window}`,
    );
    await harness.graph.patch(`${eventsOf(ADELE)}/${instances.value[1]!.id}`, {
      start: at('2027-03-09T14:00:00'),
      end: at('2027-03-09T15:00:00'),
    });
    await harness.graph.patch(`${eventsOf(ADELE)}/${instances.value[3]!.id}`, {
      start: at('2027-03-23T09:00:00'),
      end: at('2027-03-23T10:00:00'),
    });
    await harness.graph.delete(`${eventsOf(ADELE)}/${instances.value[2]!.id}`);
    await harness.control.idle();
    const room = await harness.graph.get<{ value: Event[] }>(`/v1.0/users/${encode(ROOM_A)}/calendarView?${window}`);
    expect(
      room.body.value.map((event) => [event.type, (event.start as { dateTime: string }).dateTime.slice(0, 16)]),
    ).toEqual([
      ['occurrence', '2027-03-01T08:00'],
      ['singleInstance', '2027-03-09T13:00'],
      ['exception', '2027-03-23T08:00'],
    ]);
    const { body: after } = await harness.graph.get<{ value: Event[] }>(
      `${eventsOf(ADELE)}/${series.id}/instances?${window}`,
    );
    const moved = after.value.find((event) => event.id === instances.value[1]!.id)!;
    expect(roomStatus(moved, ROOM_A)).toBe('declined');
    expect(roomStatus(after.value[0]!, ROOM_A)).toBe('accepted');
  });

  test('act as a user in Outlook: rooms become resource attendees and conference-room locations', async () => {
    const created = harness.control.actAsUser(ADELE, {
      action: 'create',
      meeting: {
        subject: 'From Outlook',
        start: at('2027-03-04T14:00:00'),
        end: at('2027-03-04T15:00:00'),
        rooms: [ROOM_A],
        attendees: [MEGAN],
      },
    })!;
    expect(created.locations).toEqual([
      {
        displayName: 'Room A',
        locationEmailAddress: ROOM_A,
        locationType: 'conferenceRoom',
        uniqueId: ROOM_A,
        uniqueIdType: 'directory',
      },
    ]);
    expect(
      (created.attendees as Event['attendees']).map((attendee) => [attendee.type, attendee.emailAddress.address]),
    ).toEqual([
      ['required', MEGAN],
      ['resource', ROOM_A],
    ]);
    await harness.control.idle();
    expect(harness.control.mailboxEvents(ROOM_A)).toHaveLength(1);
    const [megansCopy] = harness.control.mailboxEvents(MEGAN);
    expect(megansCopy).toMatchObject({
      isOrganizer: false,
      responseStatus: { response: 'notResponded' },
      iCalUId: created.iCalUId,
    });
    harness.control.actAsUser(ADELE, { action: 'cancel', eventId: created.id as string });
    await harness.control.idle();
    expect(harness.control.mailboxEvents(MEGAN)[0]).toMatchObject({ isCancelled: true });
  });
});
