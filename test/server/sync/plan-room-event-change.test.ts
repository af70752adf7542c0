import { describe, expect, test } from 'vitest';
import type { RecurrenceRule } from '@workplace-sync/shared';
import {
  planRoomEventChange,
  planRoomlessReservation,
  ROOM_SWAP_GRACE_MS,
} from '../../../server/src/sync/plan-room-event-change.js';
import {
  NOW,
  ROOM_A,
  ROOM_B,
  UNLINKED_ROOM,
  aBooking,
  aLink,
  aReservation,
  aRoomEvent,
  aRoomEventChangeInput,
  anIntent,
} from '../../support/builders.js';

const input = aRoomEventChangeInput;
const kinds = (plan: { actions: Array<{ kind: string }> }) => plan.actions.map((action) => action.kind);

describe('planRoomEventChange: new meetings', () => {
  test('a meeting booked in Outlook creates a reservation holding this room only (each room decides for itself)', () => {
    const event = aRoomEvent({
      booking: aBooking({ rooms: [ROOM_A, 'Room-Brussels-1.02@contoso.com', UNLINKED_ROOM] }),
    });
    const plan = planRoomEventChange(input({ change: { kind: 'upserted', event } }));
    expect(plan.actions).toEqual([
      expect.objectContaining({
        kind: 'create-reservation',
        idempotencyKey: expect.stringMatching(new RegExp(`^exchange-${event.iCalUId}-[0-9a-f]{16}$`)),
        booking: expect.objectContaining({ rooms: [ROOM_A], subject: 'Design review' }),
      }),
    ]);
    expect(plan.log).toEqual([expect.objectContaining({ action: 'created', direction: 'exchange-to-workplace' })]);
  });

  test('a series that matches its hold confirms the alternative rooms held for its taken dates with it', () => {
    const alternative = {
      intentId: 'intent-2',
      mailbox: ROOM_B,
      reservationId: 'res-hold-2',
      start: '2026-03-10T08:00:00Z',
      end: '2026-03-10T09:00:00Z',
    };
    const plan = planRoomEventChange(input({ intents: [anIntent({ alternatives: [alternative] })] }));
    expect(plan.actions).toEqual([
      expect.objectContaining({ kind: 'confirm-intent', intentId: 'intent-1', alternatives: [alternative] }),
    ]);
    expect(plan.log).toEqual([
      expect.objectContaining({ action: 'created', reservationId: 'res-hold-1' }),
      expect.objectContaining({ action: 'created', reservationId: 'res-hold-2', mailbox: ROOM_B }),
    ]);
  });

  test('a meeting that matches an add-in hold confirms the hold instead of creating another reservation', () => {
    const plan = planRoomEventChange(input({ intents: [anIntent()] }));
    expect(plan.actions).toEqual([
      expect.objectContaining({ kind: 'confirm-intent', intentId: 'intent-1', reservationId: 'res-hold-1' }),
    ]);
  });

  test.each([
    ['another organizer', anIntent({ organizerEmail: 'megan@contoso.com' })],
    ['another room', anIntent({ mailbox: ROOM_B })],
    ['another time', anIntent({ start: '2026-03-03T10:00:00Z', end: '2026-03-03T11:00:00Z' })],
    ['an expired hold', anIntent({ expiresAt: '2026-03-01T07:59:00Z' })],
  ])('a hold with %s is not matched', (_name, intent) => {
    expect(kinds(planRoomEventChange(input({ intents: [intent] })))).toEqual(['create-reservation']);
  });

  test('the copy of a second room of an already synced meeting links to the same reservation', () => {
    const first = aRoomEvent();
    const reservation = aReservation({
      lines: [
        { lineId: 'line-a', kind: 'room', objectId: 'area-a', status: 'confirmed', mailbox: ROOM_A },
        { lineId: 'line-b', kind: 'room', objectId: 'area-b', status: 'confirmed', mailbox: ROOM_B },
      ],
    });
    const second = aRoomEvent({ mailbox: ROOM_B, eventId: 'AAMk-room-b-1' });
    const plan = planRoomEventChange(
      input({ change: { kind: 'upserted', event: second }, meetingLinks: [aLink(first, reservation)], reservation }),
    );
    expect(plan.actions).toEqual([{ kind: 'adopt-link', event: second, reservationId: 'res-1', lineId: 'line-b' }]);
  });

  test('an event we wrote (our marker) whose link was lost in a crash is adopted, not booked twice', () => {
    const reservation = aReservation({ source: 'kiosk' });
    const event = aRoomEvent({ reservationMarker: 'res-1', isOrganizedByRoom: true });
    expect(kinds(planRoomEventChange(input({ change: { kind: 'upserted', event }, reservation })))).toEqual([
      'adopt-link',
    ]);
  });

  test('an event we wrote whose link was lost, behind its moved reservation, is updated rather than adopted', () => {
    const reservation = aReservation({ source: 'kiosk' });
    const moved = { ...reservation, booking: { ...reservation.booking, subject: 'Moved at the kiosk' } };
    const event = aRoomEvent({ reservationMarker: 'res-1', isOrganizedByRoom: true });
    const plan = planRoomEventChange(input({ change: { kind: 'upserted', event }, reservation: moved }));
    expect(plan.actions).toEqual([
      expect.objectContaining({
        kind: 'update-event',
        eventId: event.eventId,
        booking: expect.objectContaining({ subject: 'Moved at the kiosk' }),
      }),
    ]);
  });

  test('an event we wrote for a reservation since cancelled (its link lost) is cancelled, never booked as new', () => {
    const event = aRoomEvent({ reservationMarker: 'res-1', isOrganizedByRoom: true });
    for (const reservation of [aReservation({ source: 'kiosk', status: 'cancelled' }), null]) {
      const plan = planRoomEventChange(input({ change: { kind: 'upserted', event }, reservation }));
      expect(kinds(plan)).toEqual(['cancel-event']);
      expect(plan.log).toEqual([expect.objectContaining({ action: 'cancelled', reservationId: 'res-1' })]);
    }
  });

  test('a room added to a synced meeting in Outlook adds a room line', () => {
    const reservation = aReservation();
    const first = aRoomEvent();
    const second = aRoomEvent({ mailbox: ROOM_B, eventId: 'AAMk-room-b-1' });
    const plan = planRoomEventChange(
      input({ change: { kind: 'upserted', event: second }, meetingLinks: [aLink(first, reservation)], reservation }),
    );
    expect(kinds(plan)).toEqual(['add-room-line']);
  });

  test('a meeting the room declined is not booked (only a reservation a crash left behind is looked for)', () => {
    const plan = planRoomEventChange(
      input({ change: { kind: 'upserted', event: aRoomEvent({ roomResponse: 'declined' }) } }),
    );
    expect(kinds(plan)).toEqual(['release-orphan-reservation']);
    expect(plan.log[0]).toMatchObject({ action: 'skipped', reason: expect.stringMatching(/declined/) });
  });

  test('a meeting the room declined while a hold from the add-in waited for it: the hold is released now, with what to do', () => {
    const alternative = {
      intentId: 'intent-2',
      mailbox: ROOM_B,
      reservationId: 'res-hold-2',
      start: '2026-03-10T08:00:00Z',
      end: '2026-03-10T09:00:00Z',
    };
    const declined = aRoomEvent({
      roomResponse: 'declined',
      booking: aBooking({
        recurrence: { freq: 'weekly', interval: 1, byDay: ['MO'], weekStart: 'MO', end: { type: 'count', count: 4 } },
      }),
    });
    const plan = planRoomEventChange(
      input({ change: { kind: 'upserted', event: declined }, intents: [anIntent({ alternatives: [alternative] })] }),
    );
    expect(plan.actions).toEqual([
      expect.objectContaining({
        kind: 'release-declined-hold',
        intentId: 'intent-1',
        reservationId: 'res-hold-1',
        alternatives: [alternative],
      }),
    ]);
    expect(plan.log).toEqual([
      expect.objectContaining({
        action: 'declined',
        reservationId: 'res-hold-1',
        reason: expect.stringMatching(
          /^Exchange declined the whole series for this room .* pick a room free on every date/,
        ),
      }),
    ]);
    // Without a hold waiting, nothing changes: only a reservation a crash left behind is looked for.
    const single = aRoomEvent({ roomResponse: 'declined' });
    expect(kinds(planRoomEventChange(input({ change: { kind: 'upserted', event: single } })))).toEqual([
      'release-orphan-reservation',
    ]);
  });

  test('a single meeting that is already over is not booked', () => {
    const event = aRoomEvent({
      booking: aBooking({
        start: { dateTime: '2026-02-27T09:00:00', timeZone: 'Europe/Brussels' },
        end: { dateTime: '2026-02-27T10:00:00', timeZone: 'Europe/Brussels' },
      }),
    });
    expect(planRoomEventChange(input({ change: { kind: 'upserted', event } })).actions).toEqual([]);
  });
});

