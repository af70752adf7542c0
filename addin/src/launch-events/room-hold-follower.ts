import { ApiError } from '@workplace-sync/shared';
import type { LineInput, MeetingReservation, RecurrenceRule } from '@workplace-sync/shared';
import type { AddinApiClient } from '../api/addin-api-client.js';
import type { Localizer } from '../i18n/pane-i18n.js';
import type { BookingTag, Meeting } from '../office/appointment.js';
import type { LaunchEventItem, SendVerdict } from '../office/launch-event-host.js';

// What the event handlers do with the pane's hold while the pane is closed: the hold follows the meeting
// (moved to its new time, held again when it was lost), and a meeting whose room is no longer held is not
// sent without a word. The same API calls as the pane's (hooks/use-room-booking.ts): release the hold,
// hold the room for the meeting as it is now.

export type HoldFollowerDeps = {
  api: Pick<AddinApiClient, 'listRooms' | 'createBookingIntent' | 'releaseBookingIntent' | 'getReservationsForMeeting'>;
  item: LaunchEventItem;
  words: Localizer;
  now: () => Date;
  newRequestId: () => string;
};

/** What a change event did, for the caller's log and the tests. */
export type FollowOutcome =
  | { kind: 'no-hold' }
  | { kind: 'pane-open' }
  | { kind: 'room-not-on-meeting' }
  | { kind: 'still-held' }
  | { kind: 'moved'; room: string }
  | { kind: 'held-again'; room: string }
  | { kind: 'released'; room: string; reason: 'taken' | 'not-bookable' }
  | { kind: 'failed'; room: string; error: Error };

type HeldRoom = { id: string; name: string; mailbox: string; lines: LineInput[] };
type HoldState = {
  tag: BookingTag;
  meeting: Meeting;
  room: HeldRoom;
  isHeld: boolean;
  isCancelled: boolean;
  matchesMeeting: boolean;
};

const sameEmail = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A rule as a comparable string: the server may list days in another order or omit defaults. */
const ruleKey = (rule: RecurrenceRule | null) =>
  rule
    ? JSON.stringify([
        rule.freq,
        rule.interval,
        [...(rule.byDay ?? [])].sort(),
        rule.byMonthDay ?? null,
        rule.bySetPos ?? null,
        rule.byMonth ?? null,
        rule.end,
      ])
    : 'null';

const matches = (reservation: MeetingReservation, meeting: Meeting) =>
  Date.parse(reservation.start) === meeting.start.getTime() &&
  Date.parse(reservation.end) === meeting.end.getTime() &&
  ruleKey(reservation.recurrence) === ruleKey(meeting.recurrence);

/** The equipment and catering still asked for on a hold: they move with the room. */
const extraLinesOf = (reservation: MeetingReservation): LineInput[] =>
  reservation.lines
    .filter((line) => line.kind !== 'room' && line.status !== 'cancelled' && line.status !== 'declined')
    .map((line) => ({
      kind: line.kind as LineInput['kind'],
      objectId: line.objectId,
      ...(line.quantity !== undefined ? { quantity: line.quantity } : {}),
    }));

/** The pane's hold of this meeting and how it stands against the meeting as Outlook has it now. */
async function readHoldState(deps: HoldFollowerDeps): Promise<HoldState | null> {
  const { appointment } = deps.item;
  const tag = await appointment.readBookingTag();
  const reservationId = tag?.reservationIds[0];
  if (!tag || !reservationId) return null;
  const meeting = await appointment.readMeeting();
  const [{ reservations }, { rooms }] = await Promise.all([
    deps.api.getReservationsForMeeting({ reservationId }),
    deps.api.listRooms(),
  ]);
  const reservation = reservations.find((entry) => entry.id === reservationId) ?? reservations[0];
  const roomLine = reservation?.lines.find((line) => line.kind === 'room');
  const room = roomLine ? rooms.find((entry) => entry.id === roomLine.objectId) : undefined;
  if (!reservation || !room?.mailbox) return null;
  return {
    tag,
    meeting,
    room: { id: room.id, name: room.name, mailbox: room.mailbox, lines: extraLinesOf(reservation) },
    isHeld: reservation.sync.state === 'held' && reservation.status !== 'cancelled',
    isCancelled: reservation.status === 'cancelled',
    matchesMeeting: matches(reservation, meeting),
  };
}

const isOnMeeting = (state: HoldState) => state.meeting.rooms.some((room) => sameEmail(room.email, state.room.mailbox));

/** Workplace refused the room for the meeting as it is now (taken, closed, too far ahead…). */
const refusalOf = (error: unknown): 'taken' | 'not-bookable' | null => {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'CONFLICT') return 'taken';
  return error.code === 'UNPROCESSABLE' ? 'not-bookable' : null;
};

type Rehold = { kind: 'held' } | { kind: 'refused'; reason: 'taken' | 'not-bookable' } | { kind: 'superseded' };

/**
 * Releases the old hold and holds the room for the meeting as it is now (the old hold goes first: for
 * an overlapping new time it would block the room against its own meeting). The tag is checked again
 * before it is rewritten: a pane that took over in the meantime keeps its own hold.
 */
