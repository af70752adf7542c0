import { syncHash } from '@workplace-sync/shared';
import type { Booking } from '@workplace-sync/shared';
import { describe, expect, test } from 'vitest';
import { withoutReleasedOccurrences } from '../../../server/src/sync/plan-release.js';
import { planReservationChange } from '../../../server/src/sync/plan-reservation-change.js';
import { planRoomEventChange } from '../../../server/src/sync/plan-room-event-change.js';
import type { BookingLink, OccurrenceRelease, ReservationView } from '../../../server/src/sync/sync-model.js';
import {
  ROOM_A,
  ROOM_B,
  aBooking,
  aLink,
  aReservation,
  aRoomEvent,
  aRoomEventChangeInput,
} from '../../support/builders.js';

// Releases both ways: an occurrence (or a single meeting) freed while it ran is released, never
// cancelled; applied once, remembered on the link, and its echo does nothing.

const kinds = (plan: { actions: Array<{ kind: string }> }) => plan.actions.map((action) => action.kind);

/** Daily at 09:00 in Brussels (08:00Z) from Tuesday 3 March 2026, five times. */
const series: Partial<Booking> = {
  recurrence: { freq: 'daily', interval: 1, weekStart: 'MO', end: { type: 'count', count: 5 } },
};
const SECOND = '2026-03-04T08:00:00.000Z';
/** A no-show release: of one room's line, or (null) of the whole occurrence. */
const noShow = (occurrenceStart: string, releasedAt: string, lineId: string | null = null): OccurrenceRelease => ({
  occurrenceStart,
  releasedAt,
  reason: 'no-show',
  lineId,
});

function linked(
  booking: Booking,
  origin: BookingLink['origin'],
  releases: OccurrenceRelease[],
  linkOverrides: Partial<BookingLink> = {},
) {
  const event = aRoomEvent({ booking, isOrganizedByRoom: origin === 'workplace' });
  const reservation: ReservationView = aReservation({
    booking,
    source: origin === 'workplace' ? 'kiosk' : 'outlook',
    releases,
  });
  const link = aLink(event, reservation, { origin, ...linkOverrides });
  return { event, reservation, link };
}

