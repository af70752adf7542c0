import { describe, expect, test } from 'vitest';
import { ADELE, aMeeting, at, encode, useEmulator } from './support/emulator-harness.js';

type Event = Record<string, unknown> & {
  id: string;
  changeKey: string;
  '@odata.etag': string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  subject: string;
  type: string;
  iCalUId: string;
  seriesMasterId: string | null;
  singleValueExtendedProperties?: Array<{ id: string; value: string }>;
};
type Page = { value: Event[]; '@odata.nextLink'?: string };

const MARKER = 'String {66f5a359-4659-4830-9070-00040ec6ac6e} Name WorkplaceBookingId';
const events = `/v1.0/users/${encode(ADELE)}/events`;

describe('events', () => {
  const harness = useEmulator();

  test('POST creates a single event (201) rendered in UTC by default, with Graph defaults echoed', async () => {
    const created = await harness.graph.post<Event>(events, aMeeting());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      '@odata.etag': `W/"${created.body.changeKey}"`,
      type: 'singleInstance',
      subject: 'Design review',
      isOrganizer: true,
      responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
      start: { dateTime: '2027-03-02T09:00:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2027-03-02T10:00:00.0000000', timeZone: 'UTC' },
      originalStartTimeZone: 'Europe/Brussels',
      showAs: 'busy',
      recurrence: null,
      organizer: { emailAddress: { name: 'Adele Vance', address: ADELE } },
      body: { contentType: 'html' },
    });
    expect(created.body['@odata.context']).toMatch(
      /^https:\/\/127\.0\.0\.1:\d+\/v1\.0\/\$metadata#users\('.+'\)\/events\/\$entity$/,
    );
    expect(created.headers.get('content-type')).toBe(
      'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
    );
    expect(created.headers.get('odata-version')).toBe('4.0');
    expect(created.headers.get('request-id')).toBeTruthy();
  });

  test('Prefer: outlook.timezone renders start/end in that zone (Windows or IANA name)', async () => {
    const { body } = await harness.graph.post<Event>(events, aMeeting(), {
      headers: { Prefer: 'outlook.timezone="Pacific Standard Time"' },
    });
    expect(body.start).toEqual({ dateTime: '2027-03-02T01:00:00.0000000', timeZone: 'Pacific Standard Time' });
    const read = await harness.graph.get<Event>(`${events}/${body.id}`, {
      headers: { Prefer: 'outlook.timezone="Europe/Brussels"' },
    });
    expect(read.body.start).toEqual({ dateTime: '2027-03-02T10:00:00.0000000', timeZone: 'Europe/Brussels' });
  });

  test('every change bumps changeKey and @odata.etag', async () => {
    const { body: created } = await harness.graph.post<Event>(events, aMeeting());
    const { body: updated } = await harness.graph.patch<Event>(`${events}/${created.id}`, { subject: 'Moved' });
    expect(updated.changeKey).not.toBe(created.changeKey);
    expect(updated['@odata.etag']).toBe(`W/"${updated.changeKey}"`);
    expect(updated.subject).toBe('Moved');
    const { body: again } = await harness.graph.patch<Event>(`${events}/${created.id}`, { categories: ['x'] });
    expect(again.changeKey).not.toBe(updated.changeKey);
  });

  test('a repeated POST with the same transactionId returns the original event with 201', async () => {
    const first = await harness.graph.post<Event>(events, aMeeting({ transactionId: 'wb-42-1' }));
    const second = await harness.graph.post<Event>(events, aMeeting({ transactionId: 'wb-42-1', subject: 'Retried' }));
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.subject).toBe('Design review');
    expect(harness.control.mailboxEvents(ADELE)).toHaveLength(1);
  });

  test('single-value extended properties: not in POST responses, read with $expand, found with $filter Any()', async () => {
    const { body: created } = await harness.graph.post<Event>(
      events,
      aMeeting({ singleValueExtendedProperties: [{ id: MARKER, value: 'R-1' }] }),
    );
    await harness.graph.post(events, aMeeting({ subject: 'Other' }));
    expect(created.singleValueExtendedProperties).toBeUndefined();
    const expand = `$expand=singleValueExtendedProperties($filter=id eq '${MARKER}')`;
    const read = await harness.graph.get<Event>(`${events}/${created.id}?${encodeURI(expand)}`);
    expect(read.body.singleValueExtendedProperties).toEqual([{ id: MARKER, value: 'R-1' }]);
    // The Name part is case-sensitive: another spelling is another property.
    const otherCase = MARKER.replace('WorkplaceBookingId', 'workplacebookingid');
    const miss = await harness.graph.get<Event>(
      `${events}/${created.id}?${encodeURI(`$expand=singleValueExtendedProperties($filter=id eq '${otherCase}')`)}`,
    );
    expect(miss.body.singleValueExtendedProperties).toBeUndefined();
    const filter = `$filter=singleValueExtendedProperties/Any(ep: ep/id eq '${MARKER}' and ep/value eq 'r-1')`;
    const found = await harness.graph.get<Page>(`${events}?${encodeURI(filter)}`);
    expect(found.body.value.map((event) => event.id)).toEqual([created.id]);
    expect(found.body.value[0]!.singleValueExtendedProperties).toBeUndefined();
  });

  test('PATCH sets extended properties; unknown properties are rejected like Graph does', async () => {
    const { body: created } = await harness.graph.post<Event>(events, aMeeting());
    await harness.graph.patch(`${events}/${created.id}`, {
      singleValueExtendedProperties: [{ id: MARKER, value: 'R-2' }],
    });
    expect(harness.control.mailboxEvents(ADELE)[0]!.singleValueExtendedProperties).toEqual([
      { id: MARKER, value: 'R-2' },
    ]);
    const invalid = await harness.graph.patch<{ error: { code: string } }>(`${events}/${created.id}`, {
      colour: 'red',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('RequestBodyRead');
  });

  test('errors carry the Graph error body: unknown item, unknown user, unknown segment', async () => {
    const missing = await harness.graph.get<{
      error: { code: string; message: string; innerError: Record<string, string> };
    }>(`${events}/AAMkADnope=`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({
      code: 'ErrorItemNotFound',
      message: 'The specified object was not found in the store.',
    });
    expect(Object.keys(missing.body.error.innerError).sort()).toEqual(['client-request-id', 'date', 'request-id']);
    const user = await harness.graph.get<{ error: { code: string } }>('/v1.0/users/nobody@contoso.com/events');
    expect([user.status, user.body.error.code]).toEqual([404, 'ErrorInvalidUser']);
    const segment = await harness.graph.get<{ error: { code: string; message: string } }>('/v1.0/users/x/nothing');
    expect([segment.status, segment.body.error.code, segment.body.error.message]).toEqual([
      400,
      'BadRequest',
      "Resource not found for the segment 'nothing'.",
    ]);
  });

  test('DELETE answers 204 and the item is gone', async () => {
    const { body: created } = await harness.graph.post<Event>(events, aMeeting());
    expect((await harness.graph.delete(`${events}/${created.id}`)).status).toBe(204);
    expect((await harness.graph.get(`${events}/${created.id}`)).status).toBe(404);
  });

  test('cancel is for organizers only; accept on own meeting is refused', async () => {
    const { body: created } = await harness.graph.post<Event>(events, aMeeting());
    const accept = await harness.graph.post<{ error: { code: string } }>(`${events}/${created.id}/accept`, {
      sendResponse: true,
    });
    expect(accept.status).toBe(400);
    expect((await harness.graph.post(`${events}/${created.id}/cancel`, { comment: 'sorry' })).status).toBe(202);
    expect((await harness.graph.get(`${events}/${created.id}`)).status).toBe(404);
  });

  test('/calendar/events and /me need the right caller: /me with an app token is a 400', async () => {
    const created = await harness.graph.post<Event>(`/v1.0/users/${encode(ADELE)}/calendar/events`, aMeeting());
    expect(created.status).toBe(201);
    const me = await harness.graph.get<{ error: { message: string } }>('/v1.0/me/events');
    expect(me.status).toBe(400);
    expect(me.body.error.message).toBe('/me request is only valid with delegated authentication flow.');
    const token = await harness.control.issueDelegatedToken({
      user: ADELE,
      audience: 'https://graph.microsoft.com',
      scopes: ['Calendars.ReadWrite'],
    });
    const mine = await harness.anonymous.withToken(token).get<Page>('/v1.0/me/events');
    expect(mine.body.value.map((event) => event.id)).toEqual([created.body.id]);
  });

  test('lists page with $top and an absolute https nextLink', async () => {
    for (let day = 2; day <= 4; day++)
      await harness.graph.post(
        events,
        aMeeting({ start: at(`2027-03-0${day}T10:00:00`), end: at(`2027-03-0${day}T11:00:00`) }),
      );
    const first = await harness.graph.get<Page>(`${events}?$top=2&$select=subject,start`);
    expect(first.body.value).toHaveLength(2);
    expect(Object.keys(first.body.value[0]!).sort()).toEqual(['@odata.etag', 'id', 'start', 'subject']);
    expect(first.body['@odata.nextLink']).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1\.0\/users\/.+\/events\?.*\$skip=2/);
    const second = await harness.graph.get<Page>(first.body['@odata.nextLink']!);
    expect(second.body.value).toHaveLength(1);
    expect(second.body['@odata.nextLink']).toBeUndefined();
  });

  test('calendarView needs a window and returns what overlaps it', async () => {
    await harness.graph.post(events, aMeeting());
    await harness.graph.post(events, aMeeting({ start: at('2027-03-05T10:00:00'), end: at('2027-03-05T11:00:00') }));
    const missing = await harness.graph.get<{ error: { code: string } }>(`/v1.0/users/${encode(ADELE)}/calendarView`);
    expect([missing.status, missing.body.error.code]).toEqual([400, 'ErrorInvalidParameter']);
    const view = await harness.graph.get<Page>(
      `/v1.0/users/${encode(ADELE)}/calendarView?startDateTime=2027-03-02T09:30:00Z&endDateTime=2027-03-03T00:00:00Z`,
    );
    expect(view.body.value.map((event) => event.start.dateTime)).toEqual(['2027-03-02T09:00:00.0000000']);
    const tooLong = await harness.graph.get<{ error: { code: string; message: string } }>(
      `/v1.0/users/${encode(ADELE)}/calendarView?startDateTime=2020-01-01T00:00:00Z&endDateTime=2025-01-01T00:00:00Z`,
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toContain('Maximum number of days: 1825');
  });
});

describe('recurring events', () => {
  const harness = useEmulator();
  const weekly = (overrides: Record<string, unknown> = {}) =>
    aMeeting({
      subject: 'Weekly sync',
      start: at('2027-03-01T09:00:00'),
      end: at('2027-03-01T09:30:00'),
      recurrence: {
        pattern: { type: 'Weekly', interval: 1, daysOfWeek: ['Monday'] },
        range: { type: 'endDate', startDate: '2027-03-01', endDate: '2027-04-30' },
      },
      ...overrides,
    });

  test('a series master echoes the normalised pattern (lowercase days, defaults) as in the docs sample', async () => {
    const { body } = await harness.graph.post<Event>(events, weekly());
    expect(body.type).toBe('seriesMaster');
    expect(body.recurrence).toEqual({
      pattern: {
        type: 'weekly',
        interval: 1,
        month: 0,
        dayOfMonth: 0,
        daysOfWeek: ['monday'],
        firstDayOfWeek: 'sunday',
        index: 'first',
      },
      range: {
        type: 'endDate',
        startDate: '2027-03-01',
        endDate: '2027-04-30',
        recurrenceTimeZone: 'Europe/Brussels',
        numberOfOccurrences: 0,
      },
    });
  });

  test('instances keeps the local time across DST and each occurrence has its own id and iCalUId', async () => {
    const { body: master } = await harness.graph.post<Event>(events, weekly());
    const { body } = await harness.graph.get<Page>(
      `${events}/${master.id}/instances?startDateTime=2027-03-20T00:00:00Z&endDateTime=2027-04-06T00:00:00Z`,
      { headers: { Prefer: 'outlook.timezone="W. Europe Standard Time"' } },
    );
    expect(body.value.map((event) => event.start.dateTime)).toEqual([
      '2027-03-22T09:00:00.0000000',
      '2027-03-29T09:00:00.0000000',
      '2027-04-05T09:00:00.0000000',
    ]);
    expect(
      body.value.every(
        (event) => event.type === 'occurrence' && event.seriesMasterId === master.id && event.recurrence === null,
      ),
    ).toBe(true);
    expect(new Set(body.value.map((event) => event.iCalUId)).size).toBe(3);
    const utc = await harness.graph.get<Page>(
      `${events}/${master.id}/instances?startDateTime=2027-03-20T00:00:00Z&endDateTime=2027-04-06T00:00:00Z`,
    );
    expect(utc.body.value.map((event) => event.start.dateTime.slice(11, 16))).toEqual(['08:00', '07:00', '07:00']);
  });

  test('editing an occurrence makes an exception; deleting one cancels it; both show in instances and the master', async () => {
    const { body: master } = await harness.graph.post<Event>(events, weekly());
    const window = 'startDateTime=2027-03-01T00:00:00Z&endDateTime=2027-03-20T00:00:00Z';
    const { body: before } = await harness.graph.get<Page>(`${events}/${master.id}/instances?${window}`);
    const [first, second, third] = before.value;
    const moved = await harness.graph.patch<Event>(`${events}/${second!.id}`, {
      start: at('2027-03-09T14:00:00'),
      end: at('2027-03-09T14:30:00'),
    });
    expect(moved.body).toMatchObject({ id: second!.id, type: 'exception', seriesMasterId: master.id });
    expect((await harness.graph.delete(`${events}/${third!.id}`)).status).toBe(204);
    const { body: after } = await harness.graph.get<Page>(`${events}/${master.id}/instances?${window}`);
    expect(after.value.map((event) => [event.type, event.start.dateTime])).toEqual([
      ['occurrence', '2027-03-01T08:00:00.0000000'],
      ['exception', '2027-03-09T13:00:00.0000000'],
    ]);
    expect((await harness.graph.get(`${events}/${third!.id}`)).status).toBe(404);
    const { body: masterAfter } = await harness.graph.get<Event & { cancelledOccurrences: string[] }>(
      `${events}/${master.id}?$select=cancelledOccurrences`,
    );
    expect(masterAfter.cancelledOccurrences).toEqual([`OID.${master.id}.2027-03-15`]);
    expect(first!.id).not.toBe(second!.id);
  });

  test('a start that does not fit the pattern is moved to the first occurrence; invalid patterns are 400', async () => {
    const { body } = await harness.graph.post<Event>(
      events,
      weekly({
        start: at('2027-03-03T09:00:00'),
        end: at('2027-03-03T09:30:00'),
        recurrence: {
          pattern: { type: 'weekly', interval: 1, daysOfWeek: ['friday'] },
          range: { type: 'numbered', startDate: '2027-03-03', numberOfOccurrences: 3 },
        },
      }),
    );
    expect(body.start.dateTime).toBe('2027-03-05T08:00:00.0000000');
    const invalid = await harness.graph.post<{ error: { code: string } }>(
      events,
      weekly({
        recurrence: { pattern: { type: 'weekly', interval: 1 }, range: { type: 'noEnd', startDate: '2027-03-01' } },
      }),
    );
    expect(invalid.status).toBe(400);
  });
});
