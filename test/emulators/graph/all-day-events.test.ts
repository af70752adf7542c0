import { describe, expect, test } from 'vitest';
import { ADELE, at, encode, useEmulator } from './support/emulator-harness.js';

type Time = { dateTime: string; timeZone: string };
type Event = Record<string, unknown> & { id: string; subject: string; start: Time; end: Time };
type Page = { value: Event[]; '@odata.deltaLink'?: string };

const events = `/v1.0/users/${encode(ADELE)}/events`;
const window = 'startDateTime=2030-03-01T00:00:00Z&endDateTime=2030-03-31T00:00:00Z';
const inZone = (zone: string) => ({ headers: { Prefer: `outlook.timezone="${zone}"` } });

/** An all-day event on 2030-03-04 written in Brussels time (midnight there is 23:00 UTC the day before). */
const allDay = (overrides: Record<string, unknown> = {}) => ({
  subject: 'Offsite',
  isAllDay: true,
  start: at('2030-03-04T00:00:00'),
  end: at('2030-03-05T00:00:00'),
  ...overrides,
});

const onItsDates = (zone: string, start = '2030-03-04', end = '2030-03-05') => ({
  start: { dateTime: `${start}T00:00:00.0000000`, timeZone: zone },
  end: { dateTime: `${end}T00:00:00.0000000`, timeZone: zone },
});

// Graph keeps all-day events on their calendar days in any requested zone instead of shifting them
// by the zone offset (learn.microsoft.com/en-us/answers/questions/1382503, msgraph-sdk-javascript#1158).
describe('all-day events read midnight to midnight on their dates in every zone', () => {
  const harness = useEmulator();

  test('event reads: UTC by default, and any Prefer: outlook.timezone (Windows or IANA)', async () => {
    const created = await harness.graph.post<Event>(events, allDay(), inZone('Tokyo Standard Time'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject(onItsDates('Tokyo Standard Time'));
    const read = (zone?: string) =>
      harness.graph.get<Event>(`${events}/${created.body.id}`, zone ? inZone(zone) : {}).then(({ body }) => body);
    expect(await read()).toMatchObject(onItsDates('UTC'));
    expect(await read('Pacific Standard Time')).toMatchObject(onItsDates('Pacific Standard Time'));
    expect(await read('America/New_York')).toMatchObject(onItsDates('America/New_York'));
    expect(await read('Europe/Brussels')).toMatchObject(onItsDates('Europe/Brussels'));
  });

  test('a timed event is still converted to the requested zone', async () => {
    const { body } = await harness.graph.post<Event>(
      events,
      { subject: 'Timed', start: at('2030-03-04T00:00:00'), end: at('2030-03-05T00:00:00') },
      inZone('Pacific Standard Time'),
    );
    expect(body.start.dateTime).toBe('2030-03-03T15:00:00.0000000');
  });

  test('calendarView and the event list', async () => {
    await harness.graph.post(events, allDay());
    const view = await harness.graph.get<Page>(
      `/v1.0/users/${encode(ADELE)}/calendarView?${window}`,
      inZone('Pacific Standard Time'),
    );
    expect(view.body.value.map(({ start, end }) => ({ start, end }))).toEqual([onItsDates('Pacific Standard Time')]);
    const list = await harness.graph.get<Page>(events, inZone('America/New_York'));
    expect(list.body.value[0]).toMatchObject(onItsDates('America/New_York'));
  });

  test('calendarView delta', async () => {
    await harness.graph.post(events, allDay());
    const { body } = await harness.graph.get<Page>(
      `/v1.0/users/${encode(ADELE)}/calendarView/delta?${window}`,
      inZone('Pacific Standard Time'),
    );
    expect(body.value.map(({ start, end }) => ({ start, end }))).toEqual([onItsDates('Pacific Standard Time')]);
  });

  test('instances of an all-day series', async () => {
    const { body: series } = await harness.graph.post<Event>(
      events,
      allDay({
        recurrence: {
          pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] },
          range: { type: 'numbered', startDate: '2030-03-04', numberOfOccurrences: 3 },
        },
      }),
    );
    const { body } = await harness.graph.get<Page>(
      `${events}/${series.id}/instances?${window}`,
      inZone('Pacific Standard Time'),
    );
    expect(body.value.map(({ start, end }) => ({ start, end }))).toEqual([
      onItsDates('Pacific Standard Time', '2030-03-04', '2030-03-05'),
      onItsDates('Pacific Standard Time', '2030-03-11', '2030-03-12'),
      onItsDates('Pacific Standard Time', '2030-03-18', '2030-03-19'),
    ]);
  });
});
