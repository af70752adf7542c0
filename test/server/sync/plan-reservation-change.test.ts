import { syncHash } from '@workplace-sync/shared';
import { describe, expect, test } from 'vitest';
import { planReservationChange } from '../../../server/src/sync/plan-reservation-change.js';
import { ROOM_A, ROOM_B, aBooking, aLink, aReservation, aRoomEvent } from '../../support/builders.js';

const kinds = (plan: { actions: Array<{ kind: string }> }) => plan.actions.map((action) => action.kind);
const twoRoomLines = [
  { lineId: 'line-a', kind: 'room' as const, objectId: 'area-a', status: 'confirmed' as const, mailbox: ROOM_A },
  { lineId: 'line-b', kind: 'room' as const, objectId: 'area-b', status: 'confirmed' as const, mailbox: ROOM_B },
  { lineId: 'line-x', kind: 'room' as const, objectId: 'area-unlinked', status: 'confirmed' as const, mailbox: null },
  {
    lineId: 'line-beamer',
    kind: 'equipment' as const,
    objectId: 'beamer',
    status: 'confirmed' as const,
    mailbox: null,
  },
];

describe('planReservationChange', () => {
  test('a kiosk booking creates an event in each linked room calendar, and nothing for equipment or unlinked rooms', () => {
    const reservation = aReservation({
      source: 'kiosk',
      lines: twoRoomLines,
      booking: aBooking({ rooms: [ROOM_A, ROOM_B] }),
    });
    const plan = planReservationChange({ reservation, links: [] });
    expect(plan.actions).toEqual([
      expect.objectContaining({
        kind: 'create-event',
        mailbox: ROOM_A,
        transactionId: 'wp-res-1-line-a',
        booking: expect.objectContaining({ rooms: [ROOM_A] }),
      }),
      expect.objectContaining({
        kind: 'create-event',
        mailbox: ROOM_B,
        transactionId: 'wp-res-1-line-b',
        booking: expect.objectContaining({ rooms: [ROOM_B] }),
      }),
    ]);
  });

  test('an add-in hold (tentative) is not written to Exchange until its meeting confirms it', () => {
    const reservation = aReservation({
      source: 'api',
      status: 'tentative',
      lines: twoRoomLines.map((line) => ({ ...line, status: 'tentative' as const })),
      booking: aBooking({ rooms: [ROOM_A, ROOM_B] }),
    });
    const plan = planReservationChange({ reservation, links: [] });
    expect(plan.actions).toEqual([]);
    expect(plan.log.map((entry) => entry.action)).toEqual(['skipped', 'skipped']);
    const confirmed = planReservationChange({
      reservation: { ...reservation, status: 'confirmed', lines: twoRoomLines },
      links: [],
    });
    expect(kinds(confirmed)).toEqual(['create-event', 'create-event']);
  });

  test('a reservation created from Outlook waits for the room copies instead of writing events', () => {
    const plan = planReservationChange({ reservation: aReservation({ source: 'outlook' }), links: [] });
    expect(plan.actions).toEqual([]);
    expect(plan.log[0]).toMatchObject({ action: 'skipped' });
  });

  test('the echo of our own write does nothing', () => {
    const reservation = aReservation({ source: 'kiosk' });
    const plan = planReservationChange({
      reservation,
      links: [aLink(aRoomEvent(), reservation, { origin: 'workplace' })],
    });
    expect(plan.actions).toEqual([]);
    expect(plan.log[0]).toMatchObject({ action: 'echo-ignored' });
  });

  test('an edit at a touchpoint updates the events we wrote', () => {
    const before = aReservation({ source: 'app' });
    const after = aReservation({ source: 'app', version: '2', booking: aBooking({ subject: 'Moved at the kiosk' }) });
    const plan = planReservationChange({
      reservation: after,
      links: [aLink(aRoomEvent(), before, { origin: 'workplace' })],
    });
    expect(plan.actions).toEqual([
      expect.objectContaining({
        kind: 'update-event',
        eventId: 'AAMk-room-a-1',
        booking: expect.objectContaining({ subject: 'Moved at the kiosk' }),
      }),
    ]);
  });

  test('an edit of a meeting organised in Outlook is reverted from Exchange', () => {
    const before = aReservation();
    const after = aReservation({ version: '2', booking: aBooking({ subject: 'Edited in Workplace' }) });
    const plan = planReservationChange({ reservation: after, links: [aLink(aRoomEvent(), before)] });
    expect(kinds(plan)).toEqual(['revert-reservation']);
    expect(plan.log[0]).toMatchObject({
      action: 'conflict-resolved',
      reason: expect.stringMatching(/organised in Outlook/),
    });
  });

  test("cancelling in Workplace cancels our events and declines Outlook meetings on the room's behalf", () => {
    const kiosk = aReservation({ source: 'kiosk' });
    const outlook = aReservation({ reservationId: 'res-2' });
    const cancelledKiosk = { ...kiosk, status: 'cancelled' as const, version: '2' };
    const cancelledOutlook = { ...outlook, status: 'cancelled' as const, version: '2' };
    expect(
      kinds(
        planReservationChange({
          reservation: cancelledKiosk,
          links: [aLink(aRoomEvent(), kiosk, { origin: 'workplace' })],
        }),
      ),
    ).toEqual(['cancel-event', 'mark-link-cancelled']);
    const declined = planReservationChange({ reservation: cancelledOutlook, links: [aLink(aRoomEvent(), outlook)] });
    expect(kinds(declined)).toEqual(['decline-event', 'mark-link-cancelled']);
    expect(declined.actions[0]).toMatchObject({ comment: 'Cancelled in Workplace' });
  });

  test("a room line removed or rejected in Workplace cancels only that room's event", () => {
    const before = aReservation({ source: 'web', lines: twoRoomLines });
    const after = aReservation({
      source: 'web',
      version: '2',
      lines: [{ ...twoRoomLines[0]!, status: 'cancelled' }, twoRoomLines[1]!],
    });
    const links = [
      aLink(aRoomEvent(), before, { origin: 'workplace', lineId: 'line-a' }),
      aLink(aRoomEvent({ mailbox: ROOM_B, eventId: 'AAMk-room-b-1' }), before, {
        origin: 'workplace',
        lineId: 'line-b',
        workplaceHash: syncHash(after.booking),
      }),
    ];
    const plan = planReservationChange({ reservation: after, links });
    expect(plan.actions).toEqual([
      expect.objectContaining({ kind: 'cancel-event', mailbox: ROOM_A }),
      { kind: 'mark-link-cancelled', mailbox: ROOM_A, eventId: 'AAMk-room-a-1' },
    ]);
  });
});

