import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { GraphAdapter } from '../../../../../server/src/adapters/graph/index.js';
import { createGraphRoomCalendar } from '../../../../../server/src/adapters/graph/graph-room-calendar.js';
import type { RoomEvent } from '../../../../../server/src/sync/sync-model.js';
import { BRUSSELS_ROOM, DEMO_SYNC_APP, EMULATOR_NOW, startEmulatedGraph } from './support/emulated-graph.js';
import type { EmulatedGraph } from './support/emulated-graph.js';

// BRUSSELS_ROOM keeps Exchange's defaults: DeleteSubject and AddOrganizerToSubject.
const ADELE = 'adele.vance@contoso.com';
const brussels = (dateTime: string) => ({ dateTime, timeZone: 'Europe/Brussels' });
const DAY_MS = 86_400_000;

let env: EmulatedGraph;
let graph: GraphAdapter;

beforeAll(async () => {
  env = await startEmulatedGraph();
  graph = env.connect();
});
afterAll(() => env.close());
beforeEach(() => env.emulator.control.reset('demo'));

const roomCalendar = () =>
  createGraphRoomCalendar({
    graph,
    timeZoneOf: () => BRUSSELS_ROOM.timeZone,
    syncWindow: () => ({ start: EMULATOR_NOW, end: new Date(EMULATOR_NOW.getTime() + 30 * DAY_MS) }),
  });

async function bookInOutlook(subject: string) {
  const meeting = env.emulator.control.actAsUser(ADELE, {
    action: 'create',
    meeting: {
      subject,
      start: brussels('2030-03-04T10:00:00'),
      end: brussels('2030-03-04T11:00:00'),
      rooms: [BRUSSELS_ROOM.address],
    },
  });
  await env.emulator.control.idle();
  return meeting as { id: string };
}

async function roomEventsOf(calendar: ReturnType<typeof roomCalendar>): Promise<RoomEvent[]> {
  const { changes } = await calendar.readChanges(BRUSSELS_ROOM.address, null);
  return changes.flatMap((change) => (change.kind === 'upserted' ? [change.event] : []));
}

const organizerReads = () =>
  env.exchanges.filter((exchange) => exchange.url.pathname.endsWith(`/users/${encodeURIComponent(ADELE)}/events`));

describe("the meeting's subject from the organizer's copy, when the room rewrote it", () => {
  test("a room copy that says only the organizer's name carries the subject of Adele's copy", async () => {
    await bookInOutlook('Quarterly planning');
    // What the room's calendar itself holds: Exchange's rewrite.
    expect(env.emulator.control.mailboxEvents(BRUSSELS_ROOM.address)).toEqual([
      expect.objectContaining({ subject: 'Adele Vance' }),
    ]);
    const [event] = await roomEventsOf(roomCalendar());
    expect(event).toMatchObject({ isSubjectRewritten: true, readingNotes: [] });
    expect(event!.booking.subject).toBe('Quarterly planning');
  });

  test('the organizer is read once per version of the room copy: again after Adele renames and moves it', async () => {
    const meeting = await bookInOutlook('Quarterly planning');
    const calendar = roomCalendar();
    const [event] = await roomEventsOf(calendar);
    const before = organizerReads().length;
    expect((await calendar.readEvent(BRUSSELS_ROOM.address, event!.eventId))?.booking.subject).toBe(
      'Quarterly planning',
    );
    expect(organizerReads().length).toBe(before);
    env.emulator.control.actAsUser(ADELE, {
      action: 'update',
      eventId: meeting.id,
      changes: {
        subject: 'Budget review',
        start: brussels('2030-03-04T14:00:00'),
        end: brussels('2030-03-04T15:00:00'),
      },
    });
    await env.emulator.control.idle();
    expect((await calendar.readEvent(BRUSSELS_ROOM.address, event!.eventId))?.booking.subject).toBe('Budget review');
    expect(organizerReads().length).toBe(before + 1);
  });

  test('an app limited to room mailboxes keeps the rewritten subject and says why', async () => {
    await bookInOutlook('Quarterly planning');
    env.emulator.control.setMailboxScope(DEMO_SYNC_APP.clientId, 'rooms');
    const [event] = await roomEventsOf(roomCalendar());
    expect(event!.booking.subject).toBe('Adele Vance');
    expect(event!.isSubjectRewritten).toBe(true);
    expect(event!.readingNotes).toEqual([
      expect.stringMatching(
        /^subject is the room's rewrite \("Adele Vance"\): the organizer's calendar \(adele\.vance@contoso\.com\) could not be read: .*Access to OData is disabled\./,
      ),
    ]);
    expect(organizerReads().at(-1)?.status).toBe(403);
  });

  test('findOrganizerSubject is null for a meeting the organizer does not hold', async () => {
    expect(
      await graph.findOrganizerSubject(ADELE, "040000008200E00074C5B7101A82E008-no-such-meeting-'quoted'"),
    ).toBeNull();
  });
});
