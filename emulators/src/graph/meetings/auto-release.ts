import type { Mailbox } from '../directory/directory.js';
import type { EmulatorState } from '../emulator-state.js';
import type { StoredEvent } from '../calendar/stored-event.js';
import { GraphError, itemNotFound } from '../odata/graph-error.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * Microsoft Places auto-release (Set-CalendarProcessing -EnableAutoRelease,
 * -PostReservationMaxClaimTimeInMinutes; docs/emulators-graph.md, "Auto-release"): a room meeting nobody
 * checked in to (Places, a Teams Rooms panel) within the claim time after its start is released — the
 * room's booking attendant declines that occurrence, or the single meeting, in the room's calendar and
 * the organizer is told, as for any decline of the room. The room is then free for the rest of it.
 */
export function createAutoRelease(state: EmulatorState) {
  /** `{room id} {instance start ms}` of the meetings someone checked in to. */
  const checkIns = new Set<string>();
  const keyOf = (room: Mailbox, item: StoredEvent) => `${room.id} ${item.meetingUid} ${item.start.getTime()}`;

  const instanceOf = (room: Mailbox, eventId: string): StoredEvent => {
    const calendar = state.calendars.calendarOf(room.id);
    const item = calendar.resolve(eventId);
    if (!item || item.isCancelled) throw itemNotFound();
    if (item.type === 'seriesMaster') {
      throw new GraphError(400, 'ErrorInvalidRequest', 'Release or check in to an occurrence, not to the series.');
    }
    return item;
  };

  /** The booking attendant declines it on the room's behalf; the organizer receives the decline. */
  const release = (room: Mailbox, item: StoredEvent) => {
    if (item.isOrganizer) {
      // A meeting the room organises itself (written by an app or a delegate) is cancelled instead.
      state.writer.remove(room, item.id);
      return;
    }
    state.writer.respond(room, item.id, 'decline', true);
  };

  return {
    checkIn(room: Mailbox, eventId: string): void {
      checkIns.add(keyOf(room, instanceOf(room, eventId)));
    },
    /** "Release" on a room panel, or Places releasing it now: after its start only, as Places does. */
    releaseNow(room: Mailbox, eventId: string): void {
      const item = instanceOf(room, eventId);
      if (item.start.getTime() > state.clock.nowMs()) {
        throw new GraphError(400, 'ErrorInvalidRequest', 'A meeting can be released only once it has started.');
      }
      release(room, item);
    },
    /**
     * Releases every running meeting of a room with auto-release whose claim time has passed without a
     * check-in. Run whenever the control API moves the clock; returns how many it released.
     */
    sweep(): number {
      const now = state.clock.nowMs();
      let released = 0;
      for (const room of state.directory.mailboxes()) {
        const settings = room.room?.bookingSettings;
        if (!settings?.enableAutoRelease) continue;
        const claimMs = settings.postReservationMaxClaimTimeInMinutes * MINUTE_MS;
        const calendar = state.calendars.calendarOf(room.id);
        for (const item of calendar.instancesIn(new Date(now - DAY_MS), new Date(now + 1))) {
          const isRunning = item.start.getTime() + claimMs <= now && now < item.end.getTime();
          if (!isRunning || item.isCancelled || checkIns.has(keyOf(room, item))) continue;
          release(room, item);
          released += 1;
        }
      }
      return released;
    },
    clear: () => checkIns.clear(),
  };
}