describe('planRoomEventChange: linked meetings', () => {
  const event = aRoomEvent();
  const reservation = aReservation();
  const link = aLink(event, reservation);

  test("an echo (same synced content, e.g. the room attendant's extra updates) does nothing", () => {
    const echo = aRoomEvent({
      changeKey: 'ck-2',
      booking: aBooking({ organizer: { email: 'ALEX@contoso.com', name: 'A. Wilber' } }),
    });
    const plan = planRoomEventChange(input({ change: { kind: 'upserted', event: echo }, link, reservation }));
    expect(plan.actions).toEqual([]);
    expect(plan.log[0]).toMatchObject({ action: 'echo-ignored' });
  });

  test('a change in Outlook updates the reservation', () => {
    const moved = aRoomEvent({ booking: aBooking({ subject: 'Design review (moved)' }) });
    const plan = planRoomEventChange(input({ change: { kind: 'upserted', event: moved }, link, reservation }));
    expect(plan.actions).toEqual([
      expect.objectContaining({
        kind: 'update-reservation',
        reservationId: 'res-1',
        booking: expect.objectContaining({ subject: 'Design review (moved)' }),
      }),
    ]);
  });

  test('a room that rewrites subjects never overwrites the Workplace subject', () => {
    const rewritten = aRoomEvent({
      isSubjectRewritten: true,
      booking: aBooking({
        subject: 'Alex Wilber',
        end: { dateTime: '2026-03-03T10:30:00', timeZone: 'Europe/Brussels' },
      }),
    });
    const plan = planRoomEventChange(input({ change: { kind: 'upserted', event: rewritten }, link, reservation }));
    expect(plan.actions).toEqual([
      expect.objectContaining({
        kind: 'update-reservation',
        booking: expect.objectContaining({ subject: 'Design review' }),
      }),
    ]);
  });

  test('an event organised by the room keeps the responsible person and the other rooms of the reservation', () => {
    const wpReservation = aReservation({ source: 'kiosk', booking: aBooking({ rooms: [ROOM_A, ROOM_B] }) });
    const roomEvent = aRoomEvent({
      isOrganizedByRoom: true,
      booking: aBooking({
        subject: 'Retitled by a delegate',
        organizer: { email: ROOM_A },
        participants: [
          { email: 'alex@contoso.com', kind: 'required' },
          { email: 'adele@contoso.com', kind: 'required' },
        ],
      }),
    });
    const wpLink = aLink(aRoomEvent({ isOrganizedByRoom: true }), wpReservation, { origin: 'workplace' });
    const plan = planRoomEventChange(
      input({ change: { kind: 'upserted', event: roomEvent }, link: wpLink, reservation: wpReservation }),
    );
    expect(plan.actions[0]).toMatchObject({
      kind: 'update-reservation',
      booking: {
        subject: 'Retitled by a delegate',
        organizer: { email: 'alex@contoso.com' },
        participants: [{ email: 'adele@contoso.com', kind: 'required' }],
        rooms: [ROOM_A, ROOM_B],
      },
    });
  });

  test('both sides changed: latest change wins, and the decision is logged', () => {
    const changedInWorkplace = aReservation({
      version: '2',
      booking: aBooking({ subject: 'From the kiosk' }),
      updatedAt: '2026-03-01T07:30:00Z',
    });
    const olderOutlookEdit = aRoomEvent({
      booking: aBooking({ subject: 'From Outlook' }),
      lastModified: '2026-03-01T07:10:00Z',
    });
    const newerOutlookEdit = aRoomEvent({
      booking: aBooking({ subject: 'From Outlook' }),
      lastModified: '2026-03-01T07:40:00Z',
    });

    const workplaceWins = planRoomEventChange(
      input({ change: { kind: 'upserted', event: olderOutlookEdit }, link, reservation: changedInWorkplace }),
    );
    expect(workplaceWins.actions).toEqual([
      expect.objectContaining({
        kind: 'update-event',
        booking: expect.objectContaining({ subject: 'From the kiosk' }),
      }),
    ]);
    expect(workplaceWins.log[0]).toMatchObject({
      action: 'conflict-resolved',
      reason: expect.stringMatching(/Workplace version/),
    });

    const exchangeWins = planRoomEventChange(
      input({ change: { kind: 'upserted', event: newerOutlookEdit }, link, reservation: changedInWorkplace }),
    );
    expect(exchangeWins.actions).toEqual([
      expect.objectContaining({
        kind: 'update-reservation',
        booking: expect.objectContaining({ subject: 'From Outlook' }),
      }),
    ]);
    expect(exchangeWins.log[0]).toMatchObject({
      action: 'conflict-resolved',
      reason: expect.stringMatching(/Exchange version/),
    });

    const configured = planRoomEventChange(
      input({
        change: { kind: 'upserted', event: newerOutlookEdit },
        link,
        reservation: changedInWorkplace,
        policy: 'workplace-wins',
      }),
    );
    expect(kinds(configured)).toEqual(['update-event']);
  });

  test.each([
    [
      'cancelled by the organizer',
      { kind: 'upserted', event: aRoomEvent({ booking: aBooking({ isCancelled: true }) }) },
    ],
    ['declined by the room', { kind: 'upserted', event: aRoomEvent({ roomResponse: 'declined' }) }],
    ['deleted from the room calendar', { kind: 'removed', mailbox: ROOM_A, eventId: 'AAMk-room-a-1' }],
  ] as const)('a meeting %s cancels a single-room reservation', (_name, change) => {
    const plan = planRoomEventChange(input({ change, link, reservation }));
    // The link is marked last: a write that fails on a stale version is planned again from it.
    expect(kinds(plan)).toEqual(['cancel-reservation', 'mark-link-cancelled']);
  });

  test('one room leaving a multi-room meeting releases only its line', () => {
    const twoRooms = aReservation({
      lines: [
        { lineId: 'line-a', kind: 'room', objectId: 'area-a', status: 'confirmed', mailbox: ROOM_A },
        { lineId: 'line-b', kind: 'room', objectId: 'area-b', status: 'confirmed', mailbox: ROOM_B },
        {
          lineId: 'line-coffee',
          kind: 'catering',
          objectId: 'coffee',
          quantity: 6,
          status: 'confirmed',
          mailbox: null,
        },
      ],
    });
    const plan = planRoomEventChange(
      input({ change: { kind: 'removed', mailbox: ROOM_A, eventId: event.eventId }, link, reservation: twoRooms }),
    );
    expect(plan.actions).toEqual([
      expect.objectContaining({ kind: 'release-room-line', lineId: 'line-a' }),
      { kind: 'mark-link-cancelled', mailbox: ROOM_A, eventId: event.eventId },
    ]);
  });

  const withCatering = aReservation({
    lines: [
      { lineId: 'line-a', kind: 'room', objectId: 'area-a', status: 'confirmed', mailbox: ROOM_A },
      { lineId: 'line-coffee', kind: 'catering', objectId: 'coffee', quantity: 6, status: 'confirmed', mailbox: null },
    ],
  });
  const cancelledCopy = { kind: 'upserted', event: aRoomEvent({ booking: aBooking({ isCancelled: true }) }) } as const;

  test.each([
    [
      'an Outlook meeting with catering',
      withCatering,
      link,
      ['release-room-line', 'await-room', 'mark-link-cancelled'],
    ],
    ['an Outlook meeting with nothing else', reservation, link, ['cancel-reservation', 'mark-link-cancelled']],
    [
      'a Workplace booking with catering',
      withCatering,
      { ...link, origin: 'workplace' as const },
      ['cancel-reservation', 'mark-link-cancelled'],
    ],
  ])('the last room leaving %s: %j', (_name, current, currentLink, expected) => {
    const plan = planRoomEventChange(input({ change: cancelledCopy, link: currentLink, reservation: current }));
    expect(kinds(plan)).toEqual(expected);
  });

  test('the room kept for a swap is awaited for the grace only', () => {
    const plan = planRoomEventChange(input({ change: cancelledCopy, link, reservation: withCatering }));
    expect(plan.actions).toContainEqual({
      kind: 'await-room',
      reservationId: 'res-1',
      iCalUId: event.iCalUId,
      dueAt: new Date(NOW.getTime() + ROOM_SWAP_GRACE_MS),
    });
  });

  test('a deletion of something never synced does nothing', () => {
    expect(
      planRoomEventChange(input({ change: { kind: 'removed', mailbox: ROOM_A, eventId: 'unknown' } })).actions,
    ).toEqual([]);
  });
});

