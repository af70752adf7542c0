import { describe, expect, test } from 'vitest';
import { planRefusal, roomLeaving } from '../../../server/src/sync/plan-room-leaving.js';
import type { LinkedReservationLine } from '../../../server/src/sync/sync-model.js';
import { ROOM_A, ROOM_B, aLink, aReservation, aRoomEvent } from '../../support/builders.js';

const roomLine = (lineId: string, mailbox: string, status: LinkedReservationLine['status'] = 'confirmed') =>
  ({ lineId, kind: 'room', objectId: `area-${lineId}`, status, mailbox }) as LinkedReservationLine;
const coffee = {
  lineId: 'line-coffee',
  kind: 'catering',
  objectId: 'ci-coffee',
  status: 'confirmed',
  mailbox: null,
} as const;

describe('roomLeaving: release the room’s line, or cancel the reservation no other room holds', () => {
  const a = roomLine('line-a', ROOM_A);
  test.each([
    ['the only room', [a], a, 'cancel-reservation'],
    ['the only room, beside catering', [a, coffee], a, 'cancel-reservation'],
    ['one of two rooms', [a, roomLine('line-b', ROOM_B)], a, 'release-room-line'],
    ['beside a room that was released already', [a, roomLine('line-b', ROOM_B, 'cancelled')], a, 'cancel-reservation'],
    ['beside a room that declined', [a, roomLine('line-b', ROOM_B, 'declined')], a, 'cancel-reservation'],
    ['a line not found, no other room', [coffee], null, 'cancel-reservation'],
    ['a line not found, another room holds it', [roomLine('line-b', ROOM_B)], null, null],
  ] as const)('%s → %s', (_case, lines, line, expected) => {
    const leaving = roomLeaving(aReservation({ lines: [...lines] }), line, 'the reason');
    expect(leaving?.kind ?? null).toBe(expected);
    if (leaving?.kind === 'release-room-line') expect(leaving).toMatchObject({ lineId: 'line-a', mailbox: ROOM_A });
  });
});

describe('planRefusal: the room answers the organizer, and a refused change frees the room', () => {
  const event = aRoomEvent();
  const reservation = aReservation({ lines: [roomLine('line-a', ROOM_A), roomLine('line-b', ROOM_B)] });
  const link = aLink(event, reservation);

  test.each([
    ['create', false, ['decline-event'], 'Workplace refused the booking: taken'],
    ['create', true, ['cancel-event'], 'Workplace refused the booking: taken'],
    ['add-room', false, ['decline-event'], 'Workplace refused this room: taken'],
    [
      'update',
      false,
      ['decline-event', 'release-room-line', 'mark-link-cancelled'],
      'Workplace refused the change: taken',
    ],
    // A room's own event is declined too when a change of it is refused (it was synced from Outlook).
    [
      'update',
      true,
      ['decline-event', 'release-room-line', 'mark-link-cancelled'],
      'Workplace refused the change: taken',
    ],
  ] as const)('%s (organized by the room: %s) → %j', (write, isOrganizedByRoom, kinds, reason) => {
    const plan = planRefusal({
      write,
      event: { ...event, isOrganizedByRoom },
      message: 'taken',
      link: write === 'update' ? link : null,
      reservation,
    });
    expect(plan.actions.map((action) => action.kind)).toEqual(kinds);
    expect(plan.log).toEqual([
      expect.objectContaining({
        action: 'declined',
        reason,
        reservationId: write === 'update' ? 'res-1' : null,
        organizer: event.booking.organizer.email.toLowerCase(),
        subject: event.booking.subject,
      }),
    ]);
  });

  test('a refused change of the reservation’s only room cancels the reservation', () => {
    const alone = aReservation();
    const plan = planRefusal({
      write: 'update',
      event,
      message: 'closed',
      link: aLink(event, alone),
      reservation: alone,
    });
    expect(plan.actions.map((action) => action.kind)).toEqual([
      'decline-event',
      'cancel-reservation',
      'mark-link-cancelled',
    ]);
  });

  test('a refused change without a link only declines', () => {
    const plan = planRefusal({ write: 'update', event, message: 'closed', link: null, reservation });
    expect(plan.actions.map((action) => action.kind)).toEqual(['decline-event']);
  });
});
