import { describe, expect, test } from 'vitest';
import { ADELE, aMeeting, at, encode, MEGAN, ROOM_A, ROOM_B, useEmulator } from './support/emulator-harness.js';

type ScheduleInformation = {
  scheduleId: string;
  availabilityView: string;
  scheduleItems: Array<Record<string, unknown>>;
  workingHours?: Record<string, unknown>;
  error?: { message: string; responseCode: string };
};

describe('getSchedule', () => {
  const harness = useEmulator();

  test('availabilityView, scheduleItems and workingHours per schedule, in the Prefer zone', async () => {
    await harness.graph.post(
      `/v1.0/users/${encode(ROOM_A)}/events`,
      aMeeting({ start: at('2027-03-02T10:00:00'), end: at('2027-03-02T11:00:00') }),
    );
    await harness.graph.post(
      `/v1.0/users/${encode(ROOM_A)}/events`,
      aMeeting({
        subject: 'Maybe',
        showAs: 'tentative',
        start: at('2027-03-02T12:00:00'),
        end: at('2027-03-02T12:30:00'),
      }),
    );
    const response = await harness.graph.post<{ value: ScheduleInformation[] }>(
      `/v1.0/users/${encode(ADELE)}/calendar/getSchedule`,
      {
        schedules: [ROOM_A, ROOM_B, 'ghost@contoso.com'],
        startTime: at('2027-03-02T09:00:00'),
        endTime: at('2027-03-02T13:00:00'),
        availabilityViewInterval: 60,
      },
      { headers: { Prefer: 'outlook.timezone="Romance Standard Time"' } },
    );
    expect(response.status).toBe(200);
    const [roomA, roomB, ghost] = response.body.value;
    expect(roomA).toMatchObject({ scheduleId: ROOM_A, availabilityView: '0201' });
    expect(roomA!.scheduleItems).toEqual([
      {
        isPrivate: false,
        status: 'busy',
        subject: 'Design review',
        location: '',
        start: { dateTime: '2027-03-02T10:00:00.0000000', timeZone: 'Romance Standard Time' },
        end: { dateTime: '2027-03-02T11:00:00.0000000', timeZone: 'Romance Standard Time' },
      },
      {
        isPrivate: false,
        status: 'tentative',
        subject: 'Maybe',
        location: '',
        start: { dateTime: '2027-03-02T12:00:00.0000000', timeZone: 'Romance Standard Time' },
        end: { dateTime: '2027-03-02T12:30:00.0000000', timeZone: 'Romance Standard Time' },
      },
    ]);
    expect(roomA!.workingHours).toEqual({
      daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      startTime: '08:00:00.0000000',
      endTime: '17:00:00.0000000',
      timeZone: { name: 'Romance Standard Time' },
    });
    expect(roomB!.availabilityView).toBe('0000');
    expect(ghost!.error).toMatchObject({ responseCode: 'ErrorMailRecipientNotFound' });
  });

  test('invalid intervals are refused', async () => {
    const response = await harness.graph.post(`/v1.0/users/${encode(MEGAN)}/calendar/getSchedule`, {
      schedules: [ROOM_A],
      startTime: at('2027-03-02T09:00:00'),
      endTime: at('2027-03-02T13:00:00'),
      availabilityViewInterval: 2,
    });
    expect(response.status).toBe(400);
  });

  test('a window of 62 days is answered; a longer one is 400 ErrorTimeIntervalTooBig (microsoft-graph-docs #19703)', async () => {
    const window = (endTime: string) =>
      harness.graph.post<{ error: { code: string; message: string } }>(
        `/v1.0/users/${encode(MEGAN)}/calendar/getSchedule`,
        { schedules: [ROOM_A], startTime: at('2027-03-01T00:00:00', 'UTC'), endTime: at(endTime, 'UTC') },
      );
    expect((await window('2027-05-02T00:00:00')).status).toBe(200);
    const tooLong = await window('2027-05-03T00:00:00');
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({
      code: 'ErrorTimeIntervalTooBig',
      message:
        'The requested time duration specified for FreeBusyViewOptions.TimeWindow is too long. The allowed limit = 62 days; the actual limit = 63 days.',
    });
  });
});

describe('places', () => {
  const harness = useEmulator();

  test('rooms with capacity, building, floor and equipment; room lists; rooms of a list; one place', async () => {
    const rooms = await harness.graph.get<{ value: Array<Record<string, unknown>> }>(
      '/v1.0/places/microsoft.graph.room',
    );
    expect(rooms.body.value.map((room) => [room.emailAddress, room.capacity, room.building, room.floorNumber])).toEqual(
      [
        [ROOM_A, 8, 'HQ', 1],
        [ROOM_B, 4, 'HQ', 2],
      ],
    );
    const lists = await harness.graph.get<{ value: Array<Record<string, unknown>> }>(
      '/v1.0/places/microsoft.graph.roomlist',
    );
    expect(lists.body.value.map((list) => list.emailAddress)).toEqual(['hq@contoso.com']);
    const inList = await harness.graph.get<{ value: Array<Record<string, unknown>> }>(
      '/v1.0/places/hq@contoso.com/microsoft.graph.roomlist/rooms',
    );
    expect(inList.body.value).toHaveLength(2);
    expect(inList.body.value[0]!.parentId).toBe(lists.body.value[0]!.id);
    const one = await harness.graph.get<Record<string, unknown>>(`/v1.0/places/${ROOM_B}`);
    expect(one.body).toMatchObject({
      '@odata.type': '#microsoft.graph.room',
      emailAddress: ROOM_B,
      displayName: 'Room B',
    });
    const paged = await harness.graph.get<{ value: unknown[]; '@odata.nextLink'?: string }>(
      '/v1.0/places/microsoft.graph.room?$top=1',
    );
    expect(paged.body.value).toHaveLength(1);
    expect(paged.body['@odata.nextLink']).toContain('$skip=1');
  });

  test('rooms hidden from the address list are not listed', async () => {
    harness.control.seed({
      rooms: [{ email: 'hidden@contoso.com', displayName: 'Hidden', isHiddenFromAddressList: true }],
    });
    const rooms = await harness.graph.get<{ value: Array<{ emailAddress: string }> }>(
      '/v1.0/places/microsoft.graph.room',
    );
    expect(rooms.body.value.map((room) => room.emailAddress)).not.toContain('hidden@contoso.com');
  });
});