describe("planRoomEventChange: a room joining the meeting's reservation", () => {
  const first = aRoomEvent();
  const swappedIn = aRoomEvent({ mailbox: ROOM_B, eventId: 'AAMk-room-b-1' });
  const roomless = aReservation({
    lines: [
      { lineId: 'line-a', kind: 'room', objectId: 'area-a', status: 'cancelled', mailbox: ROOM_A },
      { lineId: 'line-coffee', kind: 'catering', objectId: 'coffee', quantity: 6, status: 'confirmed', mailbox: null },
    ],
  });

  test('a room swapped in joins the reservation its predecessor left, not a new one', () => {
    const released = aLink(first, roomless, { isCancelled: true });
    const plan = planRoomEventChange(
      input({ change: { kind: 'upserted', event: swappedIn }, meetingLinks: [released], reservation: roomless }),
    );
    expect(plan.actions).toEqual([expect.objectContaining({ kind: 'add-room-line', reservationId: 'res-1' })]);
  });

  test("a room joining brings the reservation to its own copy's content (the others' may be older)", () => {
    const newer = aRoomEvent({ mailbox: ROOM_B, eventId: 'AAMk-room-b-1', booking: aBooking({ subject: 'Moved' }) });
    const plan = planRoomEventChange(
      input({
        change: { kind: 'upserted', event: newer },
        meetingLinks: [aLink(first, aReservation())],
        reservation: aReservation(),
      }),
    );
    expect(plan.actions).toEqual([
      expect.objectContaining({ kind: 'add-room-line', booking: expect.objectContaining({ subject: 'Moved' }) }),
    ]);
  });

  test('a room added back after its release gets a new line, never its released one', () => {
    const released = aLink(first, roomless, { isCancelled: true });
    const plan = planRoomEventChange(
      input({ change: { kind: 'upserted', event: first }, link: released, reservation: roomless }),
    );
    expect(kinds(plan)).toEqual(['add-room-line']);
  });

  test("a cancelled reservation of the meeting is not joined: a new one is booked, keyed apart from the first's create", () => {
    const cancelled = aReservation({ status: 'cancelled' });
    const plan = planRoomEventChange(
      input({
        change: { kind: 'upserted', event: swappedIn },
        meetingLinks: [aLink(first, cancelled, { isCancelled: true })],
        reservation: cancelled,
      }),
    );
    expect(plan.actions).toEqual([
      expect.objectContaining({ kind: 'create-reservation', idempotencyKey: expect.stringMatching(/-after-res-1$/) }),
    ]);
  });
});