describe('Workplace → Exchange: a release frees the room for that occurrence only', () => {
  test.each([
    {
      name: 'a no-show occurrence of our own series is cancelled in the room',
      booking: aBooking(series),
      origin: 'workplace' as const,
      release: noShow(SECOND, '2026-03-04T08:15:00.000Z'),
      action: { kind: 'release-occurrence', occurrenceStart: SECOND, isOrganizedByRoom: true },
      logged: 'cancelled',
      linkCancelled: false,
    },
    {
      name: 'a no-show occurrence of an Outlook series is declined on the room’s behalf',
      booking: aBooking(series),
      origin: 'exchange' as const,
      release: noShow(SECOND, '2026-03-04T08:15:00.000Z'),
      action: { kind: 'release-occurrence', occurrenceStart: SECOND, isOrganizedByRoom: false },
      logged: 'declined',
      linkCancelled: false,
    },
    {
      name: 'a single Outlook meeting nobody came to is declined, and the room leaves it',
      booking: aBooking(),
      origin: 'exchange' as const,
      release: noShow('2026-03-03T08:00:00.000Z', '2026-03-03T08:15:00.000Z'),
      action: { kind: 'release-occurrence', occurrenceStart: null, isOrganizedByRoom: false },
      logged: 'declined',
      linkCancelled: true,
    },
    {
      name: 'our own single event ended early is shortened to its end',
      booking: aBooking(),
      origin: 'workplace' as const,
      release: {
        occurrenceStart: '2026-03-03T08:00:00.000Z',
        releasedAt: '2026-03-03T08:30:00.000Z',
        reason: 'ended-early' as const,
        lineId: null,
      },
      action: {
        kind: 'update-event',
        booking: expect.objectContaining({ end: { dateTime: '2026-03-03T09:30:00', timeZone: 'Europe/Brussels' } }),
      },
      logged: 'updated',
      linkCancelled: false,
    },
  ])('$name', ({ booking, origin, release, action, logged, linkCancelled }) => {
    const { reservation, link } = linked(booking, origin, [release]);
    const plan = planReservationChange({ reservation, links: [link] });
    expect(plan.actions[0]).toMatchObject({ ...action, mailbox: ROOM_A, eventId: link.eventId });
    expect(plan.actions).toContainEqual({
      kind: 'note-link-releases',
      mailbox: ROOM_A,
      eventId: link.eventId,
      occurrenceStarts: [new Date(release.occurrenceStart).toISOString()],
    });
    expect(kinds(plan).includes('mark-link-cancelled')).toBe(linkCancelled);
    expect(plan.log.map((entry) => entry.action)).toEqual([logged]);
    // A release is not an edit: an Outlook meeting is not reverted, the content not rewritten.
    expect(kinds(plan)).not.toContain('revert-reservation');
  });

  test('the organizer reads when the room was released, in the building’s time', () => {
    const { reservation, link } = linked(aBooking(series), 'exchange', [noShow(SECOND, '2026-03-04T08:15:00.000Z')]);
    const plan = planReservationChange({ reservation, links: [link] });
    expect(plan.actions[0]).toMatchObject({ comment: 'Released: nobody checked in by 09:15' });
  });

  test('a release applied once (remembered on the link) does nothing again', () => {
    const { reservation, link } = linked(aBooking(series), 'exchange', [noShow(SECOND, '2026-03-04T08:15:00.000Z')], {
      releasedOccurrences: [SECOND],
    });
    const plan = planReservationChange({ reservation, links: [link] });
    expect(plan.actions).toEqual([]);
    expect(plan.log.map((entry) => entry.action)).toEqual(['echo-ignored']);
  });

  test('a single meeting released as a no-show is never written to the room again', () => {
    const { reservation, link } = linked(aBooking(), 'workplace', [
      noShow('2026-03-03T08:00:00.000Z', '2026-03-03T08:15:00.000Z'),
    ]);
    const plan = planReservationChange({ reservation, links: [{ ...link, isCancelled: true }] });
    expect(plan.actions).toEqual([]);
  });

  test('our own series written again keeps its released occurrence cancelled', () => {
    const { reservation, link } = linked(aBooking(series), 'workplace', [noShow(SECOND, '2026-03-04T08:15:00.000Z')], {
      releasedOccurrences: [SECOND],
    });
    const renamed = { ...reservation, booking: { ...reservation.booking, subject: 'Renamed' } };
    const plan = planReservationChange({ reservation: renamed, links: [link] });
    expect(plan.actions[0]).toMatchObject({
      kind: 'update-event',
      booking: expect.objectContaining({ exceptions: [{ originalStart: SECOND, kind: 'cancelled' }] }),
    });
  });
});

