import { describe, expect, test } from 'vitest';
import {
  ADELE,
  aMeeting,
  at,
  encode,
  MEGAN,
  ROOM_A,
  START,
  SYNC_APP,
  useEmulator,
} from './support/emulator-harness.js';

// Meeting mail as Exchange delivers it (docs/emulators-graph.md, "Meeting messages"): an attendee's
// accept / tentativelyAccept / decline with sendResponse not false puts an eventMessage with the
// comment in the organizer's mailbox; the organizer's cancel puts one in each attendee's.

type Message = Record<string, unknown> & {
  id: string;
  subject: string;
  meetingMessageType: string;
  bodyPreview: string;
  body: { contentType: string; content: string };
  from: { emailAddress: { address: string } };
  receivedDateTime: string;
};
type Page<T> = { value: T[]; '@odata.nextLink'?: string };
type Event = { id: string; start: { dateTime: string } };

const harness = useEmulator();

const eventsOf = (mailbox: string) => `/v1.0/users/${encode(mailbox)}/events`;
const messagesOf = (mailbox: string) => `/v1.0/users/${encode(mailbox)}/messages`;

/** Adele invites Megan (and rooms) to a meeting; the attendees have processed it when this returns. */
async function book(overrides: Record<string, unknown> = {}, rooms: string[] = []) {
  const created = await harness.graph.post<Event & { attendees: unknown[] }>(eventsOf(ADELE), {
    ...aMeeting(overrides, rooms),
    attendees: [
      { type: 'required', emailAddress: { address: MEGAN } },
      ...rooms.map((address) => ({ type: 'resource', emailAddress: { address } })),
    ],
  });
  expect(created.status).toBe(201);
  await harness.control.idle();
  return created.body;
}

/** Moves the clock (tokens expire) and signs the sync app in again. */
async function setClock(instant: string | Date) {
  await harness.control.clock.set(instant);
  harness.graph = harness.anonymous.withToken(await harness.control.issueAppToken(SYNC_APP.clientId));
}

/** The copy of the meeting in an attendee's calendar. */
const copyIn = (mailbox: string) => harness.control.mailboxEvents(mailbox)[0] as unknown as Event;

/** A client for an app with the given application permissions. */
async function appWith(graphRoles: string[]) {
  const clientId = `mail-reader-${graphRoles.join('-')}`;
  harness.control.registerApp({ clientId, graphRoles });
  return harness.anonymous.withToken(await harness.control.issueAppToken(clientId));
}

describe('responses reach the organizer', () => {
  test("a room declining one occurrence with a comment leaves a 'Declined:' message with that comment for the organizer", async () => {
    await book(
      {
        recurrence: {
          pattern: { type: 'daily', interval: 1 },
          range: { type: 'numbered', startDate: '2027-03-02', numberOfOccurrences: 3 },
        },
      },
      [ROOM_A],
    );
    const [, second] = harness.control.mailboxEvents(ROOM_A, {
      start: '2027-03-01T00:00:00Z',
      end: '2027-03-10T00:00:00Z',
    }) as unknown as Event[];
    await setClock('2027-03-03T09:20:00Z');
    const declined = await harness.graph.post(`${eventsOf(ROOM_A)}/${second!.id}/decline`, {
      comment: 'Released: nobody checked in by 10:15',
      sendResponse: true,
    });
    expect(declined.status).toBe(202);
    await harness.control.idle();

    const reader = await appWith(['Mail.Read']);
    const inbox = await reader.get<Page<Message>>(messagesOf(ADELE), {
      headers: { Prefer: 'outlook.body-content-type="text"' },
    });
    expect(inbox.status).toBe(200);
    // Newest first: the room's decline, then the booking attendant's acceptance of the series.
    expect(inbox.body.value.map((message) => [message.meetingMessageType, message.subject])).toEqual([
      ['meetingDeclined', expect.stringMatching(/^Declined: /)],
      ['meetingAccepted', expect.stringMatching(/^Accepted: /)],
    ]);
    expect(inbox.body.value[0]).toMatchObject({
      '@odata.type': '#microsoft.graph.eventMessage',
      body: { contentType: 'text', content: 'Released: nobody checked in by 10:15' },
      bodyPreview: 'Released: nobody checked in by 10:15',
      from: { emailAddress: { address: ROOM_A } },
      toRecipients: [{ emailAddress: { address: ADELE } }],
      receivedDateTime: '2027-03-03T09:20:00.0000000Z',
    });
    expect(inbox.body.value[1]!.bodyPreview).toBe('Your request was accepted.');

    // The control API shows the same mailbox, HTML bodies as Exchange stores them.
    const [latest] = harness.control.messages(ADELE);
    expect(latest).toMatchObject({ id: inbox.body.value[0]!.id, meetingMessageType: 'meetingDeclined' });
    expect((latest!['body'] as { content: string }).content).toContain('Released: nobody checked in by 10:15');
    const overHttp = await harness.anonymous.get<Page<Message>>(`/_emulator/mailboxes/${encode(ADELE)}/messages`);
    expect(overHttp.body.value.map((message) => message.id)).toEqual(inbox.body.value.map((message) => message.id));
  });

  test('accept and tentativelyAccept are meetingAccepted and meetingTenativelyAccepted (Graph spelling), newest first, paged by $top', async () => {
    const meeting = await book();
    await harness.graph.post(`${eventsOf(MEGAN)}/${copyIn(MEGAN).id}/tentativelyAccept`, { comment: 'Maybe' });
    await harness.control.idle();
    await harness.control.clock.advance(60_000);
    await harness.graph.post(`${eventsOf(MEGAN)}/${copyIn(MEGAN).id}/accept`, { comment: 'Count me in' });
    await harness.control.idle();
    expect(meeting.id).toBeTruthy();

    const reader = await appWith(['Mail.Read']);
    const first = await reader.get<Page<Message>>(`${messagesOf(ADELE)}?$top=1&$select=subject,meetingMessageType`);
    expect(first.body.value).toEqual([
      {
        '@odata.etag': expect.any(String),
        id: expect.any(String),
        subject: 'Accepted: Design review',
        meetingMessageType: 'meetingAccepted',
      },
    ]);
    const next = await reader.get<Page<Message>>(first.body['@odata.nextLink']!.replace(harness.url, ''));
    expect(next.body.value).toEqual([
      expect.objectContaining({ subject: 'Tentative: Design review', meetingMessageType: 'meetingTenativelyAccepted' }),
    ]);
    expect(next.body['@odata.nextLink']).toBeUndefined();
  });

  test('a decline with sendResponse false tells the organizer nothing', async () => {
    await book();
    const declined = await harness.graph.post(`${eventsOf(MEGAN)}/${copyIn(MEGAN).id}/decline`, {
      comment: 'Not coming',
      sendResponse: false,
    });
    expect(declined.status).toBe(202);
    await harness.control.idle();
    expect(harness.control.messages(ADELE)).toEqual([]);
  });

  test("the booking attendant's decline of a conflicting request reaches the organizer", async () => {
    await book({}, [ROOM_A]);
    await book({ subject: 'Clash', start: at('2027-03-02T10:30:00'), end: at('2027-03-02T11:30:00') }, [ROOM_A]);
    expect(
      harness.control.messages(ADELE).map((message) => [message['subject'], message['bodyPreview'], message['from']]),
    ).toEqual([
      ['Declined: Clash', 'Your request was declined.', { emailAddress: { name: 'Room A', address: ROOM_A } }],
      ['Accepted: Design review', 'Your request was accepted.', { emailAddress: { name: 'Room A', address: ROOM_A } }],
    ]);
  });
});