describe('planRoomlessReservation', () => {
  test.each([
    ['still without a room', aReservation({ lines: [] }), ['cancel-reservation']],
    ['joined by a room', aReservation(), []],
    ['cancelled meanwhile', aReservation({ status: 'cancelled', lines: [] }), []],
    ['gone', null, []],
  ])('a reservation %s after the grace: %j', (_name, reservation, expected) => {
    expect(kinds(planRoomlessReservation(reservation))).toEqual(expected);
  });
});

describe('planRoomEventChange: a room Workplace released before the feed said so', () => {
  const event = aRoomEvent({ booking: aBooking({ subject: 'Renamed in Outlook' }) });
  test.each([
    ['rejected by an approver', 'declined', 'Workplace did not approve the booking of this room'],
    ['removed at a touchpoint', 'cancelled', 'The room was removed from the reservation in Workplace'],
  ] as const)('a room %s declines the meeting instead of updating a line that is gone', (_n, status, reason) => {
    const reservation = aReservation({
      lines: [
        { lineId: 'line-a', kind: 'room', objectId: 'area-a', status, mailbox: ROOM_A },
        { lineId: 'line-b', kind: 'room', objectId: 'area-b', status: 'confirmed', mailbox: ROOM_B },
      ],
    });
    const link = aLink(aRoomEvent(), reservation);
    const plan = planRoomEventChange(input({ change: { kind: 'upserted', event }, link, reservation }));
    expect(plan.actions).toEqual([
      { kind: 'decline-event', mailbox: ROOM_A, eventId: event.eventId, comment: reason },
      { kind: 'mark-link-cancelled', mailbox: ROOM_A, eventId: event.eventId },
    ]);
  });
});