describe('Exchange → Workplace: the room freed once it had begun is a release, not a cancellation', () => {
  const withCancelled = (booking: Booking, originalStart: string): Booking => ({
    ...booking,
    exceptions: [...booking.exceptions, { originalStart, kind: 'cancelled' }],
  });

  test.each([
    { name: 'declined by the room (Places auto-release)', change: { roomResponse: 'declined' as const } },
    { name: 'cancelled by the organizer (ended early)', change: { isCancelled: true } },
  ])('a single meeting $name after its start releases it in Workplace', ({ change }) => {
    const { event, reservation, link } = linked(aBooking(), 'exchange', []);
    const freed = {
      ...event,
      ...('roomResponse' in change ? { roomResponse: change.roomResponse } : {}),
      booking: { ...event.booking, isCancelled: 'isCancelled' in change },
    };
    const plan = planRoomEventChange(
      aRoomEventChangeInput({
        change: { kind: 'upserted', event: freed },
        link,
        reservation,
        now: new Date('2026-03-03T08:20:00Z'),
      }),
    );
    expect(plan.actions).toEqual([
      {
        kind: 'release-reservation-occurrence',
        reservationId: 'res-1',
        occurrenceStart: null,
        lineId: 'line-a',
        reason: expect.any(String),
      },
      {
        kind: 'note-link-releases',
        mailbox: ROOM_A,
        eventId: link.eventId,
        occurrenceStarts: ['2026-03-03T08:00:00.000Z'],
      },
      { kind: 'mark-link-cancelled', mailbox: ROOM_A, eventId: link.eventId },
    ]);
    // Before its start the same answer stays a cancellation, as before.
    const before = planRoomEventChange(
      aRoomEventChangeInput({
        change: { kind: 'upserted', event: freed },
        link,
        reservation,
        now: new Date('2026-03-03T07:00:00Z'),
      }),
    );
    expect(kinds(before)).toEqual(['cancel-reservation', 'mark-link-cancelled']);
  });

  test('a single meeting the room removed from its calendar after the start (declined) is released, not cancelled', () => {
    const { event, reservation, link } = linked(aBooking(), 'exchange', []);
    const removed = { kind: 'removed' as const, mailbox: ROOM_A, eventId: event.eventId };
    const plan = planRoomEventChange(
      aRoomEventChangeInput({ change: removed, link, reservation, now: new Date('2026-03-03T08:20:00Z') }),
    );
    expect(kinds(plan)).toEqual(['release-reservation-occurrence', 'note-link-releases', 'mark-link-cancelled']);
    const before = planRoomEventChange(aRoomEventChangeInput({ change: removed, link, reservation }));
    expect(kinds(before)).toEqual(['cancel-reservation', 'mark-link-cancelled']);
  });

  test('an occurrence of a series freed after its start releases that occurrence; the series stays as it was', () => {
    const { event, reservation, link } = linked(aBooking(series), 'exchange', []);
    const freed = { ...event, booking: withCancelled(event.booking, SECOND) };
    const plan = planRoomEventChange(
      aRoomEventChangeInput({
        change: { kind: 'upserted', event: freed },
        link,
        reservation,
        now: new Date('2026-03-04T08:20:00Z'),
      }),
    );
    expect(plan.actions).toEqual([
      {
        kind: 'release-reservation-occurrence',
        reservationId: 'res-1',
        occurrenceStart: SECOND,
        lineId: 'line-a',
        reason: expect.any(String),
      },
      { kind: 'note-link-releases', mailbox: ROOM_A, eventId: link.eventId, occurrenceStarts: [SECOND] },
    ]);
  });

  test('an occurrence cancelled before it began stays a cancellation of that occurrence', () => {
    const { event, reservation, link } = linked(aBooking(series), 'exchange', []);
    const freed = { ...event, booking: withCancelled(event.booking, SECOND) };
    const plan = planRoomEventChange(
      aRoomEventChangeInput({
        change: { kind: 'upserted', event: freed },
        link,
        reservation,
        now: new Date('2026-03-03T12:00:00Z'),
      }),
    );
    expect(plan.actions).toEqual([
      expect.objectContaining({
        kind: 'update-reservation',
        booking: expect.objectContaining({ exceptions: [{ originalStart: SECOND, kind: 'cancelled' }] }),
      }),
    ]);
  });

  test('the echo of our own decline for a Workplace release does nothing', () => {
    const { event, reservation, link } = linked(
      aBooking(series),
      'exchange',
      [noShow(SECOND, '2026-03-04T08:15:00.000Z')],
      {
        releasedOccurrences: [SECOND],
      },
    );
    const echo = { ...event, changeKey: 'ck-2', booking: withCancelled(event.booking, SECOND) };
    expect(syncHash(echo.booking)).not.toBe(link.graphHash);
    const plan = planRoomEventChange(
      aRoomEventChangeInput({
        change: { kind: 'upserted', event: echo },
        link,
        reservation,
        now: new Date('2026-03-04T08:16:00Z'),
      }),
    );
    expect(plan.actions).toEqual([]);
    expect(plan.log.map((entry) => entry.action)).toEqual(['echo-ignored']);
  });

  test('a single meeting declined for a Workplace release (its echo) only lets the link go', () => {
    const { event, reservation, link } = linked(aBooking(), 'exchange', [
      noShow('2026-03-03T08:00:00.000Z', '2026-03-03T08:15:00.000Z'),
    ]);
    const plan = planRoomEventChange(
      aRoomEventChangeInput({
        change: { kind: 'upserted', event: { ...event, roomResponse: 'declined' } },
        link,
        reservation,
        now: new Date('2026-03-03T08:16:00Z'),
      }),
    );
    expect(kinds(plan)).toEqual(['mark-link-cancelled']);
  });
});