describe('planReservationChange: rooms that need approval', () => {
  const lineWith = (status: 'pending-approval' | 'confirmed' | 'declined') => [
    { lineId: 'line-a', kind: 'room' as const, objectId: 'area-a', status, mailbox: ROOM_A },
  ];
  const event = aRoomEvent();

  test.each([
    ['an Outlook meeting now waiting', 'exchange', 'pending-approval', false, [true, false]],
    ['an Outlook meeting approved', 'exchange', 'confirmed', true, [false, false]],
    ['a kiosk booking now waiting', 'workplace', 'pending-approval', false, [true, true]],
    ['a kiosk booking approved', 'workplace', 'confirmed', true, [false, true]],
  ] as const)('%s: Exchange shows the room as tentative until approved', (_n, origin, status, shown, expected) => {
    const reservation = aReservation({ lines: lineWith(status) });
    const link = aLink(event, reservation, { origin, isAwaitingApproval: shown });
    const plan = planReservationChange({ reservation, links: [link] });
    const [isAwaitingApproval, isOrganizedByRoom] = expected;
    expect(plan.actions).toEqual([
      expect.objectContaining({ kind: 'show-approval', eventId: event.eventId, isAwaitingApproval, isOrganizedByRoom }),
    ]);
  });

  test('a state Exchange already shows is left alone', () => {
    const reservation = aReservation({ lines: lineWith('pending-approval') });
    const link = aLink(event, reservation, { isAwaitingApproval: true });
    expect(kinds(planReservationChange({ reservation, links: [link] }))).toEqual([]);
  });

  test('a rejected room declines the Outlook meeting, naming the rejection even when Workplace cancelled it', () => {
    const reservation = aReservation({ status: 'cancelled', lines: lineWith('declined') });
    const plan = planReservationChange({ reservation, links: [aLink(event, reservation)] });
    expect(plan.actions).toEqual([
      expect.objectContaining({ kind: 'decline-event', comment: 'Workplace did not approve the booking of this room' }),
      expect.objectContaining({ kind: 'mark-link-cancelled' }),
    ]);
  });
});