describe('planRoomEventChange: rooms that disagree on occurrences', () => {
  const weekly: RecurrenceRule = {
    freq: 'weekly',
    interval: 1,
    byDay: ['TU'],
    weekStart: 'MO',
    end: { type: 'count', count: 3 },
  };
  const declinedSecond = aBooking({
    recurrence: weekly,
    exceptions: [{ kind: 'cancelled', originalStart: '2026-03-10T08:00:00.000Z' }],
  });
  const movedSecond = aBooking({
    recurrence: weekly,
    rooms: [ROOM_A, ROOM_B],
    exceptions: [
      {
        kind: 'modified',
        originalStart: '2026-03-10T08:00:00.000Z',
        start: { dateTime: '2026-03-10T09:30:00', timeZone: 'Europe/Brussels' },
        end: { dateTime: '2026-03-10T10:30:00', timeZone: 'Europe/Brussels' },
      },
    ],
  });
  const shared = aReservation({
    booking: movedSecond,
    lines: [
      { lineId: 'line-a', kind: 'room', objectId: 'area-a', status: 'confirmed', mailbox: ROOM_A },
      { lineId: 'line-b', kind: 'room', objectId: 'area-b', status: 'confirmed', mailbox: ROOM_B },
    ],
  });
  const otherRoom = aRoomEvent({ mailbox: ROOM_B, eventId: 'AAMk-room-b-1', booking: movedSecond });
  const otherRoomCopies = [{ link: aLink(otherRoom, shared, { lineId: 'line-b' }), booking: movedSecond }];

  test('a room joining with an occurrence the other room holds books a reservation of its own', () => {
    const event = aRoomEvent({ booking: { ...declinedSecond, rooms: [ROOM_A, ROOM_B] } });
    const plan = planRoomEventChange(
      input({
        change: { kind: 'upserted', event },
        reservation: { ...shared, lines: [shared.lines[1]!] },
        meetingLinks: [otherRoomCopies[0]!.link],
        otherRoomCopies,
      }),
    );
    expect(plan.actions).toEqual([
      expect.objectContaining({
        kind: 'create-reservation',
        externalRef: expect.stringContaining(event.iCalUId),
        booking: expect.objectContaining({ rooms: [ROOM_A], exceptions: declinedSecond.exceptions }),
      }),
    ]);
  });

  test('a linked room whose copy lost an occurrence the other room holds moves to a reservation of its own', () => {
    const before = aRoomEvent({ booking: movedSecond });
    const event = aRoomEvent({ changeKey: 'ck-2', booking: { ...declinedSecond, rooms: [ROOM_A, ROOM_B] } });
    const plan = planRoomEventChange(
      input({
        change: { kind: 'upserted', event },
        link: aLink(before, shared),
        reservation: shared,
        meetingLinks: [otherRoomCopies[0]!.link],
        otherRoomCopies,
      }),
    );
    expect(plan.actions).toEqual([
      expect.objectContaining({ kind: 'move-to-own-reservation', fromReservationId: 'res-1', fromLineId: 'line-a' }),
    ]);
  });

  test('when the other room agrees (the organizer cancelled it), the shared reservation follows', () => {
    const before = aRoomEvent({ booking: movedSecond });
    const event = aRoomEvent({ changeKey: 'ck-2', booking: { ...declinedSecond, rooms: [ROOM_A, ROOM_B] } });
    const plan = planRoomEventChange(
      input({
        change: { kind: 'upserted', event },
        link: aLink(before, shared),
        reservation: shared,
        otherRoomCopies: [{ ...otherRoomCopies[0]!, booking: { ...declinedSecond, rooms: [ROOM_A, ROOM_B] } }],
      }),
    );
    expect(kinds(plan)).toEqual(['update-reservation']);
  });
});