describe('per room: a meeting in two rooms (one reservation, one line per room) loses only the room released', () => {
  const TWO_ROOM_LINES: ReservationView['lines'] = [
    { lineId: 'line-a', kind: 'room', objectId: 'area-a', status: 'confirmed', mailbox: ROOM_A },
    { lineId: 'line-b', kind: 'room', objectId: 'area-b', status: 'confirmed', mailbox: ROOM_B },
  ];
  const SINGLE = '2026-03-03T08:00:00.000Z';

  /** The meeting in rooms A and B, each room's copy linked to its own line. */
  function twoRooms(booking: Booking, origin: BookingLink['origin'], releases: OccurrenceRelease[]) {
    const meeting = { ...booking, rooms: [ROOM_A, ROOM_B] };
    const reservation = aReservation({
      booking: meeting,
      source: origin === 'workplace' ? 'kiosk' : 'outlook',
      lines: TWO_ROOM_LINES,
      releases,
    });
    const copy = (mailbox: string, eventId: string) =>
      aRoomEvent({ mailbox, eventId, booking: meeting, isOrganizedByRoom: origin === 'workplace' });
    const eventA = copy(ROOM_A, 'AAMk-room-a-1');
    const eventB = copy(ROOM_B, 'AAMk-room-b-1');
    const linkA = aLink(eventA, reservation, { origin, lineId: 'line-a' });
    const linkB = aLink(eventB, reservation, { origin, lineId: 'line-b' });
    return { reservation, eventA, eventB, linkA, linkB };
  }
  const touched = (plan: { actions: Array<{ kind: string; mailbox?: string }> }) =>
    [...new Set(plan.actions.map((action) => action.mailbox ?? ''))].filter(Boolean);

  describe('Workplace → Exchange', () => {
    test.each([
      {
        name: 'nobody at room A of an Outlook series: A declines that occurrence, B stays booked',
        booking: aBooking(series),
        origin: 'exchange' as const,
        release: noShow(SECOND, '2026-03-04T08:15:00.000Z', 'line-a'),
        rooms: [ROOM_A],
        actionA: { kind: 'release-occurrence', occurrenceStart: SECOND, isOrganizedByRoom: false },
      },
      {
        name: 'nobody at room A of a single Outlook meeting: A declines it and leaves, B stays booked',
        booking: aBooking(),
        origin: 'exchange' as const,
        release: noShow(SINGLE, '2026-03-03T08:15:00.000Z', 'line-a'),
        rooms: [ROOM_A],
        actionA: { kind: 'release-occurrence', occurrenceStart: null, isOrganizedByRoom: false },
      },
      {
        name: 'nobody at room A of our own series: A’s event cancels that occurrence, B’s is untouched',
        booking: aBooking(series),
        origin: 'workplace' as const,
        release: noShow(SECOND, '2026-03-04T08:15:00.000Z', 'line-a'),
        rooms: [ROOM_A],
        actionA: { kind: 'release-occurrence', occurrenceStart: SECOND, isOrganizedByRoom: true },
      },
      {
        name: '"end now" at room A’s display of an Outlook meeting: A declines it (not shortened), B stays booked',
        booking: aBooking(),
        origin: 'exchange' as const,
        release: {
          occurrenceStart: SINGLE,
          releasedAt: '2026-03-03T08:30:00.000Z',
          reason: 'ended-early' as const,
          lineId: 'line-a',
        },
        rooms: [ROOM_A],
        actionA: { kind: 'release-occurrence', occurrenceStart: null, isOrganizedByRoom: false },
      },
      {
        name: 'a release of the whole occurrence (no line) frees both rooms',
        booking: aBooking(series),
        origin: 'exchange' as const,
        release: noShow(SECOND, '2026-03-04T08:15:00.000Z'),
        rooms: [ROOM_A, ROOM_B],
        actionA: { kind: 'release-occurrence', occurrenceStart: SECOND, isOrganizedByRoom: false },
      },
    ])('$name', ({ booking, origin, release, rooms, actionA }) => {
      const { reservation, linkA, linkB } = twoRooms(booking, origin, [release]);
      const plan = planReservationChange({ reservation, links: [linkA, linkB] });
      expect(touched(plan)).toEqual(rooms);
      expect(plan.actions[0]).toMatchObject({ ...actionA, mailbox: ROOM_A, eventId: linkA.eventId });
      const forB = plan.log.filter((entry) => entry.mailbox === ROOM_B).map((entry) => entry.action);
      expect(forB).toEqual(
        rooms.includes(ROOM_B) ? [origin === 'workplace' ? 'cancelled' : 'declined'] : ['echo-ignored'],
      );
    });

    test('a room’s own release and the whole occurrence’s free it once', () => {
      const { reservation, linkA } = twoRooms(aBooking(series), 'exchange', [
        noShow(SECOND, '2026-03-04T08:15:00.000Z', 'line-a'),
        noShow(SECOND, '2026-03-04T08:20:00.000Z'),
      ]);
      const plan = planReservationChange({ reservation, links: [linkA] });
      expect(kinds(plan)).toEqual(['release-occurrence', 'note-link-releases']);
      expect(plan.actions[0]).toMatchObject({ comment: 'Released: nobody checked in by 09:15' });
    });

    test('our own series written again keeps room A’s released occurrence cancelled in A only', () => {
      const { reservation, linkA, linkB } = twoRooms(aBooking(series), 'workplace', [
        noShow(SECOND, '2026-03-04T08:15:00.000Z', 'line-a'),
      ]);
      const renamed = { ...reservation, booking: { ...reservation.booking, subject: 'Renamed' } };
      const plan = planReservationChange({
        reservation: renamed,
        links: [{ ...linkA, releasedOccurrences: [SECOND] }, linkB],
      });
      const written = (mailbox: string) =>
        plan.actions.find((action) => action.kind === 'update-event' && action.mailbox === mailbox);
      expect(written(ROOM_A)).toMatchObject({
        booking: expect.objectContaining({ exceptions: [{ originalStart: SECOND, kind: 'cancelled' }] }),
      });
      expect(written(ROOM_B)).toMatchObject({ booking: expect.objectContaining({ exceptions: [] }) });
    });
  });

  describe('Exchange → Workplace', () => {
    const withCancelled = (booking: Booking, originalStart: string): Booking => ({
      ...booking,
      exceptions: [...booking.exceptions, { originalStart, kind: 'cancelled' }],
    });

    test.each([
      {
        name: 'room A’s panel releases an occurrence of the series after it began',
        booking: aBooking(series),
        freed: (event: ReturnType<typeof aRoomEvent>) => ({ ...event, booking: withCancelled(event.booking, SECOND) }),
        occurrenceStart: SECOND,
        now: '2026-03-04T08:20:00Z',
      },
      {
        name: 'room A declines the single meeting after it began (Places auto-release)',
        booking: aBooking(),
        freed: (event: ReturnType<typeof aRoomEvent>) => ({ ...event, roomResponse: 'declined' as const }),
        occurrenceStart: null,
        now: '2026-03-03T08:20:00Z',
      },
    ])('$name: only room A’s line is released in Workplace', ({ booking, freed, occurrenceStart, now }) => {
      const { reservation, eventA, linkA } = twoRooms(booking, 'exchange', []);
      const plan = planRoomEventChange(
        aRoomEventChangeInput({
          change: { kind: 'upserted', event: freed(eventA) },
          link: linkA,
          reservation,
          now: new Date(now),
        }),
      );
      expect(plan.actions[0]).toEqual({
        kind: 'release-reservation-occurrence',
        reservationId: 'res-1',
        occurrenceStart,
        lineId: 'line-a',
        reason: expect.any(String),
      });
    });

    test('room B freeing an occurrence Workplace released in room A only is B’s own release, not an echo', () => {
      const { reservation, eventB, linkB } = twoRooms(aBooking(series), 'exchange', [
        noShow(SECOND, '2026-03-04T08:15:00.000Z', 'line-a'),
      ]);
      const plan = planRoomEventChange(
        aRoomEventChangeInput({
          change: { kind: 'upserted', event: { ...eventB, booking: withCancelled(eventB.booking, SECOND) } },
          link: linkB,
          reservation,
          now: new Date('2026-03-04T08:20:00Z'),
        }),
      );
      expect(plan.actions[0]).toMatchObject({
        kind: 'release-reservation-occurrence',
        occurrenceStart: SECOND,
        lineId: 'line-b',
      });
    });

    test('room A’s echo of its own decline does nothing, and room B’s unchanged copy is no edit', () => {
      const { reservation, eventA, eventB, linkA, linkB } = twoRooms(aBooking(series), 'exchange', [
        noShow(SECOND, '2026-03-04T08:15:00.000Z', 'line-a'),
      ]);
      const now = new Date('2026-03-04T08:16:00Z');
      const echo = planRoomEventChange(
        aRoomEventChangeInput({
          change: {
            kind: 'upserted',
            event: { ...eventA, changeKey: 'ck-2', booking: withCancelled(eventA.booking, SECOND) },
          },
          link: { ...linkA, releasedOccurrences: [SECOND] },
          reservation,
          now,
        }),
      );
      expect(echo.actions).toEqual([]);
      const other = planRoomEventChange(
        aRoomEventChangeInput({
          change: { kind: 'upserted', event: { ...eventB, changeKey: 'ck-2' } },
          link: linkB,
          reservation,
          now,
        }),
      );
      expect(other.actions).toEqual([]);
    });
  });
});

describe('withoutReleasedOccurrences', () => {
  const moved = {
    kind: 'modified' as const,
    originalStart: SECOND,
    start: { dateTime: '2026-03-04T09:30:00', timeZone: 'Europe/Brussels' },
    end: { dateTime: '2026-03-04T10:30:00', timeZone: 'Europe/Brussels' },
  };
  const freedHere = aBooking({ ...series, exceptions: [{ kind: 'cancelled', originalStart: SECOND }] });

  test('an occurrence the room freed for a release reads as the reservation holds it, moved by the other rooms', () => {
    const reservation = aBooking({ ...series, exceptions: [moved] });
    expect(withoutReleasedOccurrences(freedHere, new Set([SECOND]), reservation).exceptions).toEqual([moved]);
  });

  test('as the series has it when the reservation did not change it; occurrences not released stay cancelled', () => {
    expect(withoutReleasedOccurrences(freedHere, new Set([SECOND]), aBooking(series)).exceptions).toEqual([]);
    expect(withoutReleasedOccurrences(freedHere, new Set(), aBooking({ ...series, exceptions: [moved] }))).toBe(
      freedHere,
    );
  });
});