describe('cancellations reach the attendees', () => {
  test("the organizer's cancel with a comment leaves a 'Canceled:' message in each attendee's mailbox", async () => {
    const meeting = await book({}, [ROOM_A]);
    await setClock(new Date(START.getTime() + 3_600_000));
    const cancelled = await harness.graph.post(`${eventsOf(ADELE)}/${meeting.id}/cancel`, {
      comment: 'Moved to next week',
    });
    expect(cancelled.status).toBe(202);
    await harness.control.idle();

    for (const attendee of [MEGAN, ROOM_A]) {
      expect(harness.control.messages(attendee)).toEqual([
        expect.objectContaining({
          meetingMessageType: 'meetingCancelled',
          subject: 'Canceled: Design review',
          bodyPreview: 'Moved to next week',
          from: { emailAddress: { name: 'Adele Vance', address: ADELE } },
          receivedDateTime: '2027-03-01T09:00:00.0000000Z',
        }),
      ]);
    }
    expect(harness.control.messages(ADELE).map((message) => message['meetingMessageType'])).toEqual([
      'meetingAccepted',
    ]);
  });
});

describe('reading messages', () => {
  test('needs a Mail permission; Mail.ReadBasic.All reads them without bodies', async () => {
    await book();
    await harness.graph.post(`${eventsOf(MEGAN)}/${copyIn(MEGAN).id}/decline`, { comment: 'Away' });
    await harness.control.idle();

    const denied = await harness.graph.get(messagesOf(ADELE));
    expect(denied.status).toBe(403);
    const basic = await appWith(['Mail.ReadBasic.All']);
    const { body } = await basic.get<Page<Message>>(messagesOf(ADELE));
    expect(body.value).toEqual([expect.objectContaining({ subject: 'Declined: Design review' })]);
    expect(body.value[0]).not.toHaveProperty('body');
    expect(body.value[0]).not.toHaveProperty('bodyPreview');
  });

  test('/me/messages reads the signed-in user’s mailbox with a delegated token', async () => {
    await book();
    await harness.graph.post(`${eventsOf(MEGAN)}/${copyIn(MEGAN).id}/accept`, {});
    await harness.control.idle();
    const token = await harness.control.issueDelegatedToken({
      user: ADELE,
      audience: 'https://graph.microsoft.com',
      scopes: ['Mail.Read'],
    });
    const mine = await harness.anonymous.withToken(token).get<Page<Message>>('/v1.0/me/messages');
    expect(mine.body.value.map((message) => [message.subject, message.bodyPreview])).toEqual([
      ['Accepted: Design review', ''],
    ]);
  });
});