async function holdAgain(deps: HoldFollowerDeps, state: HoldState): Promise<Rehold> {
  const { api, item } = deps;
  if (state.isHeld) await api.releaseBookingIntent(state.tag.intentId).catch(() => undefined);
  let intent;
  try {
    intent = await api.createBookingIntent({
      clientRequestId: deps.newRequestId(),
      subject: state.meeting.subject,
      start: state.meeting.start.toISOString(),
      end: state.meeting.end.toISOString(),
      timeZone: state.meeting.timeZone,
      recurrence: state.meeting.recurrence,
      roomId: state.room.id,
      lines: state.room.lines,
      // A series' alternative rooms were for the old dates; the pane offers them again when opened.
      alternatives: [],
    });
  } catch (error) {
    const reason = refusalOf(error);
    if (!reason) throw error;
    return { kind: 'refused', reason };
  }
  const current = await item.appointment.readBookingTag().catch(() => null);
  if (current?.intentId !== state.tag.intentId) {
    await Promise.all(intent.holds.map((held) => api.releaseBookingIntent(held.intentId).catch(() => undefined)));
    return { kind: 'superseded' };
  }
  await item.appointment.writeBookingTag({
    intentId: intent.intentId,
    reservationIds: intent.holds.map((held) => held.reservationId),
  });
  return { kind: 'held' };
}

/** Takes the room off the meeting and forgets the hold: the room would otherwise get an invitation it may decline. */
async function letGo(deps: HoldFollowerDeps, state: HoldState) {
  await deps.item.appointment.removeRoom(state.room.mailbox).catch(() => undefined);
  await deps.item.appointment.writeBookingTag(null).catch(() => undefined);
}

/**
 * OnAppointmentTimeChanged / RecurrenceChanged / AttendeesChanged with the pane closed: the hold follows
 * the meeting. Moved to the new time when it differs; held again when it was lost (expired, released);
 * when the room is not free then, it is released, taken off the meeting and the item says so.
 */
export async function followMeeting(deps: HoldFollowerDeps): Promise<FollowOutcome> {
  const { item, words } = deps;
  const tag = await item.appointment.readBookingTag();
  if (!tag) return { kind: 'no-hold' };
  if (await item.isPaneFollowing(deps.now())) return { kind: 'pane-open' };
  const state = await readHoldState(deps);
  if (!state) return { kind: 'no-hold' };
  if (!isOnMeeting(state)) {
    // The organizer took the room off the meeting: its hold has nothing left to wait for.
    if (state.isHeld) await deps.api.releaseBookingIntent(state.tag.intentId).catch(() => undefined);
    await item.appointment.writeBookingTag(null).catch(() => undefined);
    return { kind: 'room-not-on-meeting' };
  }
  if (state.isHeld && state.matchesMeeting) return { kind: 'still-held' };
  const room = state.room.name;
  try {
    const result = await holdAgain(deps, state);
    if (result.kind === 'superseded') return { kind: 'pane-open' };
    if (result.kind === 'held') {
      const kind = state.matchesMeeting ? 'held-again' : 'moved';
      await item.notify('info', words.t(`launchEvents.${kind === 'moved' ? 'moved' : 'heldAgain'}`, { room }));
      return { kind, room };
    }
    await letGo(deps, state);
    await item.notify(
      'error',
      words.t(result.reason === 'taken' ? 'launchEvents.releasedTaken' : 'launchEvents.releasedNotBookable', {
        room,
      }),
    );
    return { kind: 'released', room, reason: result.reason };
  } catch (error) {
    await item.notify('error', words.t('launchEvents.notUpdated', { room })).catch(() => undefined);
    return { kind: 'failed', room, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** The Smart Alert's words for a hold that cannot be had for the meeting as it is now. */
function blocked(
  words: Localizer,
  room: string,
  reason: 'expired' | 'cancelled' | 'taken' | 'not-bookable',
): SendVerdict {
  return {
    allow: false,
    message: words.t('launchEvents.sendBlocked', { room, reason: words.t(`launchEvents.sendReason.${reason}`) }),
    cancelLabel: words.t('launchEvents.pickAnotherRoom'),
    openPaneCommandId: 'Rooms.OrganizerButton',
  };
}

/**
 * OnAppointmentSend (Smart Alerts): a meeting that carries the pane's room goes out only when the room is
 * held for it as it is now. A lost or moved hold is first held again (the organizer need not notice);
 * when the room cannot be had, the send stops with why, and the organizer may send anyway (PromptUser).
 * Anything else (no hold, the room removed, the check itself failing) lets the meeting go.
 */
export async function checkBeforeSend(deps: HoldFollowerDeps): Promise<SendVerdict> {
  let state: HoldState | null;
  try {
    state = await readHoldState(deps);
  } catch {
    return { allow: true }; // the server cannot be asked: the sync checks the room when the meeting arrives
  }
  if (!state || !isOnMeeting(state)) return { allow: true };
  if (state.isHeld && state.matchesMeeting) return { allow: true };
  try {
    const result = await holdAgain(deps, state);
    if (result.kind !== 'refused') return { allow: true };
    // Someone else having the room is the reason whatever became of the hold; otherwise the hold's fate.
    const lost = state.isCancelled ? 'cancelled' : 'expired';
    const reason = result.reason === 'taken' ? 'taken' : state.matchesMeeting ? lost : 'not-bookable';
    return blocked(deps.words, state.room.name, reason);
  } catch {
    return { allow: true };
  }
}
